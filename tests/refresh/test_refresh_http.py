"""`refresh` over real HTTP on loopback: each way a download can go wrong ends as documented,
and the boards keep what they had."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp import web

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.domain.types import LoadReport
from tests.conftest import FIXTURES
from tests.http_server import LoopbackServer, loopback_server

OLD = (FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv").read_bytes()
NEW = (FIXTURES / "lmarena/fboulnois_lmsys_2024-08-14.csv").read_bytes()
ARENA_HARD = (FIXTURES / "arenahard/arena_hard_leaderboard_20240731.csv").read_bytes()
README_CUT = (FIXTURES / "arenahard/arena_hard_v2_readme_as_of_2025-05-01.md").read_bytes()
PATH = "/csv/lmarena_text.csv"


@dataclass
class World:
    server: LoopbackServer
    services: Services

    async def refresh(self, *sources: str) -> list[LoadReport]:
        return await self.services.loading.refresh(list(sources) or ["lmarena"])

    async def lmarena_rows(self) -> tuple[str | None, int]:
        [board] = [
            b
            for b in await self.services.leaderboards.board_summaries()
            if b.board.board_id == "lmarena"
        ]
        return (board.as_of.isoformat() if board.as_of else None, board.rows)


@pytest.fixture
async def world(database_url: str, settings_for: Callable[..., Settings]) -> AsyncIterator[World]:
    """Podium whose lmarena and arena_hard sources point at a loopback server."""
    async with loopback_server() as server:
        settings = settings_for(
            database_url,
            PODIUM_SOURCE_LMARENA_URL=server.url(PATH),
            PODIUM_SOURCE_ARENA_HARD_URL=server.url("/arena_hard.csv"),
            PODIUM_FETCH_TIMEOUT=0.5,
            PODIUM_FETCH_ATTEMPTS=2,
            PODIUM_FETCH_BACKOFF=0,
            PODIUM_FETCH_MAX_MB=1,
        )
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            yield World(server, services)


def serve(body: bytes, *, etag: str = '"v1"') -> Callable[[web.Request], object]:
    async def handler(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers={"ETag": etag, "Content-Type": "text/csv"})

    return handler


async def seed(world: World) -> None:
    """The board holds the 2024-07-07 snapshot (115 rows)."""
    world.server.route(PATH, serve(OLD, etag='"old"'))
    [report] = await world.refresh()
    assert report.status == "new"
    assert (await world.lmarena_rows())[1] == 115


async def test_200_then_304_costs_one_conditional_request(world: World) -> None:
    """The second refresh sends If-None-Match, gets 304 and stores nothing."""
    await seed(world)
    [report] = await world.refresh()
    assert report.status == "not_modified"
    seen = world.server.seen(PATH)
    assert len(seen) == 2 and seen[1].headers["If-None-Match"] == '"old"'
    assert (await world.lmarena_rows())[1] == 115
    [arena] = [
        s
        for s in await world.services.leaderboards.board_summaries()
        if s.board.board_id == "lmarena"
    ]
    assert arena.last_status == "not_modified"
    assert arena.last_checked is not None and arena.last_success == arena.last_checked


async def test_a_changed_file_becomes_a_new_snapshot(world: World) -> None:
    """A new ETag and body: a new snapshot with the new rows."""
    await seed(world)
    world.server.route(PATH, serve(NEW, etag='"new"'))
    [report] = await world.refresh()
    assert report.status == "new"
    assert [(b.board_id, b.rows) for b in report.boards] == [("lmarena", 128)]
    assert (await world.lmarena_rows())[1] == 128


async def test_404_fails_at_once_and_keeps_the_data(world: World) -> None:
    """One request, a clear reason naming the status, nothing lost."""
    await seed(world)

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=404, text="not found")

    world.server.route(PATH, gone)
    [report] = await world.refresh()
    assert report.status == "failed" and "HTTP 404" in report.reason
    assert len(world.server.seen(PATH)) == 2
    assert (await world.lmarena_rows())[1] == 115


async def test_500_then_200_succeeds_after_a_retry(world: World) -> None:
    """A transient server error is retried."""
    calls = 0

    async def flaky(request: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        return web.Response(status=500) if calls == 1 else web.Response(body=OLD)

    world.server.route(PATH, flaky)
    [report] = await world.refresh()
    assert report.status == "new" and calls == 2


async def test_429_with_retry_after_is_honoured(world: World) -> None:
    """The fetcher waits as asked (1 s), then succeeds."""
    calls = 0

    async def limited(request: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return web.Response(status=429, headers={"Retry-After": "1"})
        return web.Response(body=OLD)

    world.server.route(PATH, limited)
    started = asyncio.get_running_loop().time()
    [report] = await world.refresh()
    assert report.status == "new"
    assert asyncio.get_running_loop().time() - started >= 1.0


async def test_a_slow_server_times_out_and_the_data_is_kept(world: World) -> None:
    """Past the timeout on every attempt: failed, with the reason, board unchanged."""
    await seed(world)

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(body=NEW)

    world.server.route(PATH, slow)
    [report] = await world.refresh()
    assert report.status == "failed" and "timed out" in report.reason
    assert (await world.lmarena_rows())[1] == 115


async def test_an_oversized_body_is_refused(world: World) -> None:
    """Over the 1 MiB cap configured here."""
    world.server.route(PATH, serve(NEW * 100))
    [report] = await world.refresh()
    assert report.status == "failed" and "larger than" in report.reason


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<!DOCTYPE html><html><head><title>Error</title></head><body>oops</body></html>", "HTML"),
        (NEW[: len(NEW) // 3].rsplit(b"\n", 1)[0] + b"\n12", "truncated"),
    ],
    ids=["html-error-page-with-200", "truncated-csv"],
)
async def test_bad_content_served_with_200_is_refused_and_logged(
    world: World, body: bytes, reason: str
) -> None:
    """Refused with a reason naming the problem; the stored board is unchanged."""
    await seed(world)
    world.server.route(PATH, serve(body, etag='"bad"'))
    [report] = await world.refresh()
    assert report.status == "refused"
    assert reason.lower() in report.reason.lower()
    assert (await world.lmarena_rows())[1] == 115
    summaries = await world.services.leaderboards.board_summaries()
    assert {s.last_status for s in summaries if s.board.source_id == "lmarena"} == {"refused"}


async def test_one_failing_source_does_not_stop_the_others(world: World) -> None:
    """lmarena answers 500 every time; arena_hard still loads."""

    async def broken(request: web.Request) -> web.Response:
        return web.Response(status=500)

    world.server.route(PATH, broken)
    world.server.route("/arena_hard.csv", serve(ARENA_HARD))
    reports = {r.source_id: r for r in await world.refresh("lmarena", "arena_hard")}
    assert reports["lmarena"].status == "failed"
    assert reports["arena_hard"].status == "new"


async def test_credentials_in_a_source_address_never_reach_logs_or_the_check_log(
    database_url: str,
    settings_for: Callable[..., Settings],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A mirror address with user:password and ?token= is fetched, but stored redacted."""
    async with loopback_server() as server:
        server.route(PATH, serve(OLD))
        secret_url = server.url(PATH).replace("http://", "http://podium:hunter2@") + "?token=sekrit"
        settings = settings_for(database_url, PODIUM_SOURCE_LMARENA_URL=secret_url)
        caplog.set_level("DEBUG")
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            [report] = await services.loading.refresh(["lmarena"])
            assert report.status == "new"
            server.route(PATH, serve(b"<html><body>gone</body></html>", etag='"x"'))
            [refused] = await services.loading.refresh(["lmarena"])
            assert refused.status == "refused"
    assert server.seen(PATH)[0].query == "token=sekrit"
    ours = [r.getMessage() for r in caplog.records if r.name.split(".")[0] in {"data", "bot"}]
    assert any("lmarena_text.csv" in message for message in ours)
    for text in (report.origin, refused.origin, refused.reason, *ours):
        assert "sekrit" not in text and "hunter2" not in text


async def test_a_fetched_file_with_a_cut_off_row_is_stored_with_a_warning(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Upstream trouble worth a look: the same note bundled data logs at info level only
    (tests/bot/test_bundled.py) is a warning for a fetch."""
    world.server.route("/arena_hard.csv", serve(README_CUT))
    caplog.set_level("INFO")
    [report] = await world.refresh("arena_hard")
    assert report.status == "new"
    [warning] = [r for r in caplog.records if "cut-off last row" in r.getMessage()]
    assert warning.levelname == "WARNING" and "s1.1-32B" in warning.getMessage()
