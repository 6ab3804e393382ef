"""The one map from an error to what the user reads: short, useful, never exception text.

The command tree (``bot/tree.py``), the components (``commands/views.py``) and the console
(``bot/console.py``) all ask ``error_message``. This module does not import discord: errors
that only discord.py raises (cooldowns, failed checks, option conversions) are recognised
after the domain's, where discord is already loaded, so the console never loads it.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, get_args

from commands import wording
from commands.cooldowns import SlowDown
from commands.parsing import BadOption
from data.domain.errors import (
    LeaderboardError,
    NoData,
    QueryProblem,
    RefreshInProgress,
    SourceError,
    SubscriptionProblem,
    UnknownBoard,
    UnknownSource,
)
from data.sources import sources_publishing
from data.sources.base import Published

if TYPE_CHECKING:
    import discord
    from discord import app_commands

log = logging.getLogger(__name__)

FAILED = "That did not work."
UNEXPECTED = "Something went wrong on our side (error {error_id}). It has been logged."
NOT_MODERATOR = "Only moderators can do this: members with Manage Server, or the moderator role."
NOT_ALLOWED = "You are not allowed to use this command here."
SLOW_DOWN = "Slow down: try again in {seconds} s."
OPTION_REFUSED = "One of the options has a value Podium cannot use."

#: What users are told for each ``QueryProblem.reason`` and ``SubscriptionProblem.reason``;
#: ``{detail}``, ``{known}``, ``{limit}`` and the sources that publish what is missing
#: (``{licences}``...) are filled.
PROBLEMS = {
    "same_model": "You named {detail} twice; compare different models.",
    "model_count": "Name two to four models (you gave {detail}).",
    "no_shared_board": "These models are not listed together on any board{on}; try /rank for each.",
    "no_licences": "{detail} does not publish licences, so it cannot be filtered by licence or "
    "open weights. Boards that do: {licences}.",
    "no_params": "{detail} does not publish parameter counts. Boards that do: {parameters}.",
    "no_organizations": "{detail} does not publish organisations.",
    "no_categories": "{detail} has no categories. Boards with categories: {categories}.",
    "unknown_category": "No category '{detail}' here. Categories: {known}",
    "stale": "These buttons belong to an older answer; run the command again.",
    "unknown_subscription": "You have no such subscription. /subscriptions lists yours.",
    "too_many": "That is the limit of {limit} subscriptions; /unsubscribe some first.",
}

#: How a channel type (``discord.ChannelType.name``) is called in answers; the others by their
#: name (voice, category...).
CHANNEL_KINDS = {
    "news": "announcement",
    "stage_voice": "stage",
    "news_thread": "thread",
    "public_thread": "thread",
    "private_thread": "thread",
    "private": "direct message",
}


def error_message(error: BaseException, where: str) -> str:
    """What the user is told about ``error``; an error no user can cause is logged (with
    ``where`` it happened) under an id that the message gives."""
    known = error_text(error) if isinstance(error, LeaderboardError) else _discord_text(error)
    if known is not None:
        return known
    error_id = uuid.uuid4().hex[:8]
    log.error("error %s in %s", error_id, where, exc_info=error)
    return UNEXPECTED.format(error_id=error_id)


def error_text(error: LeaderboardError) -> str:
    """What a user is told about a domain error."""
    if isinstance(error, UnknownBoard):
        known = ", ".join(wording.sanitize(title, 60) for title in error.known[:5])
        suggestion = f"; did you mean {known}?" if known else "."
        return f"No board called '{wording.sanitize(error.board)}'{suggestion} See /boards."
    if isinstance(error, UnknownSource):
        known = ", ".join(error.known)
        return f"No source called '{wording.sanitize(error.source_id)}'. Sources: {known}."
    if isinstance(error, NoData):
        return "No leaderboard data is stored for that date yet."
    if isinstance(error, RefreshInProgress):
        return "A refresh is already running; try again when it has finished."
    if isinstance(error, BadOption):
        return f"Could not read {error.option}: expected {error.expected}."
    if isinstance(error, SlowDown):
        return SLOW_DOWN.format(seconds=error.seconds)
    if isinstance(error, QueryProblem | SubscriptionProblem):
        return problem_text(error)
    if isinstance(error, SourceError):
        return f"Could not load {error.source_id or 'the source'}: {error.reason}."
    return FAILED


def problem_text(problem: QueryProblem | SubscriptionProblem) -> str:
    """The message for a problem with a request, its details filled in."""
    if isinstance(problem, SubscriptionProblem):
        detail, known, limit = "", "", problem.limit
    else:
        detail, limit = wording.sanitize(problem.detail, 100), 0
        known = ", ".join(problem.known[:15]) + (" …" if len(problem.known) > 15 else "")
    return PROBLEMS.get(problem.reason, FAILED).format(
        detail=detail,
        known=known,
        limit=limit,
        on=f" (on {detail})" if detail else "",
        **{what: ", ".join(sources_publishing(what)) for what in get_args(Published)},
    )


def _discord_text(error: BaseException) -> str | None:
    """What a user is told about an error discord.py raised; ``None`` for anything else."""
    # Imported here: only the bot's errors come from discord.py, and it is loaded there.
    from discord import app_commands

    from commands.checks import NotModerator

    if isinstance(error, NotModerator):
        return NOT_MODERATOR
    # Before CheckFailure, of which a cooldown is a subclass.
    if isinstance(error, app_commands.CommandOnCooldown):
        return SLOW_DOWN.format(seconds=max(1, math.ceil(error.retry_after)))
    if isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        return NOT_ALLOWED
    if isinstance(error, app_commands.TransformerError):
        return option_error_text(error)
    return None


def option_error_text(error: app_commands.TransformerError) -> str:
    """What a member is told when discord.py could not convert an option's value: for a
    channel, which kinds of channel the option takes."""
    from discord import AppCommandOptionType, app_commands

    value, allowed = error.value, error.transformer.channel_types
    channels = app_commands.AppCommandChannel | app_commands.AppCommandThread
    if error.type is AppCommandOptionType.channel and allowed and isinstance(value, channels):
        return channel_refused_text(value.mention, value.type, allowed)
    return OPTION_REFUSED


def channel_refused_text(
    mention: str, channel_type: discord.ChannelType, allowed: Sequence[discord.ChannelType]
) -> str:
    """Why a channel option's value was refused: the wrong kind of channel, or one of the right
    kind missing from discord.py's cache (e.g. created a moment ago)."""
    if channel_type in allowed:
        return f"Podium cannot see {mention} yet; try again in a moment, or pick another channel."
    kinds = " or ".join(dict.fromkeys(_channel_kind(t) for t in allowed))
    return f"{mention} is {_a(_channel_kind(channel_type))} channel: pick {_a(kinds)} channel."


def _channel_kind(channel_type: discord.ChannelType) -> str:
    return CHANNEL_KINDS.get(channel_type.name, channel_type.name.replace("_", " "))


def _a(words: str) -> str:
    """``words`` with the indefinite article: "a text", "an announcement"."""
    return f"{'an' if words[:1] in tuple('aeiou') else 'a'} {words}"
