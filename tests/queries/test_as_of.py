"""`as_of` resolves names among the boards of that date, not today's."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date

import pytest

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.domain.errors import NoData
from tests.conftest import fixture_file


@pytest.fixture
async def services(
    database_url: str, settings_for: Callable[..., Settings]
) -> AsyncIterator[Services]:
    """The Arena page CSVs of 2024-07-07 and 2025-08-04 (which adds the 20241022 Sonnet)."""
    async with open_services(settings_for(database_url)) as opened:
        for name in ("fboulnois_lmsys_2024-07-07.csv", "fboulnois_lmarena_text_2025-08-04.csv"):
            report = await opened.loading.import_files("lmarena", [fixture_file(f"lmarena/{name}")])
            assert report.status == "new"
        yield opened


async def test_a_name_means_the_model_of_that_date(services: Services) -> None:
    """Today 'claude 3.5 sonnet' is the 2024-10-22 model; in July 2024 it was the June one."""
    today = await services.leaderboards.rank("claude 3.5 sonnet", "lmarena")
    assert [s.row.name for s in today.standings] == ["Claude 3.5 Sonnet (20241022)"]
    july = await services.leaderboards.rank("claude 3.5 sonnet", "lmarena", date(2024, 7, 10))
    assert july.status == "match"
    [standing] = july.standings
    assert (standing.row.name, standing.row.rank, standing.row.score) == (
        "Claude 3.5 Sonnet",
        2,
        1272,
    )
    assert standing.as_of == date(2024, 7, 7)


async def test_compare_as_of_finds_both_models_of_that_date(services: Services) -> None:
    """GPT-4o (05-13) and Claude 3.5 Sonnet were both on the July 2024 board."""
    comparison = await services.leaderboards.compare(
        ["gpt-4o-2024-05-13", "claude 3.5 sonnet"], "lmarena", date(2024, 7, 10)
    )
    assert [c.status for c in comparison.choices] == ["match", "match"]
    assert [b.board.board_id for b in comparison.boards] == ["lmarena"]


async def test_a_date_before_any_snapshot_says_there_is_no_data(services: Services) -> None:
    """Not 'no model matches': there was no board yet."""
    with pytest.raises(NoData):
        await services.leaderboards.rank("qwen2", None, date(2020, 1, 1))
