"""The outbox: claim with a lease, mark sent, retry with backoff, give up, disable."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from data.domain.delivery import OutboxItem
from tests.subscriptions.conftest import (
    ALERT_CHANNEL,
    ALICE,
    CHANNEL,
    GUILD,
    MOD,
    NEWER,
    World,
    follow_board,
    follow_model,
    load,
)


async def queue_alerts(world: World) -> None:
    """A channel and Alice follow the Arena; the new snapshot queues one alert for each."""
    await follow_board(world.services)
    await follow_model(world.services, ALICE, "qwen2", board="lmarena")
    await load(world.services, NEWER)


async def statuses(world: World) -> list[tuple[str, str, int]]:
    return [(row.destination, row.status, row.attempts) for row in await world.outbox()]


async def test_claiming_leases_items_until_the_lease_ends(world: World) -> None:
    """A claimed item is not claimed again until its lease (60 s) is over; then it is,
    with the attempt counted (the first dispatcher may have died mid-send)."""
    await queue_alerts(world)
    outbox = world.services.outbox
    first = await outbox.claim_due()
    assert [(item.destination, item.attempts) for item in first] == [
        (f"channel:{CHANNEL}", 1),
        (f"user:{ALICE}", 1),
    ]
    assert await outbox.claim_due() == []
    assert await outbox.seconds_until_due() == 60
    world.clock.now += timedelta(seconds=61)
    again = await outbox.claim_due()
    assert [item.id for item in again] == [item.id for item in first]
    assert [item.attempts for item in again] == [2, 2]


async def test_concurrent_claims_never_share_an_item(world: World) -> None:
    """Two dispatchers claiming at once split the items (SKIP LOCKED on PostgreSQL)."""
    await queue_alerts(world)
    outbox = world.services.outbox
    one, two = await asyncio.gather(outbox.claim_due(), outbox.claim_due())
    claimed = [item.id for item in (*one, *two)]
    assert len(claimed) == len(set(claimed)) == 2


async def test_a_sent_item_is_never_claimed_again(world: World) -> None:
    """Marked sent, it stays sent."""
    await queue_alerts(world)
    outbox = world.services.outbox
    for item in await outbox.claim_due():
        await outbox.mark_sent(item.id)
    world.clock.now += timedelta(days=1)
    assert await outbox.claim_due() == []
    assert await outbox.seconds_until_due() is None
    assert [status for _, status, _ in await statuses(world)] == ["sent", "sent"]


async def test_a_failed_attempt_is_retried_after_a_doubling_backoff_then_given_up(
    world: World,
) -> None:
    """30 s after the first attempt, 60 s after the second; the third (the maximum) is the
    last, and the item is marked failed."""
    await queue_alerts(world)
    outbox = world.services.outbox
    [item, _] = await outbox.claim_due()
    for attempt, wait in ((1, 30), (2, 60)):
        due = await outbox.reschedule(item, "HTTP 503")
        assert due == world.clock.now + timedelta(seconds=wait)
        world.clock.now += timedelta(seconds=wait - 1)
        assert item.id not in [i.id for i in await outbox.claim_due()]
        world.clock.now += timedelta(seconds=1)
        [item] = [i for i in await outbox.claim_due() if i.id == item.id]
        assert item.attempts == attempt + 1
    assert await outbox.reschedule(item, "HTTP 503") is None
    [row] = [row for row in await world.outbox() if row.id == item.id]
    assert row.status == "failed" and "HTTP 503" in (row.last_error or "")


async def test_delivered_parts_of_a_split_alert_are_remembered_across_claims(
    world: World,
) -> None:
    """Parts recorded as delivered come back with the next claim; a late, smaller count from
    a slower dispatcher never lowers it."""
    await queue_alerts(world)
    outbox = world.services.outbox
    [item, other] = await outbox.claim_due()
    assert (item.parts_sent, other.parts_sent) == (0, 0)
    await outbox.mark_parts_sent(item.id, 2)
    await outbox.mark_parts_sent(item.id, 1)
    await outbox.reschedule(item, "HTTP 503")
    world.clock.now += timedelta(minutes=5)
    again = {i.id: i.parts_sent for i in await outbox.claim_due()}
    assert again == {item.id: 2, other.id: 0}


async def test_an_item_claimed_as_often_as_allowed_is_given_up_at_the_next_claim(
    world: World,
) -> None:
    """A dispatcher that dies on every attempt cannot make an item retry forever."""
    await queue_alerts(world)
    outbox = world.services.outbox
    for _ in range(3):
        assert len(await outbox.claim_due()) == 2
        world.clock.now += timedelta(minutes=2)
    assert await outbox.claim_due() == []
    assert [(status, attempts) for _, status, attempts in await statuses(world)] == [
        ("failed", 3),
        ("failed", 3),
    ]


async def unreachable(world: World, destination: str) -> OutboxItem:
    """Claim the item for ``destination`` and report it refused (403)."""
    [item] = [i for i in await world.services.outbox.claim_due() if i.destination == destination]
    await world.services.outbox.unreachable(item, "forbidden")
    return item


async def test_a_refused_channel_is_disabled_and_the_alert_channel_told_once(world: World) -> None:
    """Its subscriptions pause, its pending items are dropped, one notice goes to the server's
    alert channel; a second refusal tells no one again."""
    await world.services.subscriptions.configure(GUILD, "alert_channel", ALERT_CHANNEL)
    await queue_alerts(world)
    await unreachable(world, f"channel:{CHANNEL}")
    [channel] = [
        s
        for s in await world.services.subscriptions.visible(
            user_id=MOD, guild_id=GUILD, moderator=True
        )
        if s.destination == f"channel:{CHANNEL}"
    ]
    assert not channel.enabled and "forbidden" in (channel.disabled_reason or "")
    rows = await world.outbox()
    assert [(r.kind, r.destination, r.status) for r in rows] == [
        ("alert", f"channel:{CHANNEL}", "failed"),
        ("alert", f"user:{ALICE}", "pending"),
        ("notice", f"channel:{ALERT_CHANNEL}", "pending"),
    ]
    [notice] = [i for i in await world.services.outbox.claim_due() if i.notice]
    assert notice.notice is not None and notice.notice.unreachable == f"channel:{CHANNEL}"
    assert [s.id for s in notice.notice.subscriptions] == [channel.id]
    # New alerts are not planned for it, and a late refusal (an item claimed before the
    # first one disabled it) is not announced again.
    await load(world.services, NEWER.replace("2024-08-14", "2024-12-31"))
    assert all(r.destination != f"channel:{CHANNEL}" for r in (await world.outbox())[3:])
    late = OutboxItem(rows[0].id, f"channel:{CHANNEL}", 1)
    await world.services.outbox.unreachable(late, "forbidden")
    assert len([r for r in await world.outbox() if r.kind == "notice"]) == 1


async def test_without_an_alert_channel_the_owner_of_a_refused_channel_is_told_by_dm(
    world: World,
) -> None:
    """The moderator who subscribed the channel hears of it."""
    await queue_alerts(world)
    await unreachable(world, f"channel:{CHANNEL}")
    notices = [r for r in await world.outbox() if r.kind == "notice"]
    assert [r.destination for r in notices] == [f"user:{MOD}"]


async def test_a_user_with_closed_dms_is_disabled_and_announced_only_in_the_alert_channel(
    world: World,
) -> None:
    """A DM cannot tell someone their DMs are closed; the server's alert channel can."""
    await queue_alerts(world)
    await unreachable(world, f"user:{ALICE}")
    assert [r for r in await world.outbox() if r.kind == "notice"] == []
    [paused] = world.services.subscriptions.known(user_id=ALICE, guild_id=None, moderator=False)
    assert not paused.enabled


async def test_a_notice_that_cannot_be_delivered_is_dropped_without_another_notice(
    world: World,
) -> None:
    """No notices about notices: nothing loops, nothing retries forever."""
    await queue_alerts(world)
    await unreachable(world, f"channel:{CHANNEL}")
    await unreachable(world, f"user:{MOD}")
    rows = await world.outbox()
    assert [(r.kind, r.destination, r.status) for r in rows if r.kind == "notice"] == [
        ("notice", f"user:{MOD}", "failed")
    ]


async def test_finished_items_are_pruned_after_the_retention(world: World) -> None:
    """Sent and given-up items go after ``keep`` (30 days), not before."""
    await queue_alerts(world)
    outbox = world.services.outbox
    sent, failed = await outbox.claim_due()
    await outbox.mark_sent(sent.id)
    await outbox.give_up(failed.id, "test")
    world.clock.now += timedelta(days=29)
    assert await outbox.prune() == 0
    world.clock.now += timedelta(days=2)
    assert await outbox.prune() == 2
    assert await world.outbox() == []


async def test_undelivered_items_are_never_pruned(world: World) -> None:
    """An alert not yet delivered stays, however old: nothing is dropped."""
    await queue_alerts(world)
    world.clock.now += timedelta(days=365)
    assert await world.services.outbox.prune() == 0
    assert [row.status for row in await world.outbox()] == ["pending", "pending"]
