"""The Discord client: loads the cogs, syncs commands once, and owns their lifetime."""

from __future__ import annotations

import logging
from typing import Any

import discord
import yarl
from discord.ext import commands

from bot.tree import PodiumTree
from commands import Services
from commands.boards import BoardCommands
from commands.rank import RankCommands

log = logging.getLogger(__name__)

#: Every cog, in load order; each takes the ``Services``.
COGS = (RankCommands, BoardCommands)


def apply_endpoints(api_base: str | None, gateway_url: str | None) -> None:
    """Point discord.py at a REST proxy / gateway (production proxies, the loopback fake)."""
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
    if gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


class PodiumBot(commands.Bot):
    """Podium's bot: slash commands only, no privileged intents, mentions never ping."""

    def __init__(
        self, services: Services, *, dev_guild_id: int | None = None, **options: Any
    ) -> None:
        """Build the client; nothing connects until ``start``.

        ``options`` go to discord.py's client (e.g. ``shard_count``, ``guild_ready_timeout``).
        """
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            tree_cls=PodiumTree,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            **options,
        )
        self.services = services
        self.dev_guild_id = dev_guild_id

    async def setup_hook(self) -> None:
        """Runs once per process before connecting: add cogs, then sync the commands once."""
        for cog in COGS:
            await self.add_cog(cog(self.services))
        if self.dev_guild_id:
            guild = discord.Object(id=self.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to dev guild %s", len(synced), self.dev_guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))

    async def on_ready(self) -> None:
        """Log who we are; never sync here (it fires on every reconnect)."""
        log.info("connected as %s to %d guild(s)", self.user, len(self.guilds))
