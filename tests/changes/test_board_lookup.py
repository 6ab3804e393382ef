"""Which board a user means: exact readings first, then a fuzzy title only when it clearly wins."""

from __future__ import annotations

import pytest

from data.domain.board_lookup import find_board, main_board, similar_board_ids, similar_boards
from data.domain.types import BoardInfo

# Real boards (ids, sources, titles, categories) as the adapters publish them.
BOARDS = {
    info.board_id: info
    for info in (
        BoardInfo("lmarena", "lmarena", "LMArena Text", "", "Arena score", ""),
        BoardInfo("lmarena_style", "lmarena", "LMArena Text (style control)", "", "score", ""),
        BoardInfo("lmarena_coding", "lmarena", "LMArena Text: coding", "", "s", "", True, "coding"),
        BoardInfo(
            "lmarena_style_coding",
            "lmarena",
            "LMArena Text (style control): coding",
            "",
            "s",
            "",
            True,
            "coding",
        ),
        BoardInfo("mtbench", "lmarena", "MT-Bench", "", "score", ""),
        BoardInfo("arena_hard", "arena_hard", "Arena-Hard-Auto", "", "win rate", ""),
        BoardInfo("arena_hard_style", "arena_hard", "Arena-Hard-Auto (style control)", "", "w", ""),
        BoardInfo("alpacaeval", "alpacaeval", "AlpacaEval 2.0", "", "LC win rate", ""),
        BoardInfo("alpacaeval_v1", "alpacaeval", "AlpacaEval 1.0", "", "win rate", ""),
        BoardInfo("open_llm", "open_llm", "Open LLM Leaderboard v2", "", "average", ""),
        BoardInfo("open_llm_v1", "open_llm", "Open LLM Leaderboard v1", "", "average", ""),
        BoardInfo("livebench", "livebench", "LiveBench", "", "global average", ""),
        BoardInfo(
            "livebench_coding", "livebench", "LiveBench: Coding", "", "s", "", True, "Coding"
        ),
        BoardInfo("superclue", "superclue", "SuperCLUE 总排行榜 (overall)", "", "总分", ""),
        BoardInfo(
            "superclue_code", "superclue", "SuperCLUE 代码 (coding)", "", "s", "", True, "代码"
        ),
    )
}


@pytest.mark.parametrize(
    ("text", "board_id"),
    [
        ("lmarena", "lmarena"),  # an id
        ("  LMArena_Style ", "lmarena_style"),  # an id, case and spaces aside
        ("LMArena Text", "lmarena"),  # a title
        ("mt bench", "mtbench"),  # squashed id
        ("MT-Bench", "mtbench"),  # squashed title
        ("open llm", "open_llm"),  # squashed source id -> its main board
        ("alpaca eval", "alpacaeval"),  # source id; the main board, not v1
        ("arena hard", "arena_hard"),  # fuzzy: the title without extra words wins
        ("arena hard style control", "arena_hard_style"),
        ("livebench coding", "livebench_coding"),
        ("superclue overall", "superclue"),
        ("lmarena text coding", "lmarena_coding"),
        ("LiveBnech", "livebench"),  # a typo
        ("chatbot arena", "lmarena"),  # nicknames of the Arena
        ("arena", "lmarena"),
        ("LMSYS", "lmarena"),
    ],
)
def test_find_board_reads_ids_sources_and_titles(text: str, board_id: str) -> None:
    """Each way of naming a board finds the one a user means."""
    found = find_board(BOARDS, text)
    assert found is not None and found.board_id == board_id


@pytest.mark.parametrize(
    "text",
    [
        *("", "   ", "---", "chatbot", "open llm leaderboard", "zzz"),
        "models",  # only a word of a title's description (SuperCLUE's open-source models)
        "coding",  # a category of several sources
        "style control",  # the Arena's or Arena-Hard's
        "chatbot arena hard",  # no board has "chatbot"
    ],
)
def test_find_board_refuses_what_is_unclear_or_unknown(text: str) -> None:
    """Nothing, or a near tie (v1 vs v2), is no answer: the caller lists suggestions."""
    assert find_board(BOARDS, text) is None


def test_similar_boards_lists_the_closest_first() -> None:
    """'No board called ...' answers start with what the user probably meant."""
    assert similar_board_ids(BOARDS, "open llm leaderbord")[:2] == ["open_llm", "open_llm_v1"]
    titles = similar_boards(BOARDS, "open llm leaderbord")
    assert titles[:2] == ["Open LLM Leaderboard v2", "Open LLM Leaderboard v1"]
    assert len(titles) <= 5


def test_main_board_prefers_boards_without_category_and_the_shortest_id() -> None:
    """A source's main board: ``lmarena``, not its style or category boards."""
    main = main_board(BOARDS, "lmarena")
    assert main is not None and main.board_id == "lmarena"
    assert main_board(BOARDS, "nope") is None
