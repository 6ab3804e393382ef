"""The log of source checks (every load attempt, with HTTP validators) and each source's
current run of failures. Each repository takes the caller's ``AsyncSession``."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from data.store.session import Repository
from data.store.tables import SourceCheckTable, SourceHealthTable


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """The outcome of one attempt to load a source."""

    source_id: str
    origin: str
    checked_at: datetime
    status: str
    message: str
    etag: str | None
    last_modified: str | None
    via: str = "fetch"
    file_ids: Mapping[str, str] | None = None


def _check(row: SourceCheckTable) -> SourceCheck:
    return SourceCheck(
        row.source_id,
        row.origin,
        row.checked_at,
        row.status,
        row.message,
        row.etag,
        row.last_modified,
        row.via,
        dict(row.file_ids) if row.file_ids else None,
    )


class SourceCheckRepository(Repository):
    """The log of source loads, which also keeps HTTP validators for conditional requests."""

    async def add(self, check: SourceCheck) -> None:
        """Record one attempt."""
        self.session.add(
            SourceCheckTable(
                source_id=check.source_id,
                origin=check.origin[:500],
                checked_at=check.checked_at,
                status=check.status,
                message=check.message,
                etag=check.etag,
                last_modified=check.last_modified,
                via=check.via,
                file_ids=dict(check.file_ids) if check.file_ids else None,
            )
        )

    async def latest(
        self,
        source_id: str,
        *,
        with_validators_for: str | None = None,
        statuses: Collection[str] | None = None,
        via: str | None = None,
    ) -> SourceCheck | None:
        """The newest check of a source (or the newest with validators for one URL, or the
        newest with one of ``statuses``, or the newest that arrived ``via``)."""
        query = select(SourceCheckTable).where(SourceCheckTable.source_id == source_id)
        if via is not None:
            query = query.where(SourceCheckTable.via == via)
        if statuses is not None:
            query = query.where(SourceCheckTable.status.in_(list(statuses)))
        if with_validators_for is not None:
            query = query.where(
                SourceCheckTable.origin == with_validators_for,
                (SourceCheckTable.etag.is_not(None))
                | (SourceCheckTable.last_modified.is_not(None))
                | (SourceCheckTable.file_ids.is_not(None)),
            )
        query = query.order_by(SourceCheckTable.checked_at.desc(), SourceCheckTable.id.desc())
        row = (await self.session.scalars(query.limit(1))).first()
        return _check(row) if row is not None else None

    async def recent(self, source_id: str, limit: int, *, via: str) -> list[SourceCheck]:
        """The newest ``limit`` checks of a source that arrived ``via``, newest first."""
        query = (
            select(SourceCheckTable)
            .where(SourceCheckTable.source_id == source_id, SourceCheckTable.via == via)
            .order_by(SourceCheckTable.checked_at.desc(), SourceCheckTable.id.desc())
            .limit(limit)
        )
        return [_check(row) for row in await self.session.scalars(query)]

    async def origins(self, via: str) -> set[str]:
        """Every origin loaded ``via`` one way (e.g. the bundled files already imported)."""
        result = await self.session.scalars(
            select(SourceCheckTable.origin).where(SourceCheckTable.via == via).distinct()
        )
        return set(result)


class SourceHealthRepository(Repository):
    """Each source's current run of failed checks (``SourceHealthTable``)."""

    async def get(self, source_id: str) -> tuple[datetime | None, datetime | None]:
        """``(failing_since, notified_at)`` of a source; ``(None, None)`` while it works."""
        row = await self.session.get(SourceHealthTable, source_id)
        return (row.failing_since, row.notified_at) if row is not None else (None, None)

    async def put(
        self, source_id: str, failing_since: datetime | None, notified_at: datetime | None
    ) -> None:
        """Store a source's run of failures."""
        row = await self.session.get(SourceHealthTable, source_id)
        if row is None:
            row = SourceHealthTable(source_id=source_id)
            self.session.add(row)
        row.failing_since = failing_since
        row.notified_at = notified_at
