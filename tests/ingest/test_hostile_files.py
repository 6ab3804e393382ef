"""Mutated real files through the whole import path: refused with a reason, or stored whole.

``podium import`` (``LoadingService.import_files``) over a real database, on both
backends: after each mutated file, the snapshots stored before are untouched, a refusal adds
nothing but its line in the check log, and every stored snapshot holds exactly the rows it
counts, so no load is ever half stored. The mutations are those of
``tests/sources/test_properties.py``; a few examples per backend keep the suite fast.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.domain.types import SourceFile
from tests.conftest import FrozenClock
from tests.faults.storage import stored, whole
from tests.sources.test_all_fixtures import files_for, source_of
from tests.sources.test_properties import SMALL, mutated


@settings(
    max_examples=8,
    deadline=None,  # database round trips on a busy machine; the count bounds the time
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_a_mutated_file_is_refused_or_stored_whole_and_earlier_data_stays(
    database_url: str,
    settings_for: Callable[..., Settings],
    clock: FrozenClock,
    data: st.DataObject,
) -> None:
    """One database for every example, so refusals meet data stored by earlier ones."""
    path = data.draw(st.sampled_from(SMALL), label="file")
    source_id = source_of(path)
    [main, *companions] = files_for(path)
    content = data.draw(mutated(main.content), label="mutated")
    # Files of one source meet in one database in any order: the vanished-models check
    # (tested in test_ingest.py) would refuse some originals; here only storage is the point.
    settings = settings_for(database_url, PODIUM_MAX_VANISHED_SHARE=1)
    async with open_services(settings, clock=clock) as services:
        await import_original(services, source_id, [main, *companions])
        before, checks = await stored(database_url)

        report = await services.loading.import_files(
            source_id, [SourceFile(main.name, content), *companions]
        )

    after, checks_after = await stored(database_url)
    assert checks_after == checks + 1  # every attempt is logged, refused or not
    assert whole(after)
    if report.status == "refused":
        assert report.reason.strip()
        assert after == before
    else:
        assert report.status in ("new", "unchanged")
        assert before <= after
        added = {board for _, board, _, _ in after - before}
        assert added == {b.board_id for b in report.boards if b.status == "new"}


async def import_original(services: Services, source_id: str, files: list[SourceFile]) -> None:
    """The file as published: the data a refused mutation must leave as it was."""
    report = await services.loading.import_files(source_id, files)
    assert report.status in ("new", "unchanged"), report.reason
