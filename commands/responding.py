"""How every command answers: fast answers directly, slow ones defer first; one send path."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

import discord

T = TypeVar("T")

#: Discord drops an interaction not answered within 3 s; defer well before that.
DEFER_AFTER_S = 1.5


async def compute(
    interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool = False
) -> T:
    """Await ``work``; if it is not done within ``DEFER_AFTER_S``, defer, then keep waiting."""
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.wait_for(asyncio.shield(task), DEFER_AFTER_S)
    except TimeoutError:
        if not interaction.response.is_done():
            await interaction.response.defer(thinking=True, ephemeral=ephemeral)
        return await task


async def send(
    interaction: discord.Interaction,
    *,
    ephemeral: bool = False,
    **kwargs: Any,
) -> None:
    """Reply, or follow up when already acknowledged (deferred). Mentions never ping."""
    kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
