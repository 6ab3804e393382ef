"""One board's past in memory: every stored snapshot of it with its rows, read once per data
version, for what the current view does not hold.

``/history`` (a model's rank and score over every snapshot), the reason a model is absent
from a board (the board's first and last dates, the last date it listed the model) and the
facts ``/top``'s filters borrow from other snapshots (licences and organisations, SuperCLUE's
open-source round) all ask about a board's past. ``data.readmodel`` keeps a few boards' pasts
(bounded by their rows), so repeated questions do not read the database; each answer is the
one ``LeaderboardRepository`` gives (tests compare them on every bundled board).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from data.domain.history import StoredPoint
from data.store.repositories import LoadedRow, StoredSnapshot

#: Organisation and licence per canonical model slug.
Facts = Mapping[str, tuple[str | None, str | None]]


@dataclass(frozen=True, slots=True)
class BoardHistory:
    """Every snapshot of one board, oldest first (by date, then as stored), with its rows."""

    board_id: str
    snapshots: tuple[StoredSnapshot, ...]
    #: Ids of the snapshots on the timeline (``repositories._on_timeline``).
    on_timeline: frozenset[int]
    rows: Mapping[int, tuple[LoadedRow, ...]]  # by snapshot id, in board order
    #: Per model slug: its rows on the timeline, oldest snapshot first.
    _points: Mapping[str, tuple[StoredPoint, ...]]

    @classmethod
    def of(
        cls,
        board_id: str,
        snapshots: Iterable[tuple[StoredSnapshot, bool]],
        loaded: Iterable[LoadedRow],
    ) -> BoardHistory:
        """Index ``loaded`` (the rows of ``snapshots``, each with whether it is on the timeline)."""
        ordered = sorted(snapshots, key=lambda found: (found[0].as_of, found[0].id))
        by_snapshot: dict[int, list[LoadedRow]] = defaultdict(list)
        for row in loaded:
            by_snapshot[row.snapshot_id].append(row)
        points: dict[str, list[StoredPoint]] = defaultdict(list)
        for snapshot, on_timeline in ordered:
            rows = by_snapshot[snapshot.id]
            rows.sort(key=lambda loaded_row: loaded_row.row.position)
            if not on_timeline:
                continue
            for found in rows:
                point = StoredPoint(
                    snapshot.id, snapshot.as_of, snapshot.row_count, found.row, snapshot.edition
                )
                for slug in _counts_for(found):
                    points[slug].append(point)
        return cls(
            board_id,
            tuple(snapshot for snapshot, _ in ordered),
            frozenset(snapshot.id for snapshot, on_timeline in ordered if on_timeline),
            {snapshot_id: tuple(rows) for snapshot_id, rows in by_snapshot.items()},
            {slug: tuple(found) for slug, found in points.items()},
        )

    @property
    def row_count(self) -> int:
        """How many rows this history holds (what the read model's bound counts)."""
        return sum(len(rows) for rows in self.rows.values())

    def span(self) -> tuple[date | None, date | None]:
        """The dates of the board's first and last snapshots (``None`` when it has none)."""
        if not self.snapshots:
            return None, None
        return self.snapshots[0].as_of, self.snapshots[-1].as_of

    def points(self, model_slug: str) -> Sequence[StoredPoint]:
        """The rows counting for ``model_slug`` in the snapshots on the timeline, oldest first
        (``LeaderboardRepository.history`` for this board)."""
        return self._points.get(model_slug, ())

    def current_on(self, day: date) -> StoredSnapshot | None:
        """The snapshot current on ``day``: the newest on the timeline dated ``day`` or before."""
        found = None
        for snapshot in self.snapshots:
            if snapshot.as_of > day:
                break
            if snapshot.id in self.on_timeline:
                found = snapshot
        return found

    def names(self, snapshot_id: int) -> set[str]:
        """The row names of one snapshot of the board."""
        return {loaded.row.name for loaded in self.rows.get(snapshot_id, ())}

    def models_by_key(self, snapshot_id: int) -> dict[str, str]:
        """The canonical model slug of each row key of one snapshot."""
        return {
            loaded.row.key: loaded.model_slug
            for loaded in self.rows.get(snapshot_id, ())
            if loaded.model_slug is not None
        }

    def published_facts(self, up_to: date) -> tuple[date | None, Facts]:
        """Organisation and licence per model, from the newest snapshot (dated ``up_to`` at the
        latest) that published licences; its date first. A model listed twice: its first row's."""
        for snapshot in reversed(self.snapshots):
            rows = self.rows.get(snapshot.id, ())
            if snapshot.as_of > up_to or all(loaded.row.license is None for loaded in rows):
                continue
            facts: dict[str, tuple[str | None, str | None]] = {}
            for loaded in rows:
                if loaded.model_slug is not None:
                    facts.setdefault(
                        loaded.model_slug, (loaded.row.organization, loaded.row.license)
                    )
            return snapshot.as_of, facts
        return None, {}


def _counts_for(loaded: LoadedRow) -> set[str]:
    """The models a row counts for: its own, and those a submission ran with."""
    slugs = {link.model_slug for link in loaded.links}
    if loaded.model_slug is not None:
        slugs.add(loaded.model_slug)
    return slugs
