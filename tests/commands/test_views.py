"""``/top``'s page buttons and "go to" dialog: custom_ids within Discord's limits whatever the
board, and every page of a large board reachable (a page past the end shows the last one)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import Any, cast

import discord
import pytest

from commands import Services
from commands.spec import Options
from commands.text import Invocation, digest
from commands.top import TopOptions, top
from commands.views import CUSTOM_ID, JumpModal, PageButton, board_key, page_view
from data.domain.filters import top_page
from data.domain.types import ParsedBoard, TopFilters, TopPage
from data.sources import board_facts
from tests.sources.helpers import parse

CATEGORY = "industry business and management and financial operations"
ARENA_CATALOG = (
    "lmarena/arenacatalog_leaderboard-text_2025-12-11.json",
    "lmarena/arenacatalog_leaderboard-text-style-control_2025-12-11.json",
)
OPEN_LLM_V1 = "open_llm_leaderboard/fboulnois_huggingface_v1_2024-06-19.csv"


def longest_real_board_id() -> str:
    """The longest board id the Arena publishes (its style-controlled category boards)."""
    ids = [b.board.board_id for f in ARENA_CATALOG for b in parse("lmarena", f).boards]
    return max(ids, key=len)


class OneBoard:
    """``LeaderboardService.top`` over one parsed board, without a database."""

    def __init__(self, parsed: ParsedBoard, as_of: date) -> None:
        self.parsed = parsed
        self.as_of = as_of

    async def top(
        self,
        board: str | None = None,
        *,
        category: str | None = None,
        filters: TopFilters | None = None,
        page: int = 1,
        per_page: int = 10,
        as_of: date | None = None,
    ) -> TopPage:
        rows = self.parsed.rows
        board = self.parsed.board
        facts = board_facts(board.board_id)
        return top_page(
            board, self.as_of, rows, filters or TopFilters(), page, per_page, facts=facts
        )


@pytest.fixture(scope="module")
def open_llm_v1() -> Services:
    """Services answering ``/top`` from the Open LLM Leaderboard v1 (7,065 rows)."""
    snapshot = parse("open_llm", OPEN_LLM_V1)
    [board] = snapshot.boards
    assert snapshot.as_of is not None
    return cast(Services, SimpleNamespace(leaderboards=OneBoard(board, snapshot.as_of)))


def custom_ids(view: discord.ui.View) -> list[str]:
    return [cast(discord.ui.Button[Any], item).custom_id or "" for item in view.children]


async def test_page_buttons_fit_discord_for_the_longest_real_board_id() -> None:
    """``/top lmarena_style category:industry business …`` answers with working buttons."""
    board_id = longest_real_board_id()
    assert board_id == "lmarena_style_industry_business_and_management_and_financial_operations"
    invocation = Invocation("top", TopOptions(board="lmarena_style", category=CATEGORY))
    ids = custom_ids(page_view(board_id, 2, 12_345, invocation))
    assert len(ids) == 5
    template = PageButton.__discord_ui_compiled_template__
    for custom_id in ids:
        assert len(custom_id) <= CUSTOM_ID
        match = template.fullmatch(custom_id)
        assert match is not None, custom_id
        rebuilt = await PageButton.from_custom_id(cast(Any, None), cast(Any, None), match)
        assert rebuilt.item.custom_id == custom_id
        assert rebuilt.digest == digest(invocation)
    assert ids[0] == f"top:{board_id}:1:{digest(invocation)}:f"  # it fits: shown in full


def test_a_board_id_too_long_for_a_custom_id_gets_a_short_stable_key() -> None:
    long_id = "lmarena_style_" + "very_long_category_name_" * 6
    twin = long_id + "x"
    key = board_key(long_id, 60)
    assert len(key) == 60 and key.startswith("lmarena_style_very_long")
    assert key == board_key(long_id, 60) != board_key(twin, 60)
    assert board_key("lmarena", 60) == "lmarena"
    ids = custom_ids(page_view(twin, 1, 99_999, Invocation("top", TopOptions(board="x"))))
    assert all(
        len(i) <= CUSTOM_ID and PageButton.__discord_ui_compiled_template__.fullmatch(i)
        for i in ids
    )


async def test_the_last_page_of_a_large_board_is_shown(open_llm_v1: Services) -> None:
    """``/top open_llm_v1 n:5`` has 1,413 pages: "Last ⏭" (page 1413) answers it, and a page
    past the end shows the last page instead of being refused."""
    first = await top(open_llm_v1, TopOptions(board="open_llm_v1", n=5))
    assert first.pages == 1413
    options = TopOptions(board="open_llm_v1", n=5)
    invocation = Invocation("top", options)
    last_button = custom_ids(page_view("open_llm_v1", 1, first.pages, invocation))[3]
    match = PageButton.__discord_ui_compiled_template__.fullmatch(last_button)
    assert match is not None and match["role"] == "l"
    last = await top(open_llm_v1, replace(options, page=int(match["page"])))
    assert (last.page, len(last.rows)) == (1413, 5)
    assert last.rows[-1].position == 7065
    beyond = await top(open_llm_v1, replace(options, page=99999))
    assert beyond.page == 1413


async def test_go_to_a_page_past_the_end_shows_the_last_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dialog takes as many digits as the page count has, and clamps like /top does."""
    asked: list[TopOptions] = []

    class Top:
        async def answer(self, interaction: Any, options: Options, *, update: bool = False) -> None:
            assert isinstance(options, TopOptions)
            asked.append(options)

    monkeypatch.setattr("commands.views.answering", lambda interaction, command: Top())
    modal = JumpModal(Invocation("top", TopOptions(board="open_llm_v1", n=1)), pages=7065)
    assert modal.page.max_length == 4
    for typed in ("1413", "7065", "9999"):
        modal.page._value = typed
        await modal._act(cast(Any, None))
    assert [options.page for options in asked] == [1413, 7065, 7065]
    assert JumpModal(Invocation("top", TopOptions()), pages=12_345).page.max_length == 5
