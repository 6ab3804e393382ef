"""Who may moderate, and what the moderator commands declare to Discord."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from unittest.mock import AsyncMock, MagicMock

import discord
import pytest
from discord import app_commands

from commands.admin import AdminCommands
from commands.checks import NotModerator, has_moderator_powers, is_moderator, require_moderator
from commands.errors import OPTION_REFUSED, channel_refused_text, option_error_text
from commands.i18n import t
from commands.subscriptions import SubscriptionCommands
from data.domain.delivery import GuildConfig

MANAGE_GUILD = discord.Permissions(manage_guild=True)
MEMBER = discord.Permissions(send_messages=True, use_application_commands=True)
ROLE = 77


@pytest.mark.parametrize(
    ("permissions", "roles", "configured", "allowed"),
    [
        (MANAGE_GUILD, [], None, True),
        (MEMBER, [], None, False),
        (MEMBER, [ROLE], None, False),  # a role only counts when it is the configured one
        (MEMBER, [5, ROLE], ROLE, True),
        (MEMBER, [5], ROLE, False),
    ],
)
def test_moderators_have_manage_server_or_the_configured_role(
    permissions: discord.Permissions, roles: list[int], configured: int | None, allowed: bool
) -> None:
    """The rule, in one table."""
    assert has_moderator_powers(permissions, roles, configured) is allowed


def interaction(*, guild_id: int | None, permissions: discord.Permissions, roles: list[int]) -> Any:
    member = MagicMock(spec=discord.Member)
    member.roles = [SimpleNamespace(id=role) for role in roles]
    return SimpleNamespace(guild_id=guild_id, user=member, permissions=permissions)


def services(config: GuildConfig) -> Any:
    subscriptions = SimpleNamespace(guild_config=AsyncMock(return_value=config))
    return SimpleNamespace(subscriptions=subscriptions)


async def test_the_moderator_role_is_read_from_the_servers_settings() -> None:
    """A member with the configured role moderates; Manage Server needs no lookup."""
    configured = services(GuildConfig(10, moderator_role_id=ROLE))
    assert await is_moderator(
        interaction(guild_id=10, permissions=MEMBER, roles=[ROLE]), configured
    )
    configured.subscriptions.guild_config.assert_awaited_once_with(10)
    boss = services(GuildConfig(10))
    assert await is_moderator(interaction(guild_id=10, permissions=MANAGE_GUILD, roles=[]), boss)
    boss.subscriptions.guild_config.assert_not_awaited()


async def test_nobody_moderates_in_direct_messages() -> None:
    """Without a server there is nothing to moderate."""
    with pytest.raises(NotModerator):
        await require_moderator(
            interaction(guild_id=None, permissions=MANAGE_GUILD, roles=[]), services(GuildConfig(1))
        )


def commands_of(cog: type) -> dict[str, app_commands.Command[Any, ..., Any] | app_commands.Group]:
    instance = cog(SimpleNamespace())
    return {command.name: command for command in instance.get_app_commands()}


def test_moderator_commands_are_server_only_and_hidden_from_members_by_default() -> None:
    """``default_permissions`` Manage Server (a server may override it: the code checks too)."""
    admin = commands_of(AdminCommands)
    assert sorted(admin) == ["config", "refresh"]
    for command in admin.values():
        assert command.default_permissions == MANAGE_GUILD
        assert command.guild_only
    config = admin["config"]
    assert isinstance(config, app_commands.Group)
    assert sorted(c.name for c in config.commands) == [
        "alert_channel",
        "default_board",
        "moderator_role",
        "show",
    ]
    refresh = admin["refresh"]
    assert isinstance(refresh, app_commands.Command)
    assert [(p.name, p.required, p.autocomplete) for p in refresh.parameters] == [
        ("source", False, True)
    ]


def test_one_refresh_a_minute_per_server_and_per_bot() -> None:
    """The cooldown is the cog's: another server, or another bot, has its own."""
    admin = AdminCommands(SimpleNamespace())  # type: ignore[arg-type]
    admin._spend_cooldown(1)
    admin._spend_cooldown(2)
    with pytest.raises(app_commands.CommandOnCooldown) as refused:
        admin._spend_cooldown(1)
    assert 59 < refused.value.retry_after <= 60
    AdminCommands(SimpleNamespace())._spend_cooldown(1)  # type: ignore[arg-type]


def test_subscribe_is_a_group_of_model_and_board() -> None:
    """Two subcommands, each with its own required option; anyone may use them."""
    found = commands_of(SubscriptionCommands)
    assert sorted(found) == ["subscribe", "subscriptions", "unsubscribe"]
    subscribe = found["subscribe"]
    assert isinstance(subscribe, app_commands.Group) and subscribe.default_permissions is None
    options = {
        command.name: [(p.name, p.required) for p in command.parameters]
        for command in subscribe.commands
        if isinstance(command, app_commands.Command)
    }
    assert options == {
        "model": [("model", True), ("board", False), ("min_move", False)],
        "board": [("board", True), ("top_n", False), ("channel", False)],
    }
    unsubscribe = found["unsubscribe"]
    assert isinstance(unsubscribe, app_commands.Command)
    assert unsubscribe.parameters[0].autocomplete


POSTABLE = [discord.ChannelType.text, discord.ChannelType.news]


@pytest.mark.parametrize(
    ("channel_type", "allowed", "told"),
    [
        (
            discord.ChannelType.voice,
            POSTABLE,
            "<#1> is a voice channel: pick a text or announcement",
        ),
        (discord.ChannelType.forum, POSTABLE, "<#1> is a forum channel: pick a text or"),
        (discord.ChannelType.stage_voice, [discord.ChannelType.news], "a stage channel: pick an "),
        (discord.ChannelType.text, POSTABLE, "Podium cannot see <#1> yet"),  # not in the cache
    ],
)
def test_a_refused_channel_option_says_which_channels_it_takes(
    channel_type: discord.ChannelType, allowed: list[discord.ChannelType], told: str
) -> None:
    """Discord offers only the allowed kinds, but a stale command may let others through."""
    assert told in channel_refused_text("<#1>", channel_type, allowed)


def test_other_refused_options_get_the_generic_answer() -> None:
    """Only channel options know what they would have taken."""

    class Anything(app_commands.Transformer):
        async def transform(self, interaction: discord.Interaction, value: Any) -> Any:
            return value

    error = app_commands.TransformerError("x", discord.AppCommandOptionType.string, Anything())
    assert option_error_text(error) == t(OPTION_REFUSED)
