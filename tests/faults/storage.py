"""What the fault tests check in the database: every snapshot whole, and what changed."""

from __future__ import annotations

from sqlalchemy import func, select

from data.store.session import create_engine, create_session_factory
from data.store.tables import EntryTable, SnapshotTable, SourceCheckTable

#: ``(snapshot id, board, rows it counts, rows stored)`` of every snapshot.
Snapshots = set[tuple[int, str, int, int]]


async def stored(url: str) -> tuple[Snapshots, int]:
    """Every snapshot with its counted and stored rows, and the number of check-log lines."""
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            rows = (
                select(EntryTable.snapshot_id, func.count().label("rows"))
                .group_by(EntryTable.snapshot_id)
                .subquery()
            )
            query = select(
                SnapshotTable.id,
                SnapshotTable.board_id,
                SnapshotTable.row_count,
                func.coalesce(rows.c.rows, 0),
            ).outerjoin(rows, rows.c.snapshot_id == SnapshotTable.id)
            found = {(a, b, c, int(d)) for a, b, c, d in (await session.execute(query)).all()}
            checks = await session.scalar(select(func.count()).select_from(SourceCheckTable))
            return found, int(checks or 0)
    finally:
        await engine.dispose()


def whole(snapshots: Snapshots) -> bool:
    """Whether every snapshot holds exactly the rows it counts (none is half stored)."""
    return all(counted == rows for _, _, counted, rows in snapshots)
