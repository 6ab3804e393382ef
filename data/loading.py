"""Loading data: imports of local files, refreshes from the sources, back-fills of their
history and the bundled snapshots. The read side (``data.service.LeaderboardService``) only
hears that data arrived, through the read model it shares with this service.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.backfill import BackfillProgress, BackfillReport, backfill
from data.bundle import BUNDLED, read_bundled
from data.domain.errors import SourceError, SourceFormatError, UnknownSource
from data.domain.types import LoadReport, LoadStatus, LoadVia, ParsedSnapshot, SourceFile
from data.ingest import Ingestor
from data.readmodel import SUCCESS_STATUSES, ReadModel
from data.recent import RecentLoads, files_digest
from data.refreshing import Progress, RefreshRuns
from data.sources.base import Fetcher, LeaderboardSource, Validators
from data.sources.http import redact_url
from data.store.checks import SourceCheckRepository
from data.store.locks import RefreshLock
from data.store.repositories import LeaderboardRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """A registered source with the address it is fetched from."""

    source: LeaderboardSource
    url: str


class LoadingService:
    """Imports, refreshes, back-fills and bundled data: everything that stores snapshots."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        sources: Mapping[str, SourceConfig],
        ingestor: Ingestor,
        lock: RefreshLock,
        read_model: ReadModel,
        fetcher: Fetcher | None = None,
    ) -> None:
        """Wire the service; ``read_model`` is told when data arrives. Without a ``fetcher``
        this process loads local files only (refreshes and back-fills are refused)."""
        self._sessions = session_factory
        self._sources = dict(sources)
        self._ingestor = ingestor
        self._lock = lock
        self._model = read_model
        self._fetcher = fetcher
        self._recent = RecentLoads(session_factory)
        self._runs = RefreshRuns(
            lock, lambda source_id, progress: self._refresh_one(self._config(source_id), progress)
        )

    def source_ids(self) -> list[str]:
        """Registered source ids."""
        return sorted(self._sources)

    def scheduled_ids(self) -> list[str]:
        """The sources a refresh schedule may run: every one but the retired."""
        return [s for s in self.source_ids() if self._sources[s].source.retired_on is None]

    async def refresh_ids(self) -> list[str]:
        """The sources a refresh of "everything" covers: every live source, and a retired one
        until its final file has been fetched once."""
        retired = [s for s in self.source_ids() if s not in self.scheduled_ids()]
        async with self._sessions() as session:
            repo = SourceCheckRepository(session)
            fetched = {
                s
                for s in retired
                if await repo.latest(s, statuses=SUCCESS_STATUSES, via="fetch") is not None
            }
        return [s for s in self.source_ids() if s not in fetched]

    def _config(self, source_id: str) -> SourceConfig:
        try:
            return self._sources[source_id]
        except KeyError:
            raise UnknownSource(source_id, sorted(self._sources)) from None

    async def import_files(
        self,
        source_id: str,
        files: Sequence[SourceFile],
        as_of: date | None = None,
        *,
        via: LoadVia = "import",
    ) -> LoadReport:
        """Parse and store local files of a known source (``podium import``, bundled data)."""
        source = self._config(source_id).source
        origin = import_origin(file.name for file in files)
        digest = files_digest(files, as_of, via)
        async with self._lock.hold():
            report = await self._unchanged(source_id, origin, digest, via)
            if report is None:
                try:
                    parsed = await parse_off_the_loop(source, files)
                    log_notes(parsed, origin, via)
                except SourceError as exc:
                    await self._ingestor.record(source_id, origin, "refused", exc.reason, via=via)
                    self._model.announce()
                    return LoadReport(source_id, origin, "refused", reason=_describe(exc))
                report = await self._ingestor.store(source, parsed, origin, as_of=as_of, via=via)
                await self._recent.remember(digest, report)
        self._model.announce()  # the next command sees the new data (many imports: one rebuild)
        return report

    async def _unchanged(
        self,
        source_id: str,
        origin: str,
        digest: str,
        via: LoadVia,
        validators: Validators | None = None,
    ) -> LoadReport | None:
        """The report of a load whose files are byte for byte the last ones loaded (nothing
        parsed; the check is logged), or ``None``."""
        boards = await self._recent.unchanged(source_id, digest)
        if boards is None:
            return None
        await self._ingestor.record(source_id, origin, "unchanged", "", validators, via=via)
        return LoadReport(source_id, origin, "unchanged", boards)

    async def backfill(
        self,
        source_id: str,
        since: date | None = None,
        progress: BackfillProgress | None = None,
    ) -> BackfillReport:
        """Load a source's published history as dated snapshots (``data.backfill``): no
        alerts, resumable, never replacing a stored (board, date)."""
        if self._fetcher is None:
            raise SourceError("", "this process has no HTTP client for fetching sources")
        config = self._config(source_id)
        report = await backfill(
            config.source,
            config.url,
            self._fetcher,
            self._ingestor,
            self._lock,
            self._snapshot_dates,
            since,
            progress,
        )
        await self._model.reload()
        return report

    async def _snapshot_dates(self, source_id: str) -> set[tuple[str, date]]:
        async with self._sessions() as session:
            return await LeaderboardRepository(session).snapshot_dates(source_id)

    async def load_bundled(self, announce: Callable[[str], None] | None = None) -> None:
        """Load the snapshots shipped in the package (``data.bundle``) into an empty database.

        Each bundled snapshot is recorded as loaded, so a first start that was interrupted (or a
        database error midway) resumes with the missing ones next time instead of leaving a
        half-loaded database that looks complete. A database that already holds other data
        (live deployments) is left alone. ``announce`` tells a waiting user about the work.
        """
        async with self._sessions() as session:
            loaded = await SourceCheckRepository(session).origins("bundled")
            empty = await LeaderboardRepository(session).data_version() == 0
        if not loaded and not empty:
            return
        missing = [snapshot for snapshot in BUNDLED if import_origin(snapshot.names) not in loaded]
        if missing and announce is not None:
            announce("First start: loading the bundled leaderboard snapshots (a few seconds)…")
        for number, snapshot in enumerate(missing, start=1):
            report = await self.import_files(
                snapshot.source_id, read_bundled(snapshot), via="bundled"
            )
            log.info("bundled %s: %s %s", snapshot.source_id, report.status, report.reason)
            if announce is not None:
                rows = sum(board.rows for board in report.boards)
                announce(f"  {number}/{len(missing)} {snapshot.source_id}: {rows:,} rows")

    async def last_checks(self) -> dict[str, datetime]:
        """When each source was last fetched: where its schedule resumes after a restart, and
        what tells a scheduled tick that another process has just refreshed it."""
        async with self._sessions() as session:
            repo = SourceCheckRepository(session)
            checks = {s: await repo.latest(s, via="fetch") for s in self.source_ids()}
        return {s: check.checked_at for s, check in checks.items() if check is not None}

    async def refresh(
        self, source_ids: Sequence[str] | None = None, progress: Progress | None = None
    ) -> list[LoadReport]:
        """Fetch and store each source; one failing source never stops the others.

        A refresh already running in this process is joined, not started twice (see
        ``data.refreshing``); one running in another process raises ``RefreshInProgress``.
        """
        if self._fetcher is None:
            raise SourceError("", "this process has no HTTP client for fetching sources")
        wanted = list(dict.fromkeys(source_ids)) if source_ids else await self.refresh_ids()
        for source_id in wanted:
            self._config(source_id)  # unknown ids fail before anything runs
        reports = await self._runs.refresh(wanted, progress)
        # Swap in the new view now, while the refresh is still the slow part, rather than in
        # the first command after it (which would then have to defer).
        await self._model.reload()
        return reports

    async def _refresh_one(self, config: SourceConfig, progress: Progress | None) -> LoadReport:
        source, url = config.source, config.url
        # Addresses may carry credentials (user:pass@, ?token=): logs and the check log get
        # the redacted form only.
        origin = redact_url(url)
        assert self._fetcher is not None
        try:
            if progress:
                await progress(source.source_id, "fetching", None)
            validators = await self._ingestor.validators(source.source_id, origin)
            download = await source.fetch(self._fetcher, url, validators)
            if download.not_modified:
                await self._ingestor.record(source.source_id, origin, "not_modified", "HTTP 304")
                return LoadReport(source.source_id, origin, "not_modified")
            digest = files_digest(download.files, None, "fetch")
            known = await self._unchanged(
                source.source_id, redact_url(download.url), digest, "fetch", download.validators
            )
            if known is not None:
                return known
            if progress:
                await progress(source.source_id, "parsing", None)
            parsed = await parse_off_the_loop(source, download.files)
            log_notes(parsed, origin, "fetch")
            if progress:
                await progress(source.source_id, "storing", None)
            report = await self._ingestor.store(
                source, parsed, redact_url(download.url), validators=download.validators
            )
            await self._recent.remember(digest, report)
            return report

        except SourceError as exc:
            reason = _describe(exc)
            log.warning("refresh of %s from %s failed: %s", source.source_id, origin, reason)
            status: LoadStatus = "refused" if isinstance(exc, SourceFormatError) else "failed"
            await self._ingestor.record(source.source_id, origin, status, reason)
            return LoadReport(source.source_id, origin, status, reason=reason)


async def parse_off_the_loop(
    source: LeaderboardSource, files: Sequence[SourceFile]
) -> ParsedSnapshot:
    """``source.parse(files)`` in a worker thread: the largest files take seconds of CPU,
    which on the event loop would hold up every command meanwhile."""
    return await asyncio.to_thread(source.parse, files)


def log_notes(parsed: ParsedSnapshot, origin: str, via: LoadVia) -> None:
    """Log what the adapter passed over: a warning for fetched or imported files (upstream
    trouble, or a file the operator chose), info for bundled ones (known files, reviewed when
    they were added: nothing an operator must act on at every first start)."""
    level = logging.INFO if via == "bundled" else logging.WARNING
    for note in parsed.notes:
        log.log(level, "%s (%s): %s", parsed.source_id, origin, note)


def import_origin(names: Iterable[str]) -> str:
    """How a load from local files is recorded: the file names."""
    return ", ".join(names)


def _describe(exc: SourceError) -> str:
    return f"{exc.reason} ({exc.where})" if exc.where else exc.reason
