"""The Discord client: loads the cogs, syncs commands once, and owns their lifetime."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import discord
import yarl
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from discord.ext import commands

from bot.alerts import AlertDispatcher
from bot.command_sync import sync_if_changed
from bot.jobs import RefreshJob, last_checks
from bot.scheduler import build_scheduler
from bot.settings import Settings
from bot.tree import PodiumTree
from commands import Services
from commands.about import AboutCommands
from commands.admin import AdminCommands
from commands.boards import BoardCommands
from commands.compare import CompareCommands
from commands.history import HistoryCommands
from commands.rank import RankCommands
from commands.search import SearchCommands
from commands.subscriptions import SubscriptionCommands
from commands.top import TopCommands
from commands.views import PageButton, PickSelect

log = logging.getLogger(__name__)

#: Every cog, in load order; each takes the ``Services``.
COGS = (
    RankCommands,
    CompareCommands,
    TopCommands,
    HistoryCommands,
    SearchCommands,
    BoardCommands,
    AboutCommands,
    SubscriptionCommands,
    AdminCommands,
)
#: Buttons and menus that work on any message, also after a restart (custom_id templates).
DYNAMIC_ITEMS = (PageButton, PickSelect)


def apply_endpoints(api_base: str | None, gateway_url: str | None) -> None:
    """Point discord.py at a REST proxy / gateway (production proxies, the loopback fake)."""
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
    if gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


class PodiumBot(commands.Bot):
    """Podium's bot: slash commands only, no privileged intents, mentions never ping."""

    def __init__(
        self,
        services: Services,
        *,
        dev_guild_id: int | None = None,
        settings: Settings | None = None,
        **options: Any,
    ) -> None:
        """Build the client; nothing connects until ``start``.

        With ``settings``, the bot also runs the refresh schedule and delivers alerts.
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
        self.settings = settings
        self.alerts: AlertDispatcher | None = None
        self.scheduler: AsyncIOScheduler | None = None

    async def setup_hook(self) -> None:
        """Runs once per process before connecting: add cogs, then sync the commands once."""
        for cog in COGS:
            await self.add_cog(cog(self.services))
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        guild = discord.Object(id=self.dev_guild_id) if self.dev_guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        await sync_if_changed(self.tree, guild)
        if self.settings is not None:
            await self._start_background(self.settings)

    async def _start_background(self, settings: Settings) -> None:
        """Start the alert worker (first delivering what a previous run left) and the
        refresh schedule, which resumes from each source's last check."""
        self.alerts = AlertDispatcher(
            self.services.subscriptions,
            self,
            poll=settings.alert_poll_s,
            pace=settings.alert_pace_s,
        )
        self.alerts.start()
        leaderboards = self.services.leaderboards
        self.scheduler = build_scheduler(
            {source_id: settings.schedule(source_id) for source_id in leaderboards.scheduled_ids()},
            RefreshJob(
                leaderboards, lambda reports: self.dispatch("rankings_refreshed", reports)
            ).run,
            jitter=settings.schedule_jitter_s,
            last_runs=await last_checks(leaderboards),
            now=datetime.now(UTC),
        )
        self.scheduler.start()
        log.info("refresh schedule: %s", ", ".join(j.id for j in self.scheduler.get_jobs()))

    async def on_rankings_refreshed(self, reports: Sequence[object]) -> None:
        """A refresh finished (scheduled or ``/refresh``): its alerts may be queued."""
        if self.alerts is not None:
            self.alerts.wake()

    async def close(self) -> None:
        """Stop the schedule and the alert worker, then disconnect and close."""
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.alerts is not None:
            await self.alerts.stop()
        await super().close()

    async def on_ready(self) -> None:
        """Log who we are; never sync here (it fires on every reconnect)."""
        log.info("connected as %s to %d guild(s)", self.user, len(self.guilds))
