"""The refresh schedule: one APScheduler job per source, with explicit defaults.

APScheduler 3.x defaults are not trusted (``misfire_grace_time`` is 1 s, the timezone is the
host's): every job runs in UTC, coalesces missed runs into one, never overlaps itself, and may
start late by up to half its period. Job ids are stable (``refresh:<source>``), so jobs can
be looked up and replaced.

Restart-safe: the schedule resumes from each source's last check (kept in the database), not
from the restart. A source checked an hour ago on a six-hour interval is due in five hours;
one whose run was missed while the bot was down runs shortly after start.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

#: An overdue source waits this long after start (at most one period), so the bot connects
#: first and a crash loop does not hammer the sources.
STARTUP_DELAY = timedelta(seconds=30)
#: Longest time a run may start late; beyond it the run is skipped until the next one.
MAX_MISFIRE_GRACE = timedelta(hours=1)

_EVERY = re.compile(r"every\s+(\d+)\s*([smhd])", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_SOME_DAY = datetime(2026, 1, 5, tzinfo=UTC)  # a Monday, to measure a crontab's period


def job_id(source_id: str) -> str:
    """The stable id of a source's refresh job."""
    return f"refresh:{source_id}"


@dataclass(frozen=True, slots=True)
class Schedule:
    """When a source is refreshed: every ``every``, or at the times of a UTC ``crontab``."""

    every: timedelta | None = None
    crontab: str | None = None

    @classmethod
    def parse(cls, text: str) -> Schedule | None:
        """``every 6h`` (units s, m, h, d), ``cron <5 crontab fields>`` or ``off`` (None).

        Crontab days of the week are best written as names: APScheduler 3 numbers them from
        Monday = 0, not Sunday as cron does.

        Raises ``ValueError`` with the reason for anything else.
        """
        cleaned = " ".join(text.split())
        if cleaned.lower() == "off":
            return None
        every = _EVERY.fullmatch(cleaned)
        if every:
            period = timedelta(**{_UNITS[every[2].lower()]: int(every[1])})
            if period < timedelta(seconds=1):
                raise ValueError("a schedule interval must be at least 1 second")
            return cls(every=period)
        if cleaned.lower().startswith("cron "):
            crontab = cleaned[5:]
            CronTrigger.from_crontab(crontab, timezone=UTC)  # raises ValueError when invalid
            return cls(crontab=crontab)
        raise ValueError(f"expected 'every <n><s|m|h|d>', 'cron <crontab>' or 'off', got {text!r}")

    def trigger(self, jitter: float) -> BaseTrigger:
        """The APScheduler trigger, firing up to ``jitter`` seconds late (spreads the load)."""
        spread = int(jitter) or None
        if self.every is not None:
            return IntervalTrigger(seconds=self.every.total_seconds(), timezone=UTC, jitter=spread)
        assert self.crontab is not None
        trigger = CronTrigger.from_crontab(self.crontab, timezone=UTC)
        trigger.jitter = spread
        return trigger

    def period(self) -> timedelta:
        """The interval, or the gap between a crontab's first two times after a fixed day."""
        if self.every is not None:
            return self.every
        trigger = self.trigger(0)
        first = trigger.get_next_fire_time(None, _SOME_DAY)
        assert first is not None
        second = trigger.get_next_fire_time(first, first + timedelta(microseconds=1))
        assert second is not None
        return second - first

    def first_run(self, last_run: datetime | None, now: datetime) -> datetime:
        """When the job first runs after a start: where the schedule left off, or soon when a
        run was missed (or the source never checked)."""
        soon = now + min(self.period(), STARTUP_DELAY)
        if last_run is None:
            return soon
        if self.every is not None:
            due: datetime | None = last_run + self.every
        else:  # the first time of the crontab after the last run
            due = self.trigger(0).get_next_fire_time(None, last_run)
        return due if due is not None and due > now else soon


def misfire_grace(period: timedelta) -> int:
    """Seconds a run may start late: half the period, at least 1 s, at most an hour."""
    return max(1, int(min(period / 2, MAX_MISFIRE_GRACE).total_seconds()))


def build_scheduler(
    schedules: Mapping[str, Schedule | None],
    job: Callable[[str], Awaitable[None]],
    *,
    jitter: float,
    last_runs: Mapping[str, datetime],
    now: datetime,
) -> AsyncIOScheduler:
    """A scheduler (not started) with one job per scheduled source calling ``job(source_id)``.

    ``last_runs`` are the sources' last checks, where each schedule resumes.
    """
    scheduler = AsyncIOScheduler(timezone=UTC)
    for source_id, schedule in sorted(schedules.items()):
        if schedule is None:
            continue
        scheduler.add_job(
            job,
            trigger=schedule.trigger(jitter),
            args=[source_id],
            id=job_id(source_id),
            name=f"refresh {source_id}",
            replace_existing=True,
            coalesce=True,  # runs missed while down or busy: one run, not a burst
            max_instances=1,
            misfire_grace_time=misfire_grace(schedule.period()),
            next_run_time=schedule.first_run(last_runs.get(source_id), now),
        )
    return scheduler
