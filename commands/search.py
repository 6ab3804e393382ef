"""``/search text [board]``: how the boards spell a model, and which model a name means."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, runners
from commands.embeds.search import search_embed
from commands.params import board_choices
from commands.responding import compute, send
from commands.state import attach
from commands.text import Invocation, digest
from commands.views import PickSelect


class SearchCommands(commands.Cog):
    """Name resolution, shown."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(
        name="search", description="Find a model on the boards, as each spells it"
    )
    @app_commands.describe(
        text="A model name or part of one, e.g. llama 3 70b",
        board="Only this board (id, source or title)",
    )
    async def search(
        self,
        interaction: discord.Interaction,
        text: app_commands.Range[str, 1, 200],
        board: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Answer with the matches; when several models fit, a menu to see one's ranks."""
        await self.answer(interaction, runners.options_of(text=text, board=board))

    async def answer(
        self, interaction: discord.Interaction, options: dict[str, str], *, update: bool = False
    ) -> None:
        """``/search`` for ``options``."""
        result = await compute(interaction, runners.search(self.services, options))
        invocation = Invocation("search", options)
        embed = attach(search_embed(result), invocation)
        view = discord.ui.View(timeout=None)
        if result.status in ("ambiguous", "none") and result.matches:
            # Choosing a candidate answers /rank for it, as if its name had been typed.
            view.add_item(PickSelect("rank", "model", None, digest(invocation), result.matches))
        await send(interaction, embed=embed, view=view)

    @search.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)
