"""Tell other processes that the data changed: PostgreSQL ``NOTIFY`` / ``LISTEN``.

Several bot processes may serve one database. The transaction that stores a snapshot (or logs
a source check) sends a notification, which PostgreSQL delivers when, and only if, it commits;
every listening process then updates its read model. SQLite has no such channel: there the read
model polls the data version instead (``data.readmodel``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

log = logging.getLogger(__name__)

#: The notification channel (payload: what changed, ``data`` or ``checks``).
CHANNEL = "podium_data_version"


async def announce(session: AsyncSession, what: str = "data") -> None:
    """Queue a notification in the session's transaction; sent on commit (PostgreSQL only)."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("SELECT pg_notify(:channel, :what)"), {"channel": CHANNEL, "what": what}
        )


class VersionListener:
    """``LISTEN`` on a dedicated connection while open; calls ``on_change`` per notification
    and ``on_lost`` if the connection dies (the caller then falls back to polling).

    ``active`` is false on SQLite, where nothing is listened to.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        on_change: Callable[[str], None],
        on_lost: Callable[[], None],
    ) -> None:
        """Listen on ``engine``'s database once entered."""
        self._engine = engine
        self._on_change = on_change
        self._on_lost = on_lost
        self._connection: AsyncConnection | None = None
        self._driver: Any = None
        self.active = False

    async def __aenter__(self) -> VersionListener:
        if self._engine.dialect.name != "postgresql":
            return self
        self._connection = await self._engine.connect()
        raw = await self._connection.get_raw_connection()
        self._driver = raw.driver_connection  # the asyncpg connection
        await self._driver.add_listener(CHANNEL, self._notified)
        self._driver.add_termination_listener(self._terminated)
        self.active = True
        return self

    async def __aexit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        if self._connection is None:
            return
        self.active = False
        try:
            self._driver.remove_termination_listener(self._terminated)
            if not self._driver.is_closed():
                await self._driver.remove_listener(CHANNEL, self._notified)
        finally:
            await self._connection.close()
            self._connection = None

    def _notified(self, _connection: Any, _pid: int, _channel: str, payload: str) -> None:
        self._on_change(payload)

    def _terminated(self, _connection: Any) -> None:
        log.warning("lost the data-version notification channel; polling instead")
        self.active = False
        self._on_lost()
