"""Cross-process locks on PostgreSQL: start-up work in turns, IDENTIFY turns spaced apart.

Each lock user gets its own engine, as separate processes would.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from data.store.locks import SpacedTurns, lock_key, one_at_a_time
from data.store.session import create_engine
from tests.conftest import POSTGRES_URL, empty_database

pytestmark = pytest.mark.skipif(POSTGRES_URL is None, reason="needs PODIUM_TEST_POSTGRES_URL")


@pytest_asyncio.fixture
async def engines(tmp_path: object) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    """Two engines on one new PostgreSQL database: two processes."""
    async with empty_database("postgresql", tmp_path) as url:  # type: ignore[arg-type]
        first, second = create_engine(url), create_engine(url)
        try:
            yield first, second
        finally:
            await first.dispose()
            await second.dispose()


async def test_startup_work_runs_one_process_at_a_time(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    """The second process enters only after the first has left."""
    order: list[str] = []

    async def work(engine: AsyncEngine, name: str) -> None:
        async with one_at_a_time(engine, "podium.startup"):
            order.append(f"{name} in")
            await asyncio.sleep(0.3)
            order.append(f"{name} out")

    await asyncio.gather(work(engines[0], "a"), work(engines[1], "b"))
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])


async def test_turns_of_one_bucket_are_spaced_across_processes(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    """A turn ends ``spacing_s`` after it was taken; another bucket does not wait."""
    # A wide spacing, so that a busy machine cannot blur "did not wait" into "waited".
    first = SpacedTurns(engines[0], "podium.identify", 2.0)
    second = SpacedTurns(engines[1], "podium.identify", 2.0)
    try:
        await first.take(0)
        started = time.monotonic()
        await second.take(1)  # another max_concurrency bucket
        assert time.monotonic() - started < 1.5
        await second.take(0)
        assert time.monotonic() - started >= 1.9
    finally:
        await first.close()
        await second.close()


async def test_closing_gives_back_a_turn_still_held(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    """A process stopping mid-turn leaves no advisory lock behind on a pooled connection."""
    turns = SpacedTurns(engines[0], "podium.identify", 60)
    await turns.take(0)
    await turns.close()
    async with engines[1].connect() as connection:
        granted = await connection.scalar(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": lock_key("podium.identify.0")}
        )
    assert granted is True
