"""Run the Alembic migrations from code (start-up, ``podium db upgrade``, tests).

Start-up asks the database for its schema revision first (one query) and loads Alembic only
when the schema is behind: most starts find it current, and Alembic's import and script
scanning cost more than a whole ``podium ask``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def head_revisions() -> set[str]:
    """The newest revisions of ``migrations/versions``, read from the scripts' own text."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            found = set(re.findall(r"[\"']([^\"']+)[\"']", value))
            (revisions if name == "revision" else parents).update(found)
    return revisions - parents


async def applied_revisions(engine: AsyncEngine) -> set[str]:
    """The revisions the database is at (none for an empty database)."""
    try:
        async with engine.connect() as connection:
            result = await connection.execute(text("SELECT version_num FROM alembic_version"))
            found: list[object] = list(result.scalars())
            return {str(value) for value in found}
    except DBAPIError:  # no alembic_version table yet
        return set()


async def upgrade_if_behind(engine: AsyncEngine) -> bool:
    """Migrate to head unless the database is already there; True when it migrated."""
    if await applied_revisions(engine) == head_revisions():
        return False
    await upgrade(engine)
    return True


def _config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the database schema up to ``revision``."""
    from alembic import command

    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.upgrade(_config(sync), revision))


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Take the database schema down to ``revision`` (``base`` removes everything)."""
    from alembic import command

    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.downgrade(_config(sync), revision))
