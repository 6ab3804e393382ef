"""Pure: ranking changes, alerts and notices -> text and ``discord.Embed``s within the limits.

Changes are worded once (``change_lines``), for the alerts, the ``/refresh`` summary and the
terminal. The lines of one board group a model's changes: ``GPT-4o: #2 → #1 ▲1 · new #1
(before: Claude 3.5 Sonnet)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import discord

from commands import wording
from commands.embeds import colour, footer, literal
from commands.i18n import moment, t, tn
from commands.limits import FIELD_VALUE, FIELDS, TITLE, TOTAL, clip
from commands.wording import number
from data.domain.delivery import (
    AlertSection,
    HealthNotice,
    Notice,
    OutboxItem,
    parse_destination,
)
from data.domain.types import RankChange

#: What a model's changes say, per kind (the ranks are shown once, before them); "moved" has
#: no phrase: the ranks say it all.
PHRASES = {
    "new_leader": "alert.phrase.new_leader",
    "entered_top": "alert.phrase.entered_top",
    "left_top": "alert.phrase.left_top",
    "new_model": "alert.phrase.new_model",
    "removed": "alert.phrase.removed",
    "score_change": "alert.phrase.score_change",
}
NOTICE_CHANNEL = {
    "forbidden": "notice.channel.forbidden",
    "not_found": "notice.channel.not_found",
}
HEALTH_TITLE = {"failing": "health.title.failing", "recovered": "health.title.recovered"}
HEALTH_TEXT = {"failing": "health.text.failing", "recovered": "health.text.recovered"}

#: Keeps each message under Discord's 6000 characters with room for title and footer.
_MESSAGE_BUDGET = TOTAL - 400


def _ranks(group: Sequence[RankChange]) -> str:
    """``#14 → #4 ▲10``, ``new at #4``, ``#40 → gone``, or ``now #1`` / ``was #3`` when the
    other side is unranked or absent (a change does not say which)."""
    kinds = {change.kind for change in group}
    old, new = group[0].old_rank, group[0].new_rank
    if "new_model" in kinds:
        return (
            t("alert.ranks.new_at", new=new) if new is not None else t("alert.ranks.new_unranked")
        )
    if "removed" in kinds:
        return t("alert.ranks.gone_from", old=old) if old is not None else t("alert.ranks.gone")
    if old is None or new is None:
        return t("alert.ranks.now", new=new) if new is not None else t("alert.ranks.was", old=old)
    if old == new:
        return t("alert.ranks.same", new=new)
    move = f"▲{old - new}" if new < old else f"▼{new - old}"
    return t("alert.ranks.moved", old=old, new=new, move=move)


def _phrase(change: RankChange, escape: Callable[[str], str]) -> str:
    key = PHRASES.get(change.kind)
    if key is None:
        return ""
    text = t(
        key,
        top_n=change.top_n,
        old_score=number(change.old_score),
        new_score=number(change.new_score),
    )
    if change.kind == "new_leader" and change.previous_leader:
        text += t("alert.before", leader=escape(change.previous_leader))
    return text


def _as_is(text: str) -> str:
    return text


def change_lines(
    changes: Sequence[RankChange],
    escape: Callable[[str], str] = _as_is,
    emphasis: Callable[[str], str] = _as_is,
) -> list[str]:
    """One line per row that changed, in the order the changes come (most important first).

    ``escape`` formats every name in a line, the row's model and the previous leader (embeds
    escape Markdown; terminals leave names as published); ``emphasis`` then marks the row's
    model (embeds embolden it).
    """
    grouped: dict[str, list[RankChange]] = {}
    for change in changes:
        grouped.setdefault(change.key, []).append(change)
    lines = []
    for group in grouped.values():
        phrases = [phrase for phrase in (_phrase(change, escape) for change in group) if phrase]
        line = t("alert.line", name=emphasis(escape(group[0].name)), ranks=_ranks(group))
        lines.append(" · ".join([line, *dict.fromkeys(phrases)]))
    return lines


def discord_lines(changes: Sequence[RankChange]) -> list[str]:
    """``change_lines`` for an embed: names escaped, the changed model's bold."""
    return change_lines(changes, lambda text: literal(text, 120), lambda text: f"**{text}**")


def chunk_lines(lines: Sequence[str], limit: int = FIELD_VALUE) -> list[str]:
    """``lines`` joined into texts of at most ``limit`` characters, split between lines."""
    chunks: list[str] = []
    for line in (clip(line, limit) for line in lines):
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return chunks


# --- alerts ------------------------------------------------------------------------------------


def _section_fields(section: AlertSection) -> list[tuple[str, str]]:
    lines = discord_lines(section.changes)
    if section.omitted:
        lines.append(tn("list.more", section.omitted))
    title = wording.board_title(section.board)
    name = clip(t("alert.section", board=title, as_of=section.as_of.isoformat()), 256)
    return [(name, text) for text in chunk_lines(lines)]


def alert_messages(item: OutboxItem) -> list[list[discord.Embed]]:
    """The messages of one outbox item, each a list of embeds that Discord accepts.

    An alert is one embed, a field per board; only when it exceeds the limits does it go on
    in further messages. A notice is one embed.
    """
    if item.notice is not None:
        return [[notice_embed(item.notice)]]
    if item.health is not None:
        return [[health_embed(item.health)]]
    fields = [field for section in item.sections for field in _section_fields(section)]
    first = item.sections[0]
    title = (
        t("alert.title", board=wording.board_title(first.board))
        if len({s.board.board_id for s in item.sections}) == 1
        else t("alert.title_many")
    )
    newest = max(section.as_of for section in item.sections).isoformat()
    messages: list[list[discord.Embed]] = []
    embed: discord.Embed | None = None
    for name, value in fields:
        if (
            embed is None
            or len(embed.fields) == FIELDS
            or len(embed) + len(name) + len(value) > _MESSAGE_BUDGET
        ):
            embed = discord.Embed(
                title=clip(title, TITLE),
                url=first.board.url or None,
                colour=colour(first.board.source_id),
            )
            embed.set_footer(text=footer(t("alert.footer", as_of=newest)))
            messages.append([embed])
        embed.add_field(name=name, value=value, inline=False)
    return messages


def where(target: str) -> str:
    """A destination as users read it: ``DM`` or a channel mention (which never pings)."""
    kind, target_id = parse_destination(target)
    return t("subscription.dm") if kind == "user" else f"<#{target_id}>"


def subscription_line(board_id: str | None, model: str | None, target: str) -> str:
    """``Qwen2-72B-Instruct on `lmarena` → DM`` / ``top of `lmarena` → #channel``."""
    board = f"`{board_id}`" if board_id else t("subscription.every_board")
    what = (
        t("subscription.model_on", model=literal(model, 100), board=board)
        if model
        else t("subscription.top_of", board=board)
    )
    return t("subscription.line", what=what, where=where(target))


def notice_embed(notice: Notice) -> discord.Embed:
    """Why alerts stopped, what stopped, and how to resume."""
    kind, target_id = parse_destination(notice.unreachable)
    cause = (
        t(NOTICE_CHANNEL[notice.reason], id=target_id)
        if kind == "channel"
        else t("notice.user", id=target_id)
    )
    labels = "\n".join(
        f"• {subscription_line(s.board_id, s.model_name, s.destination)}"
        for s in notice.subscriptions
    )
    text = "\n\n".join([cause, t("notice.paused", labels=labels), t("notice.resume")])
    return discord.Embed(title=t("notice.title"), description=clip(text, 4096), colour=colour(None))


def health_embed(notice: HealthNotice) -> discord.Embed:
    """A followed source started failing (for over a day) or recovered."""
    source = literal(notice.source, 100)
    text = t(
        HEALTH_TEXT[notice.state],
        source=source,
        since=moment(notice.since),
        reason=literal(notice.reason or "–", 500),
        boards=", ".join(literal(board, 100) for board in notice.boards) or source,
    )
    embed = discord.Embed(
        title=clip(t(HEALTH_TITLE[notice.state], source=source), TITLE),
        description=clip(text, 4096),
        colour=colour(notice.source_id),
    )
    embed.set_footer(text=footer(t("health.footer")))
    return embed
