"""A real aiohttp server on 127.0.0.1 for the fetcher tests, and fetchers that never sleep."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from data.sources.http import FetchPolicy, HttpFetcher
from tests.conftest import FrozenClock
from tests.http_server import LoopbackServer, loopback_server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

MakeFetcher = Callable[..., HttpFetcher]


@pytest.fixture
async def server() -> AsyncIterator[LoopbackServer]:
    """A started loopback server (see ``tests/http_server.py``)."""
    async with loopback_server() as started:
        yield started


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """The caller-owned client session, as the bot's composition root would create it."""
    async with aiohttp.ClientSession() as client:
        yield client


@pytest.fixture
def sleeps() -> list[float]:
    """Every backoff delay the fetcher asked for, in order."""
    return []


@pytest.fixture
def make_fetcher(
    session: aiohttp.ClientSession, sleeps: list[float], clock: FrozenClock
) -> MakeFetcher:
    """An ``HttpFetcher`` on the test's ``clock`` with policy overrides; ``sleep`` records."""

    async def record_sleep(delay: float) -> None:
        sleeps.append(delay)

    def make(**policy: Any) -> HttpFetcher:
        return HttpFetcher(
            session, FetchPolicy(**policy), sleep=record_sleep, clock=clock, source_id="test"
        )

    return make


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (bound once to get a free number, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
