"""The migrations are the schema: they build what the ORM models describe, both ways."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from data.store.base import Base
from data.store.migrate import (
    MIGRATIONS,
    applied_revisions,
    downgrade,
    head_revisions,
    upgrade,
    upgrade_if_behind,
)
from data.store.session import create_engine


async def test_upgrade_builds_exactly_the_orm_schema(database_url: str) -> None:
    """After ``upgrade head`` autogenerate finds nothing to change."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
            )
        assert diff == []
    finally:
        await engine.dispose()


async def test_downgrade_removes_everything_and_upgrade_restores_it(database_url: str) -> None:
    """Round trip: head -> base -> head."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        await downgrade(engine, "base")
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert set(tables) <= {"alembic_version"}
        await upgrade(engine)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        assert {"boards", "snapshots", "entries", "models", "source_checks"} <= set(tables)
    finally:
        await engine.dispose()


async def test_start_up_migrates_only_a_database_that_is_behind(database_url: str) -> None:
    """An empty database is migrated; a current one is left alone (one query, no Alembic)."""
    engine = create_engine(database_url)
    try:
        assert await applied_revisions(engine) == set()
        assert await upgrade_if_behind(engine)
        assert await applied_revisions(engine) == head_revisions()
        assert not await upgrade_if_behind(engine)
        await downgrade(engine, "0001_leaderboards")
        assert await upgrade_if_behind(engine)
        assert await applied_revisions(engine) == head_revisions()
    finally:
        await engine.dispose()


def test_the_heads_read_from_the_scripts_are_alembics() -> None:
    """The quick reading of the version scripts agrees with Alembic's own."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revisions() == set(ScriptDirectory.from_config(config).get_heads())
