"""One refresh at a time, across processes on PostgreSQL and within the process on SQLite;
and one process at a time through start-up work (migrations, bundled data)."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from data.domain.errors import RefreshInProgress


def lock_key(name: str) -> int:
    """The advisory lock number of a lock name (stable across processes and versions)."""
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


@asynccontextmanager
async def one_at_a_time(engine: AsyncEngine, name: str) -> AsyncIterator[None]:
    """Wait until no other process holds ``name`` on this PostgreSQL database, then hold it.

    For start-up work that processes starting together must not do at once (migrations,
    loading the bundled data): the second waits, then finds the work done. SQLite serialises
    writers itself, so there this does nothing.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    async with engine.connect() as connection:
        await connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": lock_key(name)})
        await connection.commit()
        try:
            yield
        finally:
            await connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": lock_key(name)}
            )
            await connection.commit()


class SpacedTurns:
    """Turns taken one at a time and at least ``spacing_s`` apart by every process sharing a
    PostgreSQL database, per named bucket.

    For Discord's IDENTIFY limit: one session start per 5 s per ``max_concurrency`` bucket for
    the whole bot, whichever process starts it. ``take`` waits for the bucket's advisory lock
    and returns at once; the lock is released ``spacing_s`` later (or when the process dies).
    """

    def __init__(self, engine: AsyncEngine, name: str, spacing_s: float) -> None:
        """Turns named ``name``.<bucket> on ``engine``'s database (PostgreSQL only)."""
        self._engine = engine
        self._name = name
        self._spacing_s = spacing_s
        self._held: dict[asyncio.Task[None], AsyncConnection] = {}

    async def take(self, bucket: int = 0) -> None:
        """Wait for this bucket's turn; it ends ``spacing_s`` from now."""
        key = lock_key(f"{self._name}.{bucket}")
        connection = await self._engine.connect()
        try:
            await connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            await connection.commit()
        except BaseException:
            await connection.close()
            raise
        release = asyncio.create_task(self._release_later(connection, key))
        self._held[release] = connection
        release.add_done_callback(lambda task: self._held.pop(task, None))

    async def _release_later(self, connection: AsyncConnection, key: int) -> None:
        unlocked = False
        try:
            await asyncio.sleep(self._spacing_s)
            await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
            await connection.commit()
            unlocked = True
        finally:
            if not unlocked:  # a pooled connection would keep the session, and the lock, alive
                await connection.invalidate()
            await connection.close()

    async def close(self) -> None:
        """Give back every turn still held."""
        held = dict(self._held)
        for release in held:
            release.cancel()
        await asyncio.gather(*held, return_exceptions=True)
        for connection in held.values():  # a release cancelled before it ever ran
            if not connection.closed:
                await connection.invalidate()
                await connection.close()


class RefreshLock:
    """A named, non-blocking lock: ``RefreshInProgress`` when someone else holds it.

    PostgreSQL uses a session advisory lock held on a dedicated connection, so every process
    sharing the database (shards, a separate refresher) agrees; a crash releases it. SQLite is
    the single-process embedded database, so an in-process lock suffices there.
    """

    def __init__(self, engine: AsyncEngine, name: str = "podium.refresh") -> None:
        """Lock ``name`` on ``engine``'s database."""
        self._engine = engine
        self._key = lock_key(name)
        self._local = asyncio.Lock()

    @asynccontextmanager
    async def hold(self) -> AsyncIterator[None]:
        """Hold the lock for the block, or raise ``RefreshInProgress`` at once."""
        if self._local.locked():
            raise RefreshInProgress
        async with self._local:
            if self._engine.dialect.name != "postgresql":
                yield
                return
            async with self._engine.connect() as connection:
                granted = await connection.scalar(
                    text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
                )
                await connection.commit()
                if not granted:
                    raise RefreshInProgress
                try:
                    yield
                finally:
                    await connection.execute(
                        text("SELECT pg_advisory_unlock(:key)"), {"key": self._key}
                    )
                    await connection.commit()
