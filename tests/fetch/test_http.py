"""``HttpFetcher`` against a real HTTP server on loopback: statuses, retries, timeouts, size cap."""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import logging
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from data.domain.errors import SourceUnavailable
from data.sources import http
from data.sources.http import FetchPolicy, HttpFetcher
from tests.conftest import FrozenClock
from tests.http_server import Handler, LoopbackServer

from .conftest import FIXTURES, MakeFetcher

CSV = FIXTURES / "arenahard" / "arena_hard_leaderboard_20240731.csv"
KIB = 1024
MIB = 1024 * KIB


def replies(*makers: Callable[[], web.StreamResponse]) -> Handler:
    """A handler answering the n-th request with the n-th maker's response (the last repeats)."""
    made = 0

    async def handle(request: web.Request) -> web.StreamResponse:
        nonlocal made
        made += 1
        return makers[min(made, len(makers)) - 1]()

    return handle


def status(code: int, **headers: str) -> Callable[[], web.StreamResponse]:
    """A maker for a bodyless-ish error response with the given headers."""
    return lambda: web.Response(status=code, text=f"status {code}", headers=headers)


def csv_file() -> web.StreamResponse:
    """The real fixture file, with aiohttp's own ETag / Last-Modified / 304 handling."""
    return web.FileResponse(CSV)


@dataclass
class Streamer:
    """Streams ``total`` bytes in small writes and remembers how far it got before the hang-up."""

    total: int
    announce_length: bool
    sent: int = 0
    finished: asyncio.Event = field(default_factory=asyncio.Event)

    async def __call__(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/csv"})
        if self.announce_length:
            response.content_length = self.total
        await response.prepare(request)
        chunk = b"x" * (64 * KIB)
        try:
            while self.sent < self.total:
                await response.write(chunk)
                self.sent += len(chunk)
            await response.write_eof()
        except ConnectionError:
            pass  # the client hung up: exactly what the size cap should make it do
        finally:
            self.finished.set()
        return response


async def fail(fetcher: HttpFetcher, url: str, **validators: Any) -> SourceUnavailable:
    """The ``SourceUnavailable`` that fetching ``url`` raises."""
    with pytest.raises(SourceUnavailable) as caught:
        await fetcher.get(url, **validators)
    return caught.value


# --- success and conditional requests ---------------------------------------------------------


async def test_200_returns_the_body_and_its_validators(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    url = server.route("/board.csv", replies(csv_file))

    response = await make_fetcher().get(url)

    assert response.status == 200
    assert response.url == url
    assert response.content == CSV.read_bytes()
    assert response.etag
    assert response.last_modified
    assert "If-None-Match" not in server.seen("/board.csv")[0].headers


@pytest.mark.parametrize(
    ("link", "next_url"),
    [
        (
            '</api/list?cursor=abc>; rel="next", </api/list?cursor=z>; rel="last"',
            "/api/list?cursor=abc",
        ),
        ('<https://other.example/p2>; rel="next"', "https://other.example/p2"),
        ('</api/list?cursor=z>; rel="last"', None),
        ('<http://[::1>; rel="next"', None),
    ],
)
async def test_a_paged_answer_names_its_next_page_made_absolute(
    server: LoopbackServer, make_fetcher: MakeFetcher, link: str, next_url: str | None
) -> None:
    """The ``Link: rel="next"`` address, relative ones resolved; none, or a garbled one: none."""

    async def paged(request: web.Request) -> web.Response:
        return web.Response(text="[]", headers={"Link": link})

    url = server.route("/api/list", paged)
    response = await make_fetcher().get(url)
    expected = server.url(next_url) if next_url and next_url.startswith("/") else next_url
    assert response.next_url == expected


async def test_etag_from_a_200_makes_the_next_request_conditional_and_gets_304(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    url = server.route("/board.csv", replies(csv_file))
    fetcher = make_fetcher()
    first = await fetcher.get(url)

    second = await fetcher.get(url, etag=first.etag, last_modified=first.last_modified)

    assert second.status == 304
    assert second.content == b""
    conditional = server.seen("/board.csv")[1].headers
    assert conditional["If-None-Match"] == first.etag
    assert conditional["If-Modified-Since"] == first.last_modified


async def test_last_modified_alone_is_sent_as_if_modified_since(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    url = server.route("/board.csv", replies(csv_file))
    fetcher = make_fetcher()
    first = await fetcher.get(url)

    second = await fetcher.get(url, last_modified=first.last_modified)

    assert second.status == 304
    headers = server.seen("/board.csv")[1].headers
    assert headers["If-Modified-Since"] == first.last_modified
    assert "If-None-Match" not in headers


async def test_the_user_agent_names_podium(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    url = server.route("/board.csv", replies(csv_file))

    await make_fetcher().get(url)
    await make_fetcher(user_agent="Podium/test").get(url)

    default, custom = (seen.headers["User-Agent"] for seen in server.seen("/board.csv"))
    assert default == FetchPolicy().user_agent
    assert re.fullmatch(r"Podium/\S+ \(\+https://github\.com/podium-bot/podium\)", default)
    assert custom == "Podium/test"


# --- statuses that must not be retried --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (403, "HTTP 403 Forbidden"),
        (404, "HTTP 404 Not Found"),
        (410, "HTTP 410 Gone"),
        (204, "unexpected HTTP 204 No Content"),
    ],
)
async def test_client_errors_and_odd_statuses_fail_at_once_naming_status_and_url(
    server: LoopbackServer, make_fetcher: MakeFetcher, sleeps: list[float], code: int, reason: str
) -> None:
    url = server.route("/gone.csv", replies(status(code)))

    error = await fail(make_fetcher(), url)

    assert error.source_id == "test"
    assert error.reason == reason
    assert error.where == url
    assert len(server.seen("/gone.csv")) == 1
    assert sleeps == []


async def test_a_session_that_raises_for_status_still_gets_source_unavailable(
    server: LoopbackServer, sleeps: list[float]
) -> None:
    url = server.route("/gone.csv", replies(status(404)))

    async with aiohttp.ClientSession(raise_for_status=True) as strict:
        error = await fail(HttpFetcher(strict, source_id="test"), url)

    assert error.reason == "HTTP 404 Not Found"


async def test_an_invalid_url_fails_without_retrying(
    make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    error = await fail(make_fetcher(), "not a url")

    assert error.reason == "invalid URL"
    assert sleeps == []


# --- retries ----------------------------------------------------------------------------------


async def test_a_500_is_retried_once_after_a_jittered_backoff(
    server: LoopbackServer, make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    url = server.route("/board.csv", replies(status(500), csv_file))

    response = await make_fetcher(backoff_base_s=2.0).get(url)

    assert response.content == CSV.read_bytes()
    assert len(server.seen("/board.csv")) == 2
    assert len(sleeps) == 1
    assert 0.0 <= sleeps[0] <= 2.0


async def test_persistent_5xx_gives_up_after_max_attempts_with_capped_exponential_backoff(
    server: LoopbackServer,
    make_fetcher: MakeFetcher,
    sleeps: list[float],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(random, "uniform", lambda low, high: high)  # jitter at its ceiling
    url = server.route("/down.csv", replies(status(503)))

    error = await fail(make_fetcher(backoff_base_s=10.0, backoff_max_s=25.0), url)

    assert error.reason == "HTTP 503 Service Unavailable (4 attempts)"
    assert len(server.seen("/down.csv")) == 4
    assert sleeps == [10.0, 20.0, 25.0]


def http_date(when: datetime) -> str:
    """``when`` as a ``Retry-After`` / HTTP date (RFC 9110: always GMT)."""
    return email.utils.format_datetime(when, usegmt=True)


@pytest.mark.parametrize("code", [429, 503])
@pytest.mark.parametrize(
    ("retry_after", "expected_sleep"),
    [
        (lambda now: "1", 1.0),
        (lambda now: http_date(now + timedelta(seconds=90)), 90.0),
        (lambda now: http_date(now - timedelta(days=365)), 0.0),
    ],
    ids=["seconds", "http-date", "http-date-in-the-past"],
)
async def test_retry_after_is_honoured(
    server: LoopbackServer,
    make_fetcher: MakeFetcher,
    sleeps: list[float],
    clock: FrozenClock,
    code: int,
    retry_after: Callable[[datetime], str],
    expected_sleep: float,
) -> None:
    """The header is read against the injected clock, so an HTTP date means the same every run."""
    header = retry_after(clock.now)
    url = server.route("/busy.csv", replies(status(code, **{"Retry-After": header}), csv_file))

    response = await make_fetcher().get(url)

    assert response.status == 200
    assert sleeps == [expected_sleep]
    assert len(server.seen("/busy.csv")) == 2


@pytest.mark.parametrize(
    ("retry_after", "asked"),
    [
        (lambda now: "600", "600 s"),
        (lambda now: "86400", "86400 s"),
        (lambda now: http_date(now + timedelta(hours=1)), "3600 s"),
        (lambda now: http_date(now + timedelta(days=1)), "86400 s"),
    ],
    ids=["seconds", "a-day-in-seconds", "http-date", "http-date-a-day-ahead"],
)
async def test_a_retry_after_beyond_the_cap_fails_without_sleeping(
    server: LoopbackServer,
    make_fetcher: MakeFetcher,
    sleeps: list[float],
    clock: FrozenClock,
    retry_after: Callable[[datetime], str],
    asked: str,
) -> None:
    """A server asking for an hour or a day is not waited for: one request, no sleep."""
    header = retry_after(clock.now)
    url = server.route("/busy.csv", replies(status(429, **{"Retry-After": header})))

    error = await fail(make_fetcher(), url)

    assert error.reason == f"HTTP 429: asked to retry after {asked}, more than the 120 s we wait"
    assert sleeps == []
    assert len(server.seen("/busy.csv")) == 1


async def test_429_without_retry_after_uses_our_backoff(
    server: LoopbackServer, make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    url = server.route("/busy.csv", replies(status(429), csv_file))

    await make_fetcher(backoff_base_s=0.5).get(url)

    assert len(sleeps) == 1
    assert 0.0 <= sleeps[0] <= 0.5


# --- timeouts and connection errors -----------------------------------------------------------


async def _headers_never_come(request: web.Request) -> web.StreamResponse:
    await asyncio.sleep(1)
    return web.Response(text="too late")


async def _body_stalls(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse()
    await response.prepare(request)
    await response.write(b"model,score\n")
    await asyncio.sleep(1)
    await response.write(b"too,late\n")
    return response


@pytest.mark.parametrize("handler", [_headers_never_come, _body_stalls], ids=["headers", "body"])
async def test_a_slow_server_times_out_each_attempt_then_fails(
    server: LoopbackServer, make_fetcher: MakeFetcher, sleeps: list[float], handler: Handler
) -> None:
    url = server.route("/slow.csv", handler)

    error = await fail(make_fetcher(timeout_s=0.2, max_attempts=2), url)

    assert error.reason == "timed out after 0.2 s (2 attempts)"
    assert len(server.seen("/slow.csv")) == 2
    assert len(sleeps) == 1


async def test_connection_refused_fails_after_bounded_attempts(
    make_fetcher: MakeFetcher, sleeps: list[float], closed_port: int
) -> None:
    url = f"http://127.0.0.1:{closed_port}/board.csv"

    error = await fail(make_fetcher(max_attempts=3), url)

    assert error.reason == (
        f"could not connect to 127.0.0.1:{closed_port}: Connection refused (3 attempts)"
    )
    assert error.where == url
    assert len(sleeps) == 2


# --- probes -----------------------------------------------------------------------------------


async def test_a_probe_makes_one_attempt_and_keeps_the_status(
    server: LoopbackServer, make_fetcher: MakeFetcher, sleeps: list[float]
) -> None:
    """Discovery probes never retry: a 503 fails at once; a 404 says the file is absent."""
    down = server.route("/down.csv", replies(status(503)))
    gone = server.route("/gone.csv", replies(status(404)))
    fetcher = make_fetcher()

    unavailable = await fail(fetcher, down, probe=True)
    absent = await fail(fetcher, gone, probe=True)

    assert unavailable.reason == "HTTP 503 Service Unavailable (1 attempt)"
    assert (unavailable.status, unavailable.absent) == (503, False)
    assert (absent.status, absent.absent) == (404, True)
    assert len(server.seen("/down.csv")) == 1
    assert sleeps == []


async def test_a_probe_waits_at_most_the_probe_timeout(
    server: LoopbackServer,
    make_fetcher: MakeFetcher,
    sleeps: list[float],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A probe gives up after min(policy timeout, PROBE_TIMEOUT_S), in one attempt."""
    monkeypatch.setattr(http, "PROBE_TIMEOUT_S", 0.2)
    url = server.route("/slow.csv", _headers_never_come)

    error = await fail(make_fetcher(timeout_s=30.0), url, probe=True)

    assert error.reason == "timed out after 0.2 s (1 attempt)"
    assert error.status is None and not error.absent
    assert len(server.seen("/slow.csv")) == 1
    assert sleeps == []


async def test_a_probe_succeeds_like_a_download(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    url = server.route("/board.csv", replies(csv_file))

    response = await make_fetcher().get(url, probe=True)

    assert response.content == CSV.read_bytes()


# --- size cap ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("announce_length", "reason"),
    [
        (True, "response larger than 64 KiB (Content-Length 256 MiB)"),
        (False, "response larger than 64 KiB"),
    ],
    ids=["announced", "chunked-without-length"],
)
async def test_an_oversized_body_is_refused_without_reading_it_all(
    server: LoopbackServer,
    make_fetcher: MakeFetcher,
    sleeps: list[float],
    announce_length: bool,
    reason: str,
) -> None:
    streamer = Streamer(total=256 * MIB, announce_length=announce_length)
    url = server.route("/huge.csv", streamer)

    error = await fail(make_fetcher(max_bytes=64 * KIB), url)

    assert error.reason == reason
    assert sleeps == []
    assert len(server.seen("/huge.csv")) == 1
    # The hang-up stops the server. What it got out before that sits in kernel socket buffers
    # (a few MiB here, tens at most where autotuning allows), far short of the 256 MiB body.
    await asyncio.wait_for(streamer.finished.wait(), timeout=5)
    assert streamer.sent < 64 * MIB


async def test_a_compressed_body_is_capped_after_decompression(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    bomb = gzip.compress(b"0" * (8 * MIB))

    async def handle(request: web.Request) -> web.StreamResponse:
        return web.Response(body=bomb, headers={"Content-Encoding": "gzip"})

    url = server.route("/bomb.csv", handle)

    error = await fail(make_fetcher(max_bytes=1 * MIB), url)

    assert len(bomb) < 1 * MIB  # Content-Length alone would have let it through
    assert error.reason == "response larger than 1 MiB"


async def test_a_body_exactly_at_the_cap_is_accepted(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    size = len(CSV.read_bytes())
    url = server.route("/board.csv", replies(csv_file))

    response = await make_fetcher(max_bytes=size).get(url)

    assert response.content == CSV.read_bytes()


# --- logging and secrets ----------------------------------------------------------------------


async def test_logs_attempts_but_never_the_query_string(
    server: LoopbackServer, make_fetcher: MakeFetcher, caplog: pytest.LogCaptureFixture
) -> None:
    server.route("/board.csv", replies(status(502), csv_file))
    server.route("/gone.csv", replies(status(404)))
    caplog.set_level(logging.INFO, logger="data.sources.http")
    fetcher = make_fetcher()

    await fetcher.get(server.url("/board.csv") + "?token=hunter2")
    error = await fail(fetcher, server.url("/gone.csv") + "?token=hunter2")

    assert server.seen("/board.csv")[0].query == "token=hunter2"  # sent, just not repeated
    assert "hunter2" not in caplog.text
    assert "hunter2" not in str(error)
    levels = {record.levelno for record in caplog.records}
    assert levels == {logging.INFO, logging.WARNING}
    assert f"GET {server.url('/board.csv')} (attempt 2 of 4)" in caplog.messages


# --- policy -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings",
    [{"max_attempts": 0}, {"timeout_s": 0}, {"max_bytes": 0}, {"backoff_base_s": -1}],
)
def test_a_nonsensical_policy_is_refused(settings: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        FetchPolicy(**settings)
