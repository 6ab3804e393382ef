"""The health of a Podium database, read without changing anything (``podium status``).

Unlike a start, this never migrates, loads data or creates a SQLite file: it is what a container
health check or an operator runs against a live database.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from data.queries import board_freshness, source_state
from data.readmodel import SUCCESS_STATUSES
from data.sources.base import LeaderboardSource
from data.store.checks import SourceCheckRepository
from data.store.migrate import MIGRATIONS
from data.store.repositories import LeaderboardRepository
from data.store.session import create_engine
from data.store.subscriptions import OutboxRepository

#: The state of a source with no current snapshot.
NO_DATA = "no data"
#: An alert waiting longer than this is worth an operator's look (Discord refusing, no bot).
SLOW_ALERT = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """One source: the state of its main board (``live``, ``stale``, ``failing``, ``retired``,
    as ``/boards`` shows it; ``no data`` without a snapshot), when its data was last new, and
    its last checks (fetches only, not imports or bundled data)."""

    source_id: str
    state: str
    last_check: datetime | None
    last_status: str | None
    last_success: datetime | None
    last_new_data: datetime | None


@dataclass(frozen=True, slots=True)
class DatabaseHealth:
    """What ``podium status`` reports about the database; ``healthy`` decides the exit code."""

    kind: str
    url: str
    reachable: bool
    error: str | None = None
    revisions: tuple[str, ...] = ()
    head: tuple[str, ...] = ()
    sources: tuple[SourceHealth, ...] = ()
    outbox_backlog: int | None = None
    oldest_pending: datetime | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def migrations_current(self) -> bool:
        """Whether the schema is exactly the one this version of Podium expects."""
        return self.reachable and self.revisions == self.head

    @property
    def healthy(self) -> bool:
        """Reachable and migrated: a process can start and serve on it."""
        return not self.problems

    def warnings(self, now: datetime) -> tuple[str, ...]:
        """What an operator should look at but a restart would not fix: failing sources, and
        alerts waiting for over ``SLOW_ALERT``."""
        found = [
            f"{source.source_id} is failing: its last checks did not read it "
            f"({source.last_status}); the stored data is kept"
            for source in self.sources
            if source.state == "failing"
        ]
        if self.oldest_pending is not None and now - self.oldest_pending > SLOW_ALERT:
            found.append(
                f"{self.outbox_backlog} alert(s) waiting, the oldest since "
                f"{self.oldest_pending.isoformat(timespec='seconds')}: is a bot running?"
            )
        return tuple(found)


async def check_database(
    url: str,
    sources: Mapping[str, LeaderboardSource],
    now: datetime,
    *,
    within_s: float = 10.0,
) -> DatabaseHealth:
    """Connect to ``url`` (giving up after ``within_s`` seconds) and read its health at
    ``now``."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return DatabaseHealth("unknown", "?", False, "not a database URL", problems=("bad URL",))
    kind = parsed.get_backend_name()
    shown = parsed.render_as_string(hide_password=True)
    if kind == "sqlite" and _missing_file(parsed.database):
        error = f"no database file at {parsed.database}"
        return DatabaseHealth(kind, shown, False, error, problems=(error,))
    engine = create_engine(url)
    try:
        async with asyncio.timeout(within_s):
            return await _read(engine, kind, shown, sources, now)
    except TimeoutError:
        error = f"no answer within {within_s:g} s"
    except Exception as exc:  # any driver error means the same to an operator: unreachable
        error = _one_line(exc)
    finally:
        await engine.dispose()
    return DatabaseHealth(kind, shown, False, error, problems=(f"database unreachable: {error}",))


async def _read(
    engine: AsyncEngine,
    kind: str,
    url: str,
    sources: Mapping[str, LeaderboardSource],
    now: datetime,
) -> DatabaseHealth:
    async with engine.connect() as connection:
        revisions = await connection.run_sync(current_revisions)
        head = head_revisions()
        if revisions != head:
            problem = (
                f"migrations not current: database at {', '.join(revisions) or 'nothing'}, "
                f"this version needs {', '.join(head)} (run `podium db upgrade`)"
            )
            return DatabaseHealth(kind, url, True, None, revisions, head, problems=(problem,))
        session = AsyncSession(bind=connection)
        found = await _sources(session, sources, now)
        backlog, oldest = await OutboxRepository(session).backlog()
        await session.close()
    return DatabaseHealth(kind, url, True, None, revisions, head, found, backlog, oldest)


async def _sources(
    session: AsyncSession, sources: Mapping[str, LeaderboardSource], now: datetime
) -> tuple[SourceHealth, ...]:
    """Each source's main board state (``data.domain.freshness``) and its last checks."""
    checks = SourceCheckRepository(session)
    repo = LeaderboardRepository(session)
    boards = await repo.boards()
    current = await repo.current_snapshots()
    fresh = await board_freshness(checks, sources, current, now)
    found = []
    for source_id in sorted(sources):
        last = await checks.latest(source_id, via="fetch")
        success = await checks.latest(source_id, via="fetch", statuses=SUCCESS_STATUSES)
        state, newest = source_state(source_id, boards, current, fresh)
        found.append(
            SourceHealth(
                source_id=source_id,
                state=state or NO_DATA,
                last_check=last.checked_at if last else None,
                last_status=last.status if last else None,
                last_success=success.checked_at if success else None,
                last_new_data=newest,
            )
        )
    return tuple(found)


def head_revisions() -> tuple[str, ...]:
    """The revisions this version of Podium migrates a database to."""
    from alembic.script import ScriptDirectory  # only `podium status` pays for Alembic here

    return tuple(sorted(ScriptDirectory(str(MIGRATIONS)).get_heads()))


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The revisions a database is at (empty for a database never migrated)."""
    from alembic.runtime.migration import MigrationContext

    return tuple(sorted(MigrationContext.configure(connection).get_current_heads()))


def _missing_file(database: str | None) -> bool:
    """A SQLite path with no file: connecting would create an empty database."""
    return bool(database) and database != ":memory:" and not Path(str(database)).is_file()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
