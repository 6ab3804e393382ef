"""Subscriptions, per-server settings and the alert outbox: the use cases behind
``/subscribe``, ``/unsubscribe``, ``/subscriptions``, ``/config`` and the alert dispatcher.

The dispatcher (``bot/alerts.py``) drives the outbox through ``claim_due`` -> deliver ->
``mark_sent`` / ``reschedule`` / ``give_up`` / ``unreachable``; everything that decides
(backoff, who hears of an unreachable destination, limits) lives here, Discord-free.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.delivery import (
    DEFAULT_MIN_MOVE,
    DEFAULT_TOP_N,
    GuildConfig,
    Notice,
    OutboxItem,
    Subscription,
    UnreachableReason,
    backoff,
    destination,
    notice_payload,
    parse_destination,
)
from data.domain.errors import SubscriptionProblem
from data.domain.resolve import Resolution
from data.service import LeaderboardService
from data.store.subscriptions import (
    GuildSettingsRepository,
    OutboxRepository,
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
class DeliveryPolicy:
    """How the outbox is worked.

    ``lease``: how long a claimed item is reserved for its dispatcher; keep it within the few
    minutes Discord remembers a nonce, so a retry after a crash is still deduplicated.
    ``retry_base``/``retry_cap``: the backoff after a failed attempt (doubling).
    ``max_attempts``: after this many the item is given up, so nothing retries forever.
    ``batch``: items claimed at once.
    ``keep``: how long sent and given-up items stay (for looking into a delivery), then go.
    """

    lease: timedelta = timedelta(seconds=60)
    retry_base: timedelta = timedelta(seconds=30)
    retry_cap: timedelta = timedelta(hours=1)
    max_attempts: int = 12
    batch: int = 20
    keep: timedelta = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class FollowResult:
    """The answer to ``/subscribe model``: the subscription, or why the model was not clear."""

    resolution: Resolution
    subscription: Subscription | None = None


class SubscriptionService:
    """Subscriptions, server settings and the outbox."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        leaderboards: LeaderboardService,
        clock: Callable[[], datetime],
        policy: DeliveryPolicy = DeliveryPolicy(),  # frozen, so a shared default is safe
    ) -> None:
        """Wire the service; ``leaderboards`` resolves the models and boards users name."""
        self._sessions = session_factory
        self._leaderboards = leaderboards
        self._clock = clock
        self.policy = policy
        # Every subscription, for autocomplete (which must answer from memory). Kept in step
        # with this process's changes; the commands themselves always read the store.
        self._known: list[Subscription] = []
        self._outbox_listeners: list[Callable[[], None]] = []

    def on_outbox_news(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` whenever another process may have queued messages (an alert
        worker drains at once instead of at its next poll)."""
        self._outbox_listeners.append(listener)

    def outbox_news(self) -> None:
        """Another process committed new data or checks, which queue alerts and notices in the
        same transaction (``data.store.notify``): tell the listeners."""
        for listener in list(self._outbox_listeners):
            listener()

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
    ) -> FollowResult:
        """DM ``user_id`` when ``model`` moves on ``board`` (or on the server's default board,
        or on every main board)."""
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
    ) -> Subscription:
        """Post changes of ``board``'s top ``top_n`` to ``target`` (a channel, or a DM)."""
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
        )
        return await self._store(wanted)

    async def _store(self, wanted: Subscription) -> Subscription:
        async with self._sessions() as session, session.begin():
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
        self, guild_id: int, setting: ConfigSetting, value: int | str | None
    ) -> GuildConfig:
        """Set one of a server's settings (``None`` unsets it); returns all of them.

        A default board is resolved (id, source or title) and stored by its id.
        """
        if setting == "default_board" and value is not None:
            value = (await self._leaderboards.board(str(value))).board_id
        async with self._sessions() as session, session.begin():
            repo = GuildSettingsRepository(session)
            change: dict[str, Any] = {_CONFIG_FIELDS[setting]: value}
            config = replace(await repo.get(guild_id), **change)
            await repo.put(config, self._clock())
        log.info("guild %d configured: %s", guild_id, config)
        return config

    # --- the outbox ----------------------------------------------------------------------------

    async def claim_due(self) -> list[OutboxItem]:
        """Lease the next due items for delivery (``DeliveryPolicy.batch`` at most)."""
        now = self._clock()
        async with self._sessions() as session, session.begin():
            return await OutboxRepository(session).claim(
                now, now + self.policy.lease, self.policy.batch, self.policy.max_attempts
            )

    async def mark_sent(self, item_id: int) -> None:
        """The item was delivered."""
        async with self._sessions() as session, session.begin():
            await OutboxRepository(session).mark_sent(item_id, self._clock())

    async def mark_parts_sent(self, item_id: int, parts: int) -> None:
        """The first ``parts`` messages of a split item were delivered: a retry skips them."""
        async with self._sessions() as session, session.begin():
            await OutboxRepository(session).mark_parts_sent(item_id, parts)

    async def reschedule(self, item: OutboxItem, error: str) -> datetime | None:
        """Try ``item`` again after a backoff; ``None`` when it had its last attempt."""
        if item.attempts >= self.policy.max_attempts:
            await self.give_up(item.id, f"gave up after {item.attempts} attempts: {error}")
            return None
        due = self._clock() + backoff(item.attempts, self.policy.retry_base, self.policy.retry_cap)
        async with self._sessions() as session, session.begin():
            await OutboxRepository(session).retry_at(item.id, due, error)
        return due

    async def prune(self) -> int:
        """Delete sent and given-up items older than ``policy.keep``; returns how many.

        Pending items are never pruned, whatever their age: nothing is dropped undelivered.
        """
        async with self._sessions() as session, session.begin():
            return await OutboxRepository(session).prune(self._clock() - self.policy.keep)

    async def give_up(self, item_id: int, error: str) -> None:
        """Never try this item again (``error`` says why; it is kept on the row)."""
        log.error("alert %d given up: %s", item_id, error)
        async with self._sessions() as session, session.begin():
            await OutboxRepository(session).fail([item_id], error)

    async def unreachable(self, item: OutboxItem, reason: UnreachableReason) -> None:
        """Discord refused the destination for good (403 or 404).

        Its subscriptions are disabled and its pending items dropped, so nothing retries
        forever; the first time, the people concerned are told once (``_notice_targets``). A
        notice that cannot be delivered is dropped without further notice.
        """
        now = self._clock()
        async with self._sessions() as session, session.begin():
            outbox = OutboxRepository(session)
            await outbox.fail([item.id], f"destination unreachable ({reason})")
            if item.notice is not None:
                return
            disabled = await SubscriptionRepository(session).disable(
                item.destination, f"Discord refused delivery ({reason})"
            )
            await outbox.fail(await outbox.pending_for(item.destination), "destination disabled")
            if disabled:
                payload = notice_payload(Notice(item.destination, reason, tuple(disabled)))
                settings = GuildSettingsRepository(session)
                for target in await _notice_targets(settings, item.destination, disabled):
                    await outbox.add("notice", target, "", payload, now)
        log.warning(
            "%s unreachable (%s): %d subscription(s) disabled",
            item.destination,
            reason,
            len(disabled),
        )
        await self.warm_up()

    async def seconds_until_due(self) -> float | None:
        """Seconds until the next pending item falls due (0 if one is due), ``None`` if none."""
        async with self._sessions() as session:
            due = await OutboxRepository(session).next_due()
        return None if due is None else max(0.0, (due - self._clock()).total_seconds())


async def _notice_targets(
    settings: GuildSettingsRepository, unreachable: str, disabled: list[Subscription]
) -> list[str]:
    """Who hears that ``unreachable`` was disabled: for each server involved, its alert
    channel (unless that is what failed); else, for a channel, the owners of its subscriptions
    by DM. A user whose DMs are closed can only be told in a server's alert channel."""
    targets: list[str] = []
    for guild_id in sorted({s.guild_id for s in disabled if s.guild_id is not None}):
        channel = (await settings.get(guild_id)).alert_channel_id
        if channel is not None and destination("channel", channel) != unreachable:
            targets.append(destination("channel", channel))
        elif not unreachable.startswith("user:"):
            owners = {s.owner_id for s in disabled if s.guild_id == guild_id}
            targets.extend(destination("user", owner) for owner in sorted(owners))
    return list(dict.fromkeys(targets))


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
