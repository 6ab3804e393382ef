"""One refresh at a time, across processes on PostgreSQL and within the process on SQLite."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from data.domain.errors import RefreshInProgress


class RefreshLock:
    """A named, non-blocking lock: ``RefreshInProgress`` when someone else holds it.

    PostgreSQL uses a session advisory lock held on a dedicated connection, so every process
    sharing the database (shards, a separate refresher) agrees; a crash releases it. SQLite is
    the single-process embedded database, so an in-process lock suffices there.
    """

    def __init__(self, engine: AsyncEngine, name: str = "podium.refresh") -> None:
        """Lock ``name`` on ``engine``'s database."""
        self._engine = engine
        self._key = zlib.crc32(name.encode()) & 0x7FFFFFFF
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
