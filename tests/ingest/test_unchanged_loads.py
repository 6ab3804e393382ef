"""A load of the very files a source last loaded is recognised before parsing, and only while
nothing else stored a snapshot of that source since."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.domain.types import LoadReport
from data.store.session import create_engine, create_session_factory
from data.store.tables import SourceCheckTable
from tests.conftest import fixture_file

JULY, AUGUST = "lmarena/fboulnois_lmsys_2024-07-07.csv", "lmarena/fboulnois_lmsys_2024-08-14.csv"
#: Both pages loaded for one day, so whichever was stored last is that day's board.
DAY = date(2024, 9, 1)


async def load(services: Services, name: str) -> LoadReport:
    """Import one Arena page CSV as of ``DAY``."""
    return await services.loading.import_files("lmarena", [fixture_file(name)], DAY)


async def unchanged_checks(url: str) -> int:
    """How many loads were logged as unchanged."""
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            query = select(func.count()).where(SourceCheckTable.status == "unchanged")
            return int(await session.scalar(query) or 0)
    finally:
        await engine.dispose()


async def test_the_same_files_again_are_unchanged_with_the_boards_reported(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """The second load reports the same boards, rows and date, unchanged, and is logged."""
    async with open_services(settings_for(database_url)) as services:
        first = await load(services, JULY)
        again = await load(services, JULY)
    assert first.status == "new" and again.status == "unchanged"
    assert [(b.board_id, b.rows, b.as_of) for b in again.boards] == [
        (b.board_id, b.rows, b.as_of) for b in first.boards
    ]
    assert all(b.status == "unchanged" and not b.changes for b in again.boards)
    assert await unchanged_checks(database_url) == 1


async def test_a_snapshot_stored_by_another_process_is_not_mistaken_for_unchanged(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """July, then August from another process, then July again: that day's board is August's,
    so July is new again, not "unchanged"."""
    settings = settings_for(database_url)
    async with open_services(settings) as one, open_services(settings) as other:
        assert (await load(one, JULY)).status == "new"
        assert (await load(other, AUGUST)).status == "new"
        assert (await load(one, JULY)).status == "new"
        assert (await load(one, JULY)).status == "unchanged"
