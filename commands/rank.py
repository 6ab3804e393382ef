"""``/rank model [board] [as_of]``: where a model stands, on every board or on one."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, runners
from commands.embeds.style import literal
from commands.params import board_choices, model_choices
from commands.render import rank_embed
from commands.resolution import not_found_text
from commands.responding import compute, send
from commands.text import Invocation
from commands.views import ask_which


class RankCommands(commands.Cog):
    """Where does this model rank?"""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="rank", description="Where a model ranks, on every board or on one")
    @app_commands.describe(
        model="Model name, e.g. qwen2 or Claude 3.5 Sonnet",
        board="Only this board (id, source or title)",
        as_of="Answer from the snapshot current on this date (YYYY-MM-DD)",
    )
    async def rank(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        board: app_commands.Range[str, 1, 100] | None = None,
        as_of: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        """Answer with an embed; an ambiguous name asks which model was meant."""
        await self.answer(interaction, runners.options_of(model=model, board=board, as_of=as_of))

    async def answer(
        self, interaction: discord.Interaction, options: dict[str, str], *, update: bool = False
    ) -> None:
        """``/rank`` for ``options``: typed, or a model picked from the candidates."""
        result = await compute(interaction, runners.rank(self.services, options))
        if result.status == "ambiguous":
            invocation = Invocation("rank", options)
            await ask_which(
                interaction, invocation, ("model", None), result.query, result.candidates
            )
        elif result.status in ("none", "absent"):
            await send(interaction, content=not_found_text(result, literal), ephemeral=True)
        else:
            await send(interaction, embed=rank_embed(result))

    @rank.autocomplete("model")
    async def _model_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return model_choices(self.services, current, getattr(interaction.namespace, "board", None))

    @rank.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)
