"""LiveBench: averages recomputed like the site, file pairing, and the newest-release discovery."""

from __future__ import annotations

from datetime import date

import pytest

from data.domain.errors import SourceFormatError, SourceUnavailable
from data.domain.types import SourceFile
from data.sources.base import MAX_PROBES, Validators
from data.sources.livebench import KNOWN_RELEASES, LiveBenchSource
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


# --- discovering the newest release -----------------------------------------------------------

SITE = "https://livebench.ai"


def release_pages(release: str, table: str, categories: str) -> dict[str, bytes]:
    return {
        f"{SITE}/table_{release}.csv": fixture(table).content,
        f"{SITE}/categories_{release}.json": fixture(categories).content,
    }


async def test_fetch_finds_the_newest_known_release_after_probing_recent_days() -> None:
    fetcher = FakeFetcher(release_pages("2026_01_08", TABLE_2601, CATEGORIES_2601))
    source = LiveBenchSource(today=lambda: date(2026, 1, 12))
    download = await source.fetch(fetcher, source.default_url, Validators())
    # 2026-01-12 .. 2026-01-09 are probed, then the newest known release answers.
    assert fetcher.requested[:4] == [
        f"{SITE}/table_2026_01_{day}.csv" for day in (12, 11, 10, "09")
    ]
    assert fetcher.requested[4:] == [
        f"{SITE}/table_2026_01_08.csv",
        f"{SITE}/categories_2026_01_08.json",
    ]
    assert [f.name for f in download.files] == [
        "table_2026_01_08.csv",
        "categories_2026_01_08.json",
    ]
    snapshot = source.parse(download.files)
    assert snapshot.as_of == date(2026, 1, 8)
    assert len(snapshot.boards) == 8


async def test_fetch_discovers_an_unknown_newer_release_by_probing() -> None:
    pages = release_pages("2026_01_08", TABLE_2601, CATEGORIES_2601)
    pages |= release_pages("2026_02_20", TABLE_2601, CATEGORIES_2601)
    pages[f"{SITE}/table_2026_02_25.csv"] = b"<!DOCTYPE html><html>not found</html>"
    fetcher = FakeFetcher(pages)
    source = LiveBenchSource(today=lambda: date(2026, 2, 25))
    download = await source.fetch(fetcher, source.default_url, Validators())
    assert download.url == f"{SITE}/table_2026_02_20.csv"
    assert len(fetcher.requested) == 6 + 1  # 25th..20th, then the categories


async def test_fetch_falls_back_to_older_known_releases() -> None:
    fetcher = FakeFetcher(release_pages("2024_11_25", TABLE_2411, CATEGORIES_2411))
    source = LiveBenchSource(today=lambda: date(2026, 6, 30))
    download = await source.fetch(fetcher, source.default_url, Validators())
    assert download.url == f"{SITE}/table_2024_11_25.csv"
    probes = source.probe_days + KNOWN_RELEASES.index("2024_11_25") + 1
    assert len(fetcher.requested) == probes + 1


async def test_fetch_is_bounded_when_nothing_answers() -> None:
    fetcher = FakeFetcher({})
    source = LiveBenchSource(today=lambda: date(2026, 6, 30))
    with pytest.raises(SourceUnavailable, match="no LiveBench table"):
        await source.fetch(fetcher, source.default_url, Validators())
    assert len(fetcher.requested) == source.probe_days + len(KNOWN_RELEASES)


async def test_probes_are_single_short_gets_and_known_releases_real_downloads() -> None:
    """Today 2026-11-29, newest known release 2026-01-08: the days back are probes (one
    attempt, short timeout), the known releases are fetched with the full retry policy."""
    fetcher = FakeFetcher(release_pages("2026_01_08", TABLE_2601, CATEGORIES_2601))
    source = LiveBenchSource(today=lambda: date(2026, 11, 29))
    download = await source.fetch(fetcher, source.default_url, Validators())
    assert download.url == f"{SITE}/table_2026_01_08.csv"
    assert fetcher.probes == [True] * source.probe_days + [False, False]


async def test_an_unreachable_host_costs_one_probe() -> None:
    """The first failure that is not a 404 (the host is down) ends the discovery, reported."""
    fetcher = FakeFetcher({}, down=True)
    source = LiveBenchSource(today=lambda: date(2026, 11, 29))
    with pytest.raises(SourceUnavailable, match="Connection refused; stopped looking"):
        await source.fetch(fetcher, source.default_url, Validators())
    assert fetcher.requested == [f"{SITE}/table_2026_11_29.csv"]


async def test_a_host_down_during_the_known_releases_is_not_asked_again() -> None:
    """No probes (today is the newest known release) and the host is down: one download."""
    fetcher = FakeFetcher({}, down=True)
    source = LiveBenchSource(today=lambda: date(2026, 1, 8))
    with pytest.raises(SourceUnavailable, match="Connection refused"):
        await source.fetch(fetcher, source.default_url, Validators())
    assert fetcher.requested == [f"{SITE}/table_2026_01_08.csv"]
    assert fetcher.probes == [False]


async def test_probing_is_capped_whatever_the_settings() -> None:
    class Eager(LiveBenchSource):
        probe_days = 10_000

    fetcher = FakeFetcher({})
    source = Eager(today=lambda: date(2030, 1, 1))
    with pytest.raises(SourceUnavailable, match="no LiveBench table"):
        await source.fetch(fetcher, source.default_url, Validators())
    assert fetcher.probes.count(True) == MAX_PROBES
    assert fetcher.probes.count(False) == len(KNOWN_RELEASES)


async def test_fetch_needs_the_categories_of_the_found_release() -> None:
    pages = release_pages("2026_01_08", TABLE_2601, CATEGORIES_2601)
    del pages[f"{SITE}/categories_2026_01_08.json"]
    source = LiveBenchSource(today=lambda: date(2026, 1, 8))
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
