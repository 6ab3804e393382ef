"""Pure rules of ``/history``: a model's points over a board's snapshots, and which board to
draw when the user names none."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from data.domain.types import HistoryPoint, HistorySeries, Row


@dataclass(frozen=True, slots=True)
class StoredPoint:
    """A model's row in one stored snapshot, as the repository finds it."""

    snapshot_id: int
    as_of: date
    board_size: int
    row: Row
    #: the snapshot's edition (question set): points of different editions are on different scales
    edition: str | None = None


def build_series(
    model: str, found: Sequence[StoredPoint], preferred_keys: Collection[str] = ()
) -> HistorySeries:
    """One point per snapshot date, oldest first, of the newest edition the model is listed in.

    Editions of a board (Arena-Hard v0.1 and v2.0) score on different scales, so a line joining
    them would draw a change of benchmark as a change of the model: points of earlier editions
    are left out and counted in ``HistorySeries.other_edition_points``.

    Several rows of one snapshot linked to the model (a board listing two precisions of one
    checkpoint) give the row the resolver picked, else the best-ranked. Several snapshots of one
    date give the one stored last, which is the one ``as_of`` answers from.
    """
    best: dict[date, StoredPoint] = {}
    for point in found:
        current = best.get(point.as_of)
        if current is None or _preference(point, preferred_keys) < _preference(
            current, preferred_keys
        ):
            best[point.as_of] = point
    ordered = sorted(best.values(), key=lambda p: p.as_of)
    edition = ordered[-1].edition if ordered else None
    kept = [point for point in ordered if point.edition == edition]
    return HistorySeries(
        model=model,
        other_edition_points=len(ordered) - len(kept),
        points=tuple(
            HistoryPoint(
                as_of=point.as_of,
                rank=point.row.rank,
                score=point.row.score,
                board_size=point.board_size,
                name=point.row.name,
                rank_note=point.row.rank_note,
            )
            for point in kept
        ),
    )


def choose_board(per_model: Sequence[Mapping[str, HistorySeries]]) -> str | None:
    """The board to draw when none was named: the one with the longest history shared by every
    model (``per_model[i]`` maps board id -> model ``i``'s series). Boards missing a model never
    win; ties go to the board where the first model ranks best (relative to the board's size),
    then by id. ``None`` when no board lists every model."""
    shared = set(per_model[0]).intersection(*per_model[1:]) if per_model else set()
    if not shared:
        return None

    def key(board: str) -> tuple[int, int, float, str]:
        counts = [len(series[board].points) for series in per_model]
        last = per_model[0][board].points[-1]
        share = last.rank / max(last.board_size, 1) if last.rank is not None else 2.0
        return (-min(counts), -sum(counts), share, board)

    return min(shared, key=key)


def _preference(point: StoredPoint, preferred: Collection[str]) -> tuple[int, int, bool, int, int]:
    row = point.row
    # Later snapshots of the same date win first; then the resolver's row, then the best rank.
    return (
        -point.snapshot_id,
        row.key not in preferred,
        row.rank is None,
        row.rank or 0,
        row.position,
    )
