"""The pure rules of /history: one point per snapshot date, and which board to draw."""

from __future__ import annotations

from datetime import date

from data.domain.history import StoredPoint, build_series, choose_board
from data.domain.types import HistoryPoint, HistorySeries
from tests.queries.rows import row


def test_one_point_per_date_oldest_first() -> None:
    """Of two snapshots of one date the later stored wins; of two rows of one snapshot the
    resolver's row, then the better rank."""
    found = [
        StoredPoint(3, date(2024, 8, 14), 128, row("Qwen2-72B-Instruct", 31, 1187.0, key="q")),
        StoredPoint(1, date(2024, 7, 7), 115, row("Qwen2-72B-Instruct", 20, 1187.0, key="q")),
        StoredPoint(2, date(2024, 7, 7), 116, row("Qwen2-72B-Instruct", 21, 1186.0, key="q")),
        StoredPoint(3, date(2024, 8, 14), 128, row("qwen2 (bf16)", 30, 1188.0, key="other")),
    ]
    series = build_series("Qwen2-72B-Instruct", found, preferred_keys={"q"})
    assert [(p.as_of, p.rank, p.board_size) for p in series.points] == [
        (date(2024, 7, 7), 21, 116),
        (date(2024, 8, 14), 31, 128),
    ]
    without_preference = build_series("Qwen2-72B-Instruct", found)
    assert without_preference.points[-1].rank == 30


def _series(*points: tuple[int, int | None, int]) -> HistorySeries:
    return HistorySeries(
        "m",
        tuple(HistoryPoint(date(2024, 1, day), rank, 1.0, size, "m") for day, rank, size in points),
    )


def test_the_longest_shared_history_wins() -> None:
    first = {"a": _series((1, 5, 10), (2, 5, 10)), "b": _series((1, 1, 10), (2, 1, 10), (3, 1, 10))}
    second = {"a": _series((1, 5, 10), (2, 5, 10)), "b": _series((1, 1, 10))}
    assert choose_board([first, second]) == "a"  # b has three points but only one of the second
    assert choose_board([first]) == "b"


def test_ties_go_to_the_board_where_the_first_model_ranks_best() -> None:
    """Equal histories: 2/100 beats 5/10, relative to each board's size."""
    first = {"big": _series((1, 2, 100)), "small": _series((1, 5, 10))}
    assert choose_board([first]) == "big"
    unranked = {"a": _series((1, None, 10)), "b": _series((1, 9, 10))}
    assert choose_board([unranked]) == "b"


def test_no_board_lists_every_model() -> None:
    assert choose_board([{"a": _series((1, 1, 10))}, {"b": _series((1, 1, 10))}]) is None
    assert choose_board([]) is None


def test_a_series_never_joins_two_editions() -> None:
    """Arena-Hard v0.1 (GPT-4-Turbo judge) scored 85.2 and v2.0 (o3-mini baseline) 33 for the
    same model: a line between them would draw a change of benchmark as a drop. Only the
    newest edition is drawn; the earlier edition's points are counted, not joined."""
    name = "claude-3-5-sonnet-20241022"
    found = [
        StoredPoint(1, date(2025, 4, 10), 150, row(name, 9, 84.9, key="c"), None),
        StoredPoint(2, date(2025, 4, 20), 160, row(name, 8, 85.2, key="c"), None),
        StoredPoint(3, date(2025, 5, 1), 30, row(name, 20, 33.0, key="c"), "v2.0"),
    ]
    series = build_series(name, found)
    assert [(p.as_of, p.score) for p in series.points] == [(date(2025, 5, 1), 33.0)]
    assert series.other_edition_points == 2
    same_edition = build_series(name, found[:2])
    assert len(same_edition.points) == 2 and same_edition.other_edition_points == 0
