"""Pure rules of ``/compare``: models side by side on one board, its categories and metrics.

A comparison only ever puts figures of one snapshot side by side. Winners are the best
published value of a line (every model sharing it is marked); a line with fewer than two
values has no winner. On Arena boards the score gap also gives an expected win probability,
the Bradley-Terry/Elo logistic on the 400-point scale the Arena publishes its scores on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from data.domain import labels
from data.domain.costs import cost_per_question
from data.domain.types import (
    NO_FACTS,
    BoardComparison,
    BoardFacts,
    BoardInfo,
    CompareCell,
    CompareLine,
    Row,
)

#: The Arena's rating scale: a 400-point gap means 10:1 expected odds.
ELO_SCALE = 400.0


def win_probability(score: float, opponent: float) -> float:
    """Expected probability that a model rated ``score`` beats one rated ``opponent``."""
    return 1.0 / (1.0 + 10.0 ** ((opponent - score) / ELO_SCALE))


#: The score label of LMArena's agent-arena boards: IPS scores around 0, not on the 400-point
#: rating scale, so no win odds.
AGENT_SCORE_LABEL = labels.AGENT


def is_arena(board: BoardInfo) -> bool:
    """True for LMArena's Bradley-Terry rating boards (overall, style control, categories,
    vision, webdev...), not MT-Bench nor the agent arena."""
    return (
        board.source_id == "lmarena"
        and (board.board_id == "lmarena" or board.board_id.startswith("lmarena_"))
        and board.score_label != AGENT_SCORE_LABEL
    )


def best_marks(values: Sequence[float | None], higher_is_better: bool = True) -> list[bool]:
    """Which values are the best of the line (all of them on a tie); none with fewer than two."""
    present = [value for value in values if value is not None]
    if len(present) < 2:
        return [False] * len(values)
    best = max(present) if higher_is_better else min(present)
    return [value is not None and value == best for value in values]


def board_line(
    label: str,
    rows: Sequence[Row | None],
    *,
    higher_is_better: bool,
    board_id: str | None = None,
    board_size: int | None = None,
) -> CompareLine:
    """A line comparing the models' rows on one board (``None`` where a model is absent)."""
    marks = best_marks([row.score if row else None for row in rows], higher_is_better)
    return CompareLine(
        label=label,
        cells=tuple(
            CompareCell(
                row.score,
                row.rank,
                row.rank_note,
                row.name,
                mark,
                cost_per_question(row),
                len(row.models or ()),
                _same_as(rows, index),
            )
            if row
            else None
            for index, (row, mark) in enumerate(zip(rows, marks, strict=True))
        ),
        board_id=board_id,
        board_size=board_size,
    )


def _same_as(rows: Sequence[Row | None], index: int) -> int | None:
    """The first earlier model whose row is this very row (a submission run with both)."""
    row = rows[index]
    for earlier, other in enumerate(rows[:index]):
        if row is not None and other is not None and other.key == row.key:
            return earlier
    return None


def metric_lines(
    board: BoardInfo, rows: Sequence[Row | None], facts: BoardFacts
) -> tuple[CompareLine, ...]:
    """One line per metric the board's ``facts`` name that at least one model has a value for."""
    lines = []
    for key, label in facts.metrics:
        values = [_number(row.metrics.get(key)) if row else None for row in rows]
        if all(value is None for value in values):
            continue
        marks = best_marks(values, board.higher_is_better)
        cells = tuple(
            CompareCell(value, best=mark) if row is not None else None
            for row, value, mark in zip(rows, values, marks, strict=True)
        )
        lines.append(CompareLine(label=label, cells=cells))
    return tuple(lines)


def leader_odds(board: BoardInfo, line: CompareLine) -> tuple[int | None, tuple[float | None, ...]]:
    """On Arena boards, the line's leader (first on a tie) and P(it beats each other model);
    ``(None, ())`` elsewhere or with fewer than two scores."""
    if not is_arena(board):
        return None, ()
    scored = [
        (cell.value, i)
        for i, cell in enumerate(line.cells)
        if cell is not None and cell.value is not None
    ]
    if len(scored) < 2:
        return None, ()
    leader_score, leader = max(scored, key=lambda item: (item[0], -item[1]))
    return leader, tuple(
        None
        if i == leader or cell is None or cell.value is None
        else win_probability(leader_score, cell.value)
        for i, cell in enumerate(line.cells)
    )


def compare_board(
    board: BoardInfo,
    as_of: date,
    board_size: int,
    rows: Sequence[Row | None],
    categories: Sequence[tuple[BoardInfo, int, Sequence[Row | None]]] = (),
    facts: BoardFacts = NO_FACTS,
) -> BoardComparison:
    """The full comparison on one board: overall line, category boards, metrics, win odds.

    ``categories`` are the board's category boards *of the same snapshot date*, each with its
    size and the models' rows on it; ``facts`` what its source declares (its metrics).
    """
    overall = board_line(
        board.title,
        rows,
        higher_is_better=board.higher_is_better,
        board_id=board.board_id,
        board_size=board_size,
    )
    details = [
        board_line(
            info.category or info.title,
            category_rows,
            higher_is_better=info.higher_is_better,
            board_id=info.board_id,
            board_size=size,
        )
        for info, size, category_rows in sorted(categories, key=lambda c: c[0].board_id)
        if sum(row is not None for row in category_rows) >= 2
    ]
    details.extend(metric_lines(board, rows, facts))
    leader, odds = leader_odds(board, overall)
    return BoardComparison(board, as_of, overall, tuple(details), leader, odds)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
