"""SWE-bench refreshed through a loopback mirror of ``leaderboards.json``: the live file (no
date in it) becomes a snapshot of the fetch date, an unchanged file costs a 304, a newer file
moves the boards, and a broken one keeps what was there."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import aiohttp
import pytest
from aiohttp import web

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from tests.conftest import FIXTURES, FrozenClock
from tests.http_server import LoopbackServer, loopback_server

PATH = "/SWE-bench/swe-bench.github.io/main/data/leaderboards.json"
OCTOBER = (FIXTURES / "swebench/swebench_leaderboards_as_of_2025-10-06.json").read_bytes()
NOVEMBER = (FIXTURES / "swebench/swebench_leaderboards_as_of_2025-11-19.json").read_bytes()
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def serve(body: bytes, etag: str) -> Callable[[web.Request], object]:
    async def handler(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers={"ETag": etag, "Content-Type": "text/plain"})

    return handler


def verified_size(body: bytes) -> int:
    document = json.loads(body)
    [board] = [b for b in document["leaderboards"] if b["name"] == "Verified"]
    return sum(not r.get("warning") for r in board["results"])


@pytest.fixture
async def mirror(
    database_url: str, settings_for: Callable[..., Settings]
) -> AsyncIterator[tuple[LoopbackServer, Services]]:
    async with loopback_server() as server:
        settings = settings_for(
            database_url,
            PODIUM_SOURCE_SWEBENCH_URL=server.url(PATH),
            PODIUM_FETCH_ATTEMPTS=1,
            PODIUM_FETCH_BACKOFF=0,
        )
        async with (
            aiohttp.ClientSession() as http,
            open_services(settings, http=http, clock=FrozenClock(NOW)) as services,
        ):
            yield server, services


async def test_refresh_through_the_mirror(mirror: tuple[LoopbackServer, Services]) -> None:
    server, services = mirror
    leaderboards = services.leaderboards
    server.route(PATH, serve(OCTOBER, '"oct"'))
    [report] = await services.loading.refresh(["swebench"])
    assert report.status == "new", report.reason
    sizes = {b.board_id: b.rows for b in report.boards}
    assert sizes["swebench"] == verified_size(OCTOBER)
    assert set(sizes) == {
        "swebench",
        "swebench_lite",
        "swebench_multimodal",
        "swebench_bash_only",
        "swebench_test",
    }
    [standing] = (await leaderboards.rank("gpt-5", board="swebench")).standings
    assert standing.as_of == NOW.date()  # the live file states no date: the fetch date

    [report] = await services.loading.refresh(["swebench"])
    assert report.status == "not_modified"
    assert server.seen(PATH)[-1].headers["If-None-Match"] == '"oct"'

    server.route(PATH, serve(NOVEMBER, '"nov"'))
    [report] = await services.loading.refresh(["swebench"])
    assert report.status == "new"
    page = await leaderboards.top("swebench", per_page=1)
    assert page.board_size == verified_size(NOVEMBER)

    server.route(PATH, serve(NOVEMBER[: len(NOVEMBER) // 2], '"cut"'))
    [report] = await services.loading.refresh(["swebench"])
    assert report.status == "refused" and "truncated JSON" in report.reason
    assert (await leaderboards.top("swebench", per_page=1)).board_size == verified_size(NOVEMBER)
