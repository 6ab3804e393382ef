"""What every embed shares: colours, footers, aligned tables, the message-wide budget, names
shown as published (``literal``) and the error embed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import discord

from commands.limits import (
    DESCRIPTION,
    EMBEDS_PER_MESSAGE,
    FIELD_VALUE,
    FOOTER,
    TOTAL,
    clip,
    trim_to_total,
)
from commands.wording import plain
from data.sources import REGISTRY

DEFAULT_COLOUR = 0x99AAB5
ERROR_COLOUR = 0xED4245
#: Marks the best figure of a line inside monospace tables (an emoji would break alignment).
BEST_MARK = "*"
#: Code fences around a monospace table.
FENCE = "```"
#: What Discord renders as a mention: a user, role, channel or slash command.
_MENTION = re.compile(r"<(@[!&]?|#|/[^<>:]{1,100}:)([0-9]+)>")


def colour(source_id: str | None) -> int:
    """The source's colour (``LeaderboardSource.colour``; grey for none or an unknown source)."""
    source = REGISTRY.get(source_id or "")
    return source.colour if source is not None and source.colour is not None else DEFAULT_COLOUR


def footer(*parts: str) -> str:
    """A footer from its parts (source, snapshot date, page...), joined and clipped."""
    return clip(" · ".join(part for part in parts if part), FOOTER)


def table(rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """Rows padded into aligned columns (``right[i]``: right-align column ``i``). A
    left-aligned last column is not padded, so a long name there wraps without breaking the
    alignment of the columns before it."""
    widths = [max((width(row[i]) for row in rows), default=0) for i in range(len(right))]
    last = len(right) - 1
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            padding = " " * (widths[i] - width(cell))
            if i == last and not right[i]:
                padding = ""
            cells.append(padding + cell if right[i] else cell + padding)
        lines.append(" ".join(cells).rstrip())
    return lines


def width(text: str) -> int:
    """Columns ``text`` takes in a monospace font: wide characters (CJK, medal emoji) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def code_fields(
    name: str, lines: Sequence[str], header: str = "", limit: int = FIELD_VALUE
) -> list[tuple[str, str, bool]]:
    """``lines`` as monospace fields of at most ``limit`` characters each, split between lines
    (each part repeats the header); the name of later parts says which part they are."""
    budget = limit - 2 * len(FENCE) - 2 - (len(header) + 1 if header else 0)
    chunks: list[list[str]] = [[]]
    used = 0
    for line in (clip(line, budget) for line in lines):
        if chunks[-1] and used + len(line) + 1 > budget:
            chunks.append([])
            used = 0
        chunks[-1].append(line)
        used += len(line) + 1
    fields = []
    for number, chunk in enumerate(chunks, start=1):
        body = "\n".join(([header] if header else []) + chunk)
        label = name if len(chunks) == 1 else f"{name} ({number}/{len(chunks)})"
        fields.append((label, f"{FENCE}\n{body}\n{FENCE}", False))
    return fields


def message_size(embeds: Sequence[discord.Embed]) -> int:
    """Characters Discord counts against the 6000 shared by all embeds of one message."""
    return sum(len(embed) for embed in embeds)


def first_fitting(
    *renderings: Callable[[], list[discord.Embed]],
) -> list[discord.Embed]:
    """The first rendering (fullest first) whose embeds fit one message; the last one is cut
    to fit: each of its embeds gets an equal share of the message's 6000 characters."""
    for render in renderings[:-1]:
        embeds = render()
        if len(embeds) <= EMBEDS_PER_MESSAGE and message_size(embeds) <= TOTAL:
            return embeds
    embeds = renderings[-1]()[:EMBEDS_PER_MESSAGE]
    share = TOTAL // max(len(embeds), 1)
    return [trim_to_total(embed, limit=share) for embed in embeds]


def error_embed(message: str) -> discord.Embed:
    """A short red embed for errors."""
    return discord.Embed(description=clip(message, DESCRIPTION), colour=ERROR_COLOUR)


def literal(text: str, limit: int = 200) -> str:
    """A name from the data (or text a user typed), shown as published on one line: Markdown
    escaped rather than stripped (the ``_`` and ``*`` of ``deepseek_v3`` belong to the name),
    mentions defused (``<@1>`` reads ``@1``, ``@everyone`` highlights and pings no one)."""
    text = _MENTION.sub(r"\1\2", plain(text, limit))
    return discord.utils.escape_markdown(discord.utils.escape_mentions(text))
