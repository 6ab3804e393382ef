"""Discord's embed limits, enforced in one place so no answer is ever refused with a 400."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the console and `podium ask` never build embeds
    import discord

TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
TOTAL = 6000
EMBEDS_PER_MESSAGE = 10


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def add_fields(embed: discord.Embed, fields: list[tuple[str, str, bool]], noun: str) -> None:
    """Add as many fields as fit, then one ``… and N more <noun>`` line.

    200 characters stay free for the footer the caller sets afterwards; the last field obeys
    that budget too (it gives way to the note when it does not fit).
    """
    room = FIELDS
    for index, (name, value, inline) in enumerate(fields):
        remaining = len(fields) - index
        name, value = clip(name, FIELD_NAME), clip(value, FIELD_VALUE)
        too_big = len(embed) + len(name) + len(value) > TOTAL - 200
        if too_big or (room == 1 and remaining > 1):
            embed.add_field(name=MORE, value=f"and {remaining} more {noun}", inline=False)
            return
        embed.add_field(name=name, value=value, inline=inline)
        room -= 1


def fits(embed: discord.Embed) -> bool:
    """True when ``embed`` respects every limit Discord enforces."""
    data = embed.to_dict()
    fields = data.get("fields", [])
    return (
        len(data.get("title", "")) <= TITLE
        and len(data.get("description", "")) <= DESCRIPTION
        and len(fields) <= FIELDS
        and all(len(f["name"]) <= FIELD_NAME and len(f["value"]) <= FIELD_VALUE for f in fields)
        and len(data.get("footer", {}).get("text", "")) <= FOOTER
        and len(data.get("author", {}).get("name", "")) <= AUTHOR
        and len(embed) <= TOTAL
    )


#: The name of the field that says how many did not fit.
MORE = "…"
_MORE_NOTE = re.compile(r"^and (\d+) more (.*)$")
#: Room kept for that field when dropping others.
_NOTE_ROOM = 60


def trim_to_total(embed: discord.Embed, noun: str = "entries", limit: int = TOTAL) -> discord.Embed:
    """Drop fields from the end until the whole embed fits ``limit`` (``TOTAL`` unless the
    embed shares a message), counting them in one ``… and N more`` field (merged with the one
    ``add_fields`` may have left); then shorten the description, footer and title if needed."""
    if len(embed) <= limit:
        return embed
    hidden = 0
    if embed.fields and embed.fields[-1].name == MORE:
        note = _MORE_NOTE.match(embed.fields[-1].value or "")
        if note:
            hidden, noun = int(note[1]), note[2]
        embed.remove_field(len(embed.fields) - 1)
    while embed.fields and len(embed) + _NOTE_ROOM > limit:
        embed.remove_field(len(embed.fields) - 1)
        hidden += 1
    if hidden:
        embed.add_field(name=MORE, value=f"and {hidden} more {noun}", inline=False)
    excess = len(embed) - limit
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - excess, 1))
    excess = len(embed) - limit
    if excess > 0 and embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, max(len(embed.footer.text) - excess, 1)))
    excess = len(embed) - limit
    if excess > 0 and embed.title:
        embed.title = clip(embed.title, max(len(embed.title) - excess, 1))
    return embed
