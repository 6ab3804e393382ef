"""The command line an answer was computed from, kept as the last line of its embed footer.

Buttons and menus on an answer need that command (board, filters, the other models) to act
on it. Keeping it in the message itself, rather than in memory or the database, means a
button still works after the bot restarted, in any process, and costs no storage; the
``digest`` in each component's custom_id makes sure the footer is the one it was made for.
The line is also useful to people: it is how to ask the same again.
"""

from __future__ import annotations

import discord

from commands.limits import FOOTER, clip, trim_to_total
from commands.parsing import BadOption
from commands.text import Invocation, UsageError, format_invocation, parse
from data.domain.errors import QueryProblem


def attach(embed: discord.Embed, invocation: Invocation) -> discord.Embed:
    """``embed`` with ``invocation``'s command line as the last line of its footer."""
    line = format_invocation(invocation)
    text = embed.footer.text or ""
    head = clip(text, max(FOOTER - len(line) - 1, 0)) + "\n" if text else ""
    embed.set_footer(text=(head + line)[-FOOTER:])
    return trim_to_total(embed)


def recover(message: discord.Message | None) -> Invocation:
    """The invocation attached to ``message``'s first embed; ``QueryProblem('stale')`` when
    there is none (an answer from an older version, or a message that was edited)."""
    if message is None or not message.embeds:
        raise QueryProblem("stale")
    line = (message.embeds[0].footer.text or "").rsplit("\n", 1)[-1]
    try:
        return parse(line)
    except (UsageError, BadOption):
        raise QueryProblem("stale") from None
