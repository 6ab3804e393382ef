"""The in-memory name index and board list, kept in step with the database.

Resolution and autocomplete must not wait on the database (Discord gives autocomplete 3 s and
no defer), so they run on an index built from the current boards. One cheap query per command
(the data version) tells whether another process stored new data; the index is then rebuilt.
``as_of`` questions get an index of the boards as they stood on that date, built on demand and
kept for a few dates.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.errors import NoData
from data.domain.resolve import NameIndex, NameRecord
from data.domain.types import BoardInfo
from data.store.repositories import CatalogueRow, LeaderboardRepository

log = logging.getLogger(__name__)

#: How many name indexes of past dates (``as_of`` queries) stay in memory.
PAST_INDEXES_KEPT = 4


class NameCatalogue:
    """The current name index and boards, and indexes of past dates."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        index_factory: Callable[[Sequence[NameRecord]], NameIndex],
    ) -> None:
        """Empty until the first ``fresh()``."""
        self._sessions = session_factory
        self._factory = index_factory
        #: The index of today's boards as last built (autocomplete reads it without waiting).
        self.index: NameIndex = index_factory([])
        #: Every board by id, as of the last rebuild.
        self.boards: dict[str, BoardInfo] = {}
        self._version = -1
        self._guard = asyncio.Lock()
        #: Indexes of past dates, by the snapshots they were built from.
        self._past: dict[frozenset[int], NameIndex] = {}

    async def fresh(self) -> NameIndex:
        """Today's index, rebuilt first if any snapshot was stored since the last build."""
        async with self._sessions() as session:
            version = await LeaderboardRepository(session).data_version()
        if version == self._version:
            return self.index
        async with self._guard:
            if version != self._version:
                async with self._sessions() as session:  # released before the CPU work
                    repo = LeaderboardRepository(session)
                    boards = await repo.boards()
                    rows = await repo.catalogue()
                index = await asyncio.to_thread(self._factory, _records(rows))
                # Swapped together, so autocomplete never sees new boards with an old index.
                self.boards, self.index = boards, index
                self._past.clear()
                self._version = version
                log.info("name index rebuilt: %d rows (data version %d)", len(rows), version)
        return self.index

    async def at(self, as_of: date | None) -> NameIndex:
        """The index of the boards as they stood on ``as_of`` (today's when ``None``).

        ``as_of`` answers come from the snapshots current then, so names are resolved among
        them too: "claude 3.5 sonnet" in July 2024 is the 2024-06-20 model, not a later one.
        """
        today = await self.fresh()
        if as_of is None:
            return today
        async with self._sessions() as session:
            repo = LeaderboardRepository(session)
            ids = frozenset(s.id for s in await repo.current_snapshots(as_of))
            if not ids:
                raise NoData(as_of)
            past = self._past.get(ids)
            rows = await repo.catalogue(as_of) if past is None else []
        if past is None:
            past = await asyncio.to_thread(self._factory, _records(rows))
            while len(self._past) >= PAST_INDEXES_KEPT:
                self._past.pop(next(iter(self._past)))
            self._past[ids] = past
        return past


def _records(rows: Iterable[CatalogueRow]) -> list[NameRecord]:
    return [
        NameRecord(
            board_id=row.board_id,
            key=row.key,
            name=row.name,
            model_slug=row.model_slug,
            model_name=row.model_name,
            rank=row.rank,
            position=row.position,
            score=row.score,
        )
        for row in rows
    ]
