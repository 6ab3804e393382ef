"""``/history``: the chart (attached as ``chart.png``) with each model's points as text."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from commands import wording
from commands.embeds.style import code_fields, colour, footer, table
from commands.limits import DESCRIPTION, TITLE, add_fields, clip
from data.domain.types import History, HistorySeries

#: The chart's file name; the embed shows it with ``attachment://`` + this name.
CHART_NAME = "chart.png"
TITLE_TEMPLATE = "{models} on {board}"
INTRO = "Rank and {score} in each of the {count} stored snapshot date(s) listing {them}."
INTRO_PARTLY = (
    "Rank and {score} in the {count} stored snapshot date(s) listing any of them; "
    "the {models} models are listed together on {shared} of them."
)
CHOSEN = "Board picked: the longest history shared by {them}; choose another with board:."
#: Points listed per model under the chart (the most recent ones).
MAX_POINTS = 12
EARLIER = "… {count} earlier snapshot(s) in the chart"


def history_embed(history: History, *, with_chart: bool = True) -> discord.Embed:
    """Title, what is drawn, each model's recent points; the chart as the embed image."""
    assert history.board is not None
    board = history.board
    names = [series.model for series in history.series]
    embed = discord.Embed(
        title=clip(TITLE_TEMPLATE.format(models=" vs ".join(names), board=board.title), TITLE),
        url=board.url or None,
        colour=colour(board.source_id),
    )
    dates = sorted({p.as_of for s in history.series for p in s.points})
    them = "it" if len(names) == 1 else "them"
    lines = [_intro(history.series, board.score_label, len(dates), them)]
    if history.board_chosen:
        lines.append(CHOSEN.format(them=them))
    embed.description = clip("\n".join(lines), DESCRIPTION)
    fields: list[tuple[str, str, bool]] = []
    for series in history.series:
        fields.extend(_points_fields(series))
    add_fields(embed, fields, "models")
    if with_chart:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    embed.set_footer(text=footer(board.title, f"snapshots {wording.dates_span(dates)}"))
    return embed


def _intro(series: Sequence[HistorySeries], score: str, count: int, them: str) -> str:
    """What is drawn: the dates listing every model, or, when some miss a date, how many
    dates list any of them and how many list all."""
    listed = [{point.as_of for point in one.points} for one in series]
    shared = len(set.intersection(*listed)) if listed else 0
    if shared == count:
        return INTRO.format(score=score, count=count, them=them)
    return INTRO_PARTLY.format(score=score, count=count, shared=shared, models=len(series))


def _points_fields(series: HistorySeries) -> list[tuple[str, str, bool]]:
    shown = series.points[-MAX_POINTS:]
    rows = [
        [
            point.as_of.isoformat(),
            wording.cell_rank(point.rank, point.rank_note),
            f"of {point.board_size}",
            wording.number(point.score),
        ]
        for point in shown
    ]
    lines = table(rows, [False, True, False, True])
    hidden = len(series.points) - len(shown)
    if hidden:
        lines.insert(0, EARLIER.format(count=hidden))
    return code_fields(clip(series.model, 200), lines)
