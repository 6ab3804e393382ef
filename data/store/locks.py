"""One refresh at a time, across processes on PostgreSQL and within the process on SQLite;
and one process at a time through start-up work (migrations, bundled data)."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

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
