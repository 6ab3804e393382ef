"""Bodies of the scheduled jobs: call the service, log, announce. They never raise.

A job that raised would only be logged by APScheduler, but a job that swallowed nothing could
still kill what awaits it; here every failure is caught and logged with the source id, so one
source's trouble never touches the others or the bot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from data.domain.errors import RefreshInProgress
from data.domain.types import LoadReport
from data.service import LeaderboardService

log = logging.getLogger(__name__)

#: Told of every finished refresh (the bot dispatches ``rankings_refreshed``).
Announce = Callable[[Sequence[LoadReport]], None]


class RefreshJob:
    """The scheduled refresh of a source: ``await job.run(source_id)``.

    The scheduler is given the bound coroutine method ``run``, not the object: APScheduler
    only awaits what ``inspect.iscoroutinefunction`` recognises, and would otherwise call
    an async ``__call__`` in a thread and drop the coroutine.
    """

    def __init__(self, leaderboards: LeaderboardService, announce: Announce) -> None:
        """Refresh through ``leaderboards``; ``announce`` the reports."""
        self._leaderboards = leaderboards
        self._announce = announce

    async def run(self, source_id: str) -> None:
        """Refresh ``source_id`` (joining a refresh already running); never raises."""
        try:
            reports = await self._leaderboards.refresh([source_id])
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


async def last_checks(leaderboards: LeaderboardService) -> dict[str, datetime]:
    """When each source was last checked: where its schedule resumes after a restart."""
    about = await leaderboards.about()
    return {s.source_id: s.last_checked for s in about.sources if s.last_checked is not None}
