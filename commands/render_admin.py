"""Pure: ``/refresh`` progress and summary, ``/subscribe`` answers, ``/subscriptions`` and
``/config`` -> text and ``discord.Embed``s within Discord's limits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from commands.embeds.style import DEFAULT_COLOUR, literal
from commands.i18n import tn
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

REFRESH_TITLE = "Refresh"
REFRESH_RUNNING = "Refreshing {count} source(s)…"
REFRESH_DONE = "Done: {new} with new data, {unchanged} unchanged, {problems} with problems."
STAGES = {
    "waiting": "⏳ waiting",
    "fetching": "⏬ downloading…",
    "parsing": "🔎 reading…",
    "storing": "💾 storing…",
}
STATUS = {
    "new": "✅ new snapshot",
    "unchanged": "➖ unchanged",
    "not_modified": "➖ unchanged (not modified since the last download)",
    "refused": "⛔ refused: {reason}",
    "failed": "⚠️ failed: {reason}",
}
BOARD_NEW = "{title} `{board_id}`: {rows} rows, as of {as_of}"
NO_CHANGES = "no ranking changes"
CATEGORY_BOARDS = "+ {count} category board(s) updated"
#: Lines of changes shown per board in the summary (the alerts carry the rest).
CHANGES_SHOWN = 8

SUBSCRIBED_MODEL = "You will get a DM when **{model}** moves on {where} (by {min_move}+ places, "
SUBSCRIBED_MODEL_END = "entering or leaving the top {top_n}, or a new #1)."
SUBSCRIBED_BOARD = "Changes in the top {top_n} of `{board}` will be posted in {where}."
EVERY_MAIN_BOARD = "every main board"
YOUR_DMS = "your DMs"
UNSUBSCRIBED = "Unsubscribed: {line}."
SUBSCRIPTIONS_TITLE = "Subscriptions"
NO_SUBSCRIPTIONS = "None yet. /subscribe model follows a model by DM; moderators can post a "
NO_SUBSCRIPTIONS_END = "board's changes in a channel with /subscribe board."
PAUSED = " (paused: {reason})"
SUBSCRIPTION_ITEM = "`{id}` {line}"
CONFIG_TITLE = "Podium settings for this server"
CONFIG_LINES = (
    "Alert channel: {channel}\nModerator role: {role}\nDefault board: {board}\n\n"
    "Moderators are members with Manage Server, or with the moderator role."
)
NOT_SET = "not set"
CANNOT_POST = (
    "Podium cannot post embeds in {where}; "
    "give it View Channel, Send Messages and Embed Links there."
)


# --- /refresh ----------------------------------------------------------------------------------


def _board_lines(outcome: BoardOutcome, title: str) -> list[str]:
    head = BOARD_NEW.format(
        title=literal(title, 100),
        board_id=outcome.board_id,
        rows=outcome.rows,
        as_of=outcome.as_of.isoformat(),
    )
    lines = discord_lines(outcome.changes)
    shown = lines[:CHANGES_SHOWN] or [NO_CHANGES]
    if len(lines) > CHANGES_SHOWN:
        shown.append(tn("alert.more", len(lines) - CHANGES_SHOWN))
    return [f"**{head}**", *shown]


def report_lines(report: LoadReport, titles: Mapping[str, str]) -> list[str]:
    """A source's outcome: its status, then each main board's new snapshot and changes.

    ``titles`` maps board ids to titles; boards missing there count as category boards,
    summarised in one line (the Arena alone has dozens).
    """
    lines = [STATUS[report.status].format(reason=clip(report.reason, 300))]
    new = [outcome for outcome in report.boards if outcome.status == "new"]
    for outcome in new:
        if outcome.board_id in titles:
            lines.extend(_board_lines(outcome, titles[outcome.board_id]))
    categories = sum(outcome.board_id not in titles for outcome in new)
    if categories:
        lines.append(CATEGORY_BOARDS.format(count=categories))
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
        description = REFRESH_DONE.format(
            new=new, unchanged=len(mine) - new - problems, problems=problems
        )
    else:
        description = REFRESH_RUNNING.format(count=len(source_ids))
    embed = discord.Embed(title=REFRESH_TITLE, description=description, colour=DEFAULT_COLOUR)
    fields = []
    for source_id in source_ids:
        report = reports.get(source_id)
        if report is None:
            fields.append((source_id, STAGES.get(stages.get(source_id, "waiting"), "…"), False))
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
    board = f"`{subscription.board_id}`" if subscription.board_id else EVERY_MAIN_BOARD
    if subscription.model_name is not None:
        return (SUBSCRIBED_MODEL + SUBSCRIBED_MODEL_END).format(
            model=literal(subscription.model_name, 100),
            where=board,
            min_move=subscription.min_move,
            top_n=subscription.top_n,
        )
    target = YOUR_DMS if subscription.is_dm else where(subscription.destination)
    return SUBSCRIBED_BOARD.format(
        top_n=subscription.top_n, board=subscription.board_id, where=target
    )


def _line(subscription: Subscription) -> str:
    return subscription_line(
        subscription.board_id, subscription.model_name, subscription.destination
    )


def unsubscribed_text(subscription: Subscription) -> str:
    """The answer to ``/unsubscribe``."""
    return UNSUBSCRIBED.format(line=_line(subscription))


def subscription_choice(subscription: Subscription) -> str:
    """A subscription as an autocomplete choice label (plain text)."""
    where = "DM" if subscription.is_dm else "channel"
    board = subscription.board_id or EVERY_MAIN_BOARD
    what = subscription.model_name or f"top {subscription.top_n}"
    return f"#{subscription.id} {what} on {board} ({where})"


def subscriptions_embed(subscriptions: Sequence[Subscription]) -> discord.Embed:
    """``/subscriptions``: id, what, where, and whether it is paused."""
    embed = discord.Embed(title=SUBSCRIPTIONS_TITLE, colour=DEFAULT_COLOUR)
    if not subscriptions:
        embed.description = NO_SUBSCRIPTIONS + NO_SUBSCRIPTIONS_END
        return embed
    lines = []
    for subscription in subscriptions:
        line = SUBSCRIPTION_ITEM.format(id=subscription.id, line=_line(subscription))
        if not subscription.enabled:
            line += PAUSED.format(reason=subscription.disabled_reason or "")
        lines.append(line)
    text = "\n".join(lines)
    embed.description = clip(text, DESCRIPTION)
    return embed


# --- /config ---------------------------------------------------------------------------------


def config_embed(config: GuildConfig) -> discord.Embed:
    """A server's settings."""
    channel = f"<#{config.alert_channel_id}>" if config.alert_channel_id else NOT_SET
    role = f"<@&{config.moderator_role_id}>" if config.moderator_role_id else NOT_SET
    board = f"`{config.default_board}`" if config.default_board else NOT_SET
    return discord.Embed(
        title=CONFIG_TITLE,
        description=CONFIG_LINES.format(channel=channel, role=role, board=board),
        colour=DEFAULT_COLOUR,
    )
