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
from commands.i18n import t
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

#: Catalogue keys of the messages tests and other modules name.
FAILED = "error.failed"
UNEXPECTED = "error.unexpected"
NOT_MODERATOR = "error.not_moderator"
NOT_ALLOWED = "error.not_allowed"
SLOW_DOWN = "error.slow_down"
OPTION_REFUSED = "error.option_refused"

#: What users are told for each ``QueryProblem.reason`` and ``SubscriptionProblem.reason``
#: (catalogue keys); ``{detail}``, ``{known}``, ``{limit}`` and the sources that publish what
#: is missing (``{licences}``...) are filled.
PROBLEMS = {
    "same_model": "problem.same_model",
    "model_count": "problem.model_count",
    "no_shared_board": "problem.no_shared_board",
    "no_licences": "problem.no_licences",
    "no_params": "problem.no_params",
    "no_organizations": "problem.no_organizations",
    "no_categories": "problem.no_categories",
    "unknown_category": "problem.unknown_category",
    "stale": "problem.stale",
    "unknown_subscription": "problem.unknown_subscription",
    "too_many": "problem.too_many",
    "future_date": "problem.future_date",
}

#: How a channel type (``discord.ChannelType.name``) is called in answers (catalogue keys).
CHANNEL_KINDS = {
    "text": "channel.kind.text",
    "voice": "channel.kind.voice",
    "category": "channel.kind.category",
    "news": "channel.kind.announcement",
    "stage_voice": "channel.kind.stage",
    "news_thread": "channel.kind.thread",
    "public_thread": "channel.kind.thread",
    "private_thread": "channel.kind.thread",
    "private": "channel.kind.direct_message",
    "group": "channel.kind.group",
    "forum": "channel.kind.forum",
    "media": "channel.kind.media",
    "directory": "channel.kind.directory",
}


def error_message(error: BaseException, where: str) -> str:
    """What the user is told about ``error``; an error no user can cause is logged (with
    ``where`` it happened) under an id that the message gives."""
    known = error_text(error) if isinstance(error, LeaderboardError) else _discord_text(error)
    if known is not None:
        return known
    error_id = uuid.uuid4().hex[:8]
    log.error("error %s in %s", error_id, where, exc_info=error)
    return t(UNEXPECTED, error_id=error_id)


def error_text(error: LeaderboardError) -> str:
    """What a user is told about a domain error."""
    if isinstance(error, UnknownBoard):
        known = ", ".join(wording.sanitize(title, 60) for title in error.known[:5])
        suggestion = (
            t("error.unknown_board.suggest", known=known)
            if known
            else t("error.unknown_board.none")
        )
        return t("error.unknown_board", board=wording.sanitize(error.board), suggestion=suggestion)
    if isinstance(error, UnknownSource):
        return t(
            "error.unknown_source",
            source=wording.sanitize(error.source_id),
            known=", ".join(error.known),
        )
    if isinstance(error, NoData):
        return t("error.no_data")
    if isinstance(error, RefreshInProgress):
        return t("error.refresh_running")
    if isinstance(error, BadOption):
        return t("error.bad_option", option=error.option, expected=error.expectation())
    if isinstance(error, SlowDown):
        return t(SLOW_DOWN, seconds=error.seconds)
    if isinstance(error, QueryProblem | SubscriptionProblem):
        return problem_text(error)
    if isinstance(error, SourceError):
        source = error.source_id or t("error.source.unnamed")
        return t("error.source", source=source, reason=error.reason)
    return t(FAILED)


def problem_text(problem: QueryProblem | SubscriptionProblem) -> str:
    """The message for a problem with a request, its details filled in."""
    if isinstance(problem, SubscriptionProblem):
        detail, known, limit = "", "", problem.limit
    else:
        detail, limit = wording.sanitize(problem.detail, 100), 0
        known = ", ".join(problem.known[:15]) + (" …" if len(problem.known) > 15 else "")
    return t(
        PROBLEMS.get(problem.reason, FAILED),
        detail=detail,
        known=known,
        limit=limit,
        on=t("problem.on", detail=detail) if detail else "",
        **{what: ", ".join(sources_publishing(what)) for what in get_args(Published)},
    )


def _discord_text(error: BaseException) -> str | None:
    """What a user is told about an error discord.py raised; ``None`` for anything else."""
    # Imported here: only the bot's errors come from discord.py, and it is loaded there.
    from discord import app_commands

    from commands.checks import NotModerator

    if isinstance(error, NotModerator):
        return t(NOT_MODERATOR)
    # Before CheckFailure, of which a cooldown is a subclass.
    if isinstance(error, app_commands.CommandOnCooldown):
        return t(SLOW_DOWN, seconds=max(1, math.ceil(error.retry_after)))
    if isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        return t(NOT_ALLOWED)
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
    return t(OPTION_REFUSED)


def channel_refused_text(
    mention: str, channel_type: discord.ChannelType, allowed: Sequence[discord.ChannelType]
) -> str:
    """Why a channel option's value was refused: the wrong kind of channel, or one of the right
    kind missing from discord.py's cache (e.g. created a moment ago)."""
    if channel_type in allowed:
        return t("channel.not_visible", mention=mention)
    kinds = t("channel.or").join(dict.fromkeys(_channel_kind(kind) for kind in allowed))
    return t(
        "channel.wrong_kind", mention=mention, kind=_a(_channel_kind(channel_type)), kinds=_a(kinds)
    )


def _channel_kind(channel_type: discord.ChannelType) -> str:
    key = CHANNEL_KINDS.get(channel_type.name)
    return t(key) if key else channel_type.name.replace("_", " ")


def _a(words: str) -> str:
    """``words`` with the indefinite article where the language has one: "a text", "an
    announcement" (English picks it by the first letter); "文字" as it is."""
    return t("channel.an" if words[:1] in tuple("aeiou") else "channel.a", words=words)
