"""``/history models [board]``: a chart of rank and score over every stored snapshot."""

from __future__ import annotations

import io

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, runners
from commands.charts import history_chart
from commands.embeds.history import CHART_NAME, history_embed
from commands.embeds.style import literal
from commands.params import board_choices, models_choices
from commands.resolution import choice_text
from commands.responding import compute, defer, replace_deferred, send
from commands.text import Invocation
from commands.views import ask_which


class HistoryCommands(commands.Cog):
    """How a model's standing moved over time."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="history", description="Chart a model's rank and score over time")
    @app_commands.describe(
        models="A model, or up to 4 separated by commas to overlay, e.g. qwen2, llama 3 70b",
        board="This board (default: the longest history the models share)",
    )
    async def history(
        self,
        interaction: discord.Interaction,
        models: app_commands.Range[str, 1, 300],
        board: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Answer with the chart; defers first, since drawing takes a moment."""
        self.services.cooldowns.check("history", interaction.user.id)
        await self.answer(interaction, runners.options_of(models=models, board=board))

    async def answer(
        self, interaction: discord.Interaction, options: dict[str, str], *, update: bool = False
    ) -> None:
        """``/history`` for ``options``: typed, or with a model picked from the candidates."""
        line = self.services.line
        result = await compute(interaction, line.run(runners.history(self.services, options)))
        if result.status != "match":
            index, choice = next(
                (i, c) for i, c in enumerate(result.choices) if c.status != "match"
            )
            if choice.status == "ambiguous":
                invocation = Invocation("history", options)
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
        png = await line.draw(history_chart, result)
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
