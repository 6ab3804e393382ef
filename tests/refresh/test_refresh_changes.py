"""``podium refresh`` (and import) print the ranking changes they found, one per line."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.progress import print_changes
from bot.services import open_services
from bot.settings import Settings
from tests.conftest import fixture_file


async def test_changes_are_printed_per_board_without_markdown(
    database_url: str, settings_for: Callable[..., Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    """The Arena from 2024-07-07 to 2024-08-14: the new leader first, Qwen2's fall among them."""
    async with open_services(settings_for(database_url)) as services:
        for name in ("fboulnois_lmsys_2024-07-07.csv", "fboulnois_lmsys_2024-08-14.csv"):
            report = await services.loading.import_files(
                "lmarena", [fixture_file(f"lmarena/{name}")]
            )
        await print_changes(services, [report])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "lmarena: ChatGPT-4o-latest (2024-08-08): new at #1 · new #1 (before: GPT-4o-2024-05-13)"
        " · enters the top 10 · new on the board"
    )
    assert "lmarena: Qwen2-72B-Instruct: #20 → #31 ▼11" in lines
    assert not any("**" in line for line in lines)
