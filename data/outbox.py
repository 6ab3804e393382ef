"""The alert outbox as the dispatcher (``bot/alerts.py``) works it: ``claim_due`` -> deliver ->
``mark_sent`` / ``reschedule`` / ``give_up`` / ``unreachable``, and ``prune``. Everything that
decides (backoff, leases, who hears of an unreachable destination) lives here, Discord-free.

Items are queued elsewhere, in the transaction that stores their cause (``data.planning``,
``data.health``); nothing but the dispatcher drives them from here on.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.delivery import (
    Notice,
    OutboxItem,
    Subscription,
    UnreachableReason,
    backoff,
    destination,
    notice_payload,
)
from data.store.subscriptions import (
    GuildSettingsRepository,
    OutboxRepository,
    SubscriptionRepository,
)

log = logging.getLogger(__name__)


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


class Outbox:
    """Claims, outcomes and retention of the queued alerts and notices."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Callable[[], datetime],
        subscriptions_changed: Callable[[], Awaitable[None]],
        policy: DeliveryPolicy = DeliveryPolicy(),  # frozen, so a shared default is safe
    ) -> None:
        """Wire the outbox; ``subscriptions_changed`` is awaited after an unreachable
        destination's subscriptions were disabled (autocomplete must forget them)."""
        self._sessions = session_factory
        self._clock = clock
        self._subscriptions_changed = subscriptions_changed
        self.policy = policy
        self._listeners: list[Callable[[], None]] = []

    def on_news(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` whenever another process may have queued messages (an alert
        worker drains at once instead of at its next poll)."""
        self._listeners.append(listener)

    def news(self) -> None:
        """Another process committed new data or checks, which queue alerts and notices in the
        same transaction (``data.store.notify``): tell the listeners."""
        for listener in list(self._listeners):
            listener()

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
        await self._subscriptions_changed()

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
