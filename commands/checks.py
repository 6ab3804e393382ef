"""Who is a moderator: Manage Server, or the server's configured moderator role.

Moderator commands also carry ``default_permissions(manage_guild=True)``, but a server can
override those in its integration settings, so the code checks again on every use, with the
member's real permissions as Discord resolved them for the interaction.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord
from discord import app_commands

from commands import Services

#: The answer when Podium may not post in a channel (catalogue key; ``{where}`` is filled).
CANNOT_POST = "config.cannot_post"


class NotModerator(app_commands.CheckFailure):
    """The member may not run a moderator command here."""


def has_moderator_powers(
    permissions: discord.Permissions, role_ids: Iterable[int], moderator_role_id: int | None
) -> bool:
    """Manage Server, or the configured moderator role among the member's roles."""
    if permissions.manage_guild:
        return True
    return moderator_role_id is not None and moderator_role_id in set(role_ids)


async def is_moderator(interaction: discord.Interaction, services: Services) -> bool:
    """Whether the invoking member moderates Podium in this server (never in DMs)."""
    member = interaction.user
    if interaction.guild_id is None or not isinstance(member, discord.Member):
        return False
    if interaction.permissions.manage_guild:  # no need to read the settings
        return True
    config = await services.subscriptions.guild_config(interaction.guild_id)
    return has_moderator_powers(
        interaction.permissions, (role.id for role in member.roles), config.moderator_role_id
    )


async def require_moderator(interaction: discord.Interaction, services: Services) -> None:
    """Raise ``NotModerator`` (answered by the tree) unless the member is a moderator."""
    if not await is_moderator(interaction, services):
        raise NotModerator


def can_post(permissions: discord.Permissions) -> bool:
    """Whether these (the bot's) channel permissions let it post an alert embed."""
    return permissions.view_channel and permissions.send_messages and permissions.embed_links


def can_post_in(channel: discord.abc.GuildChannel) -> bool:
    """Whether Podium may post alert embeds in ``channel``, as far as Discord told us: the
    bot's permissions there (overwrites included) from the cached channel and member.

    Without the bot's member in the cache nothing is known, so the channel is accepted; a
    channel that refuses later disables its subscriptions with a notice.
    """
    me = channel.guild.me
    return me is None or can_post(channel.permissions_for(me))
