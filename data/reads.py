"""The read calls ``data.queries`` makes: answered by the database (``LeaderboardRepository``)
or by the in-memory read model (``data.view.DataView``), with the same results."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from data.domain.history import StoredPoint
from data.domain.types import BoardInfo, Row
from data.store.checks import SourceCheck
from data.store.repositories import CatalogueRow, StoredSnapshot


class Reads(Protocol):
    """Boards, snapshots and rows, as the read queries need them."""

    async def boards(self) -> dict[str, BoardInfo]:
        """Every board by id."""
        ...

    async def current_snapshots(self, as_of: date | None = None) -> list[StoredSnapshot]:
        """Each board's current snapshot (or the one current on ``as_of``)."""
        ...

    async def current_snapshot(
        self, board_id: str, as_of: date | None = None
    ) -> StoredSnapshot | None:
        """The board's current snapshot (or the one current on ``as_of``)."""
        ...

    async def previous_snapshot(self, snapshot: StoredSnapshot) -> StoredSnapshot | None:
        """The snapshot of the same board before ``snapshot``."""
        ...

    async def rows(self, snapshot_id: int) -> list[Row]:
        """All rows of a snapshot in board order."""
        ...

    async def rows_between(self, snapshot_id: int, first: int, last: int) -> list[Row]:
        """Rows at positions ``first..last`` (inclusive) of a snapshot."""
        ...

    async def count_rank(self, snapshot_id: int, rank: int) -> int:
        """How many rows of a snapshot share ``rank``."""
        ...

    async def rows_by_key(
        self, snapshot_ids: Iterable[int], keys: Iterable[str]
    ) -> dict[tuple[int, str], Row]:
        """Rows with the given keys in the given snapshots."""
        ...

    async def rows_by_model(
        self, snapshot_ids: Iterable[int], model_slug: str
    ) -> list[tuple[int, Row]]:
        """Rows linked to a canonical model in the given snapshots."""
        ...

    async def current_model_count(self) -> int:
        """How many canonical models the current snapshots list."""
        ...

    async def catalogue(self, as_of: date | None = None) -> list[CatalogueRow]:
        """Rows of the current snapshots with their canonical model."""
        ...


class HistoryReads(Protocol):
    """A model's rows over boards' pasts (``LeaderboardRepository`` or the read model)."""

    async def history(
        self, board_ids: Iterable[str], model_slug: str
    ) -> list[tuple[str, StoredPoint]]:
        """Every row counting for a model on the given boards' timelines: ``(board id,
        point)``, oldest snapshot first."""
        ...


class RecentChecks(Protocol):
    """A source's newest checks (``SourceCheckRepository`` or the read model's view)."""

    async def recent(self, source_id: str, limit: int, *, via: str) -> list[SourceCheck]:
        """The newest ``limit`` checks of a source that arrived ``via``, newest first."""
        ...
