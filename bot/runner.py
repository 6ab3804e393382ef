"""Run the real Discord bot with everything it owns, closed in order on exit."""

from __future__ import annotations

import aiohttp

from bot.client import PodiumBot, apply_endpoints
from bot.services import open_services
from bot.settings import Settings


async def run_bot(settings: Settings) -> None:
    """Connect to Discord and serve commands until stopped."""
    assert settings.discord_token is not None
    apply_endpoints(settings.discord_api_base, settings.discord_gateway_url)
    async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
        bot = PodiumBot(services, dev_guild_id=settings.dev_guild_id, settings=settings)
        async with bot:
            await bot.start(settings.discord_token.get_secret_value())
