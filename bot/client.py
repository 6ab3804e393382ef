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
from bot.jobs import start_schedule
from bot.settings import Settings
from bot.sharding import ShardPlan
from bot.tree import PodiumTree
from commands import Services
from commands.about.cog import AboutCommands
from commands.admin import AdminCommands
from commands.boards.cog import BoardCommands
from commands.compare.cog import CompareCommands
from commands.history.cog import HistoryCommands
from commands.rank.cog import RankCommands
from commands.search.cog import SearchCommands
from commands.subscriptions import SubscriptionCommands
from commands.top.cog import TopCommands
from commands.translator import CatalogueTranslator
from commands.views import PageButton, PickSelect
from data.store.locks import SpacedTurns

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
        sync_commands: bool = True,
        run_schedule: bool = True,
        **options: Any,
    ) -> None:
        """Build the client; nothing connects until ``start``.

        With ``settings``, the bot also delivers alerts and, with ``run_schedule``, runs the
        refresh schedule. ``sync_commands``: whether this process registers the slash commands
        (one process of several does). ``options`` go to discord.py's client (e.g.
        ``guild_ready_timeout``).
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
        self.sync_commands = sync_commands
        self.run_schedule = run_schedule
        self.alerts: AlertDispatcher | None = None
        self.scheduler: AsyncIOScheduler | None = None

    async def setup_hook(self) -> None:
        """Runs once per process before connecting: add cogs, then sync the commands once."""
        await self.tree.set_translator(CatalogueTranslator())
        for cog in COGS:
            await self.add_cog(cog(self.services))
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        guild = discord.Object(id=self.dev_guild_id) if self.dev_guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        if self.sync_commands:
            await sync_if_changed(self.tree, guild)
        else:
            log.info("not syncing commands: the process running shard 0 does")
        if self.settings is not None:
            await self._start_background(self.settings)

    async def _start_background(self, settings: Settings) -> None:
        """Start the alert worker (first delivering what a previous run left) and, unless a
        separate refresher runs it, the refresh schedule."""
        self.alerts = AlertDispatcher(
            self.services.outbox,
            self,
            poll=settings.alert_poll_s,
            pace=settings.alert_pace_s,
        )
        self.alerts.start()
        # Alerts a separate refresher (or another bot) queued: delivered when it commits.
        self.services.outbox.on_news(self.alerts.wake)
        if self.run_schedule:
            self.scheduler = await start_schedule(
                self.services.loading,
                settings,
                lambda reports: self.dispatch("rankings_refreshed", reports),
                now=datetime.now(UTC),
            )

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Log which shard served a command (no options: they may carry user text)."""
        if interaction.type is discord.InteractionType.application_command:
            log.info(
                "/%s from guild %s on shard %s",
                interaction.data.get("name") if interaction.data else "?",
                interaction.guild_id or "DM",
                self.shard_id_of(interaction.guild_id),
            )

    def shard_id_of(self, guild_id: int | None) -> int:
        """The shard Discord routes ``guild_id``'s events to (DMs: shard 0)."""
        if guild_id is None or not self.shard_count:
            return 0
        return (guild_id >> 22) % self.shard_count

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


class ShardedPodiumBot(PodiumBot, commands.AutoShardedBot):
    """Podium's bot over several gateway shards (``shard_count``/``shard_ids`` options).

    With ``identify_turns``, shard sessions start in turns shared with the other processes on
    the database (Discord allows one IDENTIFY per 5 s per ``max_concurrency`` bucket for the
    whole bot); without, discord.py spaces this process's own shards only.
    """

    def __init__(
        self, services: Services, *, identify_turns: SpacedTurns | None = None, **options: Any
    ) -> None:
        """As ``PodiumBot``; ``identify_turns`` coordinates IDENTIFYs across processes."""
        super().__init__(services, **options)
        self.identify_turns = identify_turns
        self._max_concurrency: int | None = None

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Wait for this shard's IDENTIFY turn among every process of the bot."""
        if self.identify_turns is None:
            await super().before_identify_hook(shard_id, initial=initial)
            return
        if self._max_concurrency is None:
            limits = await self.fetch_session_start_limits()
            self._max_concurrency = max(1, limits.max_concurrency)
        await self.identify_turns.take((shard_id or 0) % self._max_concurrency)


def build_bot(
    services: Services, settings: Settings, *, identify_turns: SpacedTurns | None = None
) -> PodiumBot:
    """The bot ``settings`` describe: its shards, whether it syncs commands, its role."""
    plan = ShardPlan.from_settings(settings)
    common: dict[str, Any] = {
        "dev_guild_id": settings.dev_guild_id,
        "settings": settings,
        "sync_commands": plan.syncs_commands,
        "run_schedule": settings.role == "all",
    }
    if plan.sharded:
        return ShardedPodiumBot(
            services, identify_turns=identify_turns, **common, **plan.client_options()
        )
    return PodiumBot(services, **common)
