"""Shared fixtures: a fresh database per test on SQLite and (when configured) PostgreSQL.

PostgreSQL runs when ``PODIUM_TEST_POSTGRES_URL`` is set (CI sets it to the local server);
each test gets its own database, created from ``template0`` and dropped afterwards.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from hypothesis import settings
from sqlalchemy.engine import make_url

from bot.settings import Settings
from data.domain.types import SourceFile

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_URL = os.environ.get("PODIUM_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]

# Property tests draw the same examples on every run (``derandomize``): a red run is then a
# real regression, reproducible anywhere, never a new random draw. To hunt for fresh cases,
# run ``pytest --hypothesis-profile=explore`` (new random examples each run) and pin what it
# finds with ``@example``.
settings.register_profile("podium", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("podium")


def fixture_file(relative: str) -> SourceFile:
    """A real published file from ``tests/fixtures``."""
    path = FIXTURES / relative
    return SourceFile(path.name, path.read_bytes())


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database, on each backend in turn."""
    async with empty_database(request.param, tmp_path) as url:
        yield url


@contextlib.asynccontextmanager
async def empty_database(backend: str, folder: Path) -> AsyncIterator[str]:
    """A new empty database on ``backend`` (a file in ``folder`` for SQLite), dropped after."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{folder / 'podium.sqlite3'}"
        return
    assert POSTGRES_URL is not None
    url = make_url(POSTGRES_URL)
    name = f"podium_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


class FrozenClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FrozenClock:
    """Frozen at 2026-11-29 12:00 UTC."""
    return FrozenClock(datetime(2026, 11, 29, 12, 0, tzinfo=UTC))


@pytest.fixture
def settings_for() -> Callable[..., Settings]:
    """Settings for a test database, ignoring any ``.env`` and the environment's token."""

    def build(database_url: str, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "PODIUM_DATABASE_URL": database_url,
            "PODIUM_BUNDLED_DATA": False,
            "DISCORD_TOKEN": None,
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    return build
