"""The read use cases on a real database (SQLite, and PostgreSQL when configured), over the
real mid-2024 files; expectations are read from the files themselves where possible."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from commands import Services
from data.domain.compare import win_probability
from data.domain.errors import NoData, QueryProblem
from data.domain.types import TopFilters
from tests.conftest import FIXTURES

pytestmark = pytest.mark.asyncio(loop_scope="module")

QWEN2 = "Qwen2-72B-Instruct"
CLAUDE = "Claude 3.5 Sonnet"
JULY = date(2024, 7, 10)


def page_csv(name: str) -> list[dict[str, str]]:
    """An Arena page CSV, as published."""
    with (FIXTURES / "lmarena" / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


async def test_rank_as_of_july_2024_answers_from_the_july_snapshot(mid_2024: Services) -> None:
    """Qwen2-72B-Instruct: #20 with 1187 on the Arena page CSV of 2024-07-07 (115 rows)."""
    result = await mid_2024.leaderboards.rank(QWEN2, "lmarena", JULY)
    [standing] = result.standings
    assert (standing.row.rank, standing.row.score, standing.board_size) == (20, 1187.0, 115)
    assert standing.as_of == date(2024, 7, 7)
    # The first stored Arena snapshot: no earlier one to tell a change from ("new" needs one).
    assert standing.previous_rank is None and not standing.is_new
    assert standing.tied_with == 5  # six models share Rank (UB) 20 on that page
    latest = await mid_2024.leaderboards.rank(QWEN2, "lmarena")
    assert latest.standings[0].row.rank == 31 and latest.standings[0].previous_rank == 20


async def test_compare_side_by_side_on_the_arena_with_win_odds(mid_2024: Services) -> None:
    """2024-07-07: Claude 3.5 Sonnet #2 (1272) vs Qwen2 #20 (1187): Claude wins 62 % expected."""
    result = await mid_2024.leaderboards.compare([QWEN2, CLAUDE], as_of=JULY)
    assert result.status == "match" and result.models[0] == QWEN2
    assert result.models[1].startswith(CLAUDE)  # the canonical name adds the version date
    arena = next(c for c in result.boards if c.board.board_id == "lmarena")
    qwen, claude = arena.overall.cells
    assert qwen is not None and claude is not None
    assert (qwen.rank, qwen.value, qwen.best) == (20, 1187.0, False)
    assert (claude.rank, claude.value, claude.best) == (2, 1272.0, True)
    assert arena.as_of == date(2024, 7, 7) and arena.overall.board_size == 115
    assert arena.leader == 1
    assert arena.leader_odds[0] == pytest.approx(win_probability(1272, 1187))
    # AlpacaEval added Qwen2 on 2024-08-17: on 2024-07-10 the two share no AlpacaEval board.
    assert "alpacaeval" not in {c.board.board_id for c in result.boards}


async def test_compare_lists_livebench_categories_and_open_llm_tasks(mid_2024: Services) -> None:
    """Categories come from the category boards of the same snapshot, tasks from the rows."""
    result = await mid_2024.leaderboards.compare([QWEN2, "llama 3 70b instruct"], "livebench")
    [livebench] = result.boards
    coding = next(line for line in livebench.details if line.label == "Coding")
    assert coding.board_id == "livebench_coding"
    assert all(cell is not None for cell in coding.cells)
    tasks = await mid_2024.leaderboards.compare(
        ["Qwen/Qwen2-72B-Instruct", "meta-llama/Meta-Llama-3-70B-Instruct"], "open_llm"
    )
    [open_llm] = tasks.boards
    ifeval = next(line for line in open_llm.details if line.label == "IFEval")
    assert next(cell.value for cell in ifeval.cells if cell) == 79.89  # the 2024-07-13 file


async def test_compare_refuses_the_same_model_twice(mid_2024: Services) -> None:
    with pytest.raises(QueryProblem) as caught:
        await mid_2024.leaderboards.compare([QWEN2, "qwen2 72b instruct"])
    assert caught.value.reason == "same_model"


async def test_compare_reports_an_unknown_model_without_guessing(mid_2024: Services) -> None:
    result = await mid_2024.leaderboards.compare([QWEN2, "gpt-9"])
    assert result.status == "none" and not result.boards
    assert [c.status for c in result.choices] == ["match", "none"]


async def test_top_open_weights_matches_the_published_licences(mid_2024: Services) -> None:
    """On 2024-07-07 the open-weights rows are those whose licence is not Proprietary."""
    expected = [r["model"] for r in page_csv("fboulnois_lmsys_2024-07-07.csv")]
    expected = [
        r["model"]
        for r in page_csv("fboulnois_lmsys_2024-07-07.csv")
        if r["license"].strip() and r["license"].strip() != "Proprietary"
    ]
    page = await mid_2024.leaderboards.top(
        "lmarena", filters=TopFilters(open_weights=True), per_page=10, as_of=JULY
    )
    assert [row.name for row in page.rows] == expected[:10]
    assert page.matching == len(expected) and page.board_size == 115
    second = await mid_2024.leaderboards.top(
        "lmarena", filters=TopFilters(open_weights=True), page=2, per_page=10, as_of=JULY
    )
    assert [row.name for row in second.rows] == expected[10:20]


async def test_top_parameter_range_on_the_open_llm_leaderboard(mid_2024: Services) -> None:
    path = FIXTURES / "open_llm_leaderboard" / "fboulnois_huggingface_v2_2024-07-13.csv"
    with path.open(newline="", encoding="utf-8") as file:
        rows = sorted(csv.DictReader(file), key=lambda r: -float(r["average"]))
    expected = [r["model"] for r in rows if 7 <= float(r["params_b"] or 0) <= 9]
    page = await mid_2024.leaderboards.top(
        "open_llm", filters=TopFilters(min_params=7, max_params=9), per_page=25
    )
    assert page.matching == len(expected)
    assert [row.name for row in page.rows] == expected[:25]


async def test_top_category_and_as_of(mid_2024: Services) -> None:
    page = await mid_2024.leaderboards.top("livebench", category="coding", per_page=3)
    assert page.board.board_id == "livebench_coding" and page.as_of == date(2024, 9, 7)
    assert [row.rank for row in page.rows] == [1, 2, 3]
    with pytest.raises(NoData):
        await mid_2024.leaderboards.top("lmarena", as_of=date(2020, 1, 1))


async def test_top_refuses_filters_a_board_cannot_answer(mid_2024: Services) -> None:
    with pytest.raises(QueryProblem) as caught:
        await mid_2024.leaderboards.top("alpacaeval", filters=TopFilters(open_weights=True))
    assert caught.value.reason == "no_licences"


async def test_history_on_the_arena(mid_2024: Services) -> None:
    """Both Arena snapshots list Qwen2: #20 on 2024-07-07, #31 on 2024-08-14, 1187 each time."""
    history = await mid_2024.leaderboards.history([QWEN2], "lmarena")
    [series] = history.series
    assert [(p.as_of, p.rank, p.score, p.board_size) for p in series.points] == [
        (date(2024, 7, 7), 20, 1187.0, 115),
        (date(2024, 8, 14), 31, 1187.0, 128),
    ]
    assert not history.board_chosen


async def test_history_without_a_board_picks_the_longest_shared_one(mid_2024: Services) -> None:
    """Qwen2 and Claude share two snapshots on the Arena, Arena-Hard and LiveBench; Qwen2's best
    relative rank among those is on the Arena."""
    history = await mid_2024.leaderboards.history([QWEN2, CLAUDE])
    assert history.board is not None and history.board.board_id == "lmarena"
    assert history.board_chosen
    assert [len(s.points) for s in history.series] == [2, 2]
    assert [s.model[:17] for s in history.series] == [QWEN2[:17], CLAUDE]


async def test_search_match_ambiguous_and_none(mid_2024: Services) -> None:
    found = await mid_2024.leaderboards.search("qwen2 72b instruct")
    assert found.status == "match"
    assert {m.model for m in found.matches} == {QWEN2}
    assert {"lmarena", "open_llm", "alpacaeval"} <= {m.board_id for m in found.matches}
    on_board = await mid_2024.leaderboards.search("qwen2 72b instruct", "alpacaeval")
    assert [(m.board_id, m.name) for m in on_board.matches] == [
        ("alpacaeval", "Qwen2 72B Instruct")
    ]
    assert on_board.board_filter == "alpacaeval"
    ambiguous = await mid_2024.leaderboards.search("claude")
    assert ambiguous.status == "ambiguous" and len({m.model for m in ambiguous.matches}) > 1
    nothing = await mid_2024.leaderboards.search("gpt-9")
    assert nothing.status == "none"


async def test_about_and_boards_report_freshness(mid_2024: Services) -> None:
    """Snapshot dates from the data; checks only from fetches (local imports say nothing about
    the live source, so the data set, loaded from files, was never checked)."""
    about = await mid_2024.leaderboards.about()
    by_source = {s.source_id: s for s in about.sources}
    assert by_source["lmarena"].newest_snapshot == date(2024, 8, 14)
    assert by_source["lmarena"].last_status is None
    assert by_source["lmarena"].last_success is None
    assert by_source["livebench"].boards == 7
    assert about.boards == sum(s.boards for s in about.sources)
    summaries = await mid_2024.leaderboards.board_summaries()
    arena = next(s for s in summaries if s.board.board_id == "lmarena")
    assert (arena.rows, arena.as_of, arena.last_success) == (128, date(2024, 8, 14), None)
    assert arena.source_title and arena.homepage.startswith("https://")
