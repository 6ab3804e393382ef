"""Moderator commands: ``/refresh [source]`` and ``/config``.

Both need Manage Server or the server's moderator role (``commands.checks``), checked in code
on every use as well as through ``default_permissions``, which a server can override.
"""

from __future__ import annotations

import time

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.autocomplete import board_choices, choices
from commands.checks import can_post_in, require_moderator
from commands.i18n import t
from commands.render_admin import CANNOT_POST, config_embed, refresh_embed
from commands.responding import compute, send
from commands.translator import guild_locale
from data.domain.types import LoadReport
from data.subscriptions import ConfigSetting

#: One ``/refresh`` per server per this many seconds (the schedule refreshes anyway).
REFRESH_COOLDOWN_S = 60.0


class _RefreshReply:
    """The deferred ``/refresh`` answer, edited as each source starts and finishes."""

    def __init__(
        self, interaction: discord.Interaction, source_ids: list[str], titles: dict[str, str]
    ) -> None:
        self.interaction = interaction
        self.source_ids = source_ids
        self.titles = titles
        self.stages: dict[str, str] = {}
        self.reports: dict[str, LoadReport] = {}

    async def update(self, source_id: str, stage: str, report: LoadReport | None) -> None:
        """A progress callback for ``LoadingService.refresh``.

        A joined run may be refreshing other sources too: only the asked ones are shown.
        """
        if source_id not in self.source_ids:
            return
        self.stages[source_id] = stage
        if report is not None:
            self.reports[source_id] = report
        if stage in ("fetching", "done"):  # enough to follow along, few edits
            await self.show()

    async def show(self) -> None:
        """Edit the reply to the current state."""
        embed = refresh_embed(self.source_ids, self.stages, self.reports, self.titles)
        await self.interaction.edit_original_response(embed=embed)


class AdminCommands(commands.Cog):
    """Refreshing and configuring Podium in a server."""

    config = app_commands.Group(
        name="config",
        description="Podium settings for this server (moderators)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, services: Services) -> None:
        self.services = services
        self._last_refresh: dict[int | None, float] = {}
        """When each server last started a ``/refresh`` (``time.monotonic``)."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Every command here is for moderators; checked before the cooldown is spent."""
        await require_moderator(interaction, self.services)
        return True

    @app_commands.command(
        name="refresh", description="Fetch the leaderboards now and show what changed"
    )
    @app_commands.describe(source="Only this source, e.g. lmarena (every source when omitted)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def refresh(
        self, interaction: discord.Interaction, source: app_commands.Range[str, 1, 32] | None = None
    ) -> None:
        """Defer, refresh (joining a refresh already running), editing the reply as it goes."""
        self._spend_cooldown(interaction.guild_id)
        await interaction.response.defer(thinking=True, ephemeral=True)
        loading = self.services.loading
        wanted = [source.strip().lower()] if source else await loading.refresh_ids()
        reply = _RefreshReply(interaction, wanted, await self._main_titles())
        reports = await loading.refresh(wanted, reply.update)
        # The alert worker listens for this: new snapshots may have queued alerts.
        interaction.client.dispatch("rankings_refreshed", reports)
        # The final word comes from the reports, not the progress events: a joined run may have
        # finished some sources before this reply started listening.
        reply.reports = {report.source_id: report for report in reports}
        reply.titles = await self._main_titles()  # boards a refresh added have titles now
        await reply.show()

    def _spend_cooldown(self, guild_id: int | None) -> None:
        """One ``/refresh`` per server per ``REFRESH_COOLDOWN_S``, else ``CommandOnCooldown``.

        Kept on the cog rather than in ``app_commands.checks.cooldown``, whose buckets live in
        the decorator and so are shared by every client of the process (the tests start
        many). Runs after ``interaction_check``: a refused member spends nothing.
        """
        now = time.monotonic()
        last = self._last_refresh.get(guild_id)
        if last is not None and now - last < REFRESH_COOLDOWN_S:
            cooldown = app_commands.Cooldown(1, REFRESH_COOLDOWN_S)
            raise app_commands.CommandOnCooldown(cooldown, last + REFRESH_COOLDOWN_S - now)
        self._last_refresh[guild_id] = now

    async def _main_titles(self) -> dict[str, str]:
        summaries = await self.services.leaderboards.board_summaries()
        return {
            s.board.board_id: wording.board_title(s.board)
            for s in summaries
            if s.board.category is None
        }

    @refresh.autocomplete("source")
    async def _source_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        wanted = current.strip().lower()
        return choices([(s, s) for s in self.services.loading.source_ids() if wanted in s])

    @config.command(name="show", description="Show this server's Podium settings")
    async def show(self, interaction: discord.Interaction) -> None:
        """Answer with the settings."""
        assert interaction.guild_id is not None  # guild_only
        config = await compute(
            interaction,
            self.services.subscriptions.guild_config(interaction.guild_id),
            ephemeral=True,
        )
        await send(interaction, embed=config_embed(config), ephemeral=True)

    @config.command(
        name="alert_channel", description="Where board alerts and notices go by default"
    )
    @app_commands.describe(channel="The channel (leave empty to unset)")
    async def alert_channel(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        """Set or unset the alert channel: one where Podium may post embeds (as ``/subscribe
        board channel:`` checks), so alerts and notices do not fail there later."""
        if channel is not None and not can_post_in(channel):
            await send(interaction, content=t(CANNOT_POST, where=channel.mention), ephemeral=True)
            return
        await self._set(interaction, "alert_channel", channel.id if channel else None)

    @config.command(name="moderator_role", description="A role whose members may moderate Podium")
    @app_commands.describe(role="The role (leave empty to unset)")
    async def moderator_role(
        self, interaction: discord.Interaction, role: discord.Role | None = None
    ) -> None:
        """Set or unset the moderator role."""
        await self._set(interaction, "moderator_role", role.id if role else None)

    @config.command(
        name="default_board", description="The board /subscribe model uses when none is named"
    )
    @app_commands.describe(board="Board id, source or title (leave empty to unset)")
    async def default_board(
        self, interaction: discord.Interaction, board: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        """Set or unset the default board."""
        await self._set(interaction, "default_board", board)

    @default_board.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)

    async def _set(
        self, interaction: discord.Interaction, setting: ConfigSetting, value: int | str | None
    ) -> None:
        assert interaction.guild_id is not None  # guild_only
        work = self.services.subscriptions.configure(
            interaction.guild_id, setting, value, guild_locale(interaction)
        )
        config = await compute(interaction, work, ephemeral=True)
        await send(interaction, embed=config_embed(config), ephemeral=True)
