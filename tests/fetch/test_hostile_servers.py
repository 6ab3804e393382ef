"""Servers that misbehave on purpose, over real loopback HTTP: each ends in a clear refusal.

A drip feed below any read timeout, Content-Length that lies either way, a redirect loop, and a
gzip bomb whose memory is measured. (Hanging, endless and oversized bodies, 429/5xx and
Retry-After are in ``test_http.py``; HTML pages and truncated files served with 200 in
``tests/refresh``.)
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import tracemalloc

import pytest
from aiohttp import web

from data.domain.errors import SourceFormatError, SourceUnavailable
from data.domain.types import SourceFile
from data.sources.arena_hard import ArenaHardSource
from tests.http_server import LoopbackServer

from .conftest import FIXTURES, MakeFetcher

CSV = FIXTURES / "arenahard" / "arena_hard_leaderboard_20240731.csv"
MIB = 1024 * 1024


async def fail(fetcher_get: object) -> SourceUnavailable:
    with pytest.raises(SourceUnavailable) as caught:
        await fetcher_get  # type: ignore[misc]
    return caught.value


async def test_a_drip_fed_body_is_cut_off_by_the_total_timeout(
    server: LoopbackServer, make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    """One byte every 20 ms keeps every read alive; the whole attempt still ends in time."""

    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        for _ in range(10_000):
            await response.write(b"x")
            await asyncio.sleep(0.02)
        return response

    url = server.route("/drip.csv", drip)

    error = await fail(make_fetcher(timeout_s=0.3, max_attempts=2).get(url))

    assert error.reason == "timed out after 0.3 s (2 attempts)"
    assert len(server.seen("/drip.csv")) == 2


async def raw_server(reply: bytes) -> tuple[asyncio.Server, str]:
    """A TCP server on loopback that answers any request with ``reply`` and hangs up."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(reply)
        await writer.drain()
        writer.close()

    started = await asyncio.start_server(answer, "127.0.0.1", 0, family=socket.AF_INET)
    port = started.sockets[0].getsockname()[1]
    return started, f"http://127.0.0.1:{port}/board.csv"


async def test_a_body_shorter_than_its_content_length_is_refused_and_retried(
    make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    """The server promises 10,000 bytes, sends 12 and closes: a broken download, not data."""
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\nmodel,score\n"
    started, url = await raw_server(reply)
    async with started:
        error = await fail(make_fetcher(max_attempts=2).get(url))
    assert error.reason.endswith("(2 attempts)")
    assert "payload" in error.reason.lower() or "connection" in error.reason.lower()
    assert len(sleeps) == 1


async def test_a_body_longer_than_its_content_length_is_refused_in_one_line(
    make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    """Content-Length says half the file: the bytes past it are not a response. The reason is
    one short line, without the bytes the parser choked on."""
    body = CSV.read_bytes()
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (len(body) // 2) + body
    started, url = await raw_server(reply)
    async with started:
        error = await fail(make_fetcher(max_attempts=2).get(url))
    assert error.reason.startswith("bad response: ") and error.reason.endswith("(2 attempts)")
    assert "\n" not in error.reason and len(error.reason) < 160
    assert b"gpt-4" not in error.reason.encode()


def test_half_a_file_is_refused_by_its_adapter() -> None:
    """Had the cut body been taken as the file, the adapter would refuse it (nothing stored)."""
    body = CSV.read_bytes()
    with pytest.raises(SourceFormatError):
        ArenaHardSource().parse([SourceFile(CSV.name, body[: len(body) // 2])])


async def test_a_redirect_loop_fails_at_once(
    server: LoopbackServer, make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    async def to_b(request: web.Request) -> web.Response:
        raise web.HTTPFound("/b.csv")

    async def to_a(request: web.Request) -> web.Response:
        raise web.HTTPFound("/a.csv")

    url = server.route("/a.csv", to_b)
    server.route("/b.csv", to_a)

    error = await fail(make_fetcher().get(url))

    assert error.reason == "too many redirects"
    assert sleeps == []
    assert 2 <= len(server.seen("/a.csv")) <= 20  # one attempt, however many hops it took


async def test_a_gzip_bomb_stops_at_the_cap_within_a_measured_memory_bound(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    """512 MiB of zeros in 0.5 MiB of gzip, with a 1 MiB cap: refused, and the fetch never
    holds more than a few MiB (Python allocations traced while it runs)."""
    bomb = gzip.compress(b"0" * (512 * MIB), compresslevel=9)

    async def handle(request: web.Request) -> web.Response:
        return web.Response(body=bomb, headers={"Content-Encoding": "gzip"})

    url = server.route("/bomb.csv", handle)
    fetcher = make_fetcher(max_bytes=1 * MIB)
    tracemalloc.start()
    try:
        error = await fail(fetcher.get(url))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.reason == "response larger than 1 MiB"
    assert peak < 8 * MIB, f"peak {peak / MIB:.1f} MiB while refusing a 512 MiB bomb"
