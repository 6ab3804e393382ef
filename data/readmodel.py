"""The read model: the current ``DataView``, swapped when the data version moves.

Read commands and autocomplete answer from memory. The view is rebuilt when this process
stores data (``reload``, called as an import or refresh commits), when another process
announces new data (``announce``: PostgreSQL ``LISTEN``, see ``data.store.notify``), and
otherwise when a cheap version poll (one query, at most every ``poll_s`` seconds) sees a
change. Only source checks changed (an unchanged refresh): the data is kept, the checks reread.

``as_of`` questions get a view of the boards as they stood on that date, read once per date
and kept in a small LRU that a new data version empties. Questions about a board's past
(``/history``, absences, facts ``/top`` borrows from other snapshots) get that board's
``BoardHistory``, read once per data version and kept in an LRU bounded by rows.

A rebuilt view is put out of the cyclic garbage collector's sight (``gc.freeze``): its
hundreds of thousands of long-lived objects made the next full collection, which a rebuild
soon triggers, a pause of about half a second of CPU on the event loop, landing in the middle
of whatever commands were in flight. A view holds no reference cycles, so a replaced one is
still freed by reference counting.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.boardhistory import BoardHistory
from data.domain.errors import NoData
from data.domain.history import StoredPoint
from data.domain.resolve import NameIndex
from data.domain.types import BoardInfo, NameRecord
from data.store.checks import SourceCheckRepository
from data.store.repositories import DataVersion, LeaderboardRepository
from data.view import RECENT_CHECKS, Checks, DataView, RecentChecks, build_view, empty_view

log = logging.getLogger(__name__)

#: How many views of past dates (``as_of`` queries) stay in memory.
PAST_VIEWS_KEPT = 4
#: How many rows of boards' pasts stay in memory (the bundled main boards hold ~15,000).
HISTORY_ROWS_KEPT = 200_000
#: Source-check statuses that mean the source was read successfully.
SUCCESS_STATUSES = ("new", "unchanged", "not_modified")


class ReadModel:
    """Today's view, views of past dates, and the rules for replacing them."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        index_factory: Callable[[Sequence[NameRecord]], NameIndex],
        source_ids: Collection[str],
        *,
        poll_s: float = 1.0,
        autocomplete: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
        history_rows: int = HISTORY_ROWS_KEPT,
    ) -> None:
        """Empty until the first ``fresh()``; ``source_ids`` are the sources whose checks
        ``/boards`` and ``/about`` show. ``autocomplete``: prepare each view's autocomplete
        index before swapping it in (a one-shot command skips that). ``history_rows`` bounds
        the rows of the boards' pasts kept (the board asked last is always kept)."""
        self._sessions = session_factory
        self._factory = index_factory
        self._source_ids = tuple(sorted(source_ids))
        self._poll_s = poll_s
        self._autocomplete = autocomplete
        self._monotonic = monotonic
        #: Today's view as last built: autocomplete reads it without waiting.
        self.view: DataView = empty_view(index_factory)
        self._checked_at = -float("inf")
        #: Set while a notification channel tells this process about new data: no polling.
        self.listening = False
        self._stale = True
        self._announced = 0  # announcements so far (one arriving during an update counts)
        self._guard = asyncio.Lock()
        self._past: OrderedDict[date, DataView] = OrderedDict()
        #: Boards' pasts, each with the data version it was read at.
        self._histories: OrderedDict[str, tuple[int, BoardHistory]] = OrderedDict()
        self._history_rows = history_rows
        self._swapped = asyncio.Condition()

    async def fresh(self) -> DataView:
        """Today's view; first rebuilt when the data changed since it was built.

        Without a notification channel, the version is polled at most every ``poll_s``.
        """
        if not self._stale and (
            self.listening or self._monotonic() - self._checked_at < self._poll_s
        ):
            return self.view
        return await self._update(force=False)

    async def reload(self) -> DataView:
        """Rebuild now if the version moved: this process has just committed new data."""
        return await self._update(force=True)

    def announce(self) -> None:
        """Another process stored data: the next ``fresh()`` checks the version."""
        self._stale = True
        self._announced += 1

    async def reached(self, version: DataVersion) -> DataView:
        """Wait until the view has reached ``version`` (bound it with ``asyncio.timeout``)."""
        async with self._swapped:
            await self._swapped.wait_for(lambda: self.view.version >= version)
        return self.view

    async def _update(self, *, force: bool) -> DataView:
        async with self._guard:
            if (
                not force
                and not self._stale
                and self._monotonic() - self._checked_at < self._poll_s
            ):
                return self.view  # another caller updated it while this one waited
            # Stale until this succeeds (a failed read keeps the old view and tries again), and
            # still stale if another announcement arrives meanwhile.
            announced = self._announced
            self._stale = True
            async with self._sessions() as session:
                version = await LeaderboardRepository(session).versions()
            rebuilt = False
            if version == self.view.version:
                view = self.view
            elif version.snapshots == self.view.version.snapshots:
                view = self.view.with_checks(version, *await self._checks())
            else:
                view = await self._load(version, None, with_checks=True)
                rebuilt = True
                self._past.clear()
                self._histories.clear()
                log.info(
                    "read model rebuilt: %d boards (data version %d)",
                    len(view.current),
                    version.snapshots,
                )
            self._stale = self._announced != announced
            self._checked_at = self._monotonic()
            async with self._swapped:
                self.view = view  # one assignment: readers see the old view or the new one
                self._swapped.notify_all()
            if rebuilt:
                gc.freeze()
            return view

    async def at(self, as_of: date | None) -> DataView:
        """The view of the boards as they stood on ``as_of`` (today's when ``None``).

        ``as_of`` answers come from the snapshots current then, so names are resolved among
        them too: "claude 3.5 sonnet" in July 2024 is the 2024-06-20 model, not a later one.
        """
        today = await self.fresh()
        if as_of is None:
            return today
        past = self._past.get(as_of)
        if past is not None and past.version.snapshots == today.version.snapshots:
            self._past.move_to_end(as_of)
            return past
        past = await self._load(today.version, as_of, with_checks=False)
        if not past.current:
            raise NoData(as_of)
        self._past[as_of] = past
        while len(self._past) > PAST_VIEWS_KEPT:
            self._past.popitem(last=False)
        return past

    async def board_history(self, board_id: str) -> BoardHistory:
        """Every stored snapshot of one board with its rows (the current data version's)."""
        version = (await self.fresh()).version.snapshots
        kept = self._histories.get(board_id)
        if kept is not None and kept[0] == version:
            self._histories.move_to_end(board_id)
            return kept[1]
        async with self._sessions() as session:
            repo = LeaderboardRepository(session)
            snapshots = await repo.board_snapshots(board_id)
            loaded = await repo.entries(snapshot.id for snapshot, _ in snapshots)
        history = await asyncio.to_thread(BoardHistory.of, board_id, snapshots, loaded)
        self._histories[board_id] = (version, history)
        self._histories.move_to_end(board_id)
        rows = sum(kept.row_count for _, kept in self._histories.values())
        while rows > self._history_rows and len(self._histories) > 1:
            rows -= self._histories.popitem(last=False)[1][1].row_count
        return history

    async def history(
        self, board_ids: Iterable[str], model_slug: str
    ) -> list[tuple[str, StoredPoint]]:
        """Every row counting for a model on the given boards' timelines: ``(board id,
        point)``, oldest snapshot first (``LeaderboardRepository.history``)."""
        found = [
            (board_id, point)
            for board_id in dict.fromkeys(board_ids)
            for point in (await self.board_history(board_id)).points(model_slug)
        ]
        found.sort(key=lambda item: (item[1].as_of, item[1].snapshot_id, item[1].row.position))
        return found

    async def _load(
        self, version: DataVersion, as_of: date | None, *, with_checks: bool
    ) -> DataView:
        """Read what a view holds (the database's own rules pick the current and previous
        snapshots), then index it off the event loop."""
        async with self._sessions() as session:  # released before the CPU work
            repo = LeaderboardRepository(session)
            boards = await repo.boards()
            current = await repo.current_snapshots(as_of)
            previous = {s.id: await repo.previous_snapshot(s) for s in current}
            wanted = [s.id for s in current] + [p.id for p in previous.values() if p is not None]
            loaded = await repo.entries(wanted)
            checks, recent = (
                await _checks(SourceCheckRepository(session), self._check_ids(boards.values()))
                if with_checks
                else ({}, {})
            )
        view = await asyncio.to_thread(
            build_view,
            version,
            as_of,
            boards,
            current,
            previous,
            loaded,
            self._factory,
            checks,
            recent,
        )
        if self._autocomplete:  # built off the event loop, before anyone types
            await asyncio.to_thread(view.index.suggest, "", None, 1)
        return view

    async def _checks(self) -> tuple[Checks, RecentChecks]:
        async with self._sessions() as session:
            repo = SourceCheckRepository(session)
            return await _checks(repo, self._check_ids(self.view.board_infos.values()))

    def _check_ids(self, boards: Iterable[BoardInfo]) -> list[str]:
        """The registered sources and those of stored boards."""
        return sorted({*self._source_ids, *(info.source_id for info in boards)})


async def _checks(
    repo: SourceCheckRepository, source_ids: Iterable[str]
) -> tuple[Checks, RecentChecks]:
    """Per source: its newest check and its newest successful one, and its last few checks
    (fetches only: imports and bundled data say nothing about the live source)."""
    wanted = list(source_ids)
    latest = {
        source_id: (
            await repo.latest(source_id, via="fetch"),
            await repo.latest(source_id, statuses=SUCCESS_STATUSES, via="fetch"),
        )
        for source_id in wanted
    }
    recent = {
        source_id: tuple(await repo.recent(source_id, RECENT_CHECKS, via="fetch"))
        for source_id in wanted
    }
    return latest, recent
