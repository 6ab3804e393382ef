"""The façade the bot, the console and ``podium ask`` share: use cases over the store.

Name resolution runs on an in-memory index of the current boards, rebuilt when the data
changes (checked with one cheap query per command, so several processes stay in step).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.errors import (
    NoData,
    SourceError,
    SourceFormatError,
    UnknownBoard,
    UnknownSource,
)
from data.domain.resolve import NameIndex, NameRecord, Resolution
from data.domain.types import (
    BoardInfo,
    BoardStanding,
    BoardSummary,
    Candidate,
    LoadReport,
    LoadStatus,
    Neighbour,
    RankResult,
    Row,
    SourceFile,
)
from data.ingest import Ingestor
from data.sources.base import Fetcher, LeaderboardSource
from data.store.locks import RefreshLock
from data.store.repositories import LeaderboardRepository, SourceCheckRepository, StoredSnapshot

log = logging.getLogger(__name__)

#: Called as a refresh moves on: ``(source id, stage, report or None)``; stages are
#: ``fetching``, ``parsing``, ``storing`` and ``done``.
Progress = Callable[[str, str, LoadReport | None], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """A registered source with the address it is fetched from."""

    source: LeaderboardSource
    url: str


class LeaderboardService:
    """Rank, boards, suggestions, imports and refreshes."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        sources: Mapping[str, SourceConfig],
        ingestor: Ingestor,
        index_factory: Callable[[Sequence[NameRecord]], NameIndex],
        lock: RefreshLock,
        clock: Callable[[], datetime],
        fetcher: Fetcher | None = None,
    ) -> None:
        """Wire the service; nothing runs until a method is called."""
        self._sessions = session_factory
        self._sources = dict(sources)
        self._ingestor = ingestor
        self._index_factory = index_factory
        self._lock = lock
        self._clock = clock
        self._fetcher = fetcher
        self._index: NameIndex = index_factory([])
        self._boards: dict[str, BoardInfo] = {}
        self._index_version = -1
        self._index_guard = asyncio.Lock()

    # --- names -------------------------------------------------------------------------------

    async def _fresh_index(self) -> NameIndex:
        async with self._sessions() as session:
            version = await LeaderboardRepository(session).data_version()
            if version == self._index_version:
                return self._index
            async with self._index_guard:
                if version != self._index_version:
                    self._boards = await LeaderboardRepository(session).boards()
                    rows = await LeaderboardRepository(session).catalogue()
                    records = [
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
                    self._index = await asyncio.to_thread(self._index_factory, records)
                    self._index_version = version
                    log.info("name index rebuilt: %d rows (data version %d)", len(rows), version)
        return self._index

    async def warm_up(self) -> None:
        """Build the name index now, so the first autocomplete is already fast."""
        await self._fresh_index()

    def suggest(self, text: str, board: str | None = None, limit: int = 25) -> list[str]:
        """Autocomplete choices from memory only (Discord gives autocomplete 3 s, no defer)."""
        try:
            info = _find_board(self._boards, board) if board else None
            return self._index.suggest(text, info.board_id if info else None, limit)[:limit]
        except Exception:  # autocomplete must never raise; an empty list is a safe answer
            log.exception("suggest failed for %r", text[:100])
            return []

    async def resolve(self, query: str, board: str | None = None) -> Resolution:
        """The resolver's decision for ``query`` (``/search``)."""
        board_id = (await self.board(board)).board_id if board else None
        return (await self._fresh_index()).resolve(query, board_id)

    # --- boards ------------------------------------------------------------------------------

    def suggest_boards(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """``(board id, title)`` of boards whose id or title contain ``text``, main boards first."""
        wanted = text.strip().lower()
        found = [
            info
            for info in self._boards.values()
            if wanted in info.board_id or wanted in info.title.lower()
        ]
        found.sort(key=lambda info: (info.category is not None, info.board_id))
        return [(info.board_id, info.title) for info in found[:limit]]

    async def board(self, text: str) -> BoardInfo:
        """A board by id, by source id (its main board) or by title, case-insensitively."""
        await self._fresh_index()
        info = _find_board(self._boards, text)
        if info is None:
            raise UnknownBoard(text, sorted(self._boards))
        return info

    async def board_summaries(self) -> list[BoardSummary]:
        """Every board with its current snapshot and the last check of its source."""
        async with self._sessions() as session:
            repo = LeaderboardRepository(session)
            boards = await repo.boards()
            snapshots = {s.board_id: s for s in await repo.current_snapshots()}
            checks = {
                source_id: await SourceCheckRepository(session).latest(source_id)
                for source_id in {info.source_id for info in boards.values()}
            }
        summaries = []
        for board_id in sorted(
            boards, key=lambda b: (boards[b].source_id, boards[b].category or "", b)
        ):
            info = boards[board_id]
            snapshot = snapshots.get(board_id)
            check = checks.get(info.source_id)
            config = self._sources.get(info.source_id)
            summaries.append(
                BoardSummary(
                    board=info,
                    as_of=snapshot.as_of if snapshot else None,
                    rows=snapshot.row_count if snapshot else 0,
                    attribution=config.source.attribution if config else "",
                    licence=config.source.licence if config else "",
                    last_checked=check.checked_at if check else None,
                    last_status=check.status if check else None,
                )
            )
        return summaries

    # --- rank --------------------------------------------------------------------------------

    async def rank(
        self, query: str, board: str | None = None, as_of: date | None = None
    ) -> RankResult:
        """Where the model ``query`` names stands on every board (or on ``board``)."""
        info = await self.board(board) if board else None
        resolution = (await self._fresh_index()).resolve(query, info.board_id if info else None)
        if resolution.status != "match":
            return RankResult(
                query=query,
                status=resolution.status,
                candidates=tuple(
                    Candidate(m.record.board_id, m.record.name, m.record.model_name, m.score)
                    for m in resolution.matches
                ),
                board_filter=info.board_id if info else None,
            )
        best = resolution.matches[0].record
        preferred_keys = {(m.record.board_id, m.record.key) for m in resolution.matches}
        async with self._sessions() as session:
            repo = LeaderboardRepository(session)
            boards = await repo.boards()
            snapshots = [
                s
                for s in await repo.current_snapshots(as_of)
                if (s.board_id == info.board_id if info else boards[s.board_id].category is None)
            ]
            if not snapshots:
                raise NoData(as_of)
            by_id = {s.id: s for s in snapshots}
            found = await repo.rows_by_model(by_id, best.model_slug)
            chosen = _one_row_per_board(found, by_id, preferred_keys)
            standings = [
                await _standing(repo, boards[by_id[sid].board_id], by_id[sid], row, best.model_slug)
                for sid, row in chosen
            ]
        standings.sort(key=_standing_order)
        return RankResult(
            query=query,
            status="match",
            model=best.model_name,
            standings=tuple(standings),
            board_filter=info.board_id if info else None,
        )

    # --- loading data ------------------------------------------------------------------------

    def source_ids(self) -> list[str]:
        """Registered source ids."""
        return sorted(self._sources)

    def _config(self, source_id: str) -> SourceConfig:
        try:
            return self._sources[source_id]
        except KeyError:
            raise UnknownSource(source_id, sorted(self._sources)) from None

    async def import_files(
        self, source_id: str, files: Sequence[SourceFile], as_of: date | None = None
    ) -> LoadReport:
        """Parse and store local files of a known source (``podium import``)."""
        source = self._config(source_id).source
        origin = ", ".join(file.name for file in files)
        try:
            parsed = source.parse(files)
        except SourceError as exc:
            await self._ingestor.record(source_id, origin, "refused", exc.reason)
            return LoadReport(source_id, origin, "refused", reason=_describe(exc))
        async with self._lock.hold():
            return await self._ingestor.store(source, parsed, origin, as_of=as_of)

    async def is_empty(self) -> bool:
        """True when no snapshot has been stored yet."""
        async with self._sessions() as session:
            return await LeaderboardRepository(session).data_version() == 0

    async def refresh(
        self, source_ids: Sequence[str] | None = None, progress: Progress | None = None
    ) -> list[LoadReport]:
        """Fetch and store each source; one failing source never stops the others."""
        if self._fetcher is None:
            raise SourceError("", "this process has no HTTP client for fetching sources")
        wanted = list(source_ids) if source_ids else self.source_ids()
        configs = [self._config(source_id) for source_id in wanted]
        reports = []
        async with self._lock.hold():
            for config in configs:
                report = await self._refresh_one(config, progress)
                reports.append(report)
                if progress:
                    await progress(config.source.source_id, "done", report)
        return reports

    async def _refresh_one(self, config: SourceConfig, progress: Progress | None) -> LoadReport:
        source, url = config.source, config.url
        assert self._fetcher is not None
        try:
            if progress:
                await progress(source.source_id, "fetching", None)
            validators = await self._ingestor.validators(source.source_id, url)
            download = await source.fetch(self._fetcher, url, validators)
            if download.not_modified:
                await self._ingestor.record(source.source_id, url, "not_modified", "HTTP 304")
                return LoadReport(source.source_id, url, "not_modified")
            if progress:
                await progress(source.source_id, "parsing", None)
            parsed = source.parse(download.files)
            if progress:
                await progress(source.source_id, "storing", None)
            return await self._ingestor.store(
                source, parsed, download.url, validators=download.validators
            )
        except SourceError as exc:
            reason = _describe(exc)
            log.warning("refresh of %s from %s failed: %s", source.source_id, url, reason)
            status: LoadStatus = "refused" if isinstance(exc, SourceFormatError) else "failed"
            await self._ingestor.record(source.source_id, url, status, reason)
            return LoadReport(source.source_id, url, status, reason=reason)


def _find_board(boards: Mapping[str, BoardInfo], text: str) -> BoardInfo | None:
    wanted = text.strip().lower()
    if wanted in boards:
        return boards[wanted]
    for info in boards.values():
        if info.title.lower() == wanted:
            return info
    main = [info for info in boards.values() if info.source_id == wanted]
    if main:
        return min(main, key=lambda info: (info.category is not None, len(info.board_id)))
    return None


def _describe(exc: SourceError) -> str:
    return f"{exc.reason} ({exc.where})" if exc.where else exc.reason


def _one_row_per_board(
    found: Sequence[tuple[int, Row]],
    snapshots: Mapping[int, StoredSnapshot],
    preferred: set[tuple[str, str]],
) -> list[tuple[int, Row]]:
    """The model's row on each board: the row the resolver picked, else its best-ranked row."""
    best: dict[int, Row] = {}
    for snapshot_id, row in found:
        board_id = snapshots[snapshot_id].board_id
        current = best.get(snapshot_id)
        if current is None or _row_preference(row, board_id, preferred) < _row_preference(
            current, board_id, preferred
        ):
            best[snapshot_id] = row
    return list(best.items())


def _row_preference(
    row: Row, board_id: str, preferred: set[tuple[str, str]]
) -> tuple[int, int, int]:
    return ((board_id, row.key) not in preferred, row.rank is None, row.position)


async def _standing(
    repo: LeaderboardRepository,
    board: BoardInfo,
    snapshot: StoredSnapshot,
    row: Row,
    model_slug: str,
) -> BoardStanding:
    near = await repo.rows_between(snapshot.id, row.position - 1, row.position + 1)
    previous = await repo.previous_snapshot(snapshot)
    previous_row = None
    if previous is not None:
        previous_row = (await repo.rows_by_key([previous.id], [row.key])).get(
            (previous.id, row.key)
        )
        if previous_row is None:
            # One board may be published in several formats that spell names differently
            # (the Arena's page CSV, then its JSON): fall back to the same canonical model.
            same_model = await repo.rows_by_model([previous.id], model_slug)
            if same_model:
                previous_row = min((found for _, found in same_model), key=_row_order)
    tied = await repo.count_rank(snapshot.id, row.rank) - 1 if row.rank is not None else 0
    return BoardStanding(
        board=board,
        row=row,
        as_of=snapshot.as_of,
        board_size=snapshot.row_count,
        above=tuple(_neighbour(r) for r in near if r.position < row.position),
        below=tuple(_neighbour(r) for r in near if r.position > row.position),
        previous_rank=previous_row.rank if previous_row else None,
        is_new=previous is not None and previous_row is None,
        tied_with=tied,
    )


def _row_order(row: Row) -> tuple[bool, int]:
    return (row.rank is None, row.position)


def _neighbour(row: Row) -> Neighbour:
    return Neighbour(row.name, row.rank, row.score)


def _standing_order(standing: BoardStanding) -> tuple[bool, float, str]:
    rank = standing.row.rank
    share = rank / max(standing.board_size, 1) if rank is not None else 2.0
    return (rank is None, share, standing.board.board_id)
