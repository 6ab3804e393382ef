"""Run the real Discord bot with everything it owns, closed in order on exit."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

import aiohttp

from bot.client import PodiumBot, apply_endpoints
from bot.services import open_services
from bot.settings import Settings

log = logging.getLogger(__name__)

#: Signals that ask for a graceful stop (Ctrl-C, process managers).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


async def run_bot(settings: Settings) -> None:
    """Connect to Discord and serve commands until stopped by SIGINT or SIGTERM.

    A stop signal closes the client, so ``start`` returns and every resource is released in
    order (scheduler, alert worker, gateway, database), rather than cancelling tasks midway.
    """
    assert settings.discord_token is not None
    apply_endpoints(settings.discord_api_base, settings.discord_gateway_url)
    async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
        bot = PodiumBot(services, dev_guild_id=settings.dev_guild_id, settings=settings)
        loop = asyncio.get_running_loop()
        closing: set[asyncio.Task[None]] = set()

        def stop(signum: int) -> None:
            log.info("%s received: closing", signal.Signals(signum).name)
            task = loop.create_task(bot.close())
            closing.add(task)
            task.add_done_callback(closing.discard)

        for signum in STOP_SIGNALS:
            with contextlib.suppress(NotImplementedError):  # not on Windows' event loops
                loop.add_signal_handler(signum, stop, signum)
        try:
            async with bot:
                await bot.start(settings.discord_token.get_secret_value())
        finally:
            for signum in STOP_SIGNALS:
                with contextlib.suppress(NotImplementedError):
                    loop.remove_signal_handler(signum)
            if closing:
                await asyncio.gather(*closing, return_exceptions=True)
