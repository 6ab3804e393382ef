"""Bodies of the scheduled jobs: call the service, log, announce. They never raise.

A job that raised would only be logged by APScheduler, but a job that swallowed nothing could
still kill what awaits it; here every failure is caught and logged with the source id, so one
source's trouble never touches the others or the bot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduler import build_scheduler
from bot.settings import Settings
from data.domain.errors import RefreshInProgress
from data.domain.types import LoadReport
from data.loading import LoadingService

log = logging.getLogger(__name__)

#: Told of every finished refresh (the bot dispatches ``rankings_refreshed``).
Announce = Callable[[Sequence[LoadReport]], None]


class RefreshJob:
    """The scheduled refresh of a source: ``await job.run(source_id)``.

    The scheduler is given the bound coroutine method ``run``, not the object: APScheduler
    only awaits what ``inspect.iscoroutinefunction`` recognises, and would otherwise call
    an async ``__call__`` in a thread and drop the coroutine.

    Several processes may run the same schedule on one database (each bot of ``PODIUM_ROLE=all``,
    or two refreshers). Each tick refreshes a source once among them: a tick that starts while
    another process refreshes is turned away by the refresh lock, and one that starts after it
    finished sees the source checked less than ``min_gaps[source]`` ago and skips.
    """

    def __init__(
        self,
        loading: LoadingService,
        announce: Announce,
        *,
        min_gaps: Mapping[str, timedelta] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        """Refresh through ``loading``; ``announce`` the reports."""
        self._loading = loading
        self._announce = announce
        self._min_gaps = dict(min_gaps or {})
        self._clock = clock

    async def run(self, source_id: str) -> None:
        """Refresh ``source_id`` (joining a refresh already running), then queue the "failing
        for over a day" notices due for any source; never raises."""
        await self._refresh(source_id)
        try:
            await self._loading.note_overdue_failures()
        except Exception:
            log.exception("queueing overdue failure notices failed")

    async def _refresh(self, source_id: str) -> None:
        try:
            if await self._checked_lately(source_id):
                return
        except Exception:  # cannot tell: refreshing twice is better than not at all
            log.exception("reading the last check of %s failed", source_id)
        try:
            reports = await self._loading.refresh([source_id])
        except RefreshInProgress:
            log.info("scheduled refresh of %s skipped: another process is refreshing", source_id)
            return
        except Exception:
            log.exception("scheduled refresh of %s failed", source_id)
            return
        for report in reports:
            changes = sum(len(board.changes) for board in report.boards)
            log.info(
                "scheduled refresh of %s: %s, %d board(s), %d change(s)%s",
                report.source_id,
                report.status,
                len(report.boards),
                changes,
                f": {report.reason}" if report.reason else "",
            )
        try:
            self._announce(reports)
        except Exception:
            log.exception("announcing the refresh of %s failed", source_id)

    async def _checked_lately(self, source_id: str) -> bool:
        gap = self._min_gaps.get(source_id)
        if not gap:
            return False
        checked = (await self._loading.last_checks()).get(source_id)
        if checked is None or self._clock() - checked >= gap:
            return False
        log.info(
            "scheduled refresh of %s skipped: checked at %s, by another process this tick",
            source_id,
            checked.isoformat(timespec="seconds"),
        )
        return True


async def start_schedule(
    loading: LoadingService, settings: Settings, announce: Announce, *, now: datetime
) -> AsyncIOScheduler:
    """Start the refresh schedule ``settings`` describe, resuming from each source's last check.

    A source checked within half its period (by another process on this database) is not
    refreshed again by this tick.
    """
    schedules = {source_id: settings.schedule(source_id) for source_id in loading.scheduled_ids()}
    gaps = {source_id: s.period() / 2 for source_id, s in schedules.items() if s is not None}
    scheduler = build_scheduler(
        schedules,
        RefreshJob(loading, announce, min_gaps=gaps).run,
        jitter=settings.schedule_jitter_s,
        last_runs=await loading.last_checks(),
        now=now,
    )
    scheduler.start()
    log.info("refresh schedule: %s", ", ".join(j.id for j in scheduler.get_jobs()) or "none")
    return scheduler
