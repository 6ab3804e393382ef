"""Helpers shared by the adapters: names, CSV reading, board building, probing."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from data.domain.errors import SourceFormatError, SourceUnavailable
from data.domain.types import BoardInfo, SourceFile
from data.sources.base import (
    MAX_PROBES,
    Entry,
    build_board,
    date_from_name,
    first_available,
    parse_bool,
    parse_float,
    probe_urls,
    read_csv,
    slugify,
    source_errors,
)
from tests.sources.helpers import FakeFetcher, fixture

INFO = BoardInfo("test", "test", "Test", "", "Score", "https://example.org")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fboulnois_lmsys_2024-07-07.csv", date(2024, 7, 7)),
        ("hfspace_leaderboard_table_20231116.csv", date(2023, 11, 16)),
        ("table_2024_07_26.csv", date(2024, 7, 26)),
        # The as-of date comes after the release date: the last date written wins.
        ("livebench_table_2024_07_26_as_of_2024-08-19.csv", date(2024, 8, 19)),
        ("arena_hard_auto_leaderboard_v0.1.csv", None),
        ("table_2024_13_45.csv", None),
    ],
)
def test_date_from_name(name: str, expected: date | None) -> None:
    assert date_from_name(name) == expected


def test_read_csv_accepts_a_complete_last_row_without_line_end() -> None:
    # The 2023 HF Space tables are CRLF without a final newline.
    header, rows = read_csv(fixture("lmarena/hfspace_leaderboard_table_20231220.csv"))
    assert header[0] == "Model"
    assert rows[-1]["Model"] == "LLaMA-13B"
    assert len(rows) == 65  # SOURCES.md: 65 rows


def test_read_csv_pads_short_rows_in_the_middle() -> None:
    _, rows = read_csv(SourceFile("t.csv", b"a,b,c\n1\n2,3,4\n"))
    assert rows == [{"a": "1", "b": "", "c": ""}, {"a": "2", "b": "3", "c": "4"}]


def test_read_csv_refuses_a_short_last_row_without_line_end() -> None:
    with pytest.raises(SourceFormatError, match="last row has 1 of 3 fields"):
        read_csv(SourceFile("t.csv", b"a,b,c\n1,2,3\n4"))


def test_source_errors_stamp_the_source_id() -> None:
    with pytest.raises(SourceFormatError) as caught, source_errors("alpacaeval"):
        read_csv(SourceFile("x.csv", b""))
    assert (caught.value.source_id, caught.value.where) == ("alpacaeval", "x.csv")
    assert str(caught.value) == "alpacaeval: the file is empty (x.csv)"


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Data Analysis", "data_analysis"), ("IF", "if"), ("hard_english_6", "hard_english_6")],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize(
    ("text", "value"), [("TRUE", "true"), ("False", "false"), ("", None), ("maybe", None)]
)
def test_parse_bool(text: str, value: str | None) -> None:
    assert parse_bool(text) == value


def test_build_board_sorts_ranks_and_drops_repeated_keys() -> None:
    entries = [
        Entry("c", "C", 70.0),
        Entry("a", "A", 90.0),
        Entry("x", "X", 95.0, ranked=False, rank_note="reference"),
        Entry("b", "B", 70.0),
        Entry("a", "A again", 10.0),
        Entry("n", "N", None),
    ]
    parsed = build_board(INFO, entries, ranking="score")
    assert [(r.key, r.rank, r.position) for r in parsed.rows] == [
        ("x", None, 1),
        ("a", 1, 2),
        ("c", 2, 3),
        ("b", 2, 4),
        ("n", None, 5),
    ]
    assert parsed.rows[0].rank_note == "reference"


def test_build_board_published_order_and_ranks() -> None:
    entries = [Entry("b", "B", 1.0, rank=2), Entry("a", "A", 2.0, rank=1)]
    parsed = build_board(INFO, entries, ranking="published", sort=False)
    assert [(r.key, r.rank, r.position) for r in parsed.rows] == [("b", 2, 1), ("a", 1, 2)]


def test_build_board_rank_ub() -> None:
    entries = [
        Entry("a", "A", 80.0, ci_lower=78.0, ci_upper=82.0),
        Entry("b", "B", 79.0, ci_lower=77.0, ci_upper=81.0),
        Entry("c", "C", 70.0, ci_lower=68.0, ci_upper=72.0),
    ]
    assert [r.rank for r in build_board(INFO, entries, ranking="ci").rows] == [1, 1, 3]


async def test_first_available_skips_missing_and_unacceptable_answers() -> None:
    fetcher = FakeFetcher({"u2": b"<html>", "u3": b"PK..", "u4": b"PK.."})
    found = await first_available(fetcher, ["u1", "u2", "u3", "u4"], lambda c: c[:2] == b"PK")
    assert found is not None and found.url == "u3"
    assert fetcher.requested == ["u1", "u2", "u3"]
    assert await first_available(FakeFetcher({}), ["u1"], bool) is None


async def test_first_available_probes_and_stops_at_a_host_that_is_down() -> None:
    """404s mean "not this one"; any other failure ends the search, naming the cause."""
    fetcher = FakeFetcher({"u4": b"PK.."}, failing=frozenset({"u2"}))
    with pytest.raises(SourceUnavailable, match="Connection refused; stopped looking") as caught:
        await first_available(fetcher, ["u1", "u2", "u3", "u4"], bool)
    assert caught.value.where == "u2"
    assert fetcher.requested == ["u1", "u2"]
    assert fetcher.probes == [True, True]


def test_probe_urls_caps_any_discovery() -> None:
    urls = (f"u{day}" for day in itertools.count())
    assert probe_urls(urls) == [f"u{day}" for day in range(MAX_PROBES)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("57.5", 57.5),
        ("**66.78**", 66.78),
        ("1,187", 1187.0),
        ("-", None),
        ("--", None),
        ("", None),
        ("nan", None),
        ("NaN", None),
        ("-nan", None),
        ("inf", None),
        ("-Infinity", None),
        ("n/a", None),
    ],
)
def test_parse_float_keeps_only_finite_numbers(text: str, value: float | None) -> None:
    """Missing values, NaN and infinities are None (PostgreSQL's JSON refuses NaN)."""
    assert parse_float(text) == value
