"""The shared wording in zh-CN: the same figures, ranks and dates, Chinese words around them."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from rich.console import Console

from commands import wording
from commands.boards import boards_view
from commands.errors import error_text, problem_text
from commands.i18n import speaking
from commands.parsing import BadOption, parse_int
from commands.rank.cog import rank_embed
from commands.resolution import unresolved_text
from commands.search import search_view
from data.domain import notes
from data.domain.errors import QueryProblem, UnknownBoard
from data.domain.types import (
    BoardInfo,
    BoardStanding,
    BoardSummary,
    Candidate,
    RankResult,
    Row,
    SearchResult,
    TopFilters,
)

ARENA = BoardInfo("lmarena", "lmarena", "LMArena Text", "", "Arena score", "https://lmarena.ai")


def standing(rank: int | None, tied_with: int = 0, *, ci: bool = True) -> BoardStanding:
    low, high = (1283.0, 1291.0) if ci else (None, None)
    row = Row("gpt-4o", "GPT-4o", rank, 1287.0, rank or 1, ci_lower=low, ci_upper=high)
    return BoardStanding(ARENA, row, date(2024, 8, 14), 130, tied_with=tied_with)


def quote(text: str, limit: int) -> str:
    return text[:limit]


def test_ranks_dates_and_costs_in_chinese_keep_their_figures() -> None:
    """Ties, unranked rows, stale and retired dates, costs and filters read Chinese."""
    with speaking("zh-CN"):
        assert wording.rank_text(standing(2).row, tied_with=1) == "#2（并列）"
        assert wording.rank_text(Row("x", "X", None, None, 1)) == "未排名"
        assert wording.dated(date(2024, 8, 14), "published", "stale") == (
            "⚠ 已过时：最新数据 2024-08-14"
        )
        assert wording.retired(date(2025, 3, 21)) == "已停更，最终快照 2025-03-21"
        assert (
            wording.dated(date(2026, 12, 3), "fetched", "live", "截至") == "截至 获取于 2026-12-03"
        )
        assert wording.not_live(["stale", "live", "retired"]) == "⚠ 2 个榜单未及时更新"
        assert wording.cost(0.0105) == "$0.0105/题"
        assert wording.number(1187.456) == "1,187.46"
        filters = TopFilters(open_weights=True, organization="Meta", min_params=7, max_params=70)
        assert wording.filters_text(filters) == "开放权重 · 机构“Meta” · 7–70B 参数"
        assert wording.rank_explanation(standing(3, tied_with=2)).startswith(
            "与另外 2 个模型并列。"
        )
        assert "排名（UB）" in wording.rank_explanation(standing(3))


def test_english_plurals_and_the_chinese_single_form() -> None:
    """gettext plural forms: English keeps its wording for 1 and many; Chinese has one form."""
    assert wording.not_live(["stale"]) == "⚠ 1 board not up to date"
    with speaking("zh-CN"):
        assert wording.not_live(["stale"]) == "⚠ 1 个榜单未及时更新"


def test_errors_and_unknown_names_in_chinese() -> None:
    """A user who typed a wrong board, option or model is told so in Chinese."""
    with speaking("zh-CN"):
        assert error_text(UnknownBoard("nosuch", ["LMArena Text"])) == (
            "没有名为“nosuch”的榜单；你是不是指 LMArena Text？请看 /榜单列表。"
        )
        try:
            parse_int("x", "n", 1, 25)
        except BadOption as error:
            assert error_text(error) == "无法读取 n：应为1 到 25 之间的整数。"
        assert problem_text(QueryProblem("model_count", "5")) == "请写二至四个模型（你写了 5 个）。"
        assert unresolved_text("clod", "none", ["Claude 3.5 Sonnet"], quote) == (
            "没有与“clod”匹配的模型；你是不是指 Claude 3.5 Sonnet？"
        )
    parsed = None
    try:
        parse_int("x", "n", 1, 25)
    except BadOption as error:
        parsed = error_text(error)
    assert parsed == "Could not read n: expected a whole number from 1 to 25."


def test_board_titles_follow_the_locale() -> None:
    """A board with a Chinese title shows it to zh-CN readers; English readers and boards
    without one keep the published title."""
    superclue = BoardInfo(
        "superclue",
        "superclue",
        "SuperCLUE overall",
        "",
        "总分",
        "",
        True,
        None,
        "SuperCLUE 总排行榜",
    )
    assert wording.board_title(superclue) == "SuperCLUE overall"
    with speaking("zh-CN"):
        assert wording.board_title(superclue) == "SuperCLUE 总排行榜"
        assert wording.board_title(ARENA) == "LMArena Text"


def test_source_notes_and_score_labels_read_chinese() -> None:
    """A note one of our sources writes and a known score label are the catalogue's, not the
    stored English; an unknown note or label shows as published."""
    reference = Row("gpt-4", "GPT-4", None, 80.0, 1, rank_note=notes.REFERENCE)
    adversarial = Row("null", "Null model", None, 80.0, 1, rank_note=notes.ADVERSARIAL)
    other = Row("x", "X", None, None, 1, rank_note="withdrawn by authors")
    superclue = BoardInfo("superclue", "superclue", "SuperCLUE", "", "Score", "https://x")
    custom = BoardInfo("b", "b", "B", "", "Elo (custom)", "https://x")
    with speaking("zh-CN"):
        assert wording.rank_text(reference) == "未排名（参考模型，不参与排名）"
        assert wording.cell_rank(None, adversarial.rank_note) == "对抗性测试条目"
        assert wording.rank_text(other) == "未排名（withdrawn by authors）"
        assert wording.score_label(ARENA) == "竞技场得分"
        assert wording.score_label(superclue) == "得分"
        assert wording.score_label(custom) == "Elo (custom)"
    assert wording.rank_text(reference) == "unranked (reference model, not ranked)"
    assert wording.score_label(ARENA) == "Arena score"


def _text(renderable: object) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_console_board_states_and_search_status_read_chinese() -> None:
    """The console's ``/boards`` state column and ``/search`` title use the reader's words."""
    summary = BoardSummary(ARENA, date(2024, 8, 14), 130, "LMArena", "CC-BY", state="failing")
    result = SearchResult("kimi", "ambiguous")
    with speaking("zh-CN"):
        boards = _text(boards_view([summary]))
        assert "更新失败" in boards and "failing" not in boards
        assert "搜索：kimi（有多个匹配）" in _text(search_view(result))
    assert "failing" in _text(boards_view([summary]))
    assert "Search: kimi (ambiguous)" in _text(search_view(result))


def test_also_names_boards_by_their_title_in_the_readers_language() -> None:
    """The rank embed's "also:" names each board by its (localised) title, not its id."""
    board = BoardInfo("superclue", "superclue", "SuperCLUE", "", "Score", "https://x")
    board = replace(board, title_zh="SuperCLUE 总排行榜")
    row = Row("qwen2-72b", "Qwen2-72B", 3, 80.0, 1)
    other = Candidate("superclue", "Qwen2-7B", "Qwen2-7B", 1.0, rank=9)
    result = RankResult(
        "qwen2",
        "match",
        "Qwen2-72B",
        (BoardStanding(board, row, date(2024, 8, 14), 40),),
        alternatives=(other,),
    )
    with speaking("zh-CN"):
        assert "Qwen2-7B #9 (SuperCLUE 总排行榜)" in str(rank_embed(result).description)
    assert "Qwen2-7B #9 (SuperCLUE)" in str(rank_embed(result).description)
