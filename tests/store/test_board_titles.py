"""A board's Chinese title is stored with it and read back, on SQLite and PostgreSQL, and a
board can be named by it through the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bot.services import open_services
from bot.settings import Settings
from data.sources.superclue.boards import OPEN_SOURCE_BOARD, OVERALL_BOARD
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
