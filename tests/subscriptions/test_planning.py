"""Alerts are planned into the outbox in the transaction that stores the snapshot.

The Arena went from 2024-07-07 to 2024-08-14: ChatGPT-4o-latest took first place from
GPT-4o-2024-05-13 (now #3), Qwen2-72B-Instruct fell from #20 to #31, and Claude 3.5 Sonnet
went from #2 to #4 (less than three places, inside the top 10: nothing to tell).
"""

from __future__ import annotations

from datetime import date

from data.domain.delivery import outbox_item
from data.store.subscriptions import SubscriptionRepository
from tests.subscriptions.conftest import (
    ALICE,
    BOB,
    CAROL,
    CHANNEL,
    NEWER,
    World,
    follow_board,
    follow_model,
    load,
    load_history,
)


async def test_a_new_snapshot_queues_one_alert_per_destination(world: World) -> None:
    """The channel, Alice (Qwen2) and Bob (the dethroned GPT-4o) are told; Carol is not."""
    services = world.services
    await follow_board(services, top_n=5)
    await follow_model(services, ALICE, "qwen2", board="lmarena")
    await follow_model(services, BOB, "GPT-4o-2024-05-13")
    await follow_model(services, CAROL, "Claude 3.5 Sonnet", board="lmarena")

    report = await load(services, NEWER)

    assert report.status == "new"
    rows = await world.outbox()
    assert [(row.destination, row.kind, row.status, row.source_id) for row in rows] == [
        (f"channel:{CHANNEL}", "alert", "pending", "lmarena"),
        (f"user:{ALICE}", "alert", "pending", "lmarena"),
        (f"user:{BOB}", "alert", "pending", "lmarena"),
    ]
    items = {row.destination: outbox_item(row.id, row.destination, 0, row.payload) for row in rows}
    [channel] = items[f"channel:{CHANNEL}"].sections
    assert channel.board.board_id == "lmarena" and channel.as_of == date(2024, 8, 14)
    assert (channel.changes[0].kind, channel.changes[0].name) == (
        "new_leader",
        "ChatGPT-4o-latest (2024-08-08)",
    )
    assert channel.changes[0].previous_leader == "GPT-4o-2024-05-13"
    assert [(c.kind, c.name) for c in channel.changes] == [
        ("new_leader", "ChatGPT-4o-latest (2024-08-08)"),
        ("entered_top", "ChatGPT-4o-latest (2024-08-08)"),
        ("entered_top", "Gemini-1.5-Pro-Exp-0801"),
        ("entered_top", "GPT-4o-mini-2024-07-18"),
        ("entered_top", "Meta-Llama-3.1-405b-Instruct"),
        ("left_top", "GPT-4-Turbo-2024-04-09"),
        ("left_top", "Gemini-1.5-Pro-Preview-0409"),
        ("left_top", "Gemini-1.5-Pro-API-0514"),
        ("moved", "GPT-4-Turbo-2024-04-09"),
        ("moved", "Gemini-1.5-Pro-Preview-0409"),
        ("new_model", "ChatGPT-4o-latest (2024-08-08)"),
        ("new_model", "Gemini-1.5-Pro-Exp-0801"),
        ("new_model", "GPT-4o-mini-2024-07-18"),
        ("new_model", "Meta-Llama-3.1-405b-Instruct"),
    ]
    [alice] = items[f"user:{ALICE}"].sections
    assert [(c.kind, c.name, c.old_rank, c.new_rank) for c in alice.changes] == [
        ("moved", "Qwen2-72B-Instruct", 20, 31)
    ]
    [bob] = items[f"user:{BOB}"].sections
    assert [(c.kind, c.name) for c in bob.changes] == [
        ("new_leader", "ChatGPT-4o-latest (2024-08-08)")
    ]


async def test_the_load_report_carries_the_changes_of_each_board(world: World) -> None:
    """The summary of /refresh and podium refresh: what changed, from the diff of the board."""
    report = await load(world.services, NEWER)
    [board] = report.boards
    kinds = {(change.kind, change.name) for change in board.changes}
    assert ("new_leader", "ChatGPT-4o-latest (2024-08-08)") in kinds
    assert ("moved", "Qwen2-72B-Instruct") in kinds


async def test_without_subscribers_or_changes_nothing_is_queued(world: World) -> None:
    """No rules, no rows; the same content again is unchanged and queues nothing either."""
    await load(world.services, NEWER)
    assert await world.outbox() == []
    await follow_board(world.services)
    again = await load(world.services, NEWER)
    assert again.status == "unchanged" and again.boards[0].changes == ()
    assert await world.outbox() == []


async def test_a_back_filled_older_snapshot_alerts_no_one(world: World) -> None:
    """A snapshot dated before the current one changes nothing people follow."""
    await load(world.services, NEWER)
    await follow_board(world.services)
    backfill = await load_history(world.services, NEWER, date(2024, 7, 10))
    assert backfill.status == "new"
    assert backfill.boards[0].changes  # compared with the snapshot of 2024-07-07
    assert await world.outbox() == []


async def test_disabled_subscriptions_are_not_planned(world: World) -> None:
    """Only enabled subscriptions are read in the ingest transaction."""
    subscription = await follow_board(world.services)
    async with world.sessions() as session, session.begin():
        await SubscriptionRepository(session).disable(subscription.destination, "test")
    await load(world.services, NEWER)
    assert await world.outbox() == []
