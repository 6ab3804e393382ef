"""Subscriptions, guild settings and the alert outbox. Each repository takes the caller's session.

The outbox is claimed with a lease: a claim pushes ``due_at`` forward by the lease and counts
the attempt, in a short transaction of its own. A dispatcher that dies mid-send leaves the row
to be claimed again when the lease ends; the message nonce stops that retry posting twice. On
PostgreSQL the claim reads with ``FOR UPDATE SKIP LOCKED``, so dispatchers in several
processes never wait on, nor take, each other's rows; the claiming ``UPDATE`` re-checks the row
is still due, which makes the claim safe on SQLite (no row locks) too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update

from data.domain.delivery import (
    GuildConfig,
    OutboxItem,
    Subscription,
    outbox_item,
    parse_destination,
)
from data.domain.locales import Locale, parse_locale
from data.store.session import Repository
from data.store.tables import AlertOutboxTable, GuildSettingsTable, SubscriptionTable

PENDING, SENT, FAILED = "pending", "sent", "failed"


def _subscription(row: SubscriptionTable) -> Subscription:
    return Subscription(
        id=row.id,
        owner_id=row.owner_id,
        guild_id=row.guild_id,
        destination=row.destination,
        board_id=row.board_id,
        model_slug=row.model_slug,
        model_name=row.model_name,
        top_n=row.top_n,
        min_move=row.min_move,
        enabled=row.enabled,
        disabled_reason=row.disabled_reason,
        locale=parse_locale(row.locale),
    )


class SubscriptionRepository(Repository):
    """Subscriptions: who follows what, where."""

    async def upsert(self, wanted: Subscription, now: datetime) -> Subscription:
        """Store ``wanted`` (its ``id`` is ignored), or update and re-enable the subscription
        with the same destination, board and model."""
        query = select(SubscriptionTable).where(
            SubscriptionTable.destination == wanted.destination,
            SubscriptionTable.board_id.is_not_distinct_from(wanted.board_id),
            SubscriptionTable.model_slug.is_not_distinct_from(wanted.model_slug),
        )
        row = (await self.session.scalars(query.order_by(SubscriptionTable.id).limit(1))).first()
        if row is None:
            row = SubscriptionTable(
                destination=wanted.destination,
                board_id=wanted.board_id,
                model_slug=wanted.model_slug,
                created_at=now,
            )
            self.session.add(row)
        row.owner_id = wanted.owner_id
        row.guild_id = wanted.guild_id
        row.model_name = wanted.model_name
        row.top_n = wanted.top_n
        row.min_move = wanted.min_move
        row.enabled = True
        row.disabled_reason = None
        await self.session.flush()
        if wanted.locale is not None:
            # The user's language, as they last used it: all their subscriptions carry it (one
            # made without a locale, from the console, keeps the recorded one).
            await self.session.execute(
                update(SubscriptionTable)
                .where(SubscriptionTable.owner_id == wanted.owner_id)
                .values(locale=wanted.locale)
            )
            await self.session.refresh(row)
        return _subscription(row)

    async def get(self, subscription_id: int) -> Subscription | None:
        """One subscription by id."""
        row = await self.session.get(SubscriptionTable, subscription_id)
        return _subscription(row) if row else None

    async def delete(self, subscription_id: int) -> None:
        """Remove a subscription."""
        row = await self.session.get(SubscriptionTable, subscription_id)
        if row is not None:
            await self.session.delete(row)

    async def visible(self, user_id: int, guild_id: int | None) -> list[Subscription]:
        """A user's own subscriptions, plus the channel subscriptions of ``guild_id`` if given."""
        condition = SubscriptionTable.owner_id == user_id
        if guild_id is not None:
            condition = or_(
                condition,
                (SubscriptionTable.guild_id == guild_id)
                & SubscriptionTable.destination.startswith("channel:"),
            )
        query = select(SubscriptionTable).where(condition).order_by(SubscriptionTable.id)
        return [_subscription(row) for row in await self.session.scalars(query)]

    async def every(self) -> list[Subscription]:
        """Every subscription, oldest first."""
        query = select(SubscriptionTable).order_by(SubscriptionTable.id)
        return [_subscription(row) for row in await self.session.scalars(query)]

    async def count(self, *, owner_id: int | None = None, guild_id: int | None = None) -> int:
        """How many subscriptions a user owns, or a guild's channels have."""
        query = select(func.count()).select_from(SubscriptionTable)
        if owner_id is not None:
            query = query.where(SubscriptionTable.owner_id == owner_id)
        if guild_id is not None:
            query = query.where(
                SubscriptionTable.guild_id == guild_id,
                SubscriptionTable.destination.startswith("channel:"),
            )
        return int(await self.session.scalar(query) or 0)

    async def following(
        self, board_ids: Iterable[str], main_board_ids: Iterable[str]
    ) -> dict[str, list[Subscription]]:
        """The enabled subscriptions that follow each board: those naming it, and model
        subscriptions without a board when it is a main board."""
        boards, mains = set(board_ids), set(main_board_ids) & set(board_ids)
        query = select(SubscriptionTable).where(
            SubscriptionTable.enabled.is_(True),
            or_(
                SubscriptionTable.board_id.in_(boards),
                SubscriptionTable.board_id.is_(None) & SubscriptionTable.model_slug.is_not(None),
            ),
        )
        found: dict[str, list[Subscription]] = {board_id: [] for board_id in boards}
        for row in await self.session.scalars(query.order_by(SubscriptionTable.id)):
            for board_id in [row.board_id] if row.board_id is not None else sorted(mains):
                found[board_id].append(_subscription(row))
        return found

    async def board_followers(self, board_ids: Iterable[str]) -> list[Subscription]:
        """The enabled board subscriptions (not model ones) of the given boards, oldest first."""
        query = select(SubscriptionTable).where(
            SubscriptionTable.enabled.is_(True),
            SubscriptionTable.model_slug.is_(None),
            SubscriptionTable.board_id.in_(list(board_ids)),
        )
        return [
            _subscription(row)
            for row in await self.session.scalars(query.order_by(SubscriptionTable.id))
        ]

    async def disable(self, destination: str, reason: str) -> list[Subscription]:
        """Disable the enabled subscriptions of ``destination``; returns those it disabled."""
        query = select(SubscriptionTable).where(
            SubscriptionTable.destination == destination, SubscriptionTable.enabled.is_(True)
        )
        rows = list(await self.session.scalars(query.with_for_update()))
        for row in rows:
            row.enabled = False
            row.disabled_reason = reason[:200]
        await self.session.flush()
        return [_subscription(row) for row in rows]


class GuildSettingsRepository(Repository):
    """Per-server settings."""

    async def get(self, guild_id: int) -> GuildConfig:
        """A server's settings (all unset when it never configured Podium)."""
        row = await self.session.get(GuildSettingsTable, guild_id)
        if row is None:
            return GuildConfig(guild_id)
        return GuildConfig(
            guild_id,
            row.alert_channel_id,
            row.moderator_role_id,
            row.default_board,
            parse_locale(row.locale),
        )

    async def put(self, config: GuildConfig, now: datetime) -> None:
        """Store a server's settings."""
        row = await self.session.get(GuildSettingsTable, config.guild_id)
        if row is None:
            row = GuildSettingsTable(guild_id=config.guild_id)
            self.session.add(row)
        row.alert_channel_id = config.alert_channel_id
        row.moderator_role_id = config.moderator_role_id
        row.default_board = config.default_board
        row.locale = config.locale
        row.updated_at = now


class OutboxRepository(Repository):
    """Messages waiting to be delivered."""

    async def add(
        self, kind: str, destination: str, source_id: str, payload: dict[str, Any], now: datetime
    ) -> None:
        """Queue one message, due at once."""
        self.session.add(
            AlertOutboxTable(
                kind=kind,
                destination=destination,
                source_id=source_id,
                payload=payload,
                status=PENDING,
                attempts=0,
                created_at=now,
                due_at=now,
            )
        )

    async def claim(
        self, now: datetime, lease_until: datetime, limit: int, max_attempts: int
    ) -> list[OutboxItem]:
        """Lease up to ``limit`` due rows (oldest first) and count the attempt.

        Rows that already had ``max_attempts`` attempts are marked failed instead.
        """
        query = (
            select(AlertOutboxTable.id, AlertOutboxTable.attempts)
            .where(AlertOutboxTable.status == PENDING, AlertOutboxTable.due_at <= now)
            .order_by(AlertOutboxTable.due_at, AlertOutboxTable.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        due = (await self.session.execute(query)).all()
        spent = [row_id for row_id, attempts in due if attempts >= max_attempts]
        if spent:
            await self.session.execute(
                update(AlertOutboxTable)
                .where(AlertOutboxTable.id.in_(spent))
                .values(status=FAILED, last_error=f"gave up after {max_attempts} attempts")
            )
        wanted = [row_id for row_id, attempts in due if attempts < max_attempts]
        if not wanted:
            return []
        claimed = await self.session.scalars(
            update(AlertOutboxTable)
            .where(
                AlertOutboxTable.id.in_(wanted),
                AlertOutboxTable.status == PENDING,
                AlertOutboxTable.due_at <= now,  # still due: nobody claimed it meanwhile
            )
            .values(due_at=lease_until, attempts=AlertOutboxTable.attempts + 1)
            .returning(AlertOutboxTable)
        )
        rows = sorted(claimed, key=lambda row: row.id)
        locales = await self.locales({row.destination for row in rows if row.locale is None})
        for row in rows:
            if row.locale is None and (locale := locales.get(row.destination)) is not None:
                await self.session.execute(
                    update(AlertOutboxTable)
                    .where(AlertOutboxTable.id == row.id, AlertOutboxTable.locale.is_(None))
                    .values(locale=locale)
                )
        return [
            outbox_item(
                row.id,
                row.destination,
                row.attempts,
                row.payload,
                row.parts_sent,
                parse_locale(row.locale) or locales.get(row.destination),
            )
            for row in rows
        ]

    async def locales(self, destinations: Iterable[str]) -> dict[str, Locale]:
        """The language to write to each destination in, where one was recorded: a user's
        (their subscriptions all carry the one they last used), a channel's server's
        (``GuildConfig.locale``; the server its subscriptions were made in, or whose alert
        channel it is)."""
        users: dict[int, str] = {}
        channels: dict[int, str] = {}
        for target in destinations:
            kind, target_id = parse_destination(target)
            (users if kind == "user" else channels)[target_id] = target
        found: dict[str, Locale] = {}
        if users:
            recorded = await self.session.execute(
                select(SubscriptionTable.owner_id, SubscriptionTable.locale).where(
                    SubscriptionTable.owner_id.in_(users), SubscriptionTable.locale.is_not(None)
                )
            )
            for owner_id, locale in recorded.all():
                if (parsed := parse_locale(locale)) is not None:
                    found[users[owner_id]] = parsed
        if channels:
            guild_of = await self._guilds_of(channels)
            settings = await self.session.execute(
                select(GuildSettingsTable.guild_id, GuildSettingsTable.locale).where(
                    GuildSettingsTable.guild_id.in_(set(guild_of.values()))
                )
            )
            by_guild = {guild: parse_locale(locale) for guild, locale in settings.all()}
            for target, guild in guild_of.items():
                if (locale := by_guild.get(guild)) is not None:
                    found[target] = locale
        return found

    async def _guilds_of(self, channels: dict[int, str]) -> dict[str, int]:
        """The server of each channel destination (``channel id -> destination``) Podium
        knows one for: where its subscriptions were made, or whose alert channel it is."""
        guild_of: dict[str, int] = {}
        subscribed = await self.session.execute(
            select(SubscriptionTable.destination, SubscriptionTable.guild_id).where(
                SubscriptionTable.destination.in_(channels.values())
            )
        )
        for target, guild_id in subscribed.all():
            if guild_id is not None:
                guild_of[target] = guild_id
        alerting = await self.session.execute(
            select(GuildSettingsTable.alert_channel_id, GuildSettingsTable.guild_id).where(
                GuildSettingsTable.alert_channel_id.in_(channels)
            )
        )
        for channel_id, guild_id in alerting.all():
            if channel_id is not None:
                guild_of[channels[channel_id]] = guild_id
        return guild_of

    async def mark_sent(self, item_id: int, now: datetime) -> None:
        """The message was delivered."""
        await self.session.execute(
            update(AlertOutboxTable)
            .where(AlertOutboxTable.id == item_id)
            .values(status=SENT, sent_at=now, last_error=None)
        )

    async def mark_parts_sent(self, item_id: int, parts: int) -> None:
        """The first ``parts`` messages of the item were delivered (never counts down)."""
        await self.session.execute(
            update(AlertOutboxTable)
            .where(
                AlertOutboxTable.id == item_id,
                AlertOutboxTable.status == PENDING,
                AlertOutboxTable.parts_sent < parts,
            )
            .values(parts_sent=parts)
        )

    async def retry_at(self, item_id: int, due_at: datetime, error: str) -> None:
        """Try again at ``due_at``."""
        await self.session.execute(
            update(AlertOutboxTable)
            .where(AlertOutboxTable.id == item_id, AlertOutboxTable.status == PENDING)
            .values(due_at=due_at, last_error=error[:500])
        )

    async def fail(self, item_ids: Sequence[int], error: str) -> None:
        """Give up on these rows."""
        if item_ids:
            await self.session.execute(
                update(AlertOutboxTable)
                .where(AlertOutboxTable.id.in_(item_ids), AlertOutboxTable.status == PENDING)
                .values(status=FAILED, last_error=error[:500])
            )

    async def prune(self, created_before: datetime) -> int:
        """Delete finished (sent or failed) rows created before ``created_before``."""
        result = await self.session.execute(
            delete(AlertOutboxTable).where(
                AlertOutboxTable.status.in_((SENT, FAILED)),
                AlertOutboxTable.created_at < created_before,
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def pending_for(self, destination: str) -> list[int]:
        """Ids of the rows still to deliver to ``destination``."""
        query = select(AlertOutboxTable.id).where(
            AlertOutboxTable.destination == destination, AlertOutboxTable.status == PENDING
        )
        return list(await self.session.scalars(query))

    async def backlog(self) -> tuple[int, datetime | None]:
        """How many rows wait for delivery, and when the oldest of them was queued."""
        query = select(func.count(), func.min(AlertOutboxTable.created_at)).where(
            AlertOutboxTable.status == PENDING
        )
        count, oldest = (await self.session.execute(query)).one()
        return int(count), oldest

    async def next_due(self) -> datetime | None:
        """When the next pending row falls due (``None`` when nothing is pending)."""
        query = select(AlertOutboxTable.due_at).where(AlertOutboxTable.status == PENDING)
        return await self.session.scalar(query.order_by(AlertOutboxTable.due_at).limit(1))
