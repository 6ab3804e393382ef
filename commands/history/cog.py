"""``/history`` in Discord: the cog and the embed (the chart is ``commands.charts``)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import partial

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.autocomplete import board_choices, models_choices
from commands.charts import history_chart
from commands.embeds import (
    code_fields,
    colour,
    footer,
    literal,
    table,
)
from commands.history import HISTORY, HistoryOptions
from commands.i18n import current_locale, t, tn
from commands.limits import DESCRIPTION, TITLE, add_fields, clip
from commands.resolution import choice_text
from commands.responding import compute, defer, replace_deferred, send
from commands.spec import Options
from commands.text import Invocation
from commands.translator import english
from commands.views import (
    ask_which,
)
from data.domain.types import History, HistorySeries

#: The chart's file name; the embed shows it with ``attachment://`` + this name.
CHART_NAME = "chart.png"
#: Points listed per model under the chart (the most recent ones).
MAX_POINTS = 12


class HistoryCommands(commands.Cog):
    """How a model's standing moved over time."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="history", description=english("history"))
    @app_commands.describe(
        models=english("history", "models"),
        board=english("history", "board"),
    )
    async def history(
        self,
        interaction: discord.Interaction,
        models: app_commands.Range[str, 1, 300],
        board: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Answer with the chart; defers first, since drawing takes a moment."""
        self.services.cooldowns.check("history", interaction.user.id)
        await self.answer(interaction, HistoryOptions(models, board))

    async def answer(
        self, interaction: discord.Interaction, options: Options, *, update: bool = False
    ) -> None:
        """``/history`` for ``options``: typed, or with a model picked from the candidates."""
        mine = HISTORY.own(options)
        line = self.services.line
        result = await compute(interaction, line.run(HISTORY.run(self.services, mine)))
        if result.status != "match":
            index, choice = next(
                (i, c) for i, c in enumerate(result.choices) if c.status != "match"
            )
            if choice.status == "ambiguous":
                invocation = Invocation(HISTORY.name, mine)
                slot = ("models", index)
                await ask_which(interaction, invocation, slot, choice.query, choice.candidates)
            else:
                text = choice_text(choice, literal)
                await send(interaction, content=text, ephemeral=True)
            return
        self.services.cooldowns.spend("history", interaction.user.id)
        await defer(interaction)
        # Drawing is CPU work: off the event loop, and in line with other expensive work, so the
        # bot keeps answering everyone else meanwhile.
        png = await line.draw(partial(history_chart, locale=current_locale()), result)
        chart = discord.File(io.BytesIO(png), filename=CHART_NAME) if png else None
        embed = history_embed(result, with_chart=chart is not None)
        await replace_deferred(interaction, embed=embed, file=chart)

    @history.autocomplete("models")
    async def _models_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        board = getattr(interaction.namespace, "board", None)
        return models_choices(self.services, current, board)

    @history.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)


def history_embed(history: History, *, with_chart: bool = True) -> discord.Embed:
    """Title, what is drawn, each model's recent points; the chart as the embed image."""
    assert history.board is not None
    board = history.board
    names = [series.model for series in history.series]
    embed = discord.Embed(
        title=clip(
            t(
                "history.title",
                models=t("compare.vs").join(names),
                board=wording.board_title(board),
            ),
            TITLE,
        ),
        url=board.url or None,
        colour=colour(board.source_id),
    )
    dates = sorted({p.as_of for s in history.series for p in s.points})
    them = t("history.them.one") if len(names) == 1 else t("history.them.many")
    lines = [_intro(history.series, wording.score_label(board), len(dates), them)]
    if history.board_chosen:
        lines.append(t("history.chosen", them=them))
    lines.extend(wording.other_editions(history.series))
    embed.description = clip("\n".join(lines), DESCRIPTION)
    fields: list[tuple[str, str, bool]] = []
    for series in history.series:
        fields.extend(_points_fields(series))
    add_fields(embed, fields, "models")
    if with_chart:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    embed.set_footer(
        text=footer(
            wording.board_title(board), t("history.snapshots", span=wording.dates_span(dates))
        )
    )
    return embed


def _intro(series: Sequence[HistorySeries], score: str, count: int, them: str) -> str:
    """What is drawn: the dates listing every model, or, when some miss a date, how many
    dates list any of them and how many list all."""
    listed = [{point.as_of for point in one.points} for one in series]
    shared = len(set.intersection(*listed)) if listed else 0
    if shared == count:
        return tn("history.intro", count, score=score, them=them)
    return tn("history.intro_partly", count, score=score, shared=shared, models=len(series))


def _points_fields(series: HistorySeries) -> list[tuple[str, str, bool]]:
    shown = series.points[-MAX_POINTS:]
    rows = [
        [
            point.as_of.isoformat(),
            wording.cell_rank(point.rank, point.rank_note),
            t("history.of", size=point.board_size),
            wording.number(point.score),
        ]
        for point in shown
    ]
    lines = table(rows, [False, True, False, True])
    hidden = len(series.points) - len(shown)
    if hidden:
        lines.insert(0, tn("history.earlier", hidden))
    return code_fields(clip(series.model, 200), lines)
