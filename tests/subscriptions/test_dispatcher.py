"""The alert worker against a stub Discord: each answer leads to the documented outcome."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

import aiohttp
import discord
import pytest

from bot.alerts import AlertDispatcher
from bot.client import PodiumBot
from commands import Services
from tests.subscriptions.conftest import ALICE, CHANNEL, MOD, NEWER, World, follow_board, load


def http_error(cls: type[discord.HTTPException], status: int, code: int = 0) -> Exception:
    response = SimpleNamespace(status=status, reason="test")
    return cls(response, {"message": "test", "code": code})  # type: ignore[arg-type]


class StubChannel:
    """Records what was sent; raises ``error`` (once) instead when given one."""

    def __init__(self, error: Exception | None) -> None:
        self.error = error
        self.sent: list[dict[str, Any]] = []

    async def send(self, **kwargs: Any) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error
        self.sent.append(kwargs)


class StubClient:
    """What the dispatcher uses of ``discord.Client``."""

    def __init__(self, channel: StubChannel) -> None:
        self.channel = channel
        self.targets: list[int] = []

    def get_partial_messageable(self, channel_id: int) -> StubChannel:
        self.targets.append(channel_id)
        return self.channel

    async def create_dm(self, user: discord.Object) -> StubChannel:
        self.targets.append(user.id)
        return self.channel


async def deliver(world: World, error: Exception | None) -> tuple[StubClient, list[Any]]:
    """Queue the channel alert, run one drain with Discord answering ``error``."""
    await follow_board(world.services)
    await load(world.services, NEWER)
    client = StubClient(StubChannel(error))
    dispatcher = AlertDispatcher(world.services.outbox, client, pace=0)  # type: ignore[arg-type]
    await dispatcher.drain()
    return client, await world.outbox()


async def test_a_delivered_alert_carries_its_nonce_and_is_marked_sent(world: World) -> None:
    """One message, the item's nonce, mentions off; the row is sent."""
    client, [row] = await deliver(world, None)
    assert client.targets == [CHANNEL]
    [message] = client.channel.sent
    assert message["nonce"] == f"{row.id}.0"
    assert message["allowed_mentions"].to_dict() == {"parse": []}
    assert message["embeds"][0].title == "LMArena Text: ranking changes"
    assert row.status == "sent" and row.attempts == 1


@pytest.mark.parametrize(
    ("make_error", "reason"),
    [
        (lambda: http_error(discord.Forbidden, 403, 50013), "forbidden"),
        (lambda: http_error(discord.NotFound, 404, 10003), "not_found"),
    ],
)
async def test_403_and_404_disable_the_destination_and_queue_one_notice(
    world: World, make_error: Callable[[], Exception], reason: str
) -> None:
    """The alert fails for good; the moderator who subscribed hears of it once, by DM, in
    the same drain."""
    client, rows = await deliver(world, make_error())
    assert [(r.kind, r.destination, r.status) for r in rows] == [
        ("alert", f"channel:{CHANNEL}", "failed"),
        ("notice", f"user:{MOD}", "sent"),
    ]
    assert client.targets == [CHANNEL, MOD]
    [notice] = client.channel.sent
    assert notice["embeds"][0].title == "Alerts paused"
    assert reason in (rows[0].last_error or "")
    [subscription] = await world.services.subscriptions.visible(
        user_id=MOD, guild_id=None, moderator=False
    )
    assert not subscription.enabled


@pytest.mark.parametrize(
    "make_error",
    [
        lambda: http_error(discord.HTTPException, 429),
        lambda: http_error(discord.DiscordServerError, 503),
        lambda: aiohttp.ClientConnectionError("reset"),
        lambda: TimeoutError(),
        lambda: RuntimeError("a bug while sending"),
    ],
)
async def test_transient_failures_are_retried_later(
    world: World, make_error: Callable[[], Exception]
) -> None:
    """429, 5xx, network trouble and even a bug: pending again after a backoff, not lost."""
    _, [row] = await deliver(world, make_error())
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.due_at > world.clock.now and row.last_error


async def test_rate_limits_are_waited_out_by_discord_py() -> None:
    """The worker handles no ``discord.RateLimited``: the bot sets no ``max_ratelimit_timeout``,
    so discord.py sleeps through 429s, and one it gives up on is an ``HTTPException`` (429)."""
    bot = PodiumBot(cast(Services, None))
    assert bot.http.max_ratelimit_timeout is None


async def test_a_message_discord_refuses_is_given_up_at_once(world: World) -> None:
    """A 400 would be refused again: no retries."""
    _, [row] = await deliver(world, http_error(discord.HTTPException, 400, 50035))
    assert row.status == "failed" and "400" in (row.last_error or "")


async def test_a_dm_goes_through_the_users_dm_channel(world: World) -> None:
    """``user:<id>`` destinations open (or reuse) the DM channel."""
    result = await world.services.subscriptions.follow_model(
        user_id=ALICE, guild_id=None, model="qwen2", board="lmarena"
    )
    assert result.subscription is not None
    await load(world.services, NEWER)
    client = StubClient(StubChannel(None))
    await AlertDispatcher(world.services.outbox, client, pace=0).drain()  # type: ignore[arg-type]
    assert client.targets == [ALICE]
    assert [row.status for row in await world.outbox()] == ["sent"]
