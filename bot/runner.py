"""Run the real Discord bot, or the refresher, with everything it owns, closed in order on exit."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from datetime import UTC, datetime
from typing import Any

import aiohttp

from bot.client import apply_endpoints, build_bot
from bot.jobs import start_schedule
from bot.services import open_services
from bot.settings import Settings
from bot.sharding import ShardPlan
from data.store.locks import SpacedTurns
from data.store.session import create_engine

log = logging.getLogger(__name__)

#: Discord starts one session per 5 s per ``max_concurrency`` bucket; a little margin.
IDENTIFY_SPACING_S = 5.5
#: Signals that ask for a graceful stop (Ctrl-C, process managers).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_on_signals(
    stop: Callable[[], Coroutine[Any, Any, None]],
) -> Iterator[set[asyncio.Task[None]]]:
    """Run ``stop()`` when SIGINT or SIGTERM arrives; yields the stop tasks to await on exit."""
    loop = asyncio.get_running_loop()
    closing: set[asyncio.Task[None]] = set()

    def on_signal(signum: int) -> None:
        log.info("%s received: closing", signal.Signals(signum).name)
        task = loop.create_task(stop())
        closing.add(task)
        task.add_done_callback(closing.discard)

    for signum in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError):  # not on Windows' event loops
            loop.add_signal_handler(signum, on_signal, signum)
    try:
        yield closing
    finally:
        for signum in STOP_SIGNALS:
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(signum)


async def run_bot(settings: Settings) -> None:
    """Connect to Discord and serve commands until stopped by SIGINT or SIGTERM.

    A stop signal closes the client, so ``start`` returns and every resource is released in
    order (scheduler, alert worker, gateway, database), rather than cancelling tasks midway.
    """
    assert settings.discord_token is not None
    apply_endpoints(settings.discord_api_base, settings.discord_gateway_url)
    async with (
        aiohttp.ClientSession() as http,
        open_services(settings, http=http) as services,
        identify_turns(settings) as turns,
    ):
        bot = build_bot(services, settings, identify_turns=turns)
        log.info(
            "starting the bot (role %s, %s)",
            settings.role,
            ShardPlan.from_settings(settings).describe(),
        )
        with stop_on_signals(bot.close) as closing:
            try:
                async with bot:
                    await bot.start(settings.discord_token.get_secret_value())
            finally:
                if closing:
                    await asyncio.gather(*closing, return_exceptions=True)


@contextlib.asynccontextmanager
async def identify_turns(settings: Settings) -> AsyncIterator[SpacedTurns | None]:
    """IDENTIFY turns shared by the sharded processes on one PostgreSQL database (none for an
    unsharded bot or on SQLite, which serves a single process)."""
    if not ShardPlan.from_settings(settings).sharded or not settings.database_url.startswith(
        "postgresql"
    ):
        yield None
        return
    engine = create_engine(settings.database_url)
    turns = SpacedTurns(engine, "podium.identify", IDENTIFY_SPACING_S)
    try:
        yield turns
    finally:
        await turns.close()
        await engine.dispose()


async def run_refresher(settings: Settings) -> None:
    """Run the refresh schedule with no gateway connection until SIGINT or SIGTERM.

    Refreshes store their alerts in the outbox (``data.ingest``); the bot processes deliver
    them. Other processes see the new data through the data version.
    """
    async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
        stopped = asyncio.Event()

        async def stop() -> None:
            stopped.set()

        # Nothing to wake in this process: the bots find the new alerts when they poll.
        scheduler = await start_schedule(
            services.loading, settings, lambda _reports: None, now=datetime.now(UTC)
        )
        log.info("refresher running: no gateway connection; the bots deliver alerts")
        try:
            with stop_on_signals(stop):
                await stopped.wait()
        finally:
            scheduler.shutdown(wait=False)
