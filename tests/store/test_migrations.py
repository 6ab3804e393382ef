"""The migrations are the schema: they build what the ORM models describe, both ways."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from data.store.base import Base
from data.store.migrate import downgrade, upgrade
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
