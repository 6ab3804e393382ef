"""LiveBench and Arena-Hard v2.0 refreshed over loopback mirrors of their published files.

LiveBench: releases come from the release list; a listed release without a table is "not
published yet"; each revision of a release is a new snapshot of the same edition, with costs.
Arena-Hard: the v2.0 board is read from the README; v0.1 stays as history.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from commands.compare import compare_payload
from commands.compare.cog import compare_embed
from commands.rank import rank_payload
from commands.rank.cog import rank_embed
from data.domain.types import SourceFile
from data.store.session import create_engine, create_session_factory
from data.store.tables import SnapshotTable
from tests.conftest import FIXTURES
from tests.http_server import LoopbackServer, loopback_server

LIVEBENCH = FIXTURES / "livebench"
RELEASE_LIST = "/src/lib/constants.js"


@dataclass
class World:
    server: LoopbackServer
    services: Services
    database_url: str
    today: list[datetime]

    async def summary(self, board_id: str) -> tuple[str | None, int]:
        [found] = [
            s
            for s in await self.services.leaderboards.board_summaries()
            if s.board.board_id == board_id
        ]
        return (found.as_of.isoformat() if found.as_of else None, found.rows)

    async def snapshots(self, board_id: str) -> list[tuple[str, str | None, int]]:
        """``(as_of, edition, rows)`` of every stored snapshot of a board, oldest first."""
        engine = create_engine(self.database_url)
        try:
            async with create_session_factory(engine)() as session:
                found = await session.execute(
                    select(SnapshotTable.as_of, SnapshotTable.edition, SnapshotTable.row_count)
                    .where(SnapshotTable.board_id == board_id)
                    .order_by(SnapshotTable.as_of, SnapshotTable.id)
                )
                return [(as_of.isoformat(), edition, rows) for as_of, edition, rows in found]
        finally:
            await engine.dispose()


@pytest.fixture
async def world(database_url: str, settings_for: Callable[..., Settings]) -> AsyncIterator[World]:
    """Podium whose livebench and arena_hard sources point at a loopback mirror."""
    today = [datetime(2026, 12, 3, 9, tzinfo=UTC)]
    async with loopback_server() as server:
        settings = settings_for(
            database_url,
            PODIUM_SOURCE_LIVEBENCH_URL=server.url(RELEASE_LIST),
            PODIUM_SOURCE_ARENA_HARD_URL=server.url("/README.md"),
            PODIUM_FETCH_ATTEMPTS=1,
            PODIUM_FETCH_BACKOFF=0,
        )
        async with (
            aiohttp.ClientSession() as http,
            open_services(settings, http=http, clock=lambda: today[0]) as services,
        ):
            yield World(server, services, database_url, today)


def serve(body: bytes) -> Callable[[web.Request], object]:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body)

    return handler


def publish(world: World, release: str, table: str, *, on: date, cost: str | None = None) -> None:
    """Put a release's table, categories and cost on the mirror and move the clock to ``on``,
    the day Podium fetches them (the tables state no revision date: the fetch dates them)."""
    world.today[0] = datetime(on.year, on.month, on.day, 9, tzinfo=UTC)
    world.server.route(f"/public/table_{release}.csv", serve((LIVEBENCH / table).read_bytes()))
    categories = (LIVEBENCH / f"livebench_categories_{release}.json").read_bytes()
    world.server.route(f"/public/categories_{release}.json", serve(categories))
    if cost:
        world.server.route(f"/public/cost_{release}.csv", serve((LIVEBENCH / cost).read_bytes()))


async def test_livebench_release_list_missing_table_then_revisions(world: World) -> None:
    """The list names 2026-06-25 before its table is up: 2026-01-08 is stored and nothing
    fails. Then the release appears, and a later revision of it is a new snapshot of the same
    edition with costs beside the scores."""
    constants = (LIVEBENCH / "new-livebench_constants_as_of_2026-06-25.js").read_bytes()
    world.server.route(RELEASE_LIST, serve(constants))
    publish(
        world, "2026_01_08", "livebench_table_2026_01_08_as_of_2026-06-30.csv", on=date(2026, 1, 19)
    )

    [report] = await world.services.loading.refresh(["livebench"])
    assert report.status == "new", report.reason
    assert world.server.seen("/public/table_2026_06_25.csv")  # asked, 404: not published yet
    assert await world.summary("livebench") == ("2026-01-19", 127)

    publish(
        world, "2026_06_25", "livebench_table_2026_06_25_as_of_2026-06-24.csv", on=date(2026, 6, 24)
    )
    [report] = await world.services.loading.refresh(["livebench"])
    assert report.status == "new", report.reason
    assert await world.summary("livebench") == ("2026-06-24", 11)

    publish(
        world,
        "2026_06_25",
        "livebench_table_2026_06_25_as_of_2026-08-22.csv",
        on=date(2026, 8, 22),
        cost="livebench_cost_2026_06_25_as_of_2026-08-22.csv",
    )
    [report] = await world.services.loading.refresh(["livebench"])
    assert report.status == "new", report.reason
    assert await world.summary("livebench") == ("2026-08-22", 46)
    assert await world.snapshots("livebench") == [
        ("2026-01-19", "2026-01-08", 127),
        ("2026-06-24", "2026-06-25", 11),
        ("2026-08-22", "2026-06-25", 46),
    ]
    # The same revision again, a day later: nothing new.
    world.today[0] = datetime(2026, 8, 23, 9, tzinfo=UTC)
    [report] = await world.services.loading.refresh(["livebench"])
    assert report.status == "unchanged"

    leaderboards = world.services.leaderboards
    # A bare line shows each board's best-ranked version, with that version's own cost; /compare
    # stands on the same versions as /rank.
    rank = await leaderboards.rank("deepseek-v4-flash")
    [entry] = [e for e in rank_payload(rank)["entries"] if e["board"] == "livebench"]
    assert (entry["as_of"], entry["version"]) == ("2026-08-22", "deepseek-v4-flash-0731")
    assert entry["cost_per_question"] == 0.0442
    [field] = [f for f in rank_embed(rank).fields if "LiveBench" in str(f.name)]
    assert "$0.0442/question" in str(field.value)
    comparison = await leaderboards.compare(
        ["deepseek-v4-flash", "deepseek-v4-pro"], board="livebench"
    )
    [compared] = compare_payload(comparison)["boards"]
    assert compared["versions"] == ["deepseek-v4-flash-0731", "deepseek-v4-pro-0813"]
    cells = compared["lines"][0]["cells"]
    assert [cell["cost_per_question"] for cell in cells] == [0.0442, 0.0342]
    overall = str(compare_embed(comparison).fields[0].value)
    assert "$0.0442/question" in overall and "$0.0342/question" in overall
    assert "deepseek-v4-pro-0813" in overall
    exact = await leaderboards.compare(
        ["deepseek-v4-flash-0731", "deepseek-v4-pro"], board="livebench"
    )
    [compared] = compare_payload(exact)["boards"]
    assert compared["versions"] == [None, "deepseek-v4-pro-0813"]
    # Boards without costs say null.
    older = rank_payload(await leaderboards.rank("gpt-5.5-xhigh", as_of=date(2026, 7, 1)))
    assert {e["board"]: e["cost_per_question"] for e in older["entries"]}["livebench"] is None


async def test_arena_hard_v2_readme_refresh_keeps_v01_as_history(world: World) -> None:
    v01 = FIXTURES / "arenahard/arena_hard_leaderboard_20240731.csv"
    leaderboards = world.services.leaderboards
    await world.services.loading.import_files(
        "arena_hard", [SourceFile(v01.name, v01.read_bytes())]
    )

    readme = FIXTURES / "arenahard/arena_hard_v2_readme_as_of_2025-04-24.md"
    world.server.route("/README.md", serve(readme.read_bytes()))
    [report] = await world.services.loading.refresh(["arena_hard"])
    assert report.status == "new", report.reason
    assert sorted((b.board_id, b.rows) for b in report.boards) == [
        ("arena_hard", 24),
        ("arena_hard_creative_writing", 24),
        ("arena_hard_gpt_4_1_judge", 24),
    ]
    # The README states no date: stored as of the day it was fetched.
    assert await world.summary("arena_hard") == ("2026-12-03", 24)

    world.today[0] = datetime(2026, 12, 4, 9, tzinfo=UTC)
    newer = FIXTURES / "arenahard/arena_hard_v2_readme_as_of_2025-05-01.md"
    world.server.route("/README.md", serve(newer.read_bytes()))
    [report] = await world.services.loading.refresh(["arena_hard"])
    assert report.status == "new", report.reason
    assert await world.summary("arena_hard") == ("2026-12-04", 28)
    assert await world.summary("arena_hard_creative_writing") == ("2026-12-04", 27)
    assert await world.snapshots("arena_hard") == [
        ("2024-07-31", None, 60),
        ("2026-12-03", "v2.0", 24),
        ("2026-12-04", "v2.0", 28),
    ]
    top = await leaderboards.top("arena_hard")
    assert (top.rows[0].name, top.rows[0].score, top.rows[0].rank) == ("o3-2025-04-16", 85.9, 1)
    then = await leaderboards.rank("gpt-4o-2024-05-13", "arena_hard", date(2024, 8, 1))
    assert [(s.as_of, s.row.score) for s in then.standings] == [(date(2024, 7, 31), 79.21)]

    [report] = await world.services.loading.refresh(["arena_hard"])  # the same README again
    assert report.status == "unchanged"
