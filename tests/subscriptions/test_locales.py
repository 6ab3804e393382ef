"""Alerts are delivered in the subscriber's language (issue 15): a DM in the locale the user
subscribed in, a channel's in its server's preferred locale, recorded at subscription (and by
``/config``); items of someone whose locale was never recorded carry none (English)."""

from __future__ import annotations

from datetime import timedelta

from data.domain.delivery import OutboxItem
from tests.subscriptions.conftest import (
    ALICE,
    BOB,
    CHANNEL,
    GUILD,
    MOD,
    NEWER,
    OTHER_GUILD,
    World,
    follow_model,
    load,
)


async def claimed(world: World) -> dict[str, OutboxItem]:
    """The claimed items by destination."""
    return {item.destination: item for item in await world.services.outbox.claim_due()}


async def test_each_destination_hears_in_the_locale_recorded_at_subscription(world: World) -> None:
    """Alice subscribed in Chinese, Bob never said; the channel's server prefers Chinese,
    whatever the moderator's own locale."""
    await follow_model(world.services, ALICE, "qwen2", board="lmarena", locale="zh-CN")
    await follow_model(world.services, BOB, "qwen2", board="lmarena")
    await world.services.subscriptions.follow_board(
        owner_id=MOD,
        guild_id=GUILD,
        target=f"channel:{CHANNEL}",
        board="lmarena",
        locale="en-US",
        guild_locale="zh-CN",
    )
    await load(world.services, NEWER)
    items = await claimed(world)
    assert items[f"user:{ALICE}"].locale == "zh-CN"
    assert items[f"user:{BOB}"].locale is None
    assert items[f"channel:{CHANNEL}"].locale == "zh-CN"
    assert (await world.services.subscriptions.guild_config(GUILD)).locale == "zh-CN"


async def test_the_latest_recorded_locale_wins(world: World) -> None:
    """Subscribing again (or to something else) in another language switches the user's
    alerts to it; a subscription made without a locale (the console) keeps the recorded one."""
    first = await follow_model(world.services, ALICE, "qwen2", board="lmarena", locale="zh-CN")
    again = await follow_model(world.services, ALICE, "qwen2", board="lmarena", locale="en-US")
    assert first.locale == "zh-CN" and again.locale == "en-US" and again.id == first.id
    await follow_model(world.services, ALICE, "qwen2", board="lmarena")
    await load(world.services, NEWER)
    assert (await claimed(world))[f"user:{ALICE}"].locale == "en-US"


async def test_config_records_the_servers_locale_for_its_channels(world: World) -> None:
    """A channel subscribed without the server's locale hears in the one ``/config`` recorded
    later; another server's locale does not leak in."""
    await world.services.subscriptions.follow_board(
        owner_id=MOD, guild_id=GUILD, target=f"channel:{CHANNEL}", board="lmarena"
    )
    await world.services.subscriptions.configure(
        OTHER_GUILD, "default_board", "lmarena", guild_locale="en-US"
    )
    config = await world.services.subscriptions.configure(
        GUILD, "default_board", "lmarena", guild_locale="zh-CN"
    )
    assert config.locale == "zh-CN"
    await load(world.services, NEWER)
    assert (await claimed(world))[f"channel:{CHANNEL}"].locale == "zh-CN"


async def test_a_retried_split_alert_keeps_the_language_it_started_in(world: World) -> None:
    """Once an alert is claimed in a language, its retries speak it, so the parts of a split
    alert already delivered line up with the rest; the user's new language applies to the
    alerts queued after."""
    await follow_model(world.services, ALICE, "qwen2", board="lmarena", locale="zh-CN")
    await load(world.services, NEWER)
    outbox = world.services.outbox
    first = (await claimed(world))[f"user:{ALICE}"]
    assert first.locale == "zh-CN"
    await outbox.mark_parts_sent(first.id, 1)
    await outbox.reschedule(first, "HTTP 503")
    await follow_model(world.services, ALICE, "qwen2", board="lmarena", locale="en-US")
    world.clock.now += timedelta(hours=1)
    retried = (await claimed(world))[f"user:{ALICE}"]
    assert (retried.id, retried.parts_sent, retried.locale) == (first.id, 1, "zh-CN")
