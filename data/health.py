"""Inside the transaction that logs a check: a source's run of failures, and who hears of it.

Moderators who follow one of a source's boards (a board subscription) hear once when the source
has been failing for more than a day, and once when it works again, never once per failed check
(the rules are ``data.domain.freshness.after_check``). The day is checked at each check of the
source and at each scheduled tick of any source (``note_overdue``), so the notice is late by at
most the shortest refresh period, not by the failing source's own. A server with an alert
channel hears there; otherwise each subscription's own channel (or DM) does. Notices go through
the alert outbox like alerts, so they are delivered, retried and never lost in the same way.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from data.domain.delivery import HealthNotice, Subscription, destination, health_payload
from data.domain.freshness import after_check
from data.store.checks import SourceCheckRepository, SourceHealthRepository
from data.store.repositories import LeaderboardRepository
from data.store.subscriptions import (
    GuildSettingsRepository,
    OutboxRepository,
    SubscriptionRepository,
)


async def note_check(
    session: AsyncSession, source_id: str, failed: bool, reason: str, now: datetime
) -> None:
    """Fold one check of ``source_id`` into its run of failures; queue the notices it causes."""
    health = SourceHealthRepository(session)
    since, notified = await health.get(source_id)
    change = after_check(now, failed, since, notified)
    if (change.failing_since, change.notified_at) != (since, notified):
        await health.put(source_id, change.failing_since, change.notified_at)
    if change.notice is None:
        return
    boards = {
        info.board_id: info
        for info in (await LeaderboardRepository(session).boards()).values()
        if info.source_id == source_id
    }
    followers = await SubscriptionRepository(session).board_followers(boards)
    targets = await _targets(GuildSettingsRepository(session), followers)
    name = next((b.title for b in boards.values() if b.category is None), source_id)
    outbox = OutboxRepository(session)
    for target, board_ids in targets.items():
        notice = HealthNotice(
            source_id=source_id,
            source=name,
            state=change.notice,
            since=change.failing_since or since or now,
            boards=tuple(boards[board_id].title for board_id in board_ids),
            reason=reason if failed else "",
        )
        await outbox.add("health", target, source_id, health_payload(notice), now)


async def note_overdue(session: AsyncSession, source_id: str, now: datetime) -> None:
    """Queue the notice of a source whose unannounced run of failures has passed the day
    since its last check, as that check would have had it been made now."""
    since, notified = await SourceHealthRepository(session).get(source_id)
    if since is None or notified is not None:
        return
    last = await SourceCheckRepository(session).latest(source_id, via="fetch")
    await note_check(session, source_id, True, last.message if last else "", now)


async def _targets(
    settings: GuildSettingsRepository, followers: list[Subscription]
) -> dict[str, list[str]]:
    """Where each follower hears it (its server's alert channel, else its own destination),
    with the boards followed there, each destination once."""
    targets: dict[str, list[str]] = {}
    channels: dict[int, int | None] = {}
    for subscription in followers:
        target = subscription.destination
        if subscription.guild_id is not None:
            if subscription.guild_id not in channels:
                config = await settings.get(subscription.guild_id)
                channels[subscription.guild_id] = config.alert_channel_id
            channel = channels[subscription.guild_id]
            if channel is not None:
                target = destination("channel", channel)
        boards = targets.setdefault(target, [])
        if subscription.board_id is not None and subscription.board_id not in boards:
            boards.append(subscription.board_id)
    return targets
