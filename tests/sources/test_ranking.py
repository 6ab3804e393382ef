"""The pure ranking rules: competition ranking and the Arena's Rank (UB)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.domain.ranking import competition_ranks, rank_ub


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([], []),
        ([7.0], [1]),
        ([90.0, 80.0, 80.0, 70.0], [1, 2, 2, 4]),
        ([70.0, 90.0, 80.0, 80.0], [4, 1, 2, 2]),
        ([5.0, 5.0, 5.0], [1, 1, 1]),
        ([80.0, None, 90.0, None], [2, None, 1, None]),
        ([None, None], [None, None]),
    ],
)
def test_competition_ranks_higher_is_better(
    scores: list[float | None], expected: list[int | None]
) -> None:
    assert competition_ranks(scores) == expected


def test_competition_ranks_lower_is_better() -> None:
    assert competition_ranks([3.0, 1.0, 2.0, 1.0], higher_is_better=False) == [4, 1, 3, 1]


@given(st.lists(st.one_of(st.none(), st.integers(0, 20).map(float)), max_size=30))
def test_competition_rank_counts_the_better_scores(scores: list[float | None]) -> None:
    for score, rank in zip(scores, competition_ranks(scores), strict=True):
        if score is None:
            assert rank is None
        else:
            assert rank == 1 + sum(1 for other in scores if other is not None and other > score)


def test_rank_ub_separated_intervals_rank_in_order() -> None:
    lowers = [90.0, 80.0, 70.0]
    uppers = [95.0, 85.0, 75.0]
    assert rank_ub(lowers, uppers) == [1, 2, 3]


def test_rank_ub_overlapping_intervals_share_ranks() -> None:
    # B overlaps A, so both are 1; C (upper 86) is clearly below A and B, D below all three.
    lowers = [90.0, 87.0, 80.0, 60.0]
    uppers = [100.0, 95.0, 86.0, 70.0]
    assert rank_ub(lowers, uppers) == [1, 1, 3, 4]


def test_rank_ub_touching_bounds_do_not_separate() -> None:
    # "Above" means strictly: a lower bound equal to our upper bound does not count.
    assert rank_ub([50.0, 40.0], [60.0, 50.0]) == [1, 1]


def test_rank_ub_zero_width_interval_counts_like_any_other() -> None:
    # The Arena-Hard baseline: fixed at 50 with CI (0, 0).
    assert rank_ub([50.0, 44.0, 51.0], [50.0, 49.0, 56.0]) == [2, 3, 1]


def test_rank_ub_missing_bounds_are_unranked_and_do_not_count() -> None:
    assert rank_ub([None, 10.0, 5.0], [None, 20.0, 8.0]) == [None, 1, 2]


def test_rank_ub_needs_matching_lengths() -> None:
    with pytest.raises(ValueError, match="same length"):
        rank_ub([1.0], [])
