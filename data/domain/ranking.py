"""Pure ranking rules shared by the parsers: competition ranking and the Arena's Rank (UB)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


def competition_ranks(
    scores: Sequence[float | None], higher_is_better: bool = True
) -> list[int | None]:
    """Standard competition ("1224") ranks of ``scores``, in input order.

    Equal scores share a rank and the next distinct score skips the shared places. A ``None``
    score is unranked and takes no place.
    """
    known = sorted((score for score in scores if score is not None), reverse=higher_is_better)
    first_place: dict[float, int] = {}
    for place, score in enumerate(known, start=1):
        first_place.setdefault(score, place)
    return [None if score is None else first_place[score] for score in scores]


def rank_ub(
    ci_lowers: Sequence[float | None], ci_uppers: Sequence[float | None]
) -> list[int | None]:
    """The Arena's Rank (UB): 1 + the number of other models whose lower bound beats our upper.

    A model is only placed below another when their confidence intervals do not overlap, so
    models with overlapping intervals share ranks. Rows missing a bound are unranked (``None``)
    and do not count against the others.
    """
    if len(ci_lowers) != len(ci_uppers):
        raise ValueError("ci_lowers and ci_uppers must have the same length")
    lowers = sorted(
        lower
        for lower, upper in zip(ci_lowers, ci_uppers, strict=True)
        if lower is not None and upper is not None
    )
    ranks: list[int | None] = []
    for lower, upper in zip(ci_lowers, ci_uppers, strict=True):
        if lower is None or upper is None:
            ranks.append(None)
            continue
        above = len(lowers) - bisect_right(lowers, upper)
        # An inverted interval (lower > upper) would otherwise count the model against itself.
        ranks.append(1 + above - (1 if lower > upper else 0))
    return ranks
