"""Which snapshot is current, through a loopback mirror of Arena-Hard: what the source serves now
is current whatever dates its files carry; history never displaces it and never alerts."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.domain.types import LoadReport, SourceFile
from data.store.session import create_engine, create_session_factory
from data.store.tables import AlertOutboxTable
from tests.conftest import FIXTURES, FrozenClock
from tests.http_server import LoopbackServer, loopback_server

#: Arena-Hard's leaderboard of 2024-07-03: no ``date`` column, so the file states no date.
UNDATED = (FIXTURES / "arenahard/arena_hard_leaderboard_20240703.csv").read_bytes()
#: The next leaderboard: every row says 2024-07-31.
DATED = (FIXTURES / "arenahard/arena_hard_leaderboard_20240731.csv").read_bytes()
PATH = "/leaderboard/arena_hard.csv"
CHANNEL = 100
TODAY = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def models(body: bytes) -> set[str]:
    return {row["model"] for row in csv.DictReader(io.StringIO(body.decode()))}


@dataclass
class Mirror:
    server: LoopbackServer
    services: Services
    sessions: async_sessionmaker[AsyncSession]
    clock: FrozenClock

    def serve(self, body: bytes, etag: str, last_modified: str | None = None) -> None:
        headers = {"ETag": etag, "Content-Type": "text/csv"}
        if last_modified:
            headers["Last-Modified"] = last_modified

        async def handler(request: web.Request) -> web.Response:
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(body=body, headers=headers)

        self.server.route(PATH, handler)

    async def refresh(self) -> LoadReport:
        [report] = await self.services.loading.refresh(["arena_hard"])
        return report

    async def board(self) -> tuple[date | None, str, int]:
        """The current Arena-Hard snapshot as ``/boards`` lists it: date, date kind, rows."""
        [summary] = [
            s
            for s in await self.services.leaderboards.board_summaries()
            if s.board.board_id == "arena_hard"
        ]
        return summary.as_of, summary.date_kind, summary.rows

    async def alerts(self) -> list[AlertOutboxTable]:
        async with self.sessions() as session:
            query = select(AlertOutboxTable).order_by(AlertOutboxTable.id)
            return list(await session.scalars(query))


@pytest.fixture
async def mirror(database_url: str, settings_for: Callable[..., Settings]) -> AsyncIterator[Mirror]:
    """Podium fetching Arena-Hard from a loopback server, a channel following the board."""
    clock = FrozenClock(TODAY)
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
                yield Mirror(server, services, create_session_factory(engine), clock)
        finally:
            await engine.dispose()


async def follow(mirror: Mirror) -> None:
    await mirror.services.subscriptions.follow_board(
        owner_id=9, guild_id=10, target=f"channel:{CHANNEL}", board="arena_hard"
    )


async def test_an_undated_file_then_a_dated_one_ends_with_the_newest_data_current(
    mirror: Mirror,
) -> None:
    """The undated file is stored "fetched 2026-12-03"; the next file's rows say 2024-07-31, an
    earlier date, yet it is what the source serves now: it becomes current, /top and /rank
    answer from it, and the channel is alerted about what changed since the undated file."""
    mirror.serve(UNDATED, '"v1"')
    first = await mirror.refresh()
    assert first.status == "new"
    assert await mirror.board() == (date(2026, 12, 3), "fetched", len(models(UNDATED)))
    await follow(mirror)

    mirror.clock.now = TODAY.replace(hour=21)
    mirror.serve(DATED, '"v2"')
    second = await mirror.refresh()
    assert second.status == "new"
    assert await mirror.board() == (date(2024, 7, 31), "published", len(models(DATED)))

    top = await mirror.services.leaderboards.top("arena_hard", per_page=10)
    assert top.as_of == date(2024, 7, 31) and top.date_kind == "published"
    assert top.board_size == len(models(DATED)) and {r.name for r in top.rows} <= models(DATED)
    arrived = models(DATED) - models(UNDATED)
    assert "gpt-4o-mini-2024-07-18" in arrived
    rank = await mirror.services.leaderboards.rank("gpt-4o-mini-2024-07-18", "arena_hard")
    assert rank.status == "match"
    [standing] = rank.standings
    assert standing.as_of == date(2024, 7, 31) and standing.is_new

    [alert] = await mirror.alerts()
    assert alert.destination == f"channel:{CHANNEL}" and alert.kind == "alert"
    [section] = alert.payload["sections"]
    assert section["as_of"] == "2024-07-31"
    new_in_top = {c["name"] for c in section["changes"] if c["kind"] == "new_model"}
    dated_top10 = [row.name for row in top.rows if row.rank is not None and row.rank <= 10]
    assert len(top.rows) == 10 and top.rows[-1].rank is not None and top.rows[-1].rank <= 10
    assert new_in_top == arrived & set(dated_top10) and new_in_top

    # The undated file is no longer anyone's "board of 2026-12-03".
    on_that_day = await mirror.services.leaderboards.top("arena_hard", as_of=date(2026, 12, 3))
    assert on_that_day.as_of == date(2024, 7, 31)


async def test_an_undated_file_is_dated_by_its_last_modified_header(mirror: Mirror) -> None:
    """With a Last-Modified header, that day (not the fetch day) dates the file."""
    mirror.serve(UNDATED, '"v1"', last_modified="Tue, 01 Dec 2026 08:30:00 GMT")
    assert (await mirror.refresh()).status == "new"
    assert await mirror.board() == (date(2026, 12, 1), "modified", len(models(UNDATED)))


async def test_older_history_never_displaces_the_current_snapshot_nor_alerts(
    mirror: Mirror,
) -> None:
    """`podium import` of older files, dated or not, after a fetch: stored as history (/top
    as_of finds it), the fetched snapshot stays current, no alert is planned."""
    mirror.serve(DATED, '"v2"')
    assert (await mirror.refresh()).status == "new"
    await follow(mirror)

    imported = await mirror.services.loading.import_files(
        "arena_hard", [SourceFile("arena_hard_leaderboard.csv", UNDATED)], date(2024, 7, 3)
    )
    assert imported.status == "new"
    assert await mirror.board() == (date(2024, 7, 31), "published", len(models(DATED)))
    past = await mirror.services.leaderboards.top("arena_hard", as_of=date(2024, 7, 10))
    assert past.as_of == date(2024, 7, 3) and past.board_size == len(models(UNDATED))
    assert await mirror.alerts() == []


async def test_history_never_displaces_a_newer_undated_current_snapshot(mirror: Mirror) -> None:
    """The undated file fetched today is current; importing the dated 2024-07-31 file (a
    different board state, but older by date) leaves it current and alerts no one."""
    mirror.serve(UNDATED, '"v1"')
    assert (await mirror.refresh()).status == "new"
    await follow(mirror)
    imported = await mirror.services.loading.import_files(
        "arena_hard", [SourceFile("arena_hard_leaderboard_20240731.csv", DATED)]
    )
    assert imported.status == "new"
    assert await mirror.board() == (date(2026, 12, 3), "fetched", len(models(UNDATED)))
    assert await mirror.alerts() == []
