"""A board's Chinese title is stored with it and read back, on SQLite and PostgreSQL, and a
board can be named by it through the service; a board's descriptive fields follow its source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from bot.services import open_services
from bot.settings import Settings
from data.sources.superclue.boards import OPEN_SOURCE_BOARD, OVERALL_BOARD
from data.store.repositories import LeaderboardRepository
from data.store.session import create_engine, create_session_factory
from tests.conftest import fixture_file


async def test_chinese_titles_are_stored_and_name_boards(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    async with open_services(settings_for(database_url)) as services:
        report = await services.loading.import_files(
            "superclue", [fixture_file("superclue/superclue_2023-12.md")], date(2023, 12, 28)
        )
        assert report.status == "new"
        by_chinese = await services.leaderboards.board("SuperCLUE中文大模型测评基准")
        open_source = await services.leaderboards.board("SuperCLUE开源模型排行榜")
    assert by_chinese.board_id == "superclue"
    assert by_chinese.title_zh == OVERALL_BOARD.title_zh
    assert by_chinese.title_for("zh-CN") == "SuperCLUE中文大模型测评基准：总排行榜"
    assert open_source.board_id == OPEN_SOURCE_BOARD.board_id
    assert open_source.title_zh == "SuperCLUE开源模型排行榜"


async def test_boards_are_created_then_their_changed_fields_rewritten(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """One call creates both boards; a second brings the renamed one up to date (a title
    dropped too) and leaves the other as it was."""
    async with open_services(settings_for(database_url)):
        pass  # the schema
    renamed = replace(OVERALL_BOARD, title="SuperCLUE (renamed)", title_zh=None, url="https://x")
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)
    try:
        for boards in ([OVERALL_BOARD, OPEN_SOURCE_BOARD], [renamed, OPEN_SOURCE_BOARD]):
            async with sessions() as session, session.begin():
                await LeaderboardRepository(session).upsert_boards(boards)
        async with sessions() as session:
            stored = await LeaderboardRepository(session).boards()
    finally:
        await engine.dispose()
    assert stored == {renamed.board_id: renamed, OPEN_SOURCE_BOARD.board_id: OPEN_SOURCE_BOARD}
