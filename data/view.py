"""An immutable in-memory view of the stored leaderboards at one data version.

Commands read boards that change a few times a day, so instead of a dozen SQL statements per
``/rank`` the process builds, once per data version, everything the read commands ask for:
per board the current snapshot's rows in board order (rank, score, CI, ties, neighbours), the
previous snapshot's rows (for movement), per canonical model its rows on every board, the
latest source checks, and the name index. ``DataView`` answers the same read calls as
``LeaderboardRepository`` (see ``data.reads.Reads``), so ``data.queries`` runs on either.

A view is never changed after it is built; ``data.readmodel.ReadModel`` swaps in a new one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from data.domain.freshness import FAILING_CHECKS
from data.domain.resolve import NameIndex, Resolution
from data.domain.types import BoardInfo, NameRecord, Row
from data.gc_pause import collector_paused
from data.store.checks import SourceCheck
from data.store.repositories import CatalogueRow, DataVersion, LoadedRow, StoredSnapshot

#: How many resolutions a view remembers (most recently asked kept).
RESOLUTIONS_KEPT = 4096

#: How many of each source's newest fetch checks a view keeps (what freshness looks at).
RECENT_CHECKS = FAILING_CHECKS

#: Per source: its newest check and its newest successful one (fetches only).
Checks = Mapping[str, tuple[SourceCheck | None, SourceCheck | None]]
#: Per source: its newest fetch checks, newest first.
RecentChecks = Mapping[str, Sequence[SourceCheck]]


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """One loaded snapshot: its rows in board order and what answers ask of them."""

    stored: StoredSnapshot
    rows: tuple[Row, ...]
    positions: tuple[int, ...]
    by_key: Mapping[str, Row]
    rank_counts: Mapping[int, int]

    @classmethod
    def of(cls, stored: StoredSnapshot, rows: Sequence[Row]) -> _Snapshot:
        ordered = tuple(sorted(rows, key=lambda row: row.position))
        by_key: dict[str, Row] = {}
        for row in ordered:
            by_key.setdefault(row.key, row)
        return cls(
            stored,
            ordered,
            tuple(row.position for row in ordered),
            by_key,
            Counter(row.rank for row in ordered if row.rank is not None),
        )


@dataclass(frozen=True, slots=True)
class DataView:
    """Boards, current (or ``as_of``) snapshots and their predecessors, checks and names."""

    version: DataVersion
    #: ``None``: today's boards; a date: the boards as they stood on it.
    as_of: date | None
    board_infos: Mapping[str, BoardInfo]
    current: Mapping[str, StoredSnapshot]  # by board id
    previous: Mapping[int, StoredSnapshot | None]  # by current snapshot id
    index: NameIndex
    checks: Checks = field(default_factory=dict)
    #: Per source: its newest fetch checks, newest first (``RECENT_CHECKS`` of them).
    recent_checks: RecentChecks = field(default_factory=dict)
    _snapshots: Mapping[int, _Snapshot] = field(default_factory=dict)
    _by_model: Mapping[str, Sequence[tuple[int, Row]]] = field(default_factory=dict)
    _models: frozenset[str] = frozenset()
    #: Resolutions already made on this view (it never changes, so neither do they).
    _resolved: OrderedDict[tuple[str, str | None], Resolution] = field(default_factory=OrderedDict)

    def with_checks(self, version: DataVersion, checks: Checks, recent: RecentChecks) -> DataView:
        """The same data with newer source checks (a check stores no snapshot)."""
        return replace(
            self, version=version, checks=checks, recent_checks=recent, _resolved=self._resolved
        )

    async def recent(self, source_id: str, limit: int, *, via: str) -> list[SourceCheck]:
        """The newest ``limit`` fetch checks of a source, newest first (as the repository's
        ``SourceCheckRepository.recent``; the view keeps ``RECENT_CHECKS``)."""
        if via != "fetch" or limit > RECENT_CHECKS:
            raise ValueError(f"the view keeps the last {RECENT_CHECKS} fetch checks only")
        return list(self.recent_checks.get(source_id, ()))[:limit]

    def resolve(self, query: str, board: str | None = None) -> Resolution:
        """The name index's answer for ``query``; popular questions are answered once."""
        key = (query, board)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self.index.resolve(query, board)
            if len(self._resolved) > RESOLUTIONS_KEPT:
                self._resolved.popitem(last=False)
        else:
            self._resolved.move_to_end(key)
        return found

    # --- the read calls of ``data.reads.Reads`` ------------------------------------------------

    async def boards(self) -> dict[str, BoardInfo]:
        """Every board by id."""
        return dict(self.board_infos)

    async def current_snapshots(self, as_of: date | None = None) -> list[StoredSnapshot]:
        """Each board's snapshot current on the view's date."""
        self._check_date(as_of)
        return list(self.current.values())

    async def current_snapshot(
        self, board_id: str, as_of: date | None = None
    ) -> StoredSnapshot | None:
        """The board's snapshot current on the view's date."""
        self._check_date(as_of)
        return self.current.get(board_id)

    async def previous_snapshot(self, snapshot: StoredSnapshot) -> StoredSnapshot | None:
        """The snapshot of the same board before one of the view's current snapshots."""
        return self.previous[snapshot.id]

    async def rows(self, snapshot_id: int) -> list[Row]:
        """All rows of a snapshot in board order."""
        return list(self._snapshots[snapshot_id].rows)

    async def rows_between(self, snapshot_id: int, first: int, last: int) -> list[Row]:
        """Rows at positions ``first..last`` (inclusive) of a snapshot."""
        loaded = self._snapshots[snapshot_id]
        start = bisect_left(loaded.positions, first)
        return list(loaded.rows[start : bisect_right(loaded.positions, last)])

    async def count_rank(self, snapshot_id: int, rank: int) -> int:
        """How many rows of a snapshot share ``rank``."""
        return self._snapshots[snapshot_id].rank_counts.get(rank, 0)

    async def rows_by_key(
        self, snapshot_ids: Iterable[int], keys: Iterable[str]
    ) -> dict[tuple[int, str], Row]:
        """Rows with the given keys in the given snapshots, by ``(snapshot id, key)``."""
        wanted = set(keys)
        found = {}
        for snapshot_id in snapshot_ids:
            by_key = self._snapshots[snapshot_id].by_key
            for key in wanted:
                row = by_key.get(key)
                if row is not None:
                    found[(snapshot_id, key)] = row
        return found

    async def rows_by_model(
        self, snapshot_ids: Iterable[int], model_slug: str
    ) -> list[tuple[int, Row]]:
        """Rows linked to a canonical model in the given snapshots, by snapshot then position."""
        ids = set(snapshot_ids)
        unknown = ids - self._snapshots.keys()
        if unknown:
            raise KeyError(f"snapshots {sorted(unknown)} are not in this view")
        return [found for found in self._by_model.get(model_slug, ()) if found[0] in ids]

    async def current_model_count(self) -> int:
        """How many canonical models the current snapshots list."""
        return len(self._models)

    async def catalogue(self, as_of: date | None = None) -> list[CatalogueRow]:
        """Rows of the current snapshots with their canonical model, by board and position."""
        self._check_date(as_of)
        return [
            CatalogueRow(
                r.board_id, r.key, r.name, r.rank, r.position, r.score, r.model_slug, r.model_name
            )
            for r in self.index.records
        ]

    def _check_date(self, as_of: date | None) -> None:
        """A view answers for its own date only; anything else is a programming error."""
        if as_of != self.as_of:
            raise ValueError(f"a view of {self.as_of} asked about {as_of}")


@collector_paused()
def build_view(
    version: DataVersion,
    as_of: date | None,
    boards: Mapping[str, BoardInfo],
    current: Collection[StoredSnapshot],
    previous: Mapping[int, StoredSnapshot | None],
    loaded: Iterable[LoadedRow],
    index_factory: Callable[[Sequence[NameRecord]], NameIndex],
    checks: Checks | None = None,
    recent_checks: RecentChecks | None = None,
) -> DataView:
    """Index the loaded rows of ``current`` and ``previous`` snapshots (CPU work: run it off
    the event loop)."""
    stored = {s.id: s for s in current} | {p.id: p for p in previous.values() if p is not None}
    rows: dict[int, list[Row]] = defaultdict(list)
    by_model: dict[str, list[tuple[int, Row]]] = defaultdict(list)
    current_ids = {s.id for s in current}
    records: list[tuple[int, NameRecord]] = []  # with the name's ordinal in the row
    models: set[str] = set()
    for found in loaded:
        row = found.row
        rows[found.snapshot_id].append(row)
        # A row counts for its own model and, a submission, for every model it ran with.
        slugs = {link.model_slug for link in found.links}
        if found.model_slug is not None:
            slugs.add(found.model_slug)
        for slug in slugs:
            by_model[slug].append((found.snapshot_id, row))
        if found.snapshot_id not in current_ids:
            continue
        models |= slugs
        board_id = stored[found.snapshot_id].board_id
        # The index knows a row by its own name, a submission by each model's name in it.
        names = [(k.ordinal, k.named, k.model_slug, k.model_name) for k in found.links]
        if row.models is None and found.model_slug is not None:
            names.append((0, row.name, found.model_slug, found.model_name or found.model_slug))
        for ordinal, name, slug, model_name in names:
            records.append(
                (
                    ordinal,
                    NameRecord(
                        board_id, row.key, name, slug, model_name, row.rank, row.position, row.score
                    ),
                )
            )
    # The order the database gives the name index, so its tie-breaks are the same everywhere.
    records.sort(key=lambda pair: (pair[1].board_id, pair[1].position, pair[0]))
    for found_rows in by_model.values():
        found_rows.sort(key=lambda pair: (pair[0], pair[1].position))
    return DataView(
        version=version,
        as_of=as_of,
        board_infos=dict(boards),
        current={s.board_id: s for s in current},
        previous=dict(previous),
        index=index_factory([record for _, record in records]),
        checks=dict(checks or {}),
        recent_checks=dict(recent_checks or {}),
        _snapshots={sid: _Snapshot.of(s, rows.get(sid, ())) for sid, s in stored.items()},
        _by_model={slug: tuple(found) for slug, found in by_model.items()},
        _models=frozenset(models),
    )


def empty_view(index_factory: Callable[[Sequence[NameRecord]], NameIndex]) -> DataView:
    """The view before anything is loaded."""
    return build_view(DataVersion(-1, -1), None, {}, (), {}, (), index_factory)
