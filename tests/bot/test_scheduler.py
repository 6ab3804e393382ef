"""The refresh schedule, built but not started: ids, triggers, explicit defaults; and the
job wrapper, which survives whatever the refresh does."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from pydantic import ValidationError

from bot.jobs import RefreshJob
from bot.scheduler import STARTUP_DELAY, Schedule, build_scheduler, misfire_grace
from bot.settings import Settings
from data.domain.errors import RefreshInProgress
from data.domain.types import LoadReport

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


async def nothing(source_id: str) -> None:
    """A job body for schedulers that are never started."""


@pytest.mark.parametrize(
    ("text", "schedule"),
    [
        ("every 6h", Schedule(every=timedelta(hours=6))),
        ("  Every 90 S ", Schedule(every=timedelta(seconds=90))),
        ("every 2d", Schedule(every=timedelta(days=2))),
        ("cron 0 */6 * * *", Schedule(crontab="0 */6 * * *")),
        ("off", None),
    ],
)
def test_schedules_parse(text: str, schedule: Schedule | None) -> None:
    """Intervals, crontabs and off."""
    assert Schedule.parse(text) == schedule


@pytest.mark.parametrize("text", ["6h", "every 0s", "every 5 weeks", "cron 61 * * * *", ""])
def test_bad_schedules_are_refused(text: str) -> None:
    """Anything else is a ValueError naming the problem."""
    with pytest.raises(ValueError):
        Schedule.parse(text)


def test_settings_fail_fast_on_a_bad_schedule(settings_for: Callable[..., Settings]) -> None:
    """A typo in the environment stops the start, not the first refresh."""
    with pytest.raises(ValidationError, match="PODIUM_SOURCE_LMARENA_SCHEDULE"):
        settings_for("sqlite+aiosqlite://", PODIUM_SOURCE_LMARENA_SCHEDULE="every day")


def test_a_source_schedule_overrides_the_default(settings_for: Callable[..., Settings]) -> None:
    """``PODIUM_SOURCE_<ID>_SCHEDULE`` over ``PODIUM_REFRESH_SCHEDULE``; off is None."""
    settings = settings_for(
        "sqlite+aiosqlite://",
        PODIUM_REFRESH_SCHEDULE="every 12h",
        PODIUM_SOURCE_LMARENA_SCHEDULE="every 1h",
        PODIUM_SOURCE_OPEN_LLM_SCHEDULE="off",
    )
    assert settings.schedule("lmarena") == Schedule(every=timedelta(hours=1))
    assert settings.schedule("arena_hard") == Schedule(every=timedelta(hours=12))
    assert settings.schedule("open_llm") is None


def test_the_scheduler_has_one_job_per_scheduled_source_with_explicit_defaults() -> None:
    """UTC, coalescing, one instance, a misfire grace of half the period, stable ids, jitter."""
    scheduler = build_scheduler(
        {
            "lmarena": Schedule(every=timedelta(hours=1)),
            "superclue": Schedule(crontab="30 3 * * *"),
            "open_llm": None,
        },
        nothing,
        jitter=300,
        last_runs={},
        now=NOW,
    )
    assert str(scheduler.timezone) == "UTC"
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert sorted(jobs) == ["refresh:lmarena", "refresh:superclue"]
    lmarena, superclue = jobs["refresh:lmarena"], jobs["refresh:superclue"]
    assert isinstance(lmarena.trigger, IntervalTrigger)
    assert lmarena.trigger.interval == timedelta(hours=1) and lmarena.trigger.jitter == 300
    assert isinstance(superclue.trigger, CronTrigger) and superclue.trigger.jitter == 300
    assert lmarena.args == ("lmarena",) and lmarena.func is nothing
    for job in jobs.values():
        assert job.coalesce is True and job.max_instances == 1
    assert lmarena.misfire_grace_time == 1800  # half the period
    assert superclue.misfire_grace_time == 3600  # half a day, capped at an hour
    assert not scheduler.running


@pytest.mark.parametrize(
    ("period", "grace"),
    [(timedelta(seconds=1), 1), (timedelta(minutes=10), 300), (timedelta(days=1), 3600)],
)
def test_misfire_grace_is_half_the_period_within_bounds(period: timedelta, grace: int) -> None:
    """Never APScheduler's 1 s default for a long period, never more than an hour."""
    assert misfire_grace(period) == grace


def test_the_schedule_resumes_from_the_last_check() -> None:
    """Checked an hour ago on a 6 h interval: due in 5 h. Overdue or never checked: soon."""
    every_6h = Schedule(every=timedelta(hours=6))
    assert every_6h.first_run(NOW - timedelta(hours=1), NOW) == NOW + timedelta(hours=5)
    assert every_6h.first_run(NOW - timedelta(hours=7), NOW) == NOW + STARTUP_DELAY
    assert every_6h.first_run(None, NOW) == NOW + STARTUP_DELAY
    every_second = Schedule(every=timedelta(seconds=1))
    assert every_second.first_run(None, NOW) == NOW + timedelta(seconds=1)
    daily = Schedule(crontab="0 3 * * *")
    assert daily.first_run(NOW - timedelta(hours=2), NOW) == NOW + timedelta(hours=15)
    assert daily.first_run(NOW - timedelta(days=2), NOW) == NOW + STARTUP_DELAY


def test_the_job_the_scheduler_gets_is_awaited_by_it() -> None:
    """APScheduler awaits only coroutine functions: an async ``__call__`` would be run in a
    thread and its coroutine dropped."""
    job = RefreshJob(FakeLeaderboards([]), lambda reports: None)  # type: ignore[arg-type]
    scheduler = build_scheduler(
        {"lmarena": Schedule(every=timedelta(hours=1))}, job.run, jitter=0, last_runs={}, now=NOW
    )
    [scheduled] = scheduler.get_jobs()
    assert inspect.iscoroutinefunction(scheduled.func)


def test_the_first_run_is_set_on_the_job() -> None:
    """The built job starts where the schedule left off."""
    scheduler = build_scheduler(
        {"lmarena": Schedule(every=timedelta(hours=6))},
        nothing,
        jitter=0,
        last_runs={"lmarena": NOW - timedelta(hours=2)},
        now=NOW,
    )
    [job] = scheduler.get_jobs()
    assert job.next_run_time == NOW + timedelta(hours=4)


class FakeLeaderboards:
    """``refresh`` behaves as told; calls are recorded."""

    def __init__(self, outcome: BaseException | list[LoadReport]) -> None:
        self.outcome = outcome
        self.calls: list[list[str]] = []
        self.overdue_checks = 0

    async def note_overdue_failures(self) -> None:
        self.overdue_checks += 1

    async def refresh(self, source_ids: Sequence[str]) -> list[LoadReport]:
        self.calls.append(list(source_ids))
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome


@pytest.mark.parametrize("error", [RuntimeError("database gone"), RefreshInProgress()])
async def test_the_job_survives_any_failure_and_announces_nothing(
    error: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    """A failing refresh is logged with the source id; nothing propagates to the scheduler."""
    caplog.set_level(logging.INFO)
    announced: list[Sequence[LoadReport]] = []
    leaderboards = FakeLeaderboards(error)
    job = RefreshJob(leaderboards, announced.append)  # type: ignore[arg-type]
    await job.run("lmarena")
    assert leaderboards.calls == [["lmarena"]] and announced == []
    assert "lmarena" in caplog.text
    # Whatever became of the refresh, the tick still looks for overdue failure notices.
    assert leaderboards.overdue_checks == 1


async def test_the_job_announces_what_it_refreshed() -> None:
    """The bot wakes the alert worker from the announcement."""
    report = LoadReport("lmarena", "https://x", "unchanged")
    announced: list[Sequence[LoadReport]] = []
    job = RefreshJob(FakeLeaderboards([report]), announced.append)  # type: ignore[arg-type]
    await job.run("lmarena")
    assert announced == [[report]]


async def test_a_failing_announcement_does_not_escape_the_job() -> None:
    """Even the event dispatch is guarded."""

    def explode(reports: Sequence[LoadReport]) -> None:
        raise RuntimeError("no bot")

    job = RefreshJob(FakeLeaderboards([]), explode)  # type: ignore[arg-type]
    await job.run("lmarena")
