"""Subscribing, unsubscribing, listing and server settings, on both databases."""

from __future__ import annotations

import pytest

import data.subscriptions
from data.domain.errors import SubscriptionProblem, UnknownBoard
from tests.subscriptions.conftest import (
    ALERT_CHANNEL,
    ALICE,
    BOB,
    CHANNEL,
    GUILD,
    MOD,
    OTHER_GUILD,
    World,
    follow_board,
    follow_model,
)


async def test_follow_model_resolves_the_model_and_subscribes_the_users_dms(world: World) -> None:
    """``qwen2`` on the Arena is Qwen2-72B-Instruct; the alert goes to Alice's DMs."""
    subscription = await follow_model(world.services, ALICE, "qwen2", board="LMArena Text")
    assert (subscription.destination, subscription.board_id, subscription.model_slug) == (
        f"user:{ALICE}",
        "lmarena",
        "qwen-2-72b-instruct",
    )
    assert (subscription.model_name, subscription.min_move, subscription.top_n) == (
        "Qwen2-72B-Instruct",
        3,
        10,
    )


async def test_without_a_board_a_model_follows_the_default_board_or_every_main_board(
    world: World,
) -> None:
    """The server's default board when it has one; else ``board_id`` is None (all boards)."""
    anywhere = await follow_model(world.services, ALICE, "qwen2")
    assert anywhere.board_id is None
    await world.services.subscriptions.configure(GUILD, "default_board", "lmarena")
    on_default = await follow_model(world.services, BOB, "qwen2")
    assert on_default.board_id == "lmarena"


@pytest.mark.parametrize(("query", "status"), [("claude", "ambiguous"), ("zzzqqq", "none")])
async def test_an_unclear_model_subscribes_nobody(world: World, query: str, status: str) -> None:
    """The resolver's answer comes back instead, for 'which one?' or 'did you mean'."""
    result = await world.services.subscriptions.follow_model(
        user_id=ALICE, guild_id=GUILD, model=query
    )
    assert result.subscription is None and result.resolution.status == status
    assert (
        await world.services.subscriptions.visible(user_id=ALICE, guild_id=GUILD, moderator=False)
        == []
    )


async def test_subscribing_again_updates_the_subscription(world: World) -> None:
    """Same destination, board and model: one subscription, with the new threshold."""
    first = await follow_model(world.services, ALICE, "qwen2", board="lmarena")
    again = await follow_model(
        world.services, ALICE, "Qwen2-72B-Instruct", board="lmarena", min_move=5
    )
    assert again.id == first.id and again.min_move == 5
    listed = await world.services.subscriptions.visible(
        user_id=ALICE, guild_id=None, moderator=False
    )
    assert [s.id for s in listed] == [first.id]


async def test_an_unknown_board_is_refused_with_suggestions(world: World) -> None:
    """Boards are resolved like everywhere else."""
    with pytest.raises(UnknownBoard) as refused:
        await world.services.subscriptions.follow_board(
            owner_id=MOD, guild_id=GUILD, target=f"channel:{CHANNEL}", board="no such board"
        )
    assert refused.value.known == ["LMArena Text"]  # suggestions, by title


async def test_the_limit_per_user_holds_but_updates_stay_possible(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the limit a new subscription is refused; changing an existing one is not."""
    monkeypatch.setattr(data.subscriptions, "MAX_PER_USER", 1)
    await follow_model(world.services, ALICE, "qwen2", board="lmarena")
    with pytest.raises(SubscriptionProblem) as refused:
        await follow_model(world.services, ALICE, "GPT-4o-2024-05-13", board="lmarena")
    assert (refused.value.reason, refused.value.limit) == ("too_many", 1)
    await follow_model(world.services, ALICE, "qwen2", board="lmarena", min_move=7)


async def test_users_remove_their_own_and_moderators_their_servers_channel_ones(
    world: World,
) -> None:
    """Bob cannot touch Alice's DM subscription; a moderator of another server cannot touch
    this server's channel subscription; the right people can."""
    subscriptions = world.services.subscriptions
    alice = await follow_model(world.services, ALICE, "qwen2")
    channel = await follow_board(world.services)
    for subscription_id, user, guild, moderator in (
        (alice.id, BOB, GUILD, False),
        (alice.id, BOB, GUILD, True),  # moderators never see users' DMs
        (channel.id, BOB, GUILD, False),
        (channel.id, BOB, OTHER_GUILD, True),
    ):
        with pytest.raises(SubscriptionProblem, match="unknown_subscription"):
            await subscriptions.unsubscribe(
                subscription_id, user_id=user, guild_id=guild, moderator=moderator
            )
    removed = await subscriptions.unsubscribe(
        channel.id, user_id=BOB, guild_id=GUILD, moderator=True
    )
    assert removed.id == channel.id
    await subscriptions.unsubscribe(alice.id, user_id=ALICE, guild_id=None, moderator=False)
    assert await subscriptions.visible(user_id=ALICE, guild_id=GUILD, moderator=True) == []


async def test_listing_shows_yours_and_to_moderators_the_servers(world: World) -> None:
    """Bob sees nothing of Alice's; a moderator sees the server's channel subscriptions."""
    subscriptions = world.services.subscriptions
    alice = await follow_model(world.services, ALICE, "qwen2")
    channel = await follow_board(world.services)
    elsewhere = await follow_board(world.services, channel=ALERT_CHANNEL, guild=OTHER_GUILD)
    assert await subscriptions.visible(user_id=BOB, guild_id=GUILD, moderator=False) == []
    as_moderator = await subscriptions.visible(user_id=BOB, guild_id=GUILD, moderator=True)
    assert [s.id for s in as_moderator] == [channel.id]
    mine = await subscriptions.visible(user_id=MOD, guild_id=GUILD, moderator=True)
    assert [s.id for s in mine] == [channel.id, elsewhere.id]
    assert [s.id for s in subscriptions.known(user_id=ALICE, guild_id=None, moderator=False)] == [
        alice.id
    ]


async def test_server_settings_are_set_one_at_a_time_and_unset_with_none(world: World) -> None:
    """A default board is stored by id whatever the user typed."""
    subscriptions = world.services.subscriptions
    assert (await subscriptions.guild_config(GUILD)).alert_channel_id is None
    await subscriptions.configure(GUILD, "alert_channel", ALERT_CHANNEL)
    await subscriptions.configure(GUILD, "moderator_role", 77)
    config = await subscriptions.configure(GUILD, "default_board", "LMArena Text")
    assert (config.alert_channel_id, config.moderator_role_id, config.default_board) == (
        ALERT_CHANNEL,
        77,
        "lmarena",
    )
    config = await subscriptions.configure(GUILD, "moderator_role", None)
    assert config.moderator_role_id is None and config.alert_channel_id == ALERT_CHANNEL
    assert await subscriptions.guild_config(GUILD) == config
    assert (await subscriptions.guild_config(OTHER_GUILD)).default_board is None


async def test_board_autocomplete_offers_the_closest_boards_for_a_typo(world: World) -> None:
    """Nothing contains 'lmarnea'; the closest board is offered rather than nothing."""
    await world.services.leaderboards.warm_up()  # autocomplete answers from memory
    assert world.services.leaderboards.suggest_boards("lmarnea") == [("lmarena", "LMArena Text")]
