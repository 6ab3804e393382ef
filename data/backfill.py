"""``podium backfill``: load a source's published history as dated snapshots.

The history files are downloaded one at a time (the Arena's ``full`` files are tens of MB) and
each publication date is stored as history: it alerts no one, and a (board, date) already
stored is skipped, so an interrupted backfill resumes where it stopped and a second run stores
nothing. Dates newer than what is stored become current like any newer data.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from data.domain.errors import SourceFormatError
from data.domain.types import ParsedSnapshot
from data.ingest import Ingestor
from data.sources.base import Fetcher, LeaderboardSource
from data.sources.http import redact_url
from data.store.locks import RefreshLock

log = logging.getLogger(__name__)

StepStatus = Literal["new", "unchanged", "skipped", "refused"]


@dataclass(frozen=True, slots=True)
class BackfillStep:
    """One publication date of one history file (the shards of one subset, named together),
    as it was handled.

    ``skipped``: every board of that date was already stored (a resumed or repeated run).
    """

    file: str
    index: int
    total: int
    #: ``None`` when the file itself could not be read.
    as_of: date | None
    status: StepStatus
    boards: int
    reason: str = ""


#: Told about every file downloaded (``step`` is ``None``) and every date handled.
BackfillProgress = Callable[[str, BackfillStep | None], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class BackfillReport:
    """What a backfill did: per status, how many publication dates; the refusals in full."""

    source_id: str
    files: tuple[str, ...]
    new: int
    unchanged: int
    skipped: int
    refused: tuple[BackfillStep, ...]


#: How a load's status counts in a backfill (a failed load is a refusal of that date).
_STATUS: dict[str, StepStatus] = {"new": "new", "refused": "refused", "failed": "refused"}

StoredDates = Callable[[str], Awaitable[set[tuple[str, date]]]]


async def backfill(
    source: LeaderboardSource,
    url: str,
    fetcher: Fetcher,
    ingestor: Ingestor,
    lock: RefreshLock,
    stored_dates: StoredDates,
    since: date | None = None,
    progress: BackfillProgress | None = None,
) -> BackfillReport:
    """Store every publication of ``source``'s history from ``since`` on, oldest first."""
    stored = await stored_dates(source.source_id)
    counts = {"new": 0, "unchanged": 0, "skipped": 0}
    refused: list[BackfillStep] = []
    files: list[str] = []
    async for group in source.fetch_history(fetcher, url):
        name = ", ".join(file.name for file in group)
        files.extend(file.name for file in group)
        if progress:
            await progress(name, None)
        try:
            past = source.parse_history(group, since)
        except SourceFormatError as unreadable:
            # One unreadable history file (a new subset's unknown columns) holds back no other.
            step = BackfillStep(name, 0, 0, None, "refused", 0, unreadable.reason)
            refused.append(step)
            log.warning("backfill %s: refused: %s", name, step.reason)
            if progress:
                await progress(name, step)
            continue
        origin = f"{redact_url(url)}/{name} (backfill)"
        building = _build_next(past.snapshots)
        try:
            for index, day in enumerate(past.dates, 1):
                parsed = await building
                assert parsed is not None, "a publication date without its snapshot"
                building = _build_next(past.snapshots)
                status, boards, reason = await _store_date(
                    source, parsed, stored, origin, ingestor, lock
                )
                step = BackfillStep(name, index, len(past.dates), day, status, boards, reason)
                if step.status == "refused":
                    refused.append(step)
                    log.warning("backfill %s %s: refused: %s", name, day, step.reason)
                else:
                    counts[step.status] += 1
                if progress:
                    await progress(name, step)
        finally:
            building.cancel()  # a failed date leaves no date being built
    return BackfillReport(
        source.source_id,
        tuple(files),
        counts["new"],
        counts["unchanged"],
        counts["skipped"],
        tuple(refused),
    )


async def _store_date(
    source: LeaderboardSource,
    parsed: ParsedSnapshot,
    stored: set[tuple[str, date]],
    origin: str,
    ingestor: Ingestor,
    lock: RefreshLock,
) -> tuple[StepStatus, int, str]:
    """Store the boards of one date not stored yet (adding them to ``stored``): the step's
    status, how many boards it tried and why it was refused."""
    missing = _missing(parsed, stored)
    if not missing.boards:
        return "skipped", 0, ""
    async with lock.hold():
        report = await ingestor.store(source, missing, origin, via="import", history=True)
    status = _STATUS.get(report.status, "unchanged")
    if status == "new":
        stored |= {(o.board_id, o.as_of) for o in report.boards if o.status == "new"}
    return status, len(missing.boards), report.reason


def _build_next(snapshots: Iterator[ParsedSnapshot]) -> asyncio.Future[ParsedSnapshot | None]:
    """The next publication date's snapshot, built in a worker thread: reading a date's rows
    into boards is CPU work that runs while the date before is stored, not on the event loop."""
    return asyncio.ensure_future(asyncio.to_thread(next, snapshots, None))


def _missing(parsed: ParsedSnapshot, stored: set[tuple[str, date]]) -> ParsedSnapshot:
    """``parsed`` without the boards already stored at their date."""
    return replace(
        parsed,
        boards=tuple(
            board
            for board in parsed.boards
            if (board.board.board_id, board.as_of or parsed.as_of) not in stored
        ),
    )
