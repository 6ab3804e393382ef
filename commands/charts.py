"""Pure: ``/history`` series -> PNG bytes (matplotlib's Agg canvas; no pyplot, no GUI, no state
shared between calls, and no change to the process's warning filters, so charts can be drawn
in worker threads)."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from commands import wording
from commands.i18n import current_locale, speaking, t
from data.domain.locales import Locale
from data.domain.types import BoardInfo, History

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Pixels = inches x DPI: 800 x 560, legible on a phone and well under Discord's upload limit.
SIZE_INCHES = (8.0, 5.6)
DPI = 100
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: The fonts chart text is drawn in, first choice first: matplotlib's own DejaVu Sans for Latin,
#: then a subset of Noto Sans CJK SC shipped in ``commands/fonts`` (OFL; see its ``OFL.txt`` and
#: ``tools/subset_cjk_font.py``) for Chinese model names and board titles.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans CJK SC")
CJK_FONT = Path(__file__).parent / "fonts" / "NotoSansCJKsc-Podium.otf"
#: Drawn for a character none of the fonts has (a rare hanzi, an emoji): the embed beside the
#: chart carries the exact names.
MISSING = "□"
#: A chart of one snapshot date spans this much either side of it.
SINGLE_DATE_MARGIN = timedelta(days=15)


def history_chart(history: History, locale: Locale | None = None) -> bytes | None:
    """Rank (top panel, #1 at the top) and score (bottom panel) of each model over the board's
    snapshots; ``None`` when there is nothing to draw. Its words are in ``locale``, else the
    current one (a drawing process is given the locale: context variables stay behind)."""
    if history.board is None or not any(series.points for series in history.series):
        return None
    with speaking(locale or current_locale()):
        figure = history_figure(history, history.board)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def history_figure(history: History, board: BoardInfo) -> Figure:
    """The chart's matplotlib figure, in the current locale."""
    # matplotlib is imported here, not at module level: it is slow to import and only charts
    # need it, so other commands (and ``podium ask``) start faster.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    families = _font_families()
    figure = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    rank_axes, score_axes = figure.subplots(2, 1, sharex=True)
    for series in history.series:
        ranked = [(p.as_of, p.rank) for p in series.points if p.rank is not None]
        scored = [(p.as_of, p.score) for p in series.points if p.score is not None]
        label = _drawable(series.model)
        line = rank_axes.plot(*_columns(ranked), marker="o", label=label)
        colour = line[0].get_color() if line else None
        score_axes.plot(*_columns(scored), marker="o", color=colour, label=label)
    title, score_label = (
        _drawable(wording.board_title(board)),
        _drawable(wording.score_label(board)),
    )
    rank_axes.set_title(t("chart.title", board=title, score=score_label), fontfamily=families)
    rank_axes.set_ylabel(t("chart.rank"), fontfamily=families)
    ranks = [p.rank for s in history.series for p in s.points if p.rank is not None]
    if ranks and min(ranks) == max(ranks):
        # One rank throughout: whole ranks either side, not a sliver around it.
        rank_axes.set_ylim(max(ranks[0] - 1, 0.5), ranks[0] + 1)
    rank_axes.invert_yaxis()
    rank_axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    score_axes.set_ylabel(score_label, fontfamily=families)
    for axes in (rank_axes, score_axes):
        axes.grid(alpha=0.3)
    rank_axes.legend(loc="best", prop={"family": families, "size": "small"})
    dates = sorted({p.as_of for s in history.series for p in s.points})
    if len(dates) == 1:
        # One snapshot: a fortnight either side, not matplotlib's default of years.
        score_axes.set_xlim(dates[0] - SINGLE_DATE_MARGIN, dates[0] + SINGLE_DATE_MARGIN)
    figure.supxlabel(
        _drawable(
            t(
                "chart.source",
                board=wording.board_title(board),
                url=board.url,
                span=wording.dates_span(dates),
            )
        ),
        fontsize="x-small",
        fontfamily=families,
        color="grey",
    )
    figure.autofmt_xdate()
    return figure


def _drawable(text: str) -> str:
    """``text`` as the chart can draw it without a warning: characters the font lacks become
    ``MISSING``, and ``$`` stays a dollar sign (matplotlib reads ``$...$`` as maths)."""
    drawable = _font_characters()
    missing = MISSING if ord(MISSING) in drawable else "?"
    shown = "".join(ch if ord(ch) in drawable else missing for ch in text)
    return shown.replace("$", r"\$")


@functools.cache
def _font_families() -> list[str]:
    """``FONT_FAMILIES``, once the shipped CJK font is known to matplotlib (per process)."""
    from matplotlib.font_manager import fontManager

    fontManager.addfont(str(CJK_FONT))
    return list(FONT_FAMILIES)


@functools.cache
def _font_characters() -> frozenset[int]:
    """The characters the chart's fonts draw between them (matplotlib falls back from one
    family to the next, character by character)."""
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font

    characters: set[int] = set()
    for family in _font_families():
        path = findfont(FontProperties(family=family), fallback_to_default=False)
        characters.update(FT2Font(path).get_charmap())
    return frozenset(characters)


def _columns(points: Sequence[tuple[date, float]]) -> tuple[list[date], list[float]]:
    return [day for day, _ in points], [value for _, value in points]
