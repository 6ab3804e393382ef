"""``/about``: version, data freshness and where the data comes from."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, runners
from commands.embeds.about import about_embed
from commands.responding import compute, send


class AboutCommands(commands.Cog):
    """What Podium is and how fresh its data is."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="about", description="Podium's version, data freshness and sources")
    async def about(self, interaction: discord.Interaction) -> None:
        """Answer with the about embed."""
        await self.answer(interaction, {})

    async def answer(
        self, interaction: discord.Interaction, options: dict[str, str], *, update: bool = False
    ) -> None:
        """``/about``."""
        result = await compute(interaction, runners.about(self.services, options))
        await send(interaction, embed=about_embed(result))
