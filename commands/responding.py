"""How every command answers: fast answers directly, slow ones defer first; one send path.

``update=True`` is for components that change the message they sit on (``/top``'s page
buttons): the answer replaces that message instead of adding one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

import discord

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Discord drops an interaction not answered within 3 s; defer well before that.
DEFER_AFTER_S = 1.5
#: ``Interaction.extras`` key: a public "thinking…" message is waiting for the answer.
PUBLIC_PLACEHOLDER = "podium.public_placeholder"


async def compute(
    interaction: discord.Interaction,
    work: Awaitable[T],
    *,
    ephemeral: bool = False,
    update: bool = False,
) -> T:
    """Await ``work``; if it is not done within ``DEFER_AFTER_S``, defer, then keep waiting."""
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.wait_for(asyncio.shield(task), DEFER_AFTER_S)
    except TimeoutError:
        await defer(interaction, ephemeral=ephemeral, update=update)
        return await task


async def defer(
    interaction: discord.Interaction, *, ephemeral: bool = False, update: bool = False
) -> None:
    """Acknowledge now, answer later: "thinking…" for a new message, silently for an update."""
    if interaction.response.is_done():
        return
    if update:
        await interaction.response.defer()
    else:
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
        if not ephemeral:
            interaction.extras[PUBLIC_PLACEHOLDER] = True


async def send(
    interaction: discord.Interaction,
    *,
    ephemeral: bool = False,
    update: bool = False,
    file: discord.File | None = None,
    **kwargs: Any,
) -> None:
    """Reply, follow up when already acknowledged (deferred), or edit the message in place
    (``update``). Mentions never ping."""
    kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
    if update:
        if file is not None:
            kwargs["attachments"] = [file]
        if interaction.response.is_done():
            await interaction.edit_original_response(**kwargs)
        else:
            await interaction.response.edit_message(**kwargs)
        return
    if file is not None:
        kwargs["file"] = file
    if interaction.response.is_done():
        if interaction.extras.pop(PUBLIC_PLACEHOLDER, False) and ephemeral:
            # The first followup fills the public "thinking…" message and Discord then ignores
            # ``ephemeral``: remove the placeholder so this answer reaches only the user.
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)


async def replace_deferred(
    interaction: discord.Interaction, *, file: discord.File | None = None, **kwargs: Any
) -> None:
    """Fill in a deferred ("thinking…") answer by editing the original response; without a
    placeholder of ours (a menu's choice closed the menu first), answer in a new message."""
    if not interaction.extras.pop(PUBLIC_PLACEHOLDER, False):
        await send(interaction, file=file, **kwargs)
        return
    kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
    if file is not None:
        kwargs["attachments"] = [file]
    await interaction.edit_original_response(**kwargs)


async def report_error(interaction: discord.Interaction, embed: discord.Embed) -> None:
    """Tell the user what went wrong, ephemerally, however the interaction stands (unanswered,
    deferred, or expired: then only logged)."""
    if interaction.is_expired():
        log.warning("interaction expired before the error could be reported: %s", embed.description)
        return
    try:
        await send(interaction, embed=embed, ephemeral=True)
    except discord.HTTPException:
        log.exception("could not report an error to the user")
