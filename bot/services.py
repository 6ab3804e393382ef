"""The composition root: build the engine, migrations, service objects; dispose on exit."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import aiohttp

from bot.settings import Settings
from commands import Services
from commands.cooldowns import Cooldowns
from data.domain.names import default_aliases, identify
from data.domain.resolve import NameIndex
from data.ingest import Ingestor
from data.loading import LoadingService, SourceConfig
from data.outbox import DeliveryPolicy, Outbox
from data.service import LeaderboardService
from data.sources import REGISTRY
from data.sources.http import FetchPolicy, HttpFetcher
from data.store.locks import RefreshLock, one_at_a_time
from data.store.migrate import upgrade_if_behind
from data.store.notify import VersionListener
from data.store.session import create_engine, create_session_factory
from data.subscriptions import SubscriptionService

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    """The wall clock, in UTC."""
    return datetime.now(UTC)


@asynccontextmanager
async def open_services(
    settings: Settings,
    *,
    http: aiohttp.ClientSession | None = None,
    clock: Callable[[], datetime] = utc_now,
    announce: Callable[[str], None] | None = None,
    autocomplete: bool = True,
) -> AsyncIterator[Services]:
    """Everything the commands need, migrated and warmed up; released on exit.

    ``http`` enables refreshing from the network; without it Podium works on stored data.
    ``announce`` tells a waiting user about slow first-start work (loading bundled data).
    ``autocomplete=False`` skips preparing autocomplete (one-shot commands).
    """
    engine = create_engine(settings.database_url)
    try:
        aliases = default_aliases()

        def identify_row(name: str, key: str) -> tuple[str, str]:
            identity = identify(name, key, aliases)
            return identity.slug, identity.display

        sessions = create_session_factory(engine)
        sources = {
            source_id: SourceConfig(cls(), settings.source_url(source_id) or cls.default_url)
            for source_id, cls in REGISTRY.items()
        }
        leaderboards = LeaderboardService(
            sessions,
            {source_id: config.source for source_id, config in sources.items()},
            lambda records: NameIndex(records, aliases),
            clock,
            version_poll_s=settings.version_poll_s,
            autocomplete=autocomplete,
        )
        loading = LoadingService(
            sessions,
            sources,
            Ingestor(sessions, identify_row, clock, settings.max_vanished_share),
            RefreshLock(engine),
            leaderboards.read_model,
            HttpFetcher(http, fetch_policy(settings), clock=clock) if http is not None else None,
        )
        # Processes starting together on one database (a refresher and its bots) take turns:
        # the first migrates and loads the bundled data, the others then find it done.
        async with one_at_a_time(engine, "podium.startup"):
            await upgrade_if_behind(engine)
            if settings.bundled_data:
                await loading.load_bundled(announce)
        await leaderboards.warm_up()
        subscriptions = SubscriptionService(sessions, leaderboards, clock)
        await subscriptions.warm_up()
        outbox = Outbox(sessions, clock, subscriptions.warm_up, delivery_policy(settings))

        def data_changed(what: str) -> None:
            leaderboards.data_changed(what)
            outbox.news()  # alerts and notices are queued with data and checks

        listener = VersionListener(
            engine, data_changed, lambda: leaderboards.follow_notifications(False)
        )
        async with listener:
            leaderboards.follow_notifications(listener.active)
            services = Services(
                leaderboards, loading, subscriptions, outbox, Cooldowns(settings.cooldown_s)
            )
            try:
                yield services
            finally:
                services.line.close()
    finally:
        await engine.dispose()


def fetch_policy(settings: Settings) -> FetchPolicy:
    """Timeouts, retries and the size cap for downloading sources."""
    return FetchPolicy(
        timeout_s=settings.fetch_timeout_s,
        connect_timeout_s=min(10.0, settings.fetch_timeout_s),
        max_attempts=settings.fetch_attempts,
        backoff_base_s=settings.fetch_backoff_s,
        max_bytes=int(settings.fetch_max_mb * 1024 * 1024),
    )


def delivery_policy(settings: Settings) -> DeliveryPolicy:
    """How alerts are retried and leased."""
    return DeliveryPolicy(
        lease=timedelta(seconds=settings.alert_lease_s),
        retry_base=timedelta(seconds=settings.alert_retry_s),
        max_attempts=settings.alert_max_attempts,
        keep=timedelta(days=settings.alert_keep_days),
    )
