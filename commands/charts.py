"""Pure: ``/history`` series -> PNG bytes (matplotlib's Agg canvas; no pyplot, no GUI, no state
shared between calls, so charts can be drawn in a worker thread)."""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from datetime import date

from commands import wording
from data.domain.types import History

#: Pixels = inches x DPI: 800 x 560, legible on a phone and well under Discord's upload limit.
SIZE_INCHES = (8.0, 5.6)
DPI = 100
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def history_chart(history: History) -> bytes | None:
    """Rank (top panel, #1 at the top) and score (bottom panel) of each model over the board's
    snapshots; ``None`` when there is nothing to draw."""
    if history.board is None or not any(series.points for series in history.series):
        return None
    # matplotlib is imported here, not at module level: it is slow to import and only charts
    # need it, so other commands (and ``podium ask``) start faster.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    rank_axes, score_axes = figure.subplots(2, 1, sharex=True)
    for series in history.series:
        ranked = [(p.as_of, p.rank) for p in series.points if p.rank is not None]
        scored = [(p.as_of, p.score) for p in series.points if p.score is not None]
        line = rank_axes.plot(*_columns(ranked), marker="o", label=series.model)
        colour = line[0].get_color() if line else None
        score_axes.plot(*_columns(scored), marker="o", color=colour, label=series.model)
    board = history.board
    rank_axes.set_title(f"{board.title}: rank and {board.score_label} per snapshot")
    rank_axes.set_ylabel("Rank")
    rank_axes.invert_yaxis()
    rank_axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    score_axes.set_ylabel(board.score_label)
    for axes in (rank_axes, score_axes):
        axes.grid(alpha=0.3)
    rank_axes.legend(loc="best", fontsize="small")
    dates = sorted({p.as_of for s in history.series for p in s.points})
    figure.supxlabel(
        f"Source: {board.title} ({board.url}) · snapshots {_span(dates)}",
        fontsize="x-small",
        color="grey",
    )
    figure.autofmt_xdate()
    out = io.BytesIO()
    with warnings.catch_warnings():
        # A name in a script the default font lacks (some SuperCLUE names) draws as boxes;
        # the embed beside the chart carries the exact names.
        warnings.simplefilter("ignore", UserWarning)
        figure.savefig(out, format="png")
    return out.getvalue()


def _columns(points: Sequence[tuple[date, float]]) -> tuple[list[date], list[float]]:
    return [day for day, _ in points], [value for _, value in points]


def _span(dates: list[date]) -> str:
    if not dates:
        return wording.number(None)
    if len(dates) == 1:
        return dates[0].isoformat()
    return f"{dates[0].isoformat()} – {dates[-1].isoformat()}"
