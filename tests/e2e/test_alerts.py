"""Refresh, subscriptions, alert delivery and the ``/config`` settings that steer them (alert
channel, moderator role) end to end: the real PodiumBot (scheduler and alert worker included)
through the loopback fake Discord, with the Arena served by a loopback HTTP server whose file
changes from the 2024-07-07 snapshot to the 2024-08-14 one.

Every test starts from an empty database; the fault tests restart the bot on it.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from sqlalchemy import select

from bot.client import PodiumBot
from bot.services import open_services, utc_now
from bot.settings import Settings
from commands import Services
from commands.checks import CANNOT_POST
from commands.errors import NOT_MODERATOR
from commands.i18n import t
from data.domain.delivery import GuildConfig
from data.store.session import create_engine, create_session_factory
from data.store.tables import AlertOutboxTable
from tests.conftest import FIXTURES, FrozenClock
from tests.http_server import LoopbackServer, loopback_server

from .fake_discord import (
    APPLICATION_ID,
    EMBED_LINKS,
    JSON,
    MODERATOR_PERMISSIONS,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    FakeDiscord,
    FakeGuild,
    FakeMessage,
    FakeUser,
    run_client,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

OLDER = (FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv").read_bytes()
NEWER = (FIXTURES / "lmarena/fboulnois_lmsys_2024-08-14.csv").read_bytes()
LATEST = (FIXTURES / "lmarena/fboulnois_lmsys_2024-12-31.csv").read_bytes()
PATH = "/arena/leaderboard.csv"

GUILD, SECOND_GUILD = 2000000000000000002, 2100000000000000002
CHANNEL, ALERT_CHANNEL, NEWS_CHANNEL, VOICE_CHANNEL, SECOND_CHANNEL = (
    3000000000000000003,
    3000000000000000004,
    3000000000000000005,
    3000000000000000006,
    3100000000000000003,
)
#: Channels where an overwrite denies Podium View Channel, Send Messages or Embed Links.
HIDDEN, MUTED, NO_EMBEDS = 3000000000000000007, 3000000000000000008, 3000000000000000009
MOD_ROLE = 6000000000000000006
MOD = FakeUser(4000000000000000009, "mod", "Mod")
ALICE = FakeUser(4000000000000000004, "alice", "Alice")
BOB = FakeUser(4000000000000000005, "bob", "Bob")
CAROL = FakeUser(4000000000000000006, "carol", "Carol")
AS_MOD: dict[str, Any] = {"user": MOD, "permissions": MODERATOR_PERMISSIONS}
"""Injection context of a moderator: Manage Server."""

#: What the channel following the top 5 is told, and Alice (Qwen2) and Bob (GPT-4o).
CHANNEL_LINES = [
    "**ChatGPT-4o-latest (2024-08-08)**: new at #1 · new #1 (before: GPT-4o-2024-05-13)"
    " · enters the top 5 · new on the board",
    "**Gemini-1.5-Pro-Exp-0801**: new at #2 · enters the top 5 · new on the board",
    "**GPT-4o-mini-2024-07-18**: new at #4 · enters the top 5 · new on the board",
    "**Meta-Llama-3.1-405b-Instruct**: new at #5 · enters the top 5 · new on the board",
    "**GPT-4-Turbo-2024-04-09**: #4 → #7 ▼3 · leaves the top 5",
    "**Gemini-1.5-Pro-Preview-0409**: #4 → #7 ▼3 · leaves the top 5",
    "**Gemini-1.5-Pro-API-0514**: was #3 · leaves the top 5",
]
ALICE_LINES = ["**Qwen2-72B-Instruct**: #20 → #31 ▼11"]
BOB_LINES = ["**ChatGPT-4o-latest (2024-08-08)**: now #1 · new #1 (before: GPT-4o-2024-05-13)"]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake_discord_server() -> AsyncIterator[FakeDiscord]:
    """Two servers with a moderator role; the first also has a text channel for alerts, an
    announcement channel, a voice channel and three where Podium may not post embeds."""
    guilds = (
        FakeGuild(
            GUILD,
            channel_ids=(
                *(CHANNEL, ALERT_CHANNEL, NEWS_CHANNEL, VOICE_CHANNEL),
                *(HIDDEN, MUTED, NO_EMBEDS),
            ),
            roles={MOD_ROLE: "podium-mods"},
            channel_types={NEWS_CHANNEL: 5, VOICE_CHANNEL: 2},
            bot_denied={HIDDEN: VIEW_CHANNEL, MUTED: SEND_MESSAGES, NO_EMBEDS: EMBED_LINKS},
        ),
        FakeGuild(SECOND_GUILD, "Second", (SECOND_CHANNEL,), {MOD_ROLE + 1: "mods"}),
    )
    async with FakeDiscord(guilds=guilds) as fake:
        yield fake


@dataclass
class Harness:
    """The fake Discord, the Arena's loopback server and a database, for one test."""

    fake: FakeDiscord
    server: LoopbackServer
    database: Path
    body: bytes = OLDER
    #: The Arena's HTTP status: anything but 200 answers with an error page instead of ``body``.
    status: int = 200
    fetched: asyncio.Condition = field(default_factory=asyncio.Condition)

    def settings(self, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "PODIUM_DATABASE_URL": f"sqlite+aiosqlite:///{self.database}",
            "PODIUM_BUNDLED_DATA": False,
            "PODIUM_SOURCE_LMARENA_URL": self.server.url(PATH),
            "PODIUM_REFRESH_SCHEDULE": "off",
            "PODIUM_SCHEDULE_JITTER": 0,
            "PODIUM_ALERT_POLL": 0.3,
            "PODIUM_ALERT_PACE": 0,
            "PODIUM_ALERT_RETRY": 0.2,
            "PODIUM_ALERT_LEASE": 1,
            "PODIUM_FETCH_ATTEMPTS": 1,
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    @asynccontextmanager
    async def services(
        self, clock: Callable[[], datetime] = utc_now, **overrides: object
    ) -> AsyncIterator[Services]:
        """Podium's services (able to fetch), without a bot: as ``podium refresh`` runs."""
        settings = self.settings(**overrides)
        async with (
            aiohttp.ClientSession() as http,
            open_services(settings, http=http, clock=clock) as services,
        ):
            yield services

    @asynccontextmanager
    async def bot(self, **overrides: object) -> AsyncIterator[PodiumBot]:
        """The bot with its schedule and alert worker, connected to the fake."""
        settings = self.settings(**overrides)
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            client = PodiumBot(
                services, dev_guild_id=GUILD, settings=settings, guild_ready_timeout=0.1
            )
            async with run_client(client):
                yield client

    async def outbox(self) -> list[tuple[str, str, str]]:
        """``(kind, destination, status)`` of every outbox row."""
        engine = create_engine(f"sqlite+aiosqlite:///{self.database}")
        try:
            async with create_session_factory(engine)() as session:
                rows = await session.scalars(select(AlertOutboxTable).order_by(AlertOutboxTable.id))
                return [(row.kind, row.destination, row.status) for row in rows]
        finally:
            await engine.dispose()

    async def settled(self) -> list[tuple[str, str, str]]:
        """The outbox once nothing in it is pending any more (within 15 s)."""
        async with asyncio.timeout(15):
            while True:
                rows = await self.outbox()
                if rows and all(status != "pending" for _, _, status in rows):
                    return rows
                await asyncio.sleep(0.05)

    async def messages(self, channel_id: int, count: int) -> list[FakeMessage]:
        """Wait for ``count`` messages in a channel."""
        return await self.fake.wait_for(
            lambda: m if len(m := self.fake.channel_messages(channel_id)) >= count else None,
            what=f"{count} message(s) in {channel_id}",
        )

    async def dms(self, user: FakeUser, count: int) -> list[FakeMessage]:
        """Wait for ``count`` DMs to ``user``."""
        return await self.fake.wait_for(
            lambda: m if len(m := self.fake.dm_messages(user.id)) >= count else None,
            what=f"{count} DM(s) to {user.username}",
        )

    def fetches(self) -> int:
        return len(self.server.seen(PATH))

    async def serve(self, request: web.Request) -> web.Response:
        """The Arena's file: whatever ``body`` is now."""
        async with self.fetched:
            self.fetched.notify_all()
        if self.status != 200:
            return web.Response(status=self.status, text="upstream unavailable")
        return web.Response(body=self.body, headers={"Content-Type": "text/csv"})

    async def wait_fetches(self, count: int) -> None:
        """Wait until the Arena's file was fetched ``count`` times (within 10 s)."""
        async with self.fetched:
            await asyncio.wait_for(self.fetched.wait_for(lambda: self.fetches() >= count), 10)


@pytest_asyncio.fixture(loop_scope="module")
async def world(
    fake_discord: FakeDiscord, discord_endpoints: FakeDiscord, tmp_path: Path
) -> AsyncIterator[Harness]:
    async with loopback_server() as server:
        world = Harness(fake_discord, server, tmp_path / "podium.sqlite3")
        server.route(PATH, world.serve)
        yield world


def field_lines(message: FakeMessage) -> list[str]:
    [embed] = message.embeds
    return [line for field in embed["fields"] for line in field["value"].splitlines()]


async def seed(world: Harness) -> None:
    """The Arena board of 2024-07-07, fetched from the loopback server."""
    async with world.services() as services:
        [report] = await services.loading.refresh(["lmarena"])
        assert report.status == "new"


async def command(
    world: Harness, name: str, options: dict[str, Any], user: FakeUser = ALICE, **context: Any
) -> FakeMessage:
    """Run a slash command and wait for its answer."""
    interaction = await world.fake.send_command(name, options, user=user, **context)
    return await interaction.wait_final()


async def refresh(world: Harness, **context: Any) -> FakeMessage:
    """Run ``/refresh source:lmarena`` and wait for its final summary: the deferred reply is
    edited when the download starts, when it is done, and once more at the end."""
    interaction = await world.fake.send_command("refresh", {"source": "lmarena"}, **context)
    return await world.fake.wait_for(
        lambda: m if (m := interaction.final) and len(m.edits) == 3 else None,
        what="the refresh summary",
    )


def subcommand_options(commands: list[JSON], name: str, sub_name: str) -> list[JSON]:
    """The options of the subcommand ``name sub_name`` in a synced command list."""
    [group] = [c for c in commands if c["name"] == name]
    [sub] = [o for o in group["options"] if o["name"] == sub_name]
    return list(sub["options"])


def without_channel_types(commands: list[JSON]) -> list[JSON]:
    """Commands as an older Podium, whose channel options took any channel, registered them."""
    stale = copy.deepcopy(commands)
    nodes = [node for command in stale for node in command.get("options", [])]
    while nodes:
        node = nodes.pop()
        node.pop("channel_types", None)
        nodes.extend(node.get("options", []))
    return stale


def refused(reply: FakeMessage) -> bool:
    """Whether this is the private "only moderators" answer."""
    return reply.ephemeral and reply.embeds[0]["description"] == t(NOT_MODERATOR)


async def test_a_moderators_refresh_sends_exactly_the_expected_alerts(world: Harness) -> None:
    """The channel following the top 5, Alice (Qwen2) and Bob (GPT-4o, dethroned) are told
    once each; Carol (Claude 3.5 Sonnet, #2 -> #4) is not. The moderator watched it happen."""
    await seed(world)
    async with world.bot():
        reply = await command(world, "subscribe board", {"board": "lmarena", "top_n": 5}, **AS_MOD)
        assert reply.ephemeral and f"<#{CHANNEL}>" in reply.content
        reply = await command(world, "subscribe model", {"model": "qwen2", "board": "LMArena Text"})
        assert "Qwen2-72B-Instruct" in reply.content
        await command(world, "subscribe model", {"model": "GPT-4o-2024-05-13"}, user=BOB)
        await command(world, "subscribe model", {"model": "Claude 3.5 Sonnet"}, user=CAROL)
        choices = await world.fake.autocomplete(
            "unsubscribe", {"subscription": "qwen"}, focused="subscription"
        )
        assert [c["name"] for c in choices] == ["#2 Qwen2-72B-Instruct on lmarena (DM)"]
        choices = await world.fake.autocomplete(
            "refresh", {"source": "arena"}, focused="source", user=MOD
        )
        assert [c["value"] for c in choices] == ["arena_hard", "lmarena"]

        world.body = NEWER
        summary = await refresh(world, **AS_MOD)
        assert summary.edits[0]["embeds"][0]["fields"][0]["value"] == "⏬ downloading…"
        assert summary.embeds[0]["description"].startswith("Done: 1 with new data")
        assert summary.ephemeral
        [field] = summary.embeds[0]["fields"]
        assert field["name"] == "lmarena"
        assert "✅ new snapshot" in field["value"] and "128 rows, as of " in field["value"]
        # The changes found (default thresholds: the top 10), most important first.
        assert CHANNEL_LINES[0].replace("top 5", "top 10") in field["value"]
        assert field["value"].endswith("… and 121 more")

        [alert] = await world.messages(CHANNEL, 1)
        assert alert.embeds[0]["title"] == "LMArena Text: ranking changes"
        assert field_lines(alert) == CHANNEL_LINES
        assert [field_lines(m) for m in await world.dms(ALICE, 1)] == [ALICE_LINES]
        assert [field_lines(m) for m in await world.dms(BOB, 1)] == [BOB_LINES]
        assert await world.settled() == [
            ("alert", f"channel:{CHANNEL}", "sent"),
            ("alert", f"user:{ALICE.id}", "sent"),
            ("alert", f"user:{BOB.id}", "sent"),
        ]
        assert world.fake.dm_messages(CAROL.id) == []
        assert len(world.fake.channel_messages(CHANNEL)) == 1
        assert world.fake.channel_messages(ALERT_CHANNEL) == []

        again = await command(world, "refresh", {}, **AS_MOD)
        assert "Slow down" in again.embeds[0]["description"]  # one refresh a minute per server
    assert not world.fake.unknown_routes


async def test_board_alerts_go_to_the_configured_alert_channel_or_to_the_channel_given(
    world: Harness,
) -> None:
    """``/config alert_channel`` decides where ``/subscribe board`` without ``channel:`` posts;
    with ``channel:`` (an announcement channel) it posts there. A moderator's ``/refresh``
    then alerts each of the two channels once, and no other channel."""
    await seed(world)
    async with world.bot():
        reply = await command(world, "config alert_channel", {"channel": ALERT_CHANNEL}, **AS_MOD)
        assert reply.ephemeral
        assert reply.embeds[0]["description"].startswith(f"Alert channel: <#{ALERT_CHANNEL}>\n")
        follow = {"board": "lmarena", "top_n": 5}
        reply = await command(world, "subscribe board", follow, **AS_MOD)
        assert reply.ephemeral and reply.content.endswith(f"posted in <#{ALERT_CHANNEL}>.")
        reply = await command(
            world, "subscribe board", {**follow, "channel": NEWS_CHANNEL}, **AS_MOD
        )
        assert reply.ephemeral and reply.content.endswith(f"posted in <#{NEWS_CHANNEL}>.")

        world.body = NEWER
        summary = await refresh(world, **AS_MOD)
        assert summary.ephemeral
        for channel in (ALERT_CHANNEL, NEWS_CHANNEL):
            [alert] = await world.messages(channel, 1)
            assert alert.embeds[0]["title"] == "LMArena Text: ranking changes"
            assert field_lines(alert) == CHANNEL_LINES
        assert sorted(await world.settled()) == [
            ("alert", f"channel:{ALERT_CHANNEL}", "sent"),
            ("alert", f"channel:{NEWS_CHANNEL}", "sent"),
        ]
    posted = {
        c: len(world.fake.channel_messages(c)) for c in (CHANNEL, ALERT_CHANNEL, NEWS_CHANNEL)
    }
    assert posted == {CHANNEL: 0, ALERT_CHANNEL: 1, NEWS_CHANNEL: 1}
    assert all(i.response is not None for i in world.fake.interactions)  # each acknowledged
    assert not world.fake.unknown_routes


async def test_the_moderator_role_set_with_config_lets_its_members_refresh(world: Harness) -> None:
    """The fake enforces no ``default_permissions`` (as in a server that overrode them), so
    members come with their real permissions and the code decides: without Manage Server,
    only the role set with ``/config moderator_role`` lets a member refresh (or configure),
    and only in its own server. Plain members cannot run ``/config`` at all."""
    await seed(world)
    as_bob: dict[str, Any] = {"user": BOB, "roles": [MOD_ROLE]}  # the role, no Manage Server
    async with world.bot() as bot:
        assert refused(await command(world, "refresh", {"source": "lmarena"}, **as_bob))
        for name, options in [
            ("config moderator_role", {"role": MOD_ROLE}),
            ("config alert_channel", {"channel": ALERT_CHANNEL}),
            ("config show", {}),
        ]:
            assert refused(await command(world, name, options, **as_bob)), name
        assert await bot.services.subscriptions.guild_config(GUILD) == GuildConfig(GUILD)

        reply = await command(world, "config moderator_role", {"role": MOD_ROLE}, **AS_MOD)
        assert reply.ephemeral
        assert f"Moderator role: <@&{MOD_ROLE}>\n" in reply.embeds[0]["description"]
        config = await bot.services.subscriptions.guild_config(GUILD)
        assert config.moderator_role_id == MOD_ROLE

        assert refused(await command(world, "refresh", {"source": "lmarena"}, user=CAROL))
        elsewhere: dict[str, Any] = {"user": BOB, "guild_id": SECOND_GUILD, "roles": [MOD_ROLE + 1]}
        assert refused(await command(world, "refresh", {"source": "lmarena"}, **elsewhere))
        assert world.fetches() == 1  # only the seed

        summary = await refresh(world, **as_bob)
        assert summary.ephemeral
        assert world.fetches() == 2
        reply = await command(world, "config show", {}, **as_bob)
        assert reply.embeds[0]["title"] == "Podium settings for this server"
    assert not world.fake.unknown_routes


async def test_alert_channels_must_be_text_or_announcement_channels(world: Harness) -> None:
    """Both channel options tell Discord to offer only text and announcement channels, so a
    voice channel cannot even be sent. Should a stale command (registered by an older
    version without that restriction) let one through, Podium refuses it, says why, and
    stores nothing."""
    async with world.bot() as bot:
        synced = world.fake.synced_commands(GUILD)
        for command_name, sub_name in [("config", "alert_channel"), ("subscribe", "board")]:
            [channel] = [
                o for o in subcommand_options(synced, command_name, sub_name) if o["type"] == 7
            ]
            assert sorted(channel["channel_types"]) == [0, 5]
        with pytest.raises(ValueError, match=r"only offers channels of types \[0, 5\]"):
            await world.fake.send_command(
                "config alert_channel", {"channel": VOICE_CHANNEL}, **AS_MOD
            )

        # The next bot to start finds the difference and registers the current commands again.
        stale = without_channel_types(synced)
        await bot.http.bulk_upsert_guild_commands(APPLICATION_ID, GUILD, stale)
        refusal = f"<#{VOICE_CHANNEL}> is a voice channel: pick a text or announcement channel."
        voice_options: list[tuple[str, dict[str, Any]]] = [
            ("config alert_channel", {"channel": VOICE_CHANNEL}),
            ("subscribe board", {"board": "lmarena", "channel": VOICE_CHANNEL}),
        ]
        for name, options in voice_options:
            reply = await command(world, name, options, **AS_MOD)
            assert reply.ephemeral and reply.embeds[0]["description"] == refusal, name
        assert await bot.services.subscriptions.guild_config(GUILD) == GuildConfig(GUILD)
        reply = await command(world, "subscriptions", {}, **AS_MOD)
        assert reply.embeds[0]["description"].startswith("None yet.")
    assert world.fake.channel_messages(VOICE_CHANNEL) == []
    assert not world.fake.unknown_routes


async def test_429_and_5xx_on_the_message_route_still_deliver_each_alert_once(
    world: Harness,
) -> None:
    """discord.py waits out a 429 with ``Via`` and retries a 500 itself; a 429 from a proxy
    and a 503 reach the worker, which retries with backoff. One message in the end."""
    await seed(world)
    route = f"/channels/{CHANNEL}/messages"
    async with world.bot() as bot:
        await bot.services.subscriptions.follow_board(
            owner_id=MOD.id, guild_id=GUILD, target=f"channel:{CHANNEL}", board="lmarena"
        )
        world.fake.fail_next("POST", route, status=429, retry_after=0.1)
        world.fake.fail_next("POST", route, status=429, via=False, retry_after=0.1)
        world.fake.fail_next("POST", route, status=500)
        world.fake.fail_next("POST", route, status=503)
        world.body = NEWER
        reports = await bot.services.loading.refresh(["lmarena"])
        bot.dispatch("rankings_refreshed", reports)
        assert await world.settled() == [("alert", f"channel:{CHANNEL}", "sent")]
    posts = [r.status for r in world.fake.requests if r.method == "POST" and r.path == route]
    assert posts == [429, 429, 500, 503, 200]
    [alert] = world.fake.channel_messages(CHANNEL)
    assert field_lines(alert)[0].startswith("**ChatGPT-4o-latest (2024-08-08)**")


async def test_alerts_planned_before_a_crash_are_sent_once_after_the_restart(
    world: Harness,
) -> None:
    """The refresh committed its alerts and the process died before sending any: the next
    start delivers them, once."""
    await seed(world)
    async with world.services() as services:
        await services.subscriptions.follow_board(
            owner_id=MOD.id, guild_id=GUILD, target=f"channel:{CHANNEL}", board="lmarena"
        )
        await services.subscriptions.follow_model(
            user_id=ALICE.id, guild_id=GUILD, model="qwen2", board="lmarena"
        )
        world.body = NEWER
        [report] = await services.loading.refresh(["lmarena"])
        assert report.status == "new"
    assert [status for *_, status in await world.outbox()] == ["pending", "pending"]
    world.fake.add_user(ALICE)
    async with world.bot():
        await world.settled()
        await asyncio.sleep(0.5)  # a second delivery would show up within the poll interval
    assert len(world.fake.channel_messages(CHANNEL)) == 1
    assert [field_lines(m) for m in world.fake.dm_messages(ALICE.id)] == [ALICE_LINES]


async def test_a_crash_between_sending_and_marking_never_posts_twice(world: Harness) -> None:
    """Discord took the message, then the process died before recording it: after the
    restart the item is sent again with the same nonce, and Discord returns the first
    message instead of posting a second."""
    await seed(world)
    async with world.bot() as bot:
        crashed = asyncio.Event()

        async def die(item_id: int) -> None:
            crashed.set()
            raise asyncio.CancelledError  # the worker stops here, as if killed

        bot.services.outbox.mark_sent = die  # type: ignore[method-assign]
        await bot.services.subscriptions.follow_board(
            owner_id=MOD.id, guild_id=GUILD, target=f"channel:{CHANNEL}", board="lmarena"
        )
        world.body = NEWER
        bot.dispatch("rankings_refreshed", await bot.services.loading.refresh(["lmarena"]))
        await asyncio.wait_for(crashed.wait(), 10)
    assert await world.outbox() == [("alert", f"channel:{CHANNEL}", "pending")]
    async with world.bot():
        assert await world.settled() == [("alert", f"channel:{CHANNEL}", "sent")]
    route = f"/channels/{CHANNEL}/messages"
    nonces = [
        r.json["nonce"] for r in world.fake.requests if r.method == "POST" and r.path == route
    ]
    assert len(nonces) == 2 and nonces[0] == nonces[1]
    assert len(world.fake.channel_messages(CHANNEL)) == 1


async def test_blocked_dms_pause_the_subscription_and_the_alert_channel_is_told_once(
    world: Harness,
) -> None:
    """Discord answers 403 (50007) to Alice's DM: her subscription is disabled, the server's
    alert channel gets one notice, and the next snapshot tries no DM at all."""
    await seed(world)
    async with world.bot() as bot:
        await bot.services.subscriptions.configure(GUILD, "alert_channel", ALERT_CHANNEL)
        await command(world, "subscribe model", {"model": "qwen2", "board": "lmarena"})
        world.fake.fail_next("POST", "/channels/*/messages", status=403, code=50007)
        world.body = NEWER
        bot.dispatch("rankings_refreshed", await bot.services.loading.refresh(["lmarena"]))
        [notice] = await world.messages(ALERT_CHANNEL, 1)
        assert notice.embeds[0]["title"] == "Alerts paused"
        assert f"<@{ALICE.id}>" in notice.embeds[0]["description"]
        assert await world.settled() == [
            ("alert", f"user:{ALICE.id}", "failed"),
            ("notice", f"channel:{ALERT_CHANNEL}", "sent"),
        ]
        reply = await command(world, "subscriptions", {})
        assert "paused" in reply.embeds[0]["description"]

        world.body = LATEST
        bot.dispatch("rankings_refreshed", await bot.services.loading.refresh(["lmarena"]))
        await asyncio.sleep(0.5)
    assert len(await world.outbox()) == 2
    assert world.fake.dm_messages(ALICE.id) == []
    assert len(world.fake.channel_messages(ALERT_CHANNEL)) == 1


async def test_the_schedule_refreshes_and_an_unchanged_source_sends_nothing(
    world: Harness,
) -> None:
    """Every second: the first scheduled run finds the new snapshot and alerts the channel;
    the following ones find the same file and send nothing."""
    await seed(world)
    async with world.services() as services:
        await services.subscriptions.follow_board(
            owner_id=MOD.id, guild_id=GUILD, target=f"channel:{CHANNEL}", board="lmarena"
        )
    world.body = NEWER
    async with world.bot(PODIUM_SOURCE_LMARENA_SCHEDULE="every 1s") as bot:
        assert bot.scheduler is not None
        assert [job.id for job in bot.scheduler.get_jobs()] == ["refresh:lmarena"]
        await world.messages(CHANNEL, 1)
        await world.wait_fetches(4)  # the seed, the change, then unchanged twice
    assert len(world.fake.channel_messages(CHANNEL)) == 1
    assert await world.outbox() == [("alert", f"channel:{CHANNEL}", "sent")]


async def test_a_failing_source_is_announced_once_and_its_recovery_once(world: Harness) -> None:
    """The Arena answers 503 to every check for more than a day: the channel following it
    gets one notice, not one per check, and the first good check after it one recovery
    notice; checks go on without another message."""
    start = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    clock = FrozenClock(start)

    async def checks(services: Services, *hours: int) -> None:
        for hour in hours:
            clock.now = start + timedelta(hours=hour)
            await services.loading.refresh(["lmarena"])

    route = f"channel:{CHANNEL}"
    async with world.services(clock) as services:
        [report] = await services.loading.refresh(["lmarena"])
        assert report.status == "new"
        await services.subscriptions.follow_board(
            owner_id=MOD.id, guild_id=GUILD, target=route, board="lmarena"
        )
        world.status = 503
        await checks(services, 6, 12, 24, 30)
        assert await world.outbox() == []  # failing for a day exactly: not yet
        await checks(services, 31, 36)
    async with world.bot():
        [failing] = await world.messages(CHANNEL, 1)
        assert await world.settled() == [("health", route, "sent")]
    [embed] = failing.embeds
    assert embed["title"] == "⚠ LMArena Text: updates failing"
    assert "since 2026-12-01 12:00 UTC" in embed["description"]
    assert "HTTP 503" in embed["description"]

    world.status = 200
    async with world.services(clock) as services:
        await checks(services, 40, 46)
    async with world.bot():
        messages = await world.messages(CHANNEL, 2)
        assert await world.settled() == [("health", route, "sent")] * 2
        await asyncio.sleep(0.5)  # a third message would show up within the poll interval
    assert len(world.fake.channel_messages(CHANNEL)) == 2
    [embed] = messages[1].embeds
    assert embed["title"] == "✅ LMArena Text: updating again"


async def test_a_split_alert_retried_after_discord_forgot_its_nonces_sends_only_the_rest(
    world: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six category boards of the Arena's catalog, May to December 2025, followed by one
    channel: one alert too long for one message. Its second message fails (503) and the retry
    comes after Discord's nonce memory: the first message is not posted again, the rest is."""
    paths = {}
    for day in ("2025-05-24", "2025-12-11"):
        name = f"arenacatalog_leaderboard-text_{day}.json"
        body = (FIXTURES / "lmarena" / name).read_bytes()
        paths[day] = world.server.route(f"/catalog/{name}", _json_reply(body))
    boards = ["lmarena", "lmarena_coding", "lmarena_math", "lmarena_if", "lmarena_hard_6"]
    boards.append("lmarena_multiturn")
    async with world.services(PODIUM_SOURCE_LMARENA_URL=paths["2025-05-24"]) as services:
        [report] = await services.loading.refresh(["lmarena"])
        assert report.status == "new"
        for board in boards:
            await services.subscriptions.follow_board(
                owner_id=MOD.id, guild_id=GUILD, target=f"channel:{CHANNEL}", board=board, top_n=20
            )
    route = f"/channels/{CHANNEL}/messages"
    monkeypatch.setattr(world.fake, "nonce_window", 0.0)  # every retry comes too late for it
    world.fake.fail_next("POST", route, status=503, skip=1)
    # Seven months apart, some language boards lost half their models: let that through.
    newer = {"PODIUM_SOURCE_LMARENA_URL": paths["2025-12-11"], "PODIUM_MAX_VANISHED_SHARE": 1}
    async with world.bot(**newer) as bot:
        [report] = await bot.services.loading.refresh(["lmarena"])
        assert report.status == "new"
        bot.dispatch("rankings_refreshed", [report])
        assert await world.settled() == [("alert", f"channel:{CHANNEL}", "sent")]
    posts = [r for r in world.fake.requests if r.method == "POST" and r.path == route]
    nonces = [r.json["nonce"] for r in posts]
    item = nonces[0].partition(".")[0]
    parts = len(set(nonces))
    assert parts >= 2
    assert nonces == [f"{item}.0", *(f"{item}.{part}" for part in [1, *range(1, parts)])]
    assert [r.status for r in posts] == [200, 503] + [200] * (parts - 1)
    messages = world.fake.channel_messages(CHANNEL)
    assert len(messages) == parts  # each part once
    sections = [f["name"] for m in messages for e in m.embeds for f in e["fields"]]
    assert len({name.split(" (")[0] for name in sections}) == len(boards)


def _json_reply(body: bytes) -> Any:
    """A loopback handler serving ``body`` as JSON."""

    async def serve(request: web.Request) -> web.Response:
        return web.Response(body=body, headers={"Content-Type": "application/json"})

    return serve


async def test_config_and_subscribe_refuse_channels_where_podium_cannot_post_embeds(
    world: Harness,
) -> None:
    """Overwrites deny Podium View Channel in one channel and Send Messages in another; a
    third denies Embed Links. ``/config alert_channel`` and ``/subscribe board channel:``
    refuse each, say what Podium needs, and store nothing; run in such a channel without
    ``channel:`` (and no alert channel), ``/subscribe board`` refuses too."""
    await seed(world)
    async with world.bot() as bot:
        for channel in (HIDDEN, MUTED, NO_EMBEDS):
            refusal = t(CANNOT_POST, where=f"<#{channel}>")
            for name, options in [
                ("config alert_channel", {"channel": channel}),
                ("subscribe board", {"board": "lmarena", "channel": channel}),
            ]:
                reply = await command(world, name, options, **AS_MOD)
                assert reply.ephemeral and reply.content == refusal, (name, channel)
        reply = await command(
            world, "subscribe board", {"board": "lmarena"}, channel_id=MUTED, **AS_MOD
        )
        assert reply.ephemeral and reply.content == t(CANNOT_POST, where=t("config.this_channel"))
        assert await bot.services.subscriptions.guild_config(GUILD) == GuildConfig(GUILD)
        reply = await command(world, "subscriptions", {}, **AS_MOD)
        assert reply.embeds[0]["description"].startswith("None yet.")

        reply = await command(world, "config alert_channel", {"channel": ALERT_CHANNEL}, **AS_MOD)
        assert reply.embeds[0]["description"].startswith(f"Alert channel: <#{ALERT_CHANNEL}>\n")
    for channel in (HIDDEN, MUTED, NO_EMBEDS):
        assert world.fake.channel_messages(channel) == []
    assert not world.fake.unknown_routes


async def test_hostile_names_in_a_source_file_reach_the_alert_defused(world: Harness) -> None:
    """The Arena's new leader is renamed in the file to a mention, a link and Markdown: the
    alert shows the name as text, pings no one (``allowed_mentions`` empty) and links nowhere."""
    hostile = "@everyone <@4000000000000000004> **[pwn](https://evil.example)** ||x||"
    await seed(world)
    async with world.bot() as bot:
        await bot.services.subscriptions.follow_board(
            owner_id=MOD.id, guild_id=GUILD, target=f"channel:{CHANNEL}", board="lmarena"
        )
        world.body = NEWER.replace(b"ChatGPT-4o-latest (2024-08-08)", hostile.encode())
        bot.dispatch("rankings_refreshed", await bot.services.loading.refresh(["lmarena"]))
        assert await world.settled() == [("alert", f"channel:{CHANNEL}", "sent")]
    [post] = [r for r in world.fake.requests if r.method == "POST" and r.path.endswith("messages")]
    assert post.json["allowed_mentions"] == {"parse": []}
    [alert] = world.fake.channel_messages(CHANNEL)
    first = field_lines(alert)[0]
    assert first.startswith("**@\u200beveryone @\u200b4000000000000000004 \\*\\*\\[pwn](")
    assert "<@" not in first and "@everyone" not in first and "||x||" not in first


async def test_a_retired_source_gets_no_job_whatever_its_schedule_says(world: Harness) -> None:
    """open_llm is retired: even an explicit schedule for it starts no job; the others run."""
    async with world.bot(
        PODIUM_REFRESH_SCHEDULE="every 6h", PODIUM_SOURCE_OPEN_LLM_SCHEDULE="every 1s"
    ) as bot:
        assert bot.scheduler is not None
        jobs = {job.id for job in bot.scheduler.get_jobs()}
    assert "refresh:lmarena" in jobs and "refresh:livebench" in jobs
    assert "refresh:open_llm" not in jobs


async def test_a_chinese_subscribers_dm_alert_is_in_chinese(world: Harness) -> None:
    """Alice subscribes from a zh-CN client, Bob from en-US: after the same refresh, Alice's
    DM alert is written in Chinese, Bob's in English; figures and names are the same."""
    await seed(world)
    async with world.bot():
        reply = await command(
            world, "subscribe model", {"model": "qwen2", "board": "LMArena Text"}, locale="zh-CN"
        )
        assert "你会收到私信" in reply.content
        await command(world, "subscribe model", {"model": "GPT-4o-2024-05-13"}, user=BOB)
        world.body = NEWER
        await refresh(world, **AS_MOD)
        [alice] = await world.dms(ALICE, 1)
        [bob] = await world.dms(BOB, 1)
    assert alice.embeds[0]["title"] == "LMArena 文本竞技场：排名变化"  # the board's Chinese title
    assert field_lines(alice) == ["**Qwen2-72B-Instruct**：第 20 名 → 第 31 名 ▼11"]
    assert alice.embeds[0]["footer"]["text"].startswith("快照 ")
    assert bob.embeds[0]["title"] == "LMArena Text: ranking changes"
    assert field_lines(bob) == BOB_LINES
