"""The migrations are the schema: they build what the ORM models describe, both ways."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from data.store.base import Base
from data.store.migrate import (
    MIGRATIONS,
    applied_revisions,
    downgrade,
    head_revisions,
    upgrade,
    upgrade_if_behind,
)
from data.store.repositories import LeaderboardRepository
from data.store.session import create_engine, create_session_factory


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


async def test_upgrading_marks_the_snapshots_that_were_current_under_the_date_rule(
    database_url: str,
) -> None:
    """Snapshots stored before 0003 were current by date: a row became current when no row
    stored before it had a later date. A fetched row stays a fetch, a file name an import."""
    engine = create_engine(database_url)
    stored = [  # (id, as_of, origin) in the order they were stored
        (1, "2024-07-07", "fboulnois_lmsys_2024-07-07.csv"),
        (2, "2024-12-31", "https://example.org/lmarena.csv"),
        (3, "2024-08-14", "fboulnois_lmsys_2024-08-14.csv"),  # back-filled: not current
        (4, "2024-12-31", "https://example.org/lmarena.csv"),  # same day, stored later
    ]
    try:
        await upgrade(engine, "0002_subscriptions")
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO boards (id, source_id, title, description, score_label, url,"
                    " higher_is_better) VALUES ('lmarena', 'lmarena', 'Arena', '', 'Elo', '', true)"
                )
            )
            for snapshot_id, as_of, origin in stored:
                await connection.execute(
                    text(
                        "INSERT INTO snapshots (id, board_id, source_id, as_of, fetched_at,"
                        " content_hash, origin, row_count) VALUES (:id, 'lmarena', 'lmarena',"
                        " :as_of, :fetched, 'x', :origin, 0)"
                    ),
                    {
                        "id": snapshot_id,
                        "as_of": date.fromisoformat(as_of),
                        "fetched": datetime(2026, 11, 29, tzinfo=UTC),
                        "origin": origin,
                    },
                )
        await upgrade(engine)
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT id, became_current, via, date_kind FROM snapshots ORDER BY id")
            )
            marked = [(i, bool(current), via, kind) for i, current, via, kind in rows]
        assert marked == [
            (1, True, "import", "published"),
            (2, True, "fetch", "published"),
            (3, False, "import", "published"),
            (4, True, "fetch", "published"),
        ]
        async with create_session_factory(engine)() as session:
            current = await LeaderboardRepository(session).current_snapshot("lmarena")
        assert current is not None and current.id == 4
    finally:
        await engine.dispose()
