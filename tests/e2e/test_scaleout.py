"""Podium scaled out: two bot processes (shards 0 and 1 of 2) and a refresher, each a real
``podium`` process, sharing one PostgreSQL database, against the loopback fake Discord and a
loopback Arena whose file changes from the 2024-07-07 board to the 2024-08-14 one.

PostgreSQL only (several processes on one SQLite file is not a supported deployment): skipped
without ``PODIUM_TEST_POSTGRES_URL``. The processes start once for the module; the tests run in
order on them.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from sqlalchemy import func, select

from bot.runner import IDENTIFY_SPACING_S
from bot.services import open_services
from bot.settings import Settings
from data.store.session import create_engine, create_session_factory
from data.store.tables import AlertOutboxTable, SnapshotTable, SourceCheckTable
from tests.conftest import FIXTURES, POSTGRES_URL, empty_database
from tests.http_server import LoopbackServer, loopback_server

from .fake_discord import USER_ID, FakeDiscord, FakeGuild, FakeMessage

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.skipif(POSTGRES_URL is None, reason="needs PODIUM_TEST_POSTGRES_URL"),
]

OLDER = (FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv").read_bytes()
NEWER = (FIXTURES / "lmarena/fboulnois_lmsys_2024-08-14.csv").read_bytes()
PATH = "/arena/leaderboard.csv"
TOKEN = "scaled-out-token-that-must-never-be-logged"
#: The refresher's schedule for the Arena (the other sources are off).
TICK_S = 3
#: Discord routes a guild to shard (id >> 22) % 2: A is on shard 0, B on shard 1.
GUILD_A, GUILD_B = 2000000000004194306, 2000000000000000002
CHANNEL_A, CHANNEL_B = 3000000000000000011, 3000000000000000012
SHARD_OF = {GUILD_A: 0, GUILD_B: 1}
assert all((guild >> 22) % 2 == shard for guild, shard in SHARD_OF.items())


@dataclass
class Process:
    """One ``podium`` process (``python -m bot``), logging JSON lines to a file."""

    name: str
    environment: dict[str, str]
    log: Path
    handle: asyncio.subprocess.Process | None = None
    _output: IO[bytes] | None = None

    async def start(self) -> None:
        self._output = self.log.open("ab")
        self.handle = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            env=self.environment,
            cwd=self.log.parent,
            stdout=self._output,
            stderr=self._output,
        )

    async def stop(self, signum: int = signal.SIGTERM) -> int:
        """Signal the process and return its exit status."""
        assert self.handle is not None
        if self.handle.returncode is None:
            self.handle.send_signal(signum)
        code = await asyncio.wait_for(self.handle.wait(), timeout=30)
        if self._output is not None:
            self._output.close()
        return code

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def records(self) -> list[dict[str, Any]]:
        """Its structured log lines (the one plain line printed at start aside)."""
        found = []
        for line in self.text().splitlines():
            with contextlib.suppress(json.JSONDecodeError):
                found.append(json.loads(line))
        return found

    def logged(self, text: str) -> bool:
        return any(text in record["message"] for record in self.records())


@dataclass
class Cluster:
    """The fake Discord, the Arena, the database and the three processes."""

    fake: FakeDiscord
    arena: LoopbackServer
    database_url: str
    processes: dict[str, Process]
    body: bytes = OLDER
    fetched_at: list[float] = field(default_factory=list)

    async def serve(self, request: web.Request) -> web.Response:
        """The Arena's file: whatever ``body`` is now."""
        self.fetched_at.append(time.monotonic())
        return web.Response(body=self.body, headers={"Content-Type": "text/csv"})

    @property
    def bots(self) -> list[Process]:
        return [self.processes["bot0"], self.processes["bot1"]]

    async def query(self, statement: Any) -> list[Any]:
        engine = create_engine(self.database_url)
        try:
            async with create_session_factory(engine)() as session:
                return list(await session.scalars(statement))
        finally:
            await engine.dispose()

    async def until(self, what: str, check: Any, within_s: float) -> Any:
        """Poll the async ``check()`` (a database query: nothing to wait on) until it
        returns something truthy; ``TimeoutError`` after ``within_s`` seconds."""
        try:
            async with asyncio.timeout(within_s):
                while True:
                    found = await check()
                    if found:
                        return found
                    await asyncio.sleep(0.1)
        except TimeoutError:
            raise TimeoutError(f"no {what} within {within_s} s") from None

    async def rank(self, guild_id: int) -> FakeMessage:
        interaction = await self.fake.send_command(
            "rank", {"model": "qwen2", "board": "lmarena"}, guild_id=guild_id
        )
        return await interaction.wait_final(timeout=20)

    async def ranked(self, guild_id: int, rank: str, *, within_s: float) -> None:
        """Ask ``/rank`` in the guild until its Rank field starts with ``rank``."""
        seen: list[str] = []
        try:
            async with asyncio.timeout(within_s):
                while not (seen and seen[-1].startswith(rank)):
                    seen.append(rank_field(await self.rank(guild_id)))
        except TimeoutError:
            raise AssertionError(
                f"guild {guild_id}: no {rank} within {within_s} s: {seen}"
            ) from None

    async def identified(self, shard: int, count: int = 1) -> None:
        """Wait until shard ``shard`` of 2 has IDENTIFYed ``count`` times."""
        await self.fake.wait_for(
            lambda: sum(i.get("shard") == [shard, 2] for i in self.fake.identifies) >= count,
            timeout=60,
            what=f"IDENTIFY #{count} of shard {shard}",
        )


def environment(url: str, fake: FakeDiscord, arena: LoopbackServer) -> dict[str, str]:
    """What every process shares; nothing inherited from the test's own PODIUM_ settings."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PODIUM_") and key != "DISCORD_TOKEN"
    }
    return {
        **inherited,
        "PODIUM_DATABASE_URL": url,
        "PODIUM_BUNDLED_DATA": "0",
        "PODIUM_DISCORD_API_BASE": fake.api_base,
        "PODIUM_DISCORD_GATEWAY_URL": fake.gateway_url,
        "PODIUM_SOURCE_LMARENA_URL": arena.url(PATH),
        "PODIUM_REFRESH_SCHEDULE": "off",
        "PODIUM_SCHEDULE_JITTER": "0",
        "PODIUM_FETCH_ATTEMPTS": "1",
        # Longer than the test: bots hear of new alerts from PostgreSQL's NOTIFY, and retry a
        # leased alert when its lease ends.
        "PODIUM_ALERT_POLL": "300",
        "PODIUM_ALERT_PACE": "0",
        "PODIUM_ALERT_LEASE": "2",
        "PODIUM_ALERT_RETRY": "0.5",
        "PODIUM_LOG_FORMAT": "json",
    }


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake_discord_server() -> AsyncIterator[FakeDiscord]:
    """Two guilds, one on each of two shards, each with an alert channel."""
    guilds = (FakeGuild(GUILD_A, "A", (CHANNEL_A,)), FakeGuild(GUILD_B, "B", (CHANNEL_B,)))
    async with FakeDiscord(guilds=guilds, shards=2) as fake:
        yield fake


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def cluster(
    fake_discord_server: FakeDiscord, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Cluster]:
    """The Arena of 2024-07-07 fetched once, each guild's channel following its top 5; then a
    refresher and two bots started together."""
    folder = tmp_path_factory.mktemp("cluster")
    async with empty_database("postgresql", folder) as url, loopback_server() as arena:
        shared = environment(url, fake_discord_server, arena)
        bot = {**shared, "DISCORD_TOKEN": TOKEN, "PODIUM_ROLE": "bot", "PODIUM_SHARD_COUNT": "2"}
        processes = {
            "refresher": Process(
                "refresher",
                {
                    **shared,
                    "PODIUM_ROLE": "refresher",
                    "PODIUM_SOURCE_LMARENA_SCHEDULE": f"every {TICK_S}s",
                },
                folder / "refresher.log",
            ),
            "bot0": Process("bot0", {**bot, "PODIUM_SHARD_IDS": "0"}, folder / "bot0.log"),
            "bot1": Process("bot1", {**bot, "PODIUM_SHARD_IDS": "1"}, folder / "bot1.log"),
        }
        world = Cluster(fake_discord_server, arena, url, processes)
        arena.route(PATH, world.serve)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            PODIUM_DATABASE_URL=url,
            PODIUM_BUNDLED_DATA=False,
            PODIUM_SOURCE_LMARENA_URL=arena.url(PATH),
        )
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            [report] = await services.loading.refresh(["lmarena"])
            assert report.status == "new"
            for guild, channel in ((GUILD_A, CHANNEL_A), (GUILD_B, CHANNEL_B)):
                await services.subscriptions.follow_board(
                    owner_id=USER_ID,
                    guild_id=guild,
                    target=f"channel:{channel}",
                    board="lmarena",
                    top_n=5,
                )
        try:
            for process in processes.values():
                await process.start()
            await world.identified(0)
            await world.identified(1)
            yield world
        finally:
            codes = {name: await p.stop() for name, p in processes.items()}
            logs = {name: p.text() for name, p in processes.items()}
        assert codes == dict.fromkeys(processes, 0), logs
        for name, text in logs.items():
            assert TOKEN not in text, name


async def test_each_guild_is_answered_by_the_process_running_its_shard(cluster: Cluster) -> None:
    """Each bot connects only its shard, IDENTIFYing in turns with the other; an interaction
    reaches one process and is answered once; only the process running shard 0 registers the
    commands."""
    fake = cluster.fake
    assert sorted(tuple(i["shard"]) for i in fake.identifies) == [(0, 2), (1, 2)]
    # Started together, the processes took turns: one session start per 5 s for the bot.
    first, second = fake.identified_at
    assert second - first >= IDENTIFY_SPACING_S - 0.1
    for guild in (GUILD_A, GUILD_B):
        reply = await cluster.rank(guild)
        assert reply.embeds[0]["title"].startswith("Qwen2-72B-Instruct")
    callbacks = [r for r in fake.requests if r.path.endswith("/callback")]
    assert len(callbacks) == 2 and all(r.status == 200 for r in callbacks)
    for guild, shard in SHARD_OF.items():
        served = [p.name for p in cluster.bots if p.logged(f"/rank from guild {guild} on shard ")]
        assert served == [f"bot{shard}"]
    puts = [r for r in fake.requests if r.method == "PUT" and r.path.endswith("/commands")]
    assert len(puts) <= 1  # none when the commands were already registered
    assert fake.synced_commands()  # registered globally, by shard 0's process
    assert cluster.processes["bot0"].logged("synced") or cluster.processes["bot0"].logged(
        "commands unchanged"
    )
    assert cluster.processes["bot1"].logged("not syncing commands")


async def test_a_scheduled_tick_refreshes_the_arena_once(cluster: Cluster) -> None:
    """Only the refresher runs the schedule, and each tick fetches the Arena once, recorded
    as one check."""
    start = len(cluster.fetched_at)

    async def two_more_ticks() -> bool:
        return len(cluster.fetched_at) >= start + 2

    await cluster.until("two ticks", two_more_ticks, within_s=4 * TICK_S + 30)

    async def all_checked() -> list[Any]:
        checks = await cluster.query(
            select(SourceCheckTable.checked_at).where(SourceCheckTable.source_id == "lmarena")
        )
        return checks if len(checks) == len(cluster.fetched_at) else []

    checks = await cluster.until("a check per fetch", all_checked, within_s=10)
    assert len(checks) == len(cluster.fetched_at)
    ticks = cluster.fetched_at[1:]  # the first fetch was the seeding refresh
    assert all(b - a > TICK_S * 0.7 for a, b in itertools.pairwise(ticks))
    assert cluster.processes["refresher"].logged("scheduled refresh of lmarena: unchanged")
    assert not any(p.logged("scheduled refresh") for p in cluster.bots)


async def test_new_data_reaches_both_bots_and_alerts_survive_a_killed_sender(
    cluster: Cluster,
) -> None:
    """The refresher stores the 2024-08-14 board (Qwen2 #20 -> #31): both bots answer from it
    within seconds.
    Its alerts go out once each, although the first one's sender is killed after Discord took
    the message and before the answer arrived; the restarted bot serves its shard again."""
    fake = cluster.fake
    for guild in (GUILD_A, GUILD_B):
        assert rank_field(await cluster.rank(guild)).startswith("**#20 (tie)**")
    [first_snapshot] = await cluster.query(select(func.max(SnapshotTable.id)))
    fake.hold_next("POST", "/channels/*/messages")
    cluster.body = NEWER

    async def new_snapshot() -> list[Any]:
        return await cluster.query(
            select(SnapshotTable.id).where(SnapshotTable.id > first_snapshot)
        )

    await cluster.until("the 2024-08-14 snapshot", new_snapshot, within_s=4 * TICK_S + 30)
    for guild in (GUILD_A, GUILD_B):  # each process hears of the commit, or polls, and reloads
        await cluster.ranked(guild, "**#31", within_s=5)

    held = await fake.wait_for(lambda: fake.held[0] if fake.held else None, timeout=30)
    item_id = int(held.json["nonce"].split(".")[0])
    [sender] = [p for p in cluster.bots if p.logged(f"sending alert {item_id} ")]
    shard = int(sender.name[-1])
    assert await sender.stop(signal.SIGKILL) == -signal.SIGKILL
    fake.release_held()
    await sender.start()
    await cluster.identified(shard, count=2)

    async def settled() -> list[Any]:
        rows = await cluster.query(select(AlertOutboxTable))
        return rows if rows and all(row.status != "pending" for row in rows) else []

    rows = await cluster.until("every alert delivered", settled, within_s=30)
    assert {row.destination for row in rows} == {f"channel:{CHANNEL_A}", f"channel:{CHANNEL_B}"}
    assert all(row.status == "sent" for row in rows)
    posts = [r for r in fake.requests if r.method == "POST" and r.path.startswith("/channels/")]
    nonces = [r.json["nonce"] for r in posts]
    assert nonces.count(held.json["nonce"]) == 2  # sent again after the kill ...
    messages = fake.channel_messages(CHANNEL_A) + fake.channel_messages(CHANNEL_B)
    assert len(messages) == len(set(nonces)) == len(rows)  # ... and posted once
    reply = await cluster.rank(next(g for g, s in SHARD_OF.items() if s == shard))
    assert rank_field(reply).startswith("**#31")


def rank_field(reply: FakeMessage) -> str:
    """The "Rank" field of a one-board ``/rank`` answer, e.g. ``**#20 (tie)** of 115``."""
    [embed] = reply.embeds
    return next(f["value"] for f in embed["fields"] if f["name"] == "Rank")
