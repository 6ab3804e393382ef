"""LiveBench: averages recomputed like the site, costs, file pairing, and the release list."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from statistics import fmean

import pytest

from data.domain.costs import cost_per_question
from data.domain.errors import SourceFormatError, SourceUnavailable
from data.domain.types import SourceFile
from data.sources.base import Validators
from data.sources.livebench import LiveBenchSource, read_release_list
from tests.sources.helpers import FakeFetcher, board, fixture, parse, row

TABLE_0819 = "livebench/livebench_table_2024_07_26_as_of_2024-08-19.csv"
TABLE_0907 = "livebench/livebench_table_2024_07_26_as_of_2024-09-07.csv"
CATEGORIES_0726 = "livebench/livebench_categories_2024_07_26.json"
TABLE_2411 = "livebench/livebench_table_2024_11_25_as_of_2025-03-31.csv"
CATEGORIES_2411 = "livebench/livebench_categories_2024_11_25.json"
TABLE_2601 = "livebench/livebench_table_2026_01_08_as_of_2026-06-30.csv"
CATEGORIES_2601 = "livebench/livebench_categories_2026_01_08.json"


@pytest.mark.parametrize("table", [TABLE_0819, TABLE_0907])
def test_recomputed_global_average_of_release_2024_07_26(table: str) -> None:
    # SOURCES.md: claude-3-5-sonnet-20240620 59.87, gpt-4o-2024-08-06 56.71,
    # chatgpt-4o-latest 54.71 -- true of both tables of that release.
    overall = board(parse("livebench", table, CATEGORIES_0726), "livebench")
    top = [(r.name, round(r.score or 0.0, 2), r.rank) for r in overall.rows[:3]]
    assert top == [
        ("claude-3-5-sonnet-20240620", 59.87, 1),
        ("gpt-4o-2024-08-06", 56.71, 2),
        ("chatgpt-4o-latest", 54.71, 3),
    ]


def test_the_two_tables_of_one_release_differ_in_models_and_as_of() -> None:
    early = parse("livebench", TABLE_0819, CATEGORIES_0726)
    late = parse("livebench", TABLE_0907, CATEGORIES_0726)
    assert (early.as_of, late.as_of) == (date(2024, 8, 19), date(2024, 9, 7))
    assert (len(early.boards[0].rows), len(late.boards[0].rows)) == (66, 73)
    assert "deepseek-chat-v2" in {r.name for r in early.boards[0].rows}
    assert "deepseek-chat-v2" not in {r.name for r in late.boards[0].rows}
    assert row(early.boards[0], "qwen2-72b-instruct").metrics["release"] == "2024-07-26"


def test_category_boards_and_task_metrics() -> None:
    snapshot = parse("livebench", TABLE_0819, CATEGORIES_0726)
    assert [b.board.board_id for b in snapshot.boards] == [
        "livebench",
        "livebench_reasoning",
        "livebench_coding",
        "livebench_mathematics",
        "livebench_data_analysis",
        "livebench_language",
        "livebench_if",
    ]
    coding = board(snapshot, "livebench_coding")
    assert coding.board.category == "Coding"
    claude = row(coding, "claude-3-5-sonnet-20240620")
    # LCB_generation 57.692, coding_completion 64.0
    assert claude.score == pytest.approx((57.692 + 64.0) / 2)
    assert claude.metrics == {
        "LCB_generation": 57.692,
        "coding_completion": 64.0,
        "release": "2024-07-26",
    }
    reasoning = row(board(snapshot, "livebench_reasoning"), "claude-3-5-sonnet-20240620")
    assert reasoning.score == pytest.approx((80.0 + 48.0 + 48.0) / 3)
    overall = row(board(snapshot, "livebench"), "claude-3-5-sonnet-20240620")
    assert overall.metrics["avg_coding"] == pytest.approx(60.846)
    assert overall.metrics["web_of_lies_v2"] == 80.0


def test_empty_cell_is_ignored_in_its_category() -> None:
    snapshot = parse("livebench", TABLE_2411, CATEGORIES_2411)
    assert snapshot.as_of == date(2025, 3, 31)
    language = row(board(snapshot, "livebench_language"), "phi-3-small-8k-instruct")
    # connections is empty: mean of plot_unscrambling 15.888 and typos 10.0.
    assert language.score == pytest.approx((15.888 + 10.0) / 2)
    assert "connections" not in language.metrics


def test_short_row_of_2026_is_tolerated() -> None:
    snapshot = parse("livebench", TABLE_2601, CATEGORIES_2601)
    assert len(snapshot.boards) == 8
    agentic = board(snapshot, "livebench_agentic_coding")
    assert agentic.board.category == "Agentic Coding"
    nemotron = row(agentic, "nemotron-3-super-120b-a12b")
    # 21 of 24 fields: typescript, typos and zebra_puzzle are missing.
    assert nemotron.score == pytest.approx((0.0 + 46.0) / 2)  # javascript, python
    reasoning = row(board(snapshot, "livebench_reasoning"), "nemotron-3-super-120b-a12b")
    assert reasoning.score == pytest.approx((0.25 + 42.133 + 60.784) / 3)
    assert len(board(snapshot, "livebench").rows) == 127


def test_hard_coded_global_averages_apply_only_to_those_models() -> None:
    table = SourceFile(
        "livebench_table_2025_04_02.csv",
        b"model,web_of_lies_v2,LCB_generation\ngrok-3-thinking,10.0,20.0\n"
        b"grok-3,30.0,40.0\nother,50.0,60.0\n",
    )
    categories = SourceFile(
        "categories_2025_04_02.json",
        b'{"Reasoning": ["web_of_lies_v2"], "Coding": ["LCB_generation"]}',
    )
    overall = LiveBenchSource().parse([table, categories]).boards[0]
    scores = {r.name: r.score for r in overall.rows}
    assert scores == {"grok-3-thinking": 72.0, "grok-3": 58.0, "other": 55.0}
    assert [r.name for r in overall.rows] == ["grok-3-thinking", "grok-3", "other"]


def test_table_without_its_categories_file_is_refused() -> None:
    with pytest.raises(SourceFormatError, match=r"categories_2024_07_26\.json") as caught:
        LiveBenchSource().parse([fixture(TABLE_0819)])
    assert caught.value.where == "livebench_table_2024_07_26_as_of_2024-08-19.csv"
    assert "missing" in caught.value.reason


def test_table_with_another_releases_categories_is_refused() -> None:
    with pytest.raises(SourceFormatError, match="categories"):
        LiveBenchSource().parse([fixture(TABLE_0819), fixture(CATEGORIES_2601)])


def test_categories_without_dates_must_match_the_tasks() -> None:
    categories = SourceFile("categories.json", fixture(CATEGORIES_2601).content)
    with pytest.raises(SourceFormatError, match="another release"):
        LiveBenchSource().parse([fixture(TABLE_0819), categories])


# --- the 2025-2026 releases, revisions and costs ------------------------------------------------

CATEGORIES_2606 = "livebench/livebench_categories_2026_06_25.json"
TABLE_2606_DAY1 = "livebench/livebench_table_2026_06_25_as_of_2026-06-24.csv"
TABLE_2606 = "livebench/livebench_table_2026_06_25_as_of_2026-08-22.csv"
COST_2606 = "livebench/livebench_cost_2026_06_25_as_of_2026-08-22.csv"
TABLE_2512 = "livebench/livebench_table_2025_12_23_as_of_2026-01-02.csv"
CATEGORIES_2512 = "livebench/livebench_categories_2025_12_23.json"
RELEASE_LIST = "livebench/new-livebench_constants_as_of_2026-06-25.js"


def records(relative: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(fixture(relative).content.decode())))


def site_overall(table: str, categories: str) -> dict[str, float]:
    """The site's global average, computed here: the mean of the category means of the task
    columns, empty cells left out."""
    groups = json.loads(fixture(categories).content)
    overall = {}
    for record in records(table):
        means = [
            fmean(values)
            for tasks in groups.values()
            if (values := [float(record[t]) for t in tasks if record.get(t)])
        ]
        overall[record["model"]] = fmean(means)
    return overall


def test_recomputed_overall_of_release_2026_06_25_as_the_site_computes_it() -> None:
    expected = site_overall(TABLE_2606, CATEGORIES_2606)
    snapshot = parse("livebench", TABLE_2606, CATEGORIES_2606, COST_2606)
    assert (snapshot.as_of, snapshot.edition) == (date(2026, 8, 22), "2026-06-25")
    overall = board(snapshot, "livebench")
    assert len(overall.rows) == len(expected) == 46
    assert {r.name: r.score for r in overall.rows} == pytest.approx(expected)
    best = sorted(expected.values(), reverse=True)
    assert [r.rank for r in overall.rows[:3]] == [1, 2, 3]
    assert [r.score for r in overall.rows[:3]] == pytest.approx(best[:3])
    # SOURCES.md: claude-fable-5-max-effort 82.97, gpt-5.6-sol-max 81.05, gpt-5.5-xhigh 80.19.
    assert [(r.name, round(r.score or 0, 2)) for r in overall.rows[:3]] == [
        ("claude-fable-5-max-effort", 82.97),
        ("gpt-5.6-sol-max", 81.05),
        ("gpt-5.5-xhigh", 80.19),
    ]
    flash = row(overall, "deepseek-v4-flash")
    assert flash.rank == 1 + sum(score > expected["deepseek-v4-flash"] for score in best)


def test_category_boards_of_2026_06_25_are_the_means_of_their_tasks() -> None:
    groups = json.loads(fixture(CATEGORIES_2606).content)
    assert len(groups) == 7 and sum(len(tasks) for tasks in groups.values()) == 23
    snapshot = parse("livebench", TABLE_2606, CATEGORIES_2606, COST_2606)
    for category, tasks in groups.items():
        expected = {
            r["model"]: fmean(float(r[t]) for t in tasks if r.get(t)) for r in records(TABLE_2606)
        }
        parsed = board(snapshot, f"livebench_{category.lower().replace(' ', '_')}")
        assert parsed.board.category == category
        assert {r.name: r.score for r in parsed.rows} == pytest.approx(expected)
        best = max(expected.values())
        assert [r.name for r in parsed.rows if r.rank == 1] == [
            m for m, v in expected.items() if v == best
        ]


def test_release_2025_12_23_overall_and_ranks() -> None:
    expected = site_overall(TABLE_2512, CATEGORIES_2512)
    overall = board(parse("livebench", TABLE_2512, CATEGORIES_2512), "livebench")
    assert {r.name: r.score for r in overall.rows} == pytest.approx(expected)
    top = overall.rows[0]
    assert (top.name, round(top.score or 0, 2)) == (
        "claude-opus-4-5-20251101-thinking-64k-high-effort",
        76.20,
    )
    assert row(overall, "gpt-5.1-codex-max").rank == 2


def test_cost_per_question_is_read_beside_the_score_and_scoped_per_category() -> None:
    costs = {r["model"]: r for r in records(COST_2606)}
    groups = json.loads(fixture(CATEGORIES_2606).content)
    snapshot = parse("livebench", TABLE_2606, CATEGORIES_2606, COST_2606)
    overall = board(snapshot, "livebench")
    assert all(
        cost_per_question(r) == float(costs[r.name]["cost_per_question"]) for r in overall.rows
    )
    assert cost_per_question(row(overall, "deepseek-v4-flash")) == 0.0105
    coding = board(snapshot, "livebench_coding")
    for r in coding.rows:
        cost = costs[r.name]
        spent = sum(float(cost[t]) for t in groups["Coding"])
        asked = sum(float(cost[f"nq_{t}"]) for t in groups["Coding"])
        assert cost_per_question(r) == pytest.approx(spent / asked)


def test_releases_without_a_cost_file_have_no_cost() -> None:
    overall = board(parse("livebench", TABLE_2606, CATEGORIES_2606), "livebench")
    assert all(cost_per_question(r) is None for r in overall.rows)


def test_a_revision_of_the_release_is_another_snapshot_of_the_same_edition() -> None:
    day1 = parse("livebench", TABLE_2606_DAY1, CATEGORIES_2606)
    later = parse("livebench", TABLE_2606, CATEGORIES_2606)
    assert (day1.edition, later.edition) == ("2026-06-25", "2026-06-25")
    assert (day1.as_of, later.as_of) == (date(2026, 6, 24), date(2026, 8, 22))
    assert (len(day1.boards[0].rows), len(later.boards[0].rows)) == (11, 46)
    # Rescored in between (gpt-5.5-xhigh 79.91 -> 80.19), and a model dropped.
    first = site_overall(TABLE_2606_DAY1, CATEGORIES_2606)
    revised = site_overall(TABLE_2606, CATEGORIES_2606)
    for model in ("gpt-5.5-xhigh", "claude-opus-4-7-xhigh-effort"):
        assert row(day1.boards[0], model).score == pytest.approx(first[model])
        assert row(later.boards[0], model).score == pytest.approx(revised[model])
        assert first[model] != revised[model]
    assert "claude-opus-4-8-xhigh-effort" in first and "claude-opus-4-8-xhigh-effort" not in revised
    assert row(day1.boards[0], "gpt-5.5-xhigh").rank == 1
    assert row(later.boards[0], "gpt-5.5-xhigh").rank == 3


def test_a_cost_file_of_another_release_is_refused() -> None:
    other = SourceFile("cost_2026_01_08.csv", fixture(COST_2606).content)
    with pytest.raises(SourceFormatError, match="cost file"):
        LiveBenchSource().parse([fixture(TABLE_2606), fixture(CATEGORIES_2606), other])


# --- the release list ----------------------------------------------------------------------------

ELEVEN = [
    "2026-06-25",
    "2026-01-08",
    "2025-12-23",
    "2025-11-25",
    "2025-05-30",
    "2025-04-25",
    "2025-04-02",
    "2024-11-25",
    "2024-08-31",
    "2024-07-26",
    "2024-06-24",
]


def test_the_sites_release_list_names_eleven_releases_newest_first() -> None:
    releases = read_release_list(fixture(RELEASE_LIST))
    assert [d.isoformat() for d in releases] == ELEVEN


def test_the_packages_unordered_release_set_reads_the_same() -> None:
    common = SourceFile(
        "common.py",
        b"LAST_CHECK = '2031-02-03'\n"
        b'LIVE_BENCH_RELEASES = {"2024-07-26", "2024-06-24", "2026-06-25",\n'
        b'    "2025-04-02",  # agentic\n}\n'
        b'OTHER = "2032-01-01"\n',
    )
    releases = read_release_list(common)
    assert [d.isoformat() for d in releases] == [
        "2026-06-25",
        "2025-04-02",
        "2024-07-26",
        "2024-06-24",
    ]


def test_a_file_without_a_release_list_is_refused() -> None:
    with pytest.raises(SourceFormatError, match="release list"):
        read_release_list(SourceFile("constants.js", b"export const ORG = '2026-06-25';\n"))


# --- fetching: the release list, then the newest published release --------------------------------

REPO = "https://raw.githubusercontent.com/LiveBench/new-livebench/main"
PUBLIC = f"{REPO}/public"


def release_pages(release: str, table: str, categories: str, cost: str | None = None) -> dict:
    pages = {
        f"{PUBLIC}/table_{release}.csv": fixture(table).content,
        f"{PUBLIC}/categories_{release}.json": fixture(categories).content,
    }
    if cost:
        pages[f"{PUBLIC}/cost_{release}.csv"] = fixture(cost).content
    return pages


def site(*releases: dict[str, bytes]) -> dict[str, bytes]:
    pages = {f"{REPO}/src/lib/constants.js": fixture(RELEASE_LIST).content}
    for release in releases:
        pages |= release
    return pages


async def test_fetch_reads_the_release_list_then_the_newest_release_with_its_cost() -> None:
    fetcher = FakeFetcher(site(release_pages("2026_06_25", TABLE_2606, CATEGORIES_2606, COST_2606)))
    source = LiveBenchSource()
    assert source.default_url == f"{REPO}/src/lib/constants.js"
    download = await source.fetch(fetcher, source.default_url, Validators())
    assert fetcher.requested == [
        f"{REPO}/src/lib/constants.js",
        f"{PUBLIC}/table_2026_06_25.csv",
        f"{PUBLIC}/categories_2026_06_25.json",
        f"{PUBLIC}/cost_2026_06_25.csv",
    ]
    assert [f.name for f in download.files] == [
        "table_2026_06_25.csv",
        "categories_2026_06_25.json",
        "cost_2026_06_25.csv",
    ]
    # The release is the edition; no file states the revision's date, so the snapshot is
    # undated (stored by the table's Last-Modified or the day it was fetched).
    snapshot = source.parse(download.files)
    assert (snapshot.as_of, snapshot.edition) == (None, "2026-06-25")
    assert cost_per_question(row(snapshot.boards[0], "deepseek-v4-flash")) == 0.0105


async def test_a_listed_release_without_a_table_is_not_published_yet() -> None:
    """The newest listed release answers 404: the next one is fetched, without its cost file
    (none published for it), and nothing fails."""
    fetcher = FakeFetcher(site(release_pages("2026_01_08", TABLE_2601, CATEGORIES_2601)))
    download = await LiveBenchSource().fetch(fetcher, f"{REPO}/src/lib/constants.js", Validators())
    assert download.url == f"{PUBLIC}/table_2026_01_08.csv"
    assert fetcher.requested[1:3] == [
        f"{PUBLIC}/table_2026_06_25.csv",
        f"{PUBLIC}/table_2026_01_08.csv",
    ]
    assert [f.name for f in download.files][1:] == ["categories_2026_01_08.json"]


async def test_only_the_newest_listed_releases_are_tried() -> None:
    fetcher = FakeFetcher(site())
    source = LiveBenchSource()
    with pytest.raises(SourceUnavailable, match="no published table"):
        await source.fetch(fetcher, source.default_url, Validators())
    assert len(fetcher.requested) == 1 + source.max_releases_tried


async def test_a_host_down_while_fetching_a_table_stops_at_once() -> None:
    pages = site()
    fetcher = FakeFetcher(pages, failing=frozenset({f"{PUBLIC}/table_2026_06_25.csv"}))
    with pytest.raises(SourceUnavailable):
        await LiveBenchSource().fetch(fetcher, f"{REPO}/src/lib/constants.js", Validators())
    assert fetcher.requested[-1] == f"{PUBLIC}/table_2026_06_25.csv"


async def test_fetch_needs_the_categories_of_the_found_release() -> None:
    pages = site(release_pages("2026_06_25", TABLE_2606, CATEGORIES_2606))
    del pages[f"{PUBLIC}/categories_2026_06_25.json"]
    source = LiveBenchSource()
    with pytest.raises(SourceUnavailable):
        await source.fetch(FakeFetcher(pages), source.default_url, Validators())


async def test_fetch_of_a_concrete_table_url_pairs_its_categories() -> None:
    raw = "https://raw.githubusercontent.com/LiveBench/livebench.github.io/main/public"
    fetcher = FakeFetcher(
        {
            f"{raw}/table_2024_11_25.csv": fixture(TABLE_2411).content,
            f"{raw}/categories_2024_11_25.json": fixture(CATEGORIES_2411).content,
        }
    )
    download = await LiveBenchSource().fetch(fetcher, f"{raw}/table_2024_11_25.csv", Validators())
    assert [f.name for f in download.files] == [
        "table_2024_11_25.csv",
        "categories_2024_11_25.json",
    ]
