"""A model subscription on SWE-bench follows every submission run with the model, whichever of
the submission's model tags it is (not only its first).

SWE-bench Verified went from 2025-10-06 to 2025-11-19; the submission followed is read from the
two files: one that moved at least the rule's places and names the model after another one.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.services import open_services
from bot.settings import Settings
from data.domain.delivery import outbox_item
from data.domain.names import identify
from data.domain.types import Row
from data.store.session import create_engine, create_session_factory
from tests.changes import real_board
from tests.conftest import FrozenClock, fixture_file
from tests.subscriptions.conftest import ALICE, World, follow_model

OCTOBER = "swebench/swebench_leaderboards_as_of_2025-10-06.json"
NOVEMBER = "swebench/swebench_leaderboards_as_of_2025-11-19.json"
MIN_MOVE = 3


def moved_under_a_later_tag() -> tuple[Row, str]:
    """A submission on both boards that moved ``MIN_MOVE`` places or more, and a model tag of
    it (not the first, and another model than the first)."""
    before = {row.key: row for row in real_board("swebench", "swebench", OCTOBER)}
    for row in real_board("swebench", "swebench", NOVEMBER):
        old = before.get(row.key)
        if old is None or old.rank is None or row.rank is None or not row.models:
            continue
        if abs(old.rank - row.rank) < MIN_MOVE:
            continue
        first = identify(row.models[0], row.models[0]).slug
        for tag in row.models[1:]:
            if identify(tag, tag).slug != first:
                return row, tag
    raise AssertionError("the files hold no such submission")


async def test_a_model_subscription_follows_submissions_under_any_of_their_tags(
    database_url: str, settings_for: Callable[..., Settings], clock: FrozenClock
) -> None:
    """Following the later tag's model: the submission's move reaches the follower."""
    submission, tag = moved_under_a_later_tag()
    engine = create_engine(database_url)
    try:
        async with open_services(settings_for(database_url), clock=clock) as services:
            world = World(services, create_session_factory(engine), clock)
            october = await services.loading.import_files(
                "swebench", [fixture_file(OCTOBER)], via="fetch"
            )
            assert october.status == "new"
            followed = await follow_model(services, ALICE, tag, board="swebench", min_move=MIN_MOVE)
            assert followed.model_slug == identify(tag, tag).slug
            november = await services.loading.import_files(
                "swebench", [fixture_file(NOVEMBER)], via="fetch"
            )
            assert november.status == "new"
            [row] = [r for r in await world.outbox() if r.destination == f"user:{ALICE}"]
            [section] = outbox_item(row.id, row.destination, 0, row.payload).sections
            assert submission.key in {change.key for change in section.changes}
    finally:
        await engine.dispose()
