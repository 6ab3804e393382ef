"""Row keys a source renamed (``data.renames`` detects them). The repository takes the
caller's ``AsyncSession``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update

from data.store.session import Repository
from data.store.tables import EntryTable, KeyRenameTable, SnapshotTable


@dataclass(frozen=True, slots=True)
class KeyRename:
    """A row key a source replaced by another for the same model (see ``domain.diff``)."""

    source_id: str
    old_key: str
    old_name: str
    new_key: str
    board_id: str
    as_of: date


class KeyRenameRepository(Repository):
    """Renamed row keys, so the rows of a renamed key keep their model and history."""

    async def of_source(self, source_id: str) -> dict[str, KeyRename]:
        """Every rename a source made, by new key."""
        result = await self.session.scalars(
            select(KeyRenameTable).where(KeyRenameTable.source_id == source_id)
        )
        return {
            row.new_key: KeyRename(
                row.source_id, row.old_key, row.old_name, row.new_key, row.board_id, row.as_of
            )
            for row in result
        }

    async def add(self, rename: KeyRename, detected_at: datetime) -> None:
        """Record a rename (the caller checks it is not known yet)."""
        self.session.add(
            KeyRenameTable(
                source_id=rename.source_id,
                old_key=rename.old_key[:300],
                old_name=rename.old_name[:300],
                new_key=rename.new_key[:300],
                board_id=rename.board_id,
                as_of=rename.as_of,
                detected_at=detected_at,
            )
        )

    async def relink(self, source_id: str, key: str, model_id: int) -> None:
        """Link every stored row of ``key`` on the source's boards to ``model_id`` (rows stored
        before the rename was known, e.g. by a backfill that loaded newer dates first)."""
        snapshots = select(SnapshotTable.id).where(SnapshotTable.source_id == source_id)
        await self.session.execute(
            update(EntryTable)
            .where(EntryTable.key == key, EntryTable.snapshot_id.in_(snapshots))
            .values(model_id=model_id)
        )
