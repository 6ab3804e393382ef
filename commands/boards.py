"""``/boards``: every board Podium keeps, its snapshot date, size, status and source."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services
from commands.render import boards_embeds
from commands.responding import compute, send


class BoardCommands(commands.Cog):
    """What is in the database, and where it comes from."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="boards", description="List the leaderboards, their dates and sources")
    async def boards(self, interaction: discord.Interaction) -> None:
        """Answer with the boards embed."""
        summaries = await compute(interaction, self.services.leaderboards.board_summaries())
        await send(interaction, embeds=boards_embeds(summaries))
