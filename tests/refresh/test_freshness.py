"""Freshness, shown and watched: each board's state at an injected time, and the one notice a
source's subscribers get when it fails for more than a day, and the one when it recovers.

Arena-Hard is served by a loopback mirror; its checks are real fetches."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import StringIO

import aiohttp
import pytest
from aiohttp import web
from rich.console import Console, RenderableType
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from commands.about import About, about_payload, about_view
from commands.about.cog import about_embed
from commands.boards import boards_payload
from commands.compare import compare_payload, compare_view
from commands.compare.cog import compare_embed
from commands.render_alerts import alert_messages
from data.domain.delivery import outbox_item
from data.domain.types import BoardSummary, LoadReport
from data.sources.arena_hard import ArenaHardSource
from data.store.session import create_engine, create_session_factory
from data.store.tables import AlertOutboxTable
from tests.conftest import FIXTURES, FrozenClock
from tests.http_server import LoopbackServer, loopback_server

DATED = (FIXTURES / "arenahard/arena_hard_leaderboard_20240731.csv").read_bytes()
PATH = "/leaderboard/arena_hard.csv"
START = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
GUILD, CHANNEL, ALERT_CHANNEL = 10, 100, 101


@dataclass
class Mirror:
    server: LoopbackServer
    services: Services
    sessions: async_sessionmaker[AsyncSession]
    clock: FrozenClock
    failing: bool = False

    async def handler(self, request: web.Request) -> web.Response:
        if self.failing:
            return web.Response(status=503, text="upstream down")
        return web.Response(body=DATED, headers={"Content-Type": "text/csv"})

    async def check_at(self, when: datetime) -> LoadReport:
        """One scheduled check of Arena-Hard at ``when``."""
        self.clock.now = when
        [report] = await self.services.loading.refresh(["arena_hard"])
        return report

    async def summary(self) -> BoardSummary:
        [found] = [
            s
            for s in await self.services.leaderboards.board_summaries()
            if s.board.board_id == "arena_hard"
        ]
        return found

    async def notices(self) -> list[AlertOutboxTable]:
        async with self.sessions() as session:
            query = select(AlertOutboxTable).where(AlertOutboxTable.kind == "health")
            return list(await session.scalars(query.order_by(AlertOutboxTable.id)))


@pytest.fixture
async def mirror(database_url: str, settings_for: Callable[..., Settings]) -> AsyncIterator[Mirror]:
    """Podium fetching Arena-Hard from a loopback server; a channel follows the board."""
    clock = FrozenClock(START)
    async with loopback_server() as server:
        settings = settings_for(
            database_url,
            PODIUM_SOURCE_ARENA_HARD_URL=server.url(PATH),
            PODIUM_FETCH_ATTEMPTS=1,
            PODIUM_FETCH_BACKOFF=0,
        )
        engine = create_engine(database_url)
        try:
            async with (
                aiohttp.ClientSession() as http,
                open_services(settings, http=http, clock=clock) as services,
            ):
                mirror = Mirror(server, services, create_session_factory(engine), clock)
                server.route(PATH, mirror.handler)
                assert (await mirror.check_at(START)).status == "new"
                await services.subscriptions.follow_board(
                    owner_id=9, guild_id=GUILD, target=f"channel:{CHANNEL}", board="arena_hard"
                )
                yield mirror
        finally:
            await engine.dispose()


async def test_a_board_is_live_then_stale_after_its_cadence_without_new_data(
    mirror: Mirror,
) -> None:
    """Fetched at START: live; checked (unchanged) up to the cadence: live; one day past the
    cadence with nothing new: stale. ``last_new_data`` stays the first fetch."""
    cadence = ArenaHardSource.cadence
    summary = await mirror.summary()
    assert (summary.state, summary.last_new_data) == ("live", START)
    assert (await mirror.check_at(START + cadence)).status == "unchanged"
    summary = await mirror.summary()
    assert (summary.state, summary.last_new_data, summary.last_checked) == (
        "live",
        START,
        START + cadence,
    )
    mirror.clock.now = START + cadence + timedelta(days=1)
    summary = await mirror.summary()
    assert summary.state == "stale" and summary.last_new_data == START
    [entry] = [b for b in boards_payload([summary])["boards"]]
    assert (entry["state"], entry["last_new_data"], entry["last_success"]) == (
        "stale",
        START.isoformat(),
        (START + cadence).isoformat(),
    )
    top = await mirror.services.leaderboards.top("arena_hard")
    assert top.state == "stale"


def rendered(view: RenderableType) -> str:
    """A terminal rendering as plain text, wide enough not to wrap."""
    out = StringIO()
    Console(file=out, width=300).print(view)
    return out.getvalue()


async def test_compare_flags_a_stale_board_in_the_embed_the_terminal_and_json(
    mirror: Mirror,
) -> None:
    """Past the cadence with nothing new, /compare says the board is stale, as /rank does."""
    compare = mirror.services.leaderboards.compare
    models = ["gpt-4o-2024-05-13", "claude-3-5-sonnet-20240620"]
    live = await compare(models)
    assert [c.state for c in live.boards] == ["live"]
    assert "not up to date" not in str(compare_embed(live).footer.text)
    mirror.clock.now = START + ArenaHardSource.cadence + timedelta(days=1)
    result = await compare(models)
    assert [c.state for c in result.boards] == ["stale"]
    assert [b["state"] for b in compare_payload(result)["boards"]] == ["stale"]
    embed = compare_embed(result)
    assert "⚠ 1 board not up to date" in str(embed.footer.text)
    assert "⚠ stale: newest data 2024-07-31" in str(embed.fields[0].name)
    assert "⚠ stale: newest data 2024-07-31" in rendered(compare_view(result))
    # About a past date, the board's state now is not the point: nothing is flagged.
    past = await compare(models, as_of=START.date())
    assert [c.state for c in past.boards] == [None]


async def test_about_shows_each_sources_state_and_last_new_data(mirror: Mirror) -> None:
    """/about says, per source, what `podium status` says: its state and when its data was
    last new, in the embed, the terminal and JSON."""
    mirror.clock.now = START + ArenaHardSource.cadence + timedelta(days=1)
    about = About("test", await mirror.services.leaderboards.about())
    [source] = [s for s in about_payload(about)["sources"] if s["source"] == "arena_hard"]
    assert (source["state"], source["last_new_data"]) == ("stale", START.isoformat())
    [field] = [f for f in about_embed(about).fields if f.name == "arena_hard"]
    assert "🟡 stale · new data 2026-12-01" in str(field.value)
    assert "stale" in rendered(about_view(about))
    mirror.failing = True
    for hours in (1, 2, 3):
        await mirror.check_at(mirror.clock.now + timedelta(hours=hours))
    about = About("test", await mirror.services.leaderboards.about())
    [field] = [f for f in about_embed(about).fields if f.name == "arena_hard"]
    assert "🔴 failing · new data 2026-12-01" in str(field.value)
    # A source with nothing stored has no state.
    [empty] = [s for s in about_payload(about)["sources"] if s["source"] == "lmarena"]
    assert (empty["state"], empty["last_new_data"]) == (None, None)


async def test_a_board_is_failing_after_three_failed_checks_and_live_again_after_one_success(
    mirror: Mirror,
) -> None:
    """Two failures keep it live (with the last good data); the third makes it failing."""
    mirror.failing = True
    for hours in (1, 2):
        assert (await mirror.check_at(START + timedelta(hours=hours))).status == "failed"
        assert (await mirror.summary()).state == "live"
    await mirror.check_at(START + timedelta(hours=3))
    summary = await mirror.summary()
    assert (summary.state, summary.rows, summary.last_success) == ("failing", 60, START)
    mirror.failing = False
    await mirror.check_at(START + timedelta(hours=4))
    assert (await mirror.summary()).state == "live"


async def test_subscribers_hear_once_when_failing_for_over_a_day_and_once_on_recovery(
    mirror: Mirror,
) -> None:
    """Failed checks every 6 h: nothing within the first day, one notice at the first check
    past it, none after; one recovery notice at the first success, none after."""
    mirror.failing = True
    first_failure = START + timedelta(hours=6)
    for hours in (6, 12, 18, 24, 30):
        await mirror.check_at(START + timedelta(hours=hours))
        assert await mirror.notices() == [], f"nothing yet after {hours} h"
    for hours in (36, 42, 48):
        await mirror.check_at(START + timedelta(hours=hours))
    [failing] = await mirror.notices()
    assert failing.destination == f"channel:{CHANNEL}" and failing.created_at == START + timedelta(
        hours=36
    )
    item = outbox_item(failing.id, failing.destination, 0, failing.payload)
    assert item.health is not None
    assert (item.health.state, item.health.since, item.health.boards) == (
        "failing",
        first_failure,
        ("Arena-Hard-Auto",),
    )
    assert "HTTP 503" in item.health.reason
    [[embed]] = alert_messages(item)
    assert "Arena-Hard-Auto" in (embed.title or "") and "2026-12-01 12:00" in (
        embed.description or ""
    )

    mirror.failing = False
    for hours in (54, 60):
        await mirror.check_at(START + timedelta(hours=hours))
    [_, recovered] = await mirror.notices()
    item = outbox_item(recovered.id, recovered.destination, 0, recovered.payload)
    assert item.health is not None and (item.health.state, item.health.since) == (
        "recovered",
        first_failure,
    )
    assert recovered.created_at == START + timedelta(hours=54)


async def test_the_notice_is_queued_at_any_tick_once_the_day_has_passed(mirror: Mirror) -> None:
    """A source checked every 6 h fails from 6 h on: a scheduled tick of any source at 31 h
    queues the notice then, not at the source's own next check (36 h); once only."""
    mirror.failing = True
    for hours in (6, 12, 18, 24):
        await mirror.check_at(START + timedelta(hours=hours))
    mirror.clock.now = START + timedelta(hours=29)
    await mirror.services.loading.note_overdue_failures()  # 23 h of failures: not yet
    assert await mirror.notices() == []
    mirror.clock.now = START + timedelta(hours=31)
    await mirror.services.loading.note_overdue_failures()
    await mirror.services.loading.note_overdue_failures()
    [failing] = await mirror.notices()
    assert failing.created_at == START + timedelta(hours=31)
    item = outbox_item(failing.id, failing.destination, 0, failing.payload)
    assert item.health is not None and "HTTP 503" in item.health.reason
    assert (item.health.state, item.health.since) == ("failing", START + timedelta(hours=6))
    await mirror.check_at(START + timedelta(hours=36))
    assert len(await mirror.notices()) == 1


async def test_a_short_failure_is_never_announced(mirror: Mirror) -> None:
    """Failing for less than a day, then working: no notice either way."""
    mirror.failing = True
    for hours in (6, 12, 18):
        await mirror.check_at(START + timedelta(hours=hours))
    mirror.failing = False
    await mirror.check_at(START + timedelta(hours=24))
    mirror.failing = True
    await mirror.check_at(START + timedelta(hours=40))  # a new run starts here
    assert await mirror.notices() == []


async def test_a_server_with_an_alert_channel_hears_there_once(mirror: Mirror) -> None:
    """Two channels of one server follow the board: the server's alert channel gets the one
    notice; another server's subscription hears in its own channel."""
    await mirror.services.subscriptions.configure(GUILD, "alert_channel", ALERT_CHANNEL)
    await mirror.services.subscriptions.follow_board(
        owner_id=9, guild_id=GUILD, target="channel:102", board="arena_hard"
    )
    await mirror.services.subscriptions.follow_board(
        owner_id=8, guild_id=GUILD + 1, target="channel:200", board="arena_hard"
    )
    mirror.failing = True
    for hours in (1, 26):
        await mirror.check_at(START + timedelta(hours=hours))
    assert sorted(n.destination for n in await mirror.notices()) == [
        f"channel:{ALERT_CHANNEL}",
        "channel:200",
    ]
