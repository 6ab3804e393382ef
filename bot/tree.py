"""The command tree's single error boundary: domain errors become short ephemeral replies."""

from __future__ import annotations

import logging
import math
import uuid

import discord
from discord import app_commands

from commands.checks import NotModerator
from commands.i18n import speak
from commands.render import error_embed, error_text, option_error_text
from commands.render_admin import NOT_MODERATOR, subscription_problem_text
from commands.responding import report_error
from commands.translator import interaction_locale
from data.domain.errors import LeaderboardError, SubscriptionProblem

log = logging.getLogger(__name__)


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
        if isinstance(cause, SubscriptionProblem):
            message = subscription_problem_text(cause)
        elif isinstance(cause, LeaderboardError):
            message = error_text(cause)
        elif isinstance(cause, NotModerator):
            message = NOT_MODERATOR
        # Before CheckFailure, of which a cooldown is a subclass.
        elif isinstance(cause, app_commands.CommandOnCooldown):
            message = f"Slow down: try again in {max(1, math.ceil(cause.retry_after))} s."
        elif isinstance(cause, app_commands.MissingPermissions | app_commands.CheckFailure):
            message = "You are not allowed to use this command here."
        elif isinstance(cause, app_commands.TransformerError):
            message = option_error_text(cause)
        else:
            error_id = uuid.uuid4().hex[:8]
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("error %s in /%s", error_id, command, exc_info=cause)
            message = f"Something went wrong on our side (error {error_id}). It has been logged."
        await report_error(interaction, error_embed(message))
