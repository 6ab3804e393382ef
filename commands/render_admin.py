"""Pure: ``/refresh`` progress and summary, ``/subscribe`` answers, ``/subscriptions`` and
``/config`` -> text and ``discord.Embed``s within Discord's limits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from commands.embeds import DEFAULT_COLOUR, literal
from commands.i18n import t, tn
from commands.limits import DESCRIPTION, add_fields, clip
from commands.render_alerts import (
    change_lines,
    chunk_lines,
    discord_lines,
    subscription_line,
    where,
)
from data.domain.delivery import GuildConfig, Subscription
from data.domain.types import BoardOutcome, LoadReport

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
#: The answer when Podium may not post in a channel (catalogue key; ``{where}`` is filled).
CANNOT_POST = "config.cannot_post"


# --- /refresh ----------------------------------------------------------------------------------


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


# --- /subscribe, /unsubscribe, /subscriptions ----------------------------------------------------


def subscribed_text(subscription: Subscription) -> str:
    """What a new (or updated) subscription will do."""
    board = f"`{subscription.board_id}`" if subscription.board_id else t("subscription.every_board")
    if subscription.model_name is not None:
        return t(
            "subscribe.model",
            model=literal(subscription.model_name, 100),
            where=board,
            min_move=subscription.min_move,
            top_n=subscription.top_n,
        )
    target = t("subscribe.your_dms") if subscription.is_dm else where(subscription.destination)
    return t("subscribe.board", top_n=subscription.top_n, board=subscription.board_id, where=target)


def _line(subscription: Subscription) -> str:
    return subscription_line(
        subscription.board_id, subscription.model_name, subscription.destination
    )


def unsubscribed_text(subscription: Subscription) -> str:
    """The answer to ``/unsubscribe``."""
    return t("subscribe.unsubscribed", line=_line(subscription))


def subscription_choice(subscription: Subscription) -> str:
    """A subscription as an autocomplete choice label (plain text)."""
    where = t("subscription.dm") if subscription.is_dm else t("subscribe.choice.channel")
    board = subscription.board_id or t("subscription.every_board")
    what = subscription.model_name or t("subscribe.choice.top", top_n=subscription.top_n)
    return t("subscribe.choice", id=subscription.id, what=what, board=board, where=where)


def subscriptions_embed(subscriptions: Sequence[Subscription]) -> discord.Embed:
    """``/subscriptions``: id, what, where, and whether it is paused."""
    embed = discord.Embed(title=t("subscribe.title"), colour=DEFAULT_COLOUR)
    if not subscriptions:
        embed.description = t("subscribe.none")
        return embed
    lines = []
    for subscription in subscriptions:
        line = t("subscribe.item", id=subscription.id, line=_line(subscription))
        if not subscription.enabled:
            line += t("subscribe.paused", reason=subscription.disabled_reason or "")
        lines.append(line)
    text = "\n".join(lines)
    embed.description = clip(text, DESCRIPTION)
    return embed


# --- /config ---------------------------------------------------------------------------------


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
