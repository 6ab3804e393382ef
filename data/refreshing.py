"""One refresh at a time per process, joined by whoever asks while it runs.

The scheduled jobs, ``/refresh`` and ``podium refresh`` all come here (through
``LoadingService.refresh``). A request arriving while a run is going joins it: it hears the
run's progress (replayed from the start) and gets the run's reports for the sources it asked
for; sources the run does not cover are refreshed by the next run, which the first waiting
request starts. Across processes the ``RefreshLock`` decides, and the loser raises
``RefreshInProgress``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from data.domain.types import LoadReport
from data.store.locks import RefreshLock

log = logging.getLogger(__name__)

#: Called as a refresh moves on: ``(source id, stage, report or None)``; stages are
#: ``fetching``, ``parsing``, ``storing`` and ``done`` (with the report).
Progress = Callable[[str, str, LoadReport | None], Awaitable[None]]

#: Refreshes one source, telling ``progress`` of its stages; never raises ``SourceError``.
RefreshOne = Callable[[str, Progress], Awaitable[LoadReport]]

#: What a source that failed unexpectedly reports (the exception itself is logged).
INTERNAL_ERROR = "internal error while refreshing; the details are in the log"


@dataclass
class _Run:
    """One run over some sources: its task, the listeners and what has happened so far."""

    sources: tuple[str, ...]
    listeners: list[Progress] = field(default_factory=list)
    events: list[tuple[str, str, LoadReport | None]] = field(default_factory=list)
    task: asyncio.Task[dict[str, LoadReport]] | None = None

    async def emit(self, source_id: str, stage: str, report: LoadReport | None) -> None:
        """Tell every listener; a listener that fails (say, a Discord edit) is only logged."""
        self.events.append((source_id, stage, report))
        for listener in list(self.listeners):
            await _tell(listener, source_id, stage, report)

    async def join(self, listener: Progress | None) -> None:
        """Hear this run from now on, after a replay of what already happened."""
        if listener is None:
            return
        for event in list(self.events):
            await _tell(listener, *event)
        self.listeners.append(listener)


async def _tell(listener: Progress, source_id: str, stage: str, report: LoadReport | None) -> None:
    try:
        await listener(source_id, stage, report)
    except Exception:
        log.exception("refresh progress listener failed at %s %s", source_id, stage)


class RefreshRuns:
    """Runs refreshes one at a time under ``lock``; concurrent requests join the current run."""

    def __init__(self, lock: RefreshLock, refresh_one: RefreshOne) -> None:
        """Use ``refresh_one`` for each source, holding ``lock`` for a whole run."""
        self._lock = lock
        self._refresh_one = refresh_one
        self._current: _Run | None = None

    async def refresh(
        self, source_ids: Sequence[str], progress: Progress | None
    ) -> list[LoadReport]:
        """The reports of ``source_ids``, in that order, from the current run or new ones."""
        reports: dict[str, LoadReport] = {}
        while missing := [source_id for source_id in source_ids if source_id not in reports]:
            run = self._current
            if run is None or run.task is None or run.task.done():
                run = self._start(missing)
            await run.join(progress)
            # Shielded: a caller that gives up (an expired interaction) must not cancel the
            # run the other callers and the database transaction depend on.
            done = await asyncio.shield(run.task) if run.task else {}
            if progress is not None and progress in run.listeners:
                run.listeners.remove(progress)
            reports.update({k: v for k, v in done.items() if k in missing})
        return [reports[source_id] for source_id in source_ids]

    def _start(self, source_ids: Sequence[str]) -> _Run:
        run = _Run(tuple(source_ids))
        run.task = asyncio.create_task(self._run(run), name=f"refresh {','.join(source_ids)}")
        self._current = run
        return run

    async def _run(self, run: _Run) -> dict[str, LoadReport]:
        reports: dict[str, LoadReport] = {}
        async with self._lock.hold():
            for source_id in run.sources:
                try:
                    report = await self._refresh_one(source_id, run.emit)
                except Exception:  # one broken source never stops the others
                    log.exception("refresh of %s failed unexpectedly", source_id)
                    report = LoadReport(source_id, "", "failed", reason=INTERNAL_ERROR)
                reports[source_id] = report
                await run.emit(source_id, "done", report)
        return reports
