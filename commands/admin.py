"""Moderator commands: ``/refresh [source]`` and ``/config``.

Both need Manage Server or the server's moderator role (``commands.checks``), checked in code
on every use as well as through ``default_permissions``, which a server can override.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.autocomplete import board_choices, choices
from commands.checks import CANNOT_POST, can_post_in, require_moderator
from commands.embeds import DEFAULT_COLOUR, literal
from commands.i18n import t, tn
from commands.limits import add_fields, clip
from commands.render_alerts import change_lines, chunk_lines, discord_lines
from commands.responding import compute, send
from commands.translator import english, guild_locale
from data.domain.delivery import GuildConfig
from data.domain.types import BoardOutcome, LoadReport
from data.subscriptions import ConfigSetting

STAGES = {
    "waiting": "refresh.stage.waiting",
    "fetching": "refresh.stage.fetching",
    "parsing": "refresh.stage.parsing",
    "storing": "refresh.stage.storing",
}
STATUS = {
    "new": "refresh.status.new",
    "unchanged": "refresh.status.unchanged",
    "not_modified": "refresh.status.not_modified",
    "refused": "refresh.status.refused",
    "failed": "refresh.status.failed",
}
#: Lines of changes shown per board in the summary (the alerts carry the rest).
CHANGES_SHOWN = 8
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
        description=english("config"),
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

    @app_commands.command(name="refresh", description=english("refresh"))
    @app_commands.describe(source=english("refresh", "source"))
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

    @config.command(name="show", description=english("config show"))
    async def show(self, interaction: discord.Interaction) -> None:
        """Answer with the settings."""
        assert interaction.guild_id is not None  # guild_only
        config = await compute(
            interaction,
            self.services.subscriptions.guild_config(interaction.guild_id),
            ephemeral=True,
        )
        await send(interaction, embed=config_embed(config), ephemeral=True)

    @config.command(name="alert_channel", description=english("config alert_channel"))
    @app_commands.describe(channel=english("config alert_channel", "channel"))
    async def alert_channel(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        """Set or unset the alert channel: one where Podium may post embeds (as ``/subscribe
        board channel:`` checks), so alerts and notices do not fail there later."""
        if channel is not None and not can_post_in(channel):
            await send(interaction, content=t(CANNOT_POST, where=channel.mention), ephemeral=True)
            return
        await self._set(interaction, "alert_channel", channel.id if channel else None)

    @config.command(name="moderator_role", description=english("config moderator_role"))
    @app_commands.describe(role=english("config moderator_role", "role"))
    async def moderator_role(
        self, interaction: discord.Interaction, role: discord.Role | None = None
    ) -> None:
        """Set or unset the moderator role."""
        await self._set(interaction, "moderator_role", role.id if role else None)

    @config.command(name="default_board", description=english("config default_board"))
    @app_commands.describe(board=english("config default_board", "board"))
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


# --- answers ---------------------------------------------------------------------------------


def _board_lines(outcome: BoardOutcome, title: str) -> list[str]:
    head = t(
        "refresh.board_new",
        title=literal(title, 100),
        board_id=outcome.board_id,
        rows=outcome.rows,
        as_of=outcome.as_of.isoformat(),
    )
    lines = discord_lines(outcome.changes)
    shown = lines[:CHANGES_SHOWN] or [t("refresh.no_changes")]
    if len(lines) > CHANGES_SHOWN:
        shown.append(tn("list.more", len(lines) - CHANGES_SHOWN))
    return [f"**{head}**", *shown]


def report_lines(report: LoadReport, titles: Mapping[str, str]) -> list[str]:
    """A source's outcome: its status, then each main board's new snapshot and changes.

    ``titles`` maps board ids to titles; boards missing there count as category boards,
    summarised in one line (the Arena alone has dozens).
    """
    lines = [t(STATUS[report.status], reason=clip(report.reason, 300))]
    new = [outcome for outcome in report.boards if outcome.status == "new"]
    for outcome in new:
        if outcome.board_id in titles:
            lines.extend(_board_lines(outcome, titles[outcome.board_id]))
    categories = sum(outcome.board_id not in titles for outcome in new)
    if categories:
        lines.append(tn("refresh.category_boards", categories))
    return lines


def refresh_embed(
    source_ids: Sequence[str],
    stages: Mapping[str, str],
    reports: Mapping[str, LoadReport],
    titles: Mapping[str, str],
) -> discord.Embed:
    """``/refresh`` as it goes: one field per source, its stage or its outcome."""
    # Reports of other sources (a joined run refreshing more) are not this answer's.
    mine = [reports[source_id] for source_id in source_ids if source_id in reports]
    if len(mine) == len(source_ids):
        problems = sum(r.status in ("refused", "failed") for r in mine)
        new = sum(r.status == "new" for r in mine)
        description = t(
            "refresh.done", new=new, unchanged=len(mine) - new - problems, problems=problems
        )
    else:
        description = tn("refresh.running", len(source_ids))
    embed = discord.Embed(title=t("refresh.title"), description=description, colour=DEFAULT_COLOUR)
    fields = []
    for source_id in source_ids:
        report = reports.get(source_id)
        if report is None:
            stage = STAGES.get(stages.get(source_id, "waiting"))
            fields.append((source_id, t(stage) if stage else "…", False))
            continue
        chunks = chunk_lines(report_lines(report, titles))
        fields.extend((source_id, chunk, False) for chunk in chunks)
    add_fields(embed, fields, "sources")
    return embed


def terminal_lines(report: LoadReport, titles: Mapping[str, str]) -> list[str]:
    """The changes of a refresh for a terminal: ``board: change`` lines, no markdown."""
    return [
        f"{outcome.board_id}: {line}"
        for outcome in report.boards
        if outcome.board_id in titles
        for line in change_lines(outcome.changes)
    ]


def config_embed(config: GuildConfig) -> discord.Embed:
    """A server's settings."""
    not_set = t("config.not_set")
    channel = f"<#{config.alert_channel_id}>" if config.alert_channel_id else not_set
    role = f"<@&{config.moderator_role_id}>" if config.moderator_role_id else not_set
    board = f"`{config.default_board}`" if config.default_board else not_set
    return discord.Embed(
        title=t("config.title"),
        description=t("config.lines", channel=channel, role=role, board=board),
        colour=DEFAULT_COLOUR,
    )
