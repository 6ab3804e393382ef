"""``/subscribe model|board``, ``/unsubscribe`` and ``/subscriptions``.

Discord cannot make one of two options required, so ``/subscribe`` is a group:

- ``/subscribe model <model> [board] [min_move]``: a DM whenever that model moves (anyone);
- ``/subscribe board <board> [top_n] [channel]``: a board's top-N changes posted in a channel
  (the given one, else the server's alert channel, else this one); moderators only. Used in a
  DM with the bot, it sends that board's changes to the user's DMs instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services
from commands.autocomplete import CHOICE_LIMIT, board_choices, model_choices
from commands.checks import CANNOT_POST, can_post, can_post_in, is_moderator, require_moderator
from commands.embeds import DEFAULT_COLOUR, literal
from commands.i18n import t
from commands.limits import DESCRIPTION, clip
from commands.render_alerts import subscription_line
from commands.render_alerts import where as destination_text
from commands.resolution import unresolved_text
from commands.responding import compute, send
from commands.translator import english, guild_locale, interaction_locale
from data.domain.delivery import Subscription, destination


class SubscriptionCommands(commands.Cog):
    """Being told when rankings change."""

    subscribe = app_commands.Group(name="subscribe", description=english("subscribe"))

    def __init__(self, services: Services) -> None:
        self.services = services

    @subscribe.command(name="model", description=english("subscribe model"))
    @app_commands.describe(
        model=english("subscribe model", "model"),
        board=english("subscribe model", "board"),
        min_move=english("subscribe model", "min_move"),
    )
    async def subscribe_model(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        board: app_commands.Range[str, 1, 100] | None = None,
        min_move: app_commands.Range[int, 1, 100] = 3,
    ) -> None:
        """Subscribe the user's DMs to a model, or say which model they may mean."""
        work = self.services.subscriptions.follow_model(
            user_id=interaction.user.id,
            guild_id=interaction.guild_id,
            model=model,
            board=board,
            min_move=min_move,
            locale=interaction_locale(interaction),
        )
        result = await compute(interaction, work, ephemeral=True)
        if result.subscription is None:
            resolution = result.resolution
            names = [match.record.model_name for match in resolution.matches]
            text = unresolved_text(resolution.query, resolution.status, names, literal)
            await send(interaction, content=text, ephemeral=True)
            return
        await send(interaction, content=subscribed_text(result.subscription), ephemeral=True)

    @subscribe.command(name="board", description=english("subscribe board"))
    @app_commands.describe(
        board=english("subscribe board", "board"),
        top_n=english("subscribe board", "top_n"),
        channel=english("subscribe board", "channel"),
    )
    async def subscribe_board(
        self,
        interaction: discord.Interaction,
        board: app_commands.Range[str, 1, 100],
        top_n: app_commands.Range[int, 1, 50] = 10,
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Subscribe a channel (moderators) or, in a DM with the bot, the user's DMs."""
        if interaction.guild_id is None:
            target = destination("user", interaction.user.id)
        else:
            await require_moderator(interaction, self.services)
            target_id = await self._channel_for(interaction, channel)
            if target_id is None:
                where = channel.mention if channel else t("config.this_channel")
                await send(interaction, content=t(CANNOT_POST, where=where), ephemeral=True)
                return
            target = destination("channel", target_id)
        work = self.services.subscriptions.follow_board(
            owner_id=interaction.user.id,
            guild_id=interaction.guild_id,
            target=target,
            board=board,
            top_n=top_n,
            locale=interaction_locale(interaction),
            guild_locale=guild_locale(interaction),
        )
        subscription = await compute(interaction, work, ephemeral=True)
        await send(interaction, content=subscribed_text(subscription), ephemeral=True)

    async def _channel_for(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None
    ) -> int | None:
        """The channel to post in, or ``None`` when Podium visibly cannot post there.

        Only what Discord told us is checked (the bot's permissions here, or in a cached
        channel); a channel that refuses later disables the subscription with a notice.
        """
        if channel is not None:
            return channel.id if can_post_in(channel) else None
        assert interaction.guild_id is not None
        config = await self.services.subscriptions.guild_config(interaction.guild_id)
        if config.alert_channel_id is not None:
            return config.alert_channel_id
        return interaction.channel_id if can_post(interaction.app_permissions) else None

    @subscribe_model.autocomplete("model")
    async def _model_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return model_choices(self.services, current, getattr(interaction.namespace, "board", None))

    @subscribe_model.autocomplete("board")
    @subscribe_board.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)

    @app_commands.command(name="unsubscribe", description=english("unsubscribe"))
    @app_commands.describe(subscription=english("unsubscribe", "subscription"))
    async def unsubscribe(
        self,
        interaction: discord.Interaction,
        subscription: app_commands.Range[int, 1, 2_000_000_000],
    ) -> None:
        """Delete a subscription of the user's (or, for a moderator, of the server's)."""
        moderator = await is_moderator(interaction, self.services)
        work = self.services.subscriptions.unsubscribe(
            subscription,
            user_id=interaction.user.id,
            guild_id=interaction.guild_id,
            moderator=moderator,
        )
        removed = await compute(interaction, work, ephemeral=True)
        await send(interaction, content=unsubscribed_text(removed), ephemeral=True)

    @unsubscribe.autocomplete("subscription")
    async def _subscription_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        wanted = str(current).strip().casefold()
        known = self.services.subscriptions.known(
            user_id=interaction.user.id,
            guild_id=interaction.guild_id,
            # From memory only: the moderator role would need the store, Manage Server does not.
            moderator=interaction.guild_id is not None and interaction.permissions.manage_guild,
        )
        labels = [(subscription_choice(s)[:100], s.id) for s in known]
        return [
            app_commands.Choice(name=label, value=value)
            for label, value in labels
            if wanted in label.casefold()
        ][:CHOICE_LIMIT]

    @app_commands.command(name="subscriptions", description=english("subscriptions"))
    async def subscriptions(self, interaction: discord.Interaction) -> None:
        """The user's subscriptions; a moderator also sees the server's channel ones."""
        moderator = await is_moderator(interaction, self.services)
        work = self.services.subscriptions.visible(
            user_id=interaction.user.id, guild_id=interaction.guild_id, moderator=moderator
        )
        found = await compute(interaction, work, ephemeral=True)
        await send(interaction, embed=subscriptions_embed(found), ephemeral=True)


# --- answers ---------------------------------------------------------------------------------


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
    if subscription.is_dm:
        target = t("subscribe.your_dms")
    else:
        target = destination_text(subscription.destination)
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
