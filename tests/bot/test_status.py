"""``podium status [--json]``: healthy and unhealthy databases on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.cli import main
from bot.services import open_services
from bot.settings import Settings
from bot.status import status
from data.sources import SOURCE_IDS
from data.status import head_revisions
from data.store.migrate import downgrade
from data.store.session import create_engine
from tests.conftest import FIXTURES, fixture_file
from tests.http_server import loopback_server

NEWER = FIXTURES / "lmarena/fboulnois_lmsys_2024-08-14.csv"
PATH = "/arena.csv"


async def run_status(
    settings: Settings, later: timedelta = timedelta(0)
) -> tuple[int, dict[str, Any], str]:
    """The exit code, the ``--json`` object and the text form (``later`` than now)."""
    as_json, as_text = io.StringIO(), io.StringIO()

    def clock() -> datetime:
        return datetime.now(UTC) + later

    code = await status(settings, as_json=True, out=as_json, within_s=5, clock=clock)
    assert await status(settings, as_json=False, out=as_text, within_s=5, clock=clock) == code
    return code, json.loads(as_json.getvalue()), as_text.getvalue()


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_a_used_database_is_healthy_and_reports_sources_and_backlog(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """After an import and a fetch of the Arena that queues an alert: reachable, migrated,
    the Arena checked with new data, one alert waiting; the others never checked."""
    async with loopback_server() as server:

        async def arena(request: web.Request) -> web.Response:
            return web.Response(body=NEWER.read_bytes(), headers={"Content-Type": "text/csv"})

        settings = settings_for(
            database_url, PODIUM_SOURCE_LMARENA_URL=server.route(PATH, arena), PODIUM_ROLE="bot"
        )
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            older = fixture_file("lmarena/fboulnois_lmsys_2024-07-07.csv")
            await services.loading.import_files("lmarena", [older])
            await services.subscriptions.follow_board(
                owner_id=1, guild_id=2, target="channel:3", board="lmarena", top_n=5
            )
            [report] = await services.loading.refresh(["lmarena"])
            assert report.status == "new"
    code, report, text = await run_status(settings)
    assert code == 0, report
    assert report["healthy"] is True and report["problems"] == []
    assert report["database"]["kind"] == database_url.split("+")[0]
    assert report["database"]["reachable"] is True
    assert report["migrations"] == {
        "current": True,
        "revisions": list(head_revisions()),
        "head": list(head_revisions()),
    }
    sources = {source["id"]: source for source in report["sources"]}
    assert set(sources) == set(SOURCE_IDS)
    arena = sources["lmarena"]
    assert arena["state"] == "live" and arena["last_status"] == "new"
    assert arena["last_check"] and arena["last_success"] == arena["last_check"]
    assert arena["last_new_data"] <= arena["last_check"]  # stored, then the check recorded
    assert sources["livebench"]["state"] == "no data"
    assert sources["livebench"]["last_check"] is None
    assert report["outbox"]["backlog"] == 1 and report["outbox"]["oldest_pending"]
    assert report["role"] == "bot"
    assert report["shards"] == {"count": 1, "ids": [0], "sharded": False, "syncs_commands": True}
    assert text.startswith("status: healthy")
    assert "alerts waiting: 1" in text
    assert report["warnings"] == []
    code, report, text = await run_status(settings, later=timedelta(hours=2))
    assert code == 0  # an old alert is worth a look, not a restart
    [warning] = report["warnings"]
    assert warning.startswith("1 alert(s) waiting, the oldest since ")
    assert f"warning: {warning}" in text


async def test_a_failing_source_is_a_warning_not_unhealthy(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """The Arena answering 500 three times in a row: its board is failing (as ``/boards``
    says), a warning names it; the process itself is fine."""
    async with loopback_server() as server:

        async def broken(request: web.Request) -> web.Response:
            return web.Response(status=500)

        settings = settings_for(
            database_url,
            PODIUM_SOURCE_LMARENA_URL=server.route(PATH, broken),
            PODIUM_FETCH_ATTEMPTS=1,
        )
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            older = fixture_file("lmarena/fboulnois_lmsys_2024-07-07.csv")
            await services.loading.import_files("lmarena", [older])
            code, report, _ = await run_status(settings)
            assert next(s for s in report["sources"] if s["id"] == "lmarena")["state"] == "stale"
            for _ in range(3):
                [outcome] = await services.loading.refresh(["lmarena"])
                assert outcome.status == "failed"
    code, report, text = await run_status(settings)
    assert code == 0
    arena = next(source for source in report["sources"] if source["id"] == "lmarena")
    assert (arena["state"], arena["last_status"], arena["last_success"]) == (
        "failing",
        "failed",
        None,
    )
    [warning] = report["warnings"]
    assert warning.startswith("lmarena is failing")
    assert text.startswith("status: healthy") and f"warning: {warning}" in text


async def test_migrations_behind_are_unhealthy(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """A database left at an older revision: exit 1, saying what to run."""
    settings = settings_for(database_url)
    async with open_services(settings):
        pass
    engine = create_engine(database_url)
    try:
        await downgrade(engine, "0001_leaderboards")
    finally:
        await engine.dispose()
    code, report, text = await run_status(settings)
    assert code == 1
    assert report["healthy"] is False
    assert report["database"]["reachable"] is True
    assert report["migrations"]["current"] is False
    assert report["migrations"]["revisions"] == ["0001_leaderboards"]
    [problem] = report["problems"]
    assert "migrations not current" in problem and "podium db upgrade" in problem
    assert "NOT current" in text


async def test_a_database_never_migrated_is_unhealthy(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """An empty PostgreSQL database (or SQLite file): reachable, but nothing migrated."""
    engine = create_engine(database_url)
    try:
        async with engine.begin():  # creates the SQLite file
            pass
    finally:
        await engine.dispose()
    code, report, _ = await run_status(settings_for(database_url))
    assert code == 1
    assert report["database"]["reachable"] is True
    assert report["migrations"]["revisions"] == []


async def test_an_unreachable_postgresql_is_unhealthy(
    settings_for: Callable[..., Settings],
) -> None:
    """Nothing listens: exit 1, reachable false, the password not shown."""
    url = f"postgresql+asyncpg://podium:s3cret-pw@127.0.0.1:{closed_port()}/podium"
    code, report, text = await run_status(settings_for(url))
    assert code == 1
    assert report["database"]["kind"] == "postgresql"
    assert report["database"]["reachable"] is False
    assert report["database"]["error"]
    assert report["problems"][0].startswith("database unreachable")
    assert "s3cret-pw" not in json.dumps(report) + text
    assert report["sources"] == [] and report["outbox"]["backlog"] is None


async def test_a_missing_sqlite_file_is_unhealthy_and_not_created(
    tmp_path: Path, settings_for: Callable[..., Settings]
) -> None:
    """A probe must not create an empty database where the real one is missing."""
    missing = tmp_path / "gone" / "podium.sqlite3"
    code, report, _ = await run_status(settings_for(f"sqlite+aiosqlite:///{missing}"))
    assert code == 1
    assert report["database"] == {
        "kind": "sqlite",
        "url": f"sqlite+aiosqlite:///{missing}",
        "reachable": False,
        "error": f"no database file at {missing}",
    }
    assert not missing.exists()


async def test_the_shards_a_configuration_would_run(
    tmp_path: Path, settings_for: Callable[..., Settings]
) -> None:
    """Shards 2 and 3 of 4 do not sync commands; a refresher runs no shard."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'none.sqlite3'}"
    _, report, text = await run_status(
        settings_for(url, PODIUM_SHARD_COUNT=4, PODIUM_SHARD_IDS="3,2")
    )
    assert report["shards"] == {"count": 4, "ids": [2, 3], "sharded": True, "syncs_commands": False}
    assert "shards: 2, 3 of 4 (another process syncs commands)" in text
    _, report, text = await run_status(settings_for(url, PODIUM_ROLE="refresher"))
    assert report["role"] == "refresher" and report["shards"] is None


def test_the_command_exits_0_when_healthy_and_1_when_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``podium status --json`` as a health check: one JSON object, the exit code."""
    database = tmp_path / "podium.sqlite3"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PODIUM_DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    monkeypatch.setenv("PODIUM_BUNDLED_DATA", "0")
    assert main(["status", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["database"]["reachable"] is False
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["healthy"] is True


def test_invalid_settings_exit_2_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Shard ids beyond the count stop any command with a message, not a traceback."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PODIUM_SHARD_COUNT", "2")
    monkeypatch.setenv("PODIUM_SHARD_IDS", "1,2")
    assert main(["status"]) == 2
    assert "PODIUM_SHARD_IDS [2] outside 0..1" in capsys.readouterr().err
