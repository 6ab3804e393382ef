"""The command tree's single error boundary: every error becomes a short ephemeral reply
(worded by ``commands.errors``, the map the components and the console use too)."""

from __future__ import annotations

import discord
from discord import app_commands

from commands.embeds import error_embed
from commands.errors import error_message
from commands.i18n import speak
from commands.responding import report_error
from commands.translator import interaction_locale


class PodiumTree(app_commands.CommandTree):
    """A tree whose errors always get an answer (never 'The application did not respond'),
    in the interaction's language."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Answer this interaction (its command, autocomplete and errors, all in this task) in
        the user's locale, else the server's, else English."""
        speak(interaction_locale(interaction))
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Map the error to a message and answer the interaction however it stands."""
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        command = interaction.command.qualified_name if interaction.command else "?"
        message = error_message(cause, f"/{command}")
        await report_error(interaction, error_embed(message))
