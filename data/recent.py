"""Recognise a download identical to the last load of a source, before parsing it.

Most scheduled refreshes find nothing new. Parsing, validating and hashing a large file (the Open
LLM board: 4,576 rows) only to learn that costs far more than comparing bytes, so the service
remembers, per source, the digest of the files it last loaded and the outcome. The shortcut only
holds while the source's stored snapshots are the ones that load saw: if anything stored a
snapshot of the source since (another process, an import of other files), the file is parsed
and compared as usual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.types import BoardOutcome, LoadReport, SourceFile
from data.store.repositories import LeaderboardRepository


def files_digest(files: Sequence[SourceFile], as_of: date | None, via: str) -> str:
    """One digest of the files' names and bytes, the date they are loaded for and how."""
    digest = hashlib.sha256(f"{as_of} {via}".encode())
    for file in files:
        digest.update(len(file.name).to_bytes(4, "big") + file.name.encode())
        digest.update(len(file.content).to_bytes(8, "big") + file.content)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class _Loaded:
    digest: str
    source_version: int
    boards: tuple[BoardOutcome, ...]


class RecentLoads:
    """The last successful load of each source in this process."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        """Nothing is known until ``remember``."""
        self._sessions = session_factory
        self._loaded: dict[str, _Loaded] = {}

    async def unchanged(self, source_id: str, digest: str) -> tuple[BoardOutcome, ...] | None:
        """The boards as ``unchanged`` when ``digest`` is what the source last loaded and
        nothing stored a snapshot of it since; otherwise ``None`` (parse and compare)."""
        known = self._loaded.get(source_id)
        if known is None or known.digest != digest:
            return None
        if await self._source_version(source_id) != known.source_version:
            return None
        return known.boards

    async def remember(self, digest: str, report: LoadReport) -> None:
        """Keep a successful load (``new`` or ``unchanged``) of ``report.source_id``. Call it
        holding the refresh lock that the load held, so no other load stores in between."""
        if report.status not in ("new", "unchanged"):
            self._loaded.pop(report.source_id, None)
            return
        boards = tuple(replace(b, status="unchanged", changes=()) for b in report.boards)
        version = await self._source_version(report.source_id)
        self._loaded[report.source_id] = _Loaded(digest, version, boards)

    async def _source_version(self, source_id: str) -> int:
        async with self._sessions() as session:
            return await LeaderboardRepository(session).source_version(source_id)
