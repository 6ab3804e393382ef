"""``/compare model1 model2 [model3] [model4] [board] [as_of]``: models side by side."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, runners
from commands.cooldowns import Expensive, compare_kind
from commands.embeds.compare import compare_embed
from commands.embeds.style import literal
from commands.params import board_choices, model_choices
from commands.resolution import choice_text
from commands.responding import compute, send
from commands.text import Invocation
from commands.views import ask_which

MODEL_HELP = "A model to compare, e.g. gpt-4o"


class CompareCommands(commands.Cog):
    """Two to four models, board by board."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(
        name="compare", description="Two to four models side by side on each board they share"
    )
    @app_commands.describe(
        model1="First model, e.g. Qwen2-72B-Instruct",
        model2="Second model, e.g. Claude 3.5 Sonnet",
        model3=MODEL_HELP,
        model4=MODEL_HELP,
        board="Only this board, with its categories (id, source or title)",
        as_of="Answer from the snapshots current on this date (YYYY-MM-DD)",
    )
    async def compare(
        self,
        interaction: discord.Interaction,
        model1: app_commands.Range[str, 1, 200],
        model2: app_commands.Range[str, 1, 200],
        model3: app_commands.Range[str, 1, 200] | None = None,
        model4: app_commands.Range[str, 1, 200] | None = None,
        board: app_commands.Range[str, 1, 100] | None = None,
        as_of: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        """Answer with the comparison; an ambiguous name asks which model was meant."""
        options = runners.options_of(
            model1=model1, model2=model2, model3=model3, model4=model4, board=board, as_of=as_of
        )
        kind = _cost(runners.compare_options(options))
        if kind is not None:
            self.services.cooldowns.check(kind, interaction.user.id)
        await self.answer(interaction, options)

    async def answer(
        self, interaction: discord.Interaction, options: dict[str, str], *, update: bool = False
    ) -> None:
        """``/compare`` for ``options``: typed, or with a model picked from the candidates."""
        options = runners.compare_options(options)
        result = await compute(interaction, runners.compare(self.services, options))
        if result.status == "match":
            kind = _cost(options)
            if kind is not None:
                self.services.cooldowns.spend(kind, interaction.user.id)
            await send(interaction, embed=compare_embed(result))
            return
        index, choice = next((i, c) for i, c in enumerate(result.choices) if c.status != "match")
        if choice.status == "ambiguous":
            slot = (runners.COMPARE_MODELS[index], None)
            invocation = Invocation("compare", options)
            await ask_which(interaction, invocation, slot, choice.query, choice.candidates)
        else:
            text = choice_text(choice, literal)
            await send(interaction, content=text, ephemeral=True)

    @compare.autocomplete("model1")
    @compare.autocomplete("model2")
    @compare.autocomplete("model3")
    @compare.autocomplete("model4")
    async def _model_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return model_choices(self.services, current, getattr(interaction.namespace, "board", None))

    @compare.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)


def _cost(options: dict[str, str]) -> Expensive | None:
    """The cooldown a comparison of these (spread) options falls under, if any."""
    return compare_kind(sum(1 for key in runners.COMPARE_MODELS if options.get(key)))
