"""``/boards``: every board Podium keeps, its snapshot date, size, status and source."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, runners
from commands.embeds.boards import boards_embeds
from commands.responding import compute, send


class BoardCommands(commands.Cog):
    """What is in the database, and where it comes from."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(
        name="boards", description="The leaderboards: what they measure, dates, sources"
    )
    async def boards(self, interaction: discord.Interaction) -> None:
        """Answer with one embed per source."""
        await self.answer(interaction, {})

    async def answer(
        self, interaction: discord.Interaction, options: dict[str, str], *, update: bool = False
    ) -> None:
        """``/boards``."""
        summaries = await compute(interaction, runners.boards(self.services, options))
        await send(interaction, embeds=boards_embeds(summaries))
