"""Subscriptions and per-server settings: the use cases behind ``/subscribe``,
``/unsubscribe``, ``/subscriptions`` and ``/config``; the limits on them live here, Discord-free.

What subscriptions cause is queued in the outbox, which only the dispatcher works
(``data.outbox``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.delivery import (
    DEFAULT_MIN_MOVE,
    DEFAULT_TOP_N,
    GuildConfig,
    Subscription,
    destination,
    parse_destination,
)
from data.domain.errors import SubscriptionProblem
from data.domain.locales import Locale
from data.domain.resolve import Resolution
from data.service import LeaderboardService
from data.store.subscriptions import (
    GuildSettingsRepository,
    SubscriptionRepository,
)

log = logging.getLogger(__name__)

#: What ``/config`` can set, and the ``GuildConfig`` field each one is.
ConfigSetting = Literal["alert_channel", "moderator_role", "default_board"]
_CONFIG_FIELDS: dict[ConfigSetting, str] = {
    "alert_channel": "alert_channel_id",
    "moderator_role": "moderator_role_id",
    "default_board": "default_board",
}

#: Subscriptions one user may own, and channel subscriptions one server may have.
MAX_PER_USER = 25
MAX_PER_GUILD = 50


@dataclass(frozen=True, slots=True)
class FollowResult:
    """The answer to ``/subscribe model``: the subscription, or why the model was not clear."""

    resolution: Resolution
    subscription: Subscription | None = None


class SubscriptionService:
    """Subscriptions and server settings."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        leaderboards: LeaderboardService,
        clock: Callable[[], datetime],
    ) -> None:
        """Wire the service; ``leaderboards`` resolves the models and boards users name."""
        self._sessions = session_factory
        self._leaderboards = leaderboards
        self._clock = clock
        # Every subscription, for autocomplete (which must answer from memory). Kept in step
        # with this process's changes; the commands themselves always read the store.
        self._known: list[Subscription] = []

    async def warm_up(self) -> None:
        """Load what autocomplete needs."""
        async with self._sessions() as session:
            self._known = await SubscriptionRepository(session).every()

    # --- subscribing ---------------------------------------------------------------------------

    async def follow_model(
        self,
        *,
        user_id: int,
        guild_id: int | None,
        model: str,
        board: str | None = None,
        min_move: int = DEFAULT_MIN_MOVE,
        top_n: int = DEFAULT_TOP_N,
        locale: Locale | None = None,
    ) -> FollowResult:
        """DM ``user_id`` when ``model`` moves on ``board`` (or on the server's default board,
        or on every main board), in ``locale`` (the user's; ``None``: keep the recorded one)."""
        if board is None and guild_id is not None:
            board = (await self.guild_config(guild_id)).default_board
        board_id = (await self._leaderboards.board(board)).board_id if board else None
        resolution = await self._leaderboards.resolve(model, board_id)
        if resolution.status != "match":
            return FollowResult(resolution)
        record = resolution.matches[0].record
        wanted = Subscription(
            id=0,
            owner_id=user_id,
            guild_id=guild_id,
            destination=destination("user", user_id),
            board_id=board_id,
            model_slug=record.model_slug,
            model_name=record.model_name,
            top_n=top_n,
            min_move=min_move,
            locale=locale,
        )
        return FollowResult(resolution, await self._store(wanted))

    async def follow_board(
        self,
        *,
        owner_id: int,
        guild_id: int | None,
        target: str,
        board: str,
        top_n: int = DEFAULT_TOP_N,
        locale: Locale | None = None,
        guild_locale: Locale | None = None,
    ) -> Subscription:
        """Post changes of ``board``'s top ``top_n`` to ``target`` (a channel, or a DM).

        ``locale`` is the subscriber's language, ``guild_locale`` the server's preferred one,
        which its channels' alerts use (``None``: keep what was recorded).
        """
        parse_destination(target)
        info = await self._leaderboards.board(board)
        wanted = Subscription(
            id=0,
            owner_id=owner_id,
            guild_id=guild_id,
            destination=target,
            board_id=info.board_id,
            model_slug=None,
            model_name=None,
            top_n=top_n,
            min_move=DEFAULT_MIN_MOVE,  # moves of 3+ places that touch the top N
            locale=locale,
        )
        return await self._store(wanted, guild_locale)

    async def _store(
        self, wanted: Subscription, guild_locale: Locale | None = None
    ) -> Subscription:
        async with self._sessions() as session, session.begin():
            if wanted.guild_id is not None and guild_locale is not None:
                await _record_guild_locale(session, wanted.guild_id, guild_locale, self._clock())
            repo = SubscriptionRepository(session)
            owned = await repo.count(owner_id=wanted.owner_id)
            if owned >= MAX_PER_USER and not await self._replaces(repo, wanted):
                raise SubscriptionProblem("too_many", MAX_PER_USER)
            if not wanted.is_dm and wanted.guild_id is not None:
                in_guild = await repo.count(guild_id=wanted.guild_id)
                if in_guild >= MAX_PER_GUILD and not await self._replaces(repo, wanted):
                    raise SubscriptionProblem("too_many", MAX_PER_GUILD)
            stored = await repo.upsert(wanted, self._clock())
        await self.warm_up()
        log.info("subscription %d: %s follows %s", stored.id, stored.destination, _what(stored))
        return stored

    @staticmethod
    async def _replaces(repo: SubscriptionRepository, wanted: Subscription) -> bool:
        """Whether ``wanted`` only updates an existing subscription (never over a limit)."""
        return any(
            (s.destination, s.board_id, s.model_slug)
            == (wanted.destination, wanted.board_id, wanted.model_slug)
            for s in await repo.visible(wanted.owner_id, None)
        )

    async def unsubscribe(
        self, subscription_id: int, *, user_id: int, guild_id: int | None, moderator: bool
    ) -> Subscription:
        """Delete a subscription the user owns (or, for a moderator, one of the server's)."""
        async with self._sessions() as session, session.begin():
            repo = SubscriptionRepository(session)
            found = await repo.get(subscription_id)
            if found is None or not _may_change(found, user_id, guild_id, moderator):
                raise SubscriptionProblem("unknown_subscription")
            await repo.delete(subscription_id)
        await self.warm_up()
        log.info("subscription %d removed by user %d", subscription_id, user_id)
        return found

    async def visible(
        self, *, user_id: int, guild_id: int | None, moderator: bool
    ) -> list[Subscription]:
        """A user's subscriptions; for a moderator also the server's channel subscriptions."""
        async with self._sessions() as session:
            return await SubscriptionRepository(session).visible(
                user_id, guild_id if moderator else None
            )

    def known(self, *, user_id: int, guild_id: int | None, moderator: bool) -> list[Subscription]:
        """What ``visible`` would list, from memory (for autocomplete)."""
        return [s for s in self._known if _may_change(s, user_id, guild_id, moderator)]

    # --- server settings -----------------------------------------------------------------------

    async def guild_config(self, guild_id: int) -> GuildConfig:
        """A server's settings."""
        async with self._sessions() as session:
            return await GuildSettingsRepository(session).get(guild_id)

    async def configure(
        self,
        guild_id: int,
        setting: ConfigSetting,
        value: int | str | None,
        guild_locale: Locale | None = None,
    ) -> GuildConfig:
        """Set one of a server's settings (``None`` unsets it); returns all of them.

        A default board is resolved (id, source or title) and stored by its id. The server's
        preferred locale (``guild_locale``), when given, is recorded too.
        """
        if setting == "default_board" and value is not None:
            value = (await self._leaderboards.board(str(value))).board_id
        async with self._sessions() as session, session.begin():
            repo = GuildSettingsRepository(session)
            change: dict[str, Any] = {_CONFIG_FIELDS[setting]: value}
            if guild_locale is not None:
                change["locale"] = guild_locale
            config = replace(await repo.get(guild_id), **change)
            await repo.put(config, self._clock())
        log.info("guild %d configured: %s", guild_id, config)
        return config


async def _record_guild_locale(
    session: AsyncSession, guild_id: int, locale: Locale, now: datetime
) -> None:
    """Remember ``locale`` as the server's preferred one (its channels' alerts use it)."""
    settings = GuildSettingsRepository(session)
    config = await settings.get(guild_id)
    if config.locale != locale:
        await settings.put(replace(config, locale=locale), now)


def _may_change(
    subscription: Subscription, user_id: int, guild_id: int | None, moderator: bool
) -> bool:
    if subscription.owner_id == user_id:
        return True
    return (
        moderator
        and guild_id is not None
        and subscription.guild_id == guild_id
        and not subscription.is_dm
    )


def _what(subscription: Subscription) -> str:
    where = subscription.board_id or "every main board"
    return f"{subscription.model_slug} on {where}" if subscription.model_slug else where
