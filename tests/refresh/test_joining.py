"""One refresh at a time in a process: a second request joins the running one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from data.domain.errors import RefreshInProgress
from data.domain.types import LoadReport
from data.refreshing import INTERNAL_ERROR, Progress, RefreshRuns
from data.store.locks import RefreshLock
from data.store.session import create_engine


class Sources:
    """Fake per-source refreshes that wait until the test releases them."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.release = asyncio.Event()

    async def refresh_one(self, source_id: str, progress: Progress) -> LoadReport:
        self.started.append(source_id)
        await progress(source_id, "fetching", None)
        await self.release.wait()
        if source_id == "broken":
            raise RuntimeError("a bug in an adapter")
        return LoadReport(source_id, f"https://{source_id}", "unchanged")


@pytest.fixture
async def lock() -> AsyncIterator[RefreshLock]:
    engine = create_engine("sqlite+aiosqlite://")  # SQLite: the in-process lock, no I/O
    yield RefreshLock(engine)
    await engine.dispose()


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_a_second_request_joins_the_running_refresh(lock: RefreshLock) -> None:
    """Both callers get the one run's report; the source is fetched once; the joiner hears
    the progress that happened before it joined."""
    sources = Sources()
    runs = RefreshRuns(lock, sources.refresh_one)
    heard: list[tuple[str, str]] = []

    async def listen(source_id: str, stage: str, report: LoadReport | None) -> None:
        heard.append((source_id, stage))

    first = asyncio.create_task(runs.refresh(["lmarena"], None))
    await settle()
    second = asyncio.create_task(runs.refresh(["lmarena"], listen))
    await settle()
    sources.release.set()
    assert await first == await second
    assert sources.started == ["lmarena"]
    assert heard == [("lmarena", "fetching"), ("lmarena", "done")]


async def test_sources_the_running_refresh_lacks_are_refreshed_after_it(lock: RefreshLock) -> None:
    """Joining a run of lmarena while asking for lmarena and arena_hard: lmarena comes from
    the run, arena_hard from the next one."""
    sources = Sources()
    runs = RefreshRuns(lock, sources.refresh_one)
    first = asyncio.create_task(runs.refresh(["lmarena"], None))
    await settle()
    both = asyncio.create_task(runs.refresh(["arena_hard", "lmarena"], None))
    await settle()
    sources.release.set()
    await first
    reports = await both
    assert [r.source_id for r in reports] == ["arena_hard", "lmarena"]
    assert sources.started == ["lmarena", "arena_hard"]


async def test_a_source_that_fails_unexpectedly_does_not_stop_the_others(
    lock: RefreshLock,
) -> None:
    """It reports 'failed' with a generic reason; the next source still runs."""
    sources = Sources()
    sources.release.set()
    runs = RefreshRuns(lock, sources.refresh_one)
    broken, fine = await runs.refresh(["broken", "lmarena"], None)
    assert (broken.status, broken.reason) == ("failed", INTERNAL_ERROR)
    assert fine.status == "unchanged"


async def test_a_failing_progress_listener_does_not_break_the_refresh(lock: RefreshLock) -> None:
    """A Discord edit that fails is logged; the refresh goes on."""
    sources = Sources()
    sources.release.set()
    runs = RefreshRuns(lock, sources.refresh_one)

    async def explode(source_id: str, stage: str, report: LoadReport | None) -> None:
        raise RuntimeError("edit failed")

    [report] = await runs.refresh(["lmarena"], explode)
    assert report.status == "unchanged"


async def test_a_caller_giving_up_does_not_cancel_the_run(lock: RefreshLock) -> None:
    """An expired interaction's task is cancelled; the other caller still gets its report."""
    sources = Sources()
    runs = RefreshRuns(lock, sources.refresh_one)
    quitter = asyncio.create_task(runs.refresh(["lmarena"], None))
    await settle()
    stayer = asyncio.create_task(runs.refresh(["lmarena"], None))
    await settle()
    quitter.cancel()
    await settle()
    sources.release.set()
    [report] = await stayer
    assert report.status == "unchanged"


async def test_the_lock_held_elsewhere_means_refresh_in_progress(lock: RefreshLock) -> None:
    """Another holder of the lock (another process on PostgreSQL) is not joined but reported."""
    sources = Sources()
    sources.release.set()
    runs = RefreshRuns(lock, sources.refresh_one)
    async with lock.hold():
        with pytest.raises(RefreshInProgress):
            await runs.refresh(["lmarena"], None)
    assert sources.started == []
