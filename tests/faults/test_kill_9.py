"""``kill -9`` of ``podium import`` and ``podium refresh`` at chosen points, then a re-run.

The process is killed with SIGKILL (no cleanup, no ``finally``) at a point chosen with
``tests/faults/crash_at.py``: after parsing, in the middle of writing a multi-board snapshot,
after the commit, or while the download is still coming. Afterwards the database holds the
previous data whole (every snapshot exactly the rows it counts), nothing half stored, no lock
left behind, and the same command run again succeeds. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from tests.conftest import FIXTURES, fixture_file
from tests.faults.storage import stored, whole
from tests.http_server import loopback_server

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = "livebench/livebench_categories_2024_07_26.json"
EARLIER = "livebench/livebench_table_2024_07_26_as_of_2024-08-19.csv"
LATER = "livebench/livebench_table_2024_07_26_as_of_2024-09-07.csv"
BOARDS = 7  # LiveBench's overall board and six categories


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """The child's environment: this database, no bundled data, the tests importable."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "PODIUM_DATABASE_URL": database_url,
        "PODIUM_BUNDLED_DATA": "0",
        "PODIUM_FETCH_ATTEMPTS": "1",
        **extra,
    }


async def killed_at(point: str, env: dict[str, str], cwd: Path, *podium: str) -> None:
    """Run ``podium`` until it reports ``point`` (see ``crash_at``), then SIGKILL it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.faults.crash_at", point, *podium,
        env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), timeout=120)
        assert line.decode().strip() == f"AT {point}", line
    finally:
        process.kill()
        assert await process.wait() == -signal.SIGKILL


async def killed_when(seen: asyncio.Event, env: dict[str, str], cwd: Path, *podium: str) -> None:
    """Run ``podium`` until ``seen`` is set (by the loopback server), then SIGKILL it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *podium,
        env=env, cwd=cwd, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await asyncio.wait_for(seen.wait(), timeout=120)
    finally:
        process.kill()
        assert await process.wait() == -signal.SIGKILL


def services(settings_for: Callable[..., Settings], database_url: str, **extra: object):  # type: ignore[no-untyped-def]
    return open_services(settings_for(database_url, **extra))


async def import_files(podium: Services, *names: str) -> str:
    report = await podium.loading.import_files("livebench", [fixture_file(name) for name in names])
    return report.status


@pytest.mark.parametrize("point", ["before-write", "mid-write", "after-commit"])
async def test_kill_9_during_an_import_loses_nothing_and_a_rerun_succeeds(
    database_url: str, settings_for: Callable[..., Settings], tmp_path: Path, point: str
) -> None:
    async with services(settings_for, database_url) as podium:
        assert await import_files(podium, EARLIER, CATEGORIES) == "new"
    before, checks = await stored(database_url)
    assert len(before) == BOARDS

    files = [str(FIXTURES / name) for name in (LATER, CATEGORIES)]
    await killed_at(point, environment(database_url), tmp_path, "import", "livebench", *files)

    after, checks_after = await stored(database_url)
    assert whole(after)
    assert checks_after == checks  # the killed run never got to log its outcome
    if point == "after-commit":
        assert before < after and len(after - before) == BOARDS  # committed means complete
    else:
        assert after == before
    async with services(settings_for, database_url) as podium:
        again = await import_files(podium, LATER, CATEGORIES)
        assert again == ("unchanged" if point == "after-commit" else "new")
        rank = await podium.leaderboards.rank("claude 3.5 sonnet", "livebench")
        assert rank.status == "match"
    final, _ = await stored(database_url)
    assert whole(final) and len(final) == 2 * BOARDS


@pytest.mark.parametrize("point", ["downloading", "mid-write"])
async def test_kill_9_during_a_refresh_leaves_no_lock_and_a_rerun_succeeds(
    database_url: str, settings_for: Callable[..., Settings], tmp_path: Path, point: str
) -> None:
    """Killed while the table is still downloading, or half-way through storing it: on
    PostgreSQL the refresh lock died with the process, so the next refresh runs at once."""
    table, categories = (FIXTURES / LATER).read_bytes(), (FIXTURES / CATEGORIES).read_bytes()
    seen = asyncio.Event()
    hanging = {"on": point == "downloading"}

    async def serve_table(request: web.Request) -> web.StreamResponse:
        if hanging["on"]:
            seen.set()
            await asyncio.sleep(3600)  # the body never comes: the process dies waiting
        return web.Response(body=table)

    async def serve_categories(request: web.Request) -> web.Response:
        return web.Response(body=categories)

    async with loopback_server() as server:
        url = server.route("/lb/table_2024_07_26.csv", serve_table)
        server.route("/lb/categories_2024_07_26.json", serve_categories)
        env = environment(database_url, PODIUM_SOURCE_LIVEBENCH_URL=url)
        async with services(settings_for, database_url) as podium:
            assert await import_files(podium, EARLIER, CATEGORIES) == "new"
        before, _ = await stored(database_url)

        if point == "downloading":
            await killed_when(seen, env, tmp_path, "refresh", "livebench")
        else:
            await killed_at(point, env, tmp_path, "refresh", "livebench")
        hanging["on"] = False

        after, _ = await stored(database_url)
        assert whole(after) and after == before
        extra = {"PODIUM_SOURCE_LIVEBENCH_URL": url}
        async with (
            aiohttp.ClientSession() as http,
            open_services(settings_for(database_url, **extra), http=http) as podium,
        ):
            [report] = await asyncio.wait_for(podium.loading.refresh(["livebench"]), 60)
            assert report.status == "new", report.reason
    final, _ = await stored(database_url)
    assert whole(final) and len(final) == 2 * BOARDS
