"""Running several processes: shard settings, roles, one refresh per tick, structured logs."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from discord.ext import commands
from pydantic import ValidationError

from bot.cli import main
from bot.client import build_bot
from bot.jobs import RefreshJob
from bot.logging import REDACTED, log_handler
from bot.services import open_services
from bot.settings import Settings
from bot.sharding import ShardPlan
from tests.conftest import FIXTURES
from tests.http_server import loopback_server

ARENA = (FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv").read_bytes()


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("values", "plan"),
    [
        ({}, ShardPlan(1, (0,), sharded=False)),
        ({"PODIUM_SHARD_COUNT": "3"}, ShardPlan(3, (0, 1, 2), sharded=True)),
        ({"PODIUM_SHARD_COUNT": "4", "PODIUM_SHARD_IDS": "3, 2"}, ShardPlan(4, (2, 3), True)),
        ({"PODIUM_SHARD_COUNT": "4", "PODIUM_SHARD_IDS": ""}, ShardPlan(4, (0, 1, 2, 3), True)),
    ],
)
def test_the_shards_a_process_runs_come_from_its_settings(
    values: dict[str, object], plan: ShardPlan
) -> None:
    """A count alone runs every shard; ids pick a slice; neither is one unsharded gateway."""
    assert ShardPlan.from_settings(settings(**values)) == plan


def test_only_the_process_running_shard_0_syncs_commands() -> None:
    """Commands are global: one process registers them, so starts never race."""
    assert ShardPlan(4, (0, 1), sharded=True).syncs_commands
    assert not ShardPlan(4, (2, 3), sharded=True).syncs_commands
    assert ShardPlan(1, (0,), sharded=False).syncs_commands


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"PODIUM_SHARD_IDS": "0"}, "PODIUM_SHARD_IDS needs PODIUM_SHARD_COUNT"),
        ({"PODIUM_SHARD_COUNT": "2", "PODIUM_SHARD_IDS": "0,2"}, "[2] outside 0..1"),
        ({"PODIUM_SHARD_COUNT": "2", "PODIUM_SHARD_IDS": "1,1"}, "repeats a shard"),
        ({"PODIUM_SHARD_COUNT": "2", "PODIUM_SHARD_IDS": "one"}, "expected shard ids like"),
        ({"PODIUM_SHARD_COUNT": "0"}, "greater than or equal to 1"),
        ({"PODIUM_ROLE": "worker"}, "'all', 'bot' or 'refresher'"),
        ({"PODIUM_LOG_FORMAT": "xml"}, "'text' or 'json'"),
    ],
)
def test_bad_scaling_settings_fail_at_start_naming_the_problem(
    values: dict[str, object], message: str
) -> None:
    """A mistyped deployment stops before connecting anything."""
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        settings(**values)


async def test_the_bot_is_built_as_its_settings_say(tmp_path: Path) -> None:
    """Sharded settings give an AutoShardedBot over those shards; a bot role runs no schedule;
    shards without 0 do not sync. (Built, never started: nothing to close.)"""
    url = f"sqlite+aiosqlite:///{tmp_path / 'podium.sqlite3'}"
    async with open_services(settings(PODIUM_DATABASE_URL=url, PODIUM_BUNDLED_DATA=0)) as services:
        sharded = build_bot(
            services,
            settings(PODIUM_SHARD_COUNT=4, PODIUM_SHARD_IDS="2,3", PODIUM_ROLE="bot"),
        )
        assert isinstance(sharded, commands.AutoShardedBot)
        assert (sharded.shard_count, sharded.shard_ids) == (4, [2, 3])
        assert not sharded.sync_commands and not sharded.run_schedule
        assert sharded.shard_id_of(2000000000004194306) == 2000000000004194306 >> 22 & 3
        plain = build_bot(services, settings())
        assert not isinstance(plain, commands.AutoShardedBot)
        assert plain.sync_commands and plain.run_schedule


async def test_two_schedulers_on_one_database_refresh_a_tick_once(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """Two processes' jobs fire together (PostgreSQL: the refresh lock turns one away); a tick
    after the refresh finds the source just checked and skips. One fetch in all."""
    async with loopback_server() as server:

        async def slow_arena(request: web.Request) -> web.Response:
            await asyncio.sleep(0.3)  # the first refresh still holds the lock when the other asks
            return web.Response(body=ARENA, headers={"Content-Type": "text/csv"})

        config = settings_for(
            database_url, PODIUM_SOURCE_LMARENA_URL=server.route("/a", slow_arena)
        )
        gap = {"lmarena": timedelta(hours=3)}
        async with (
            aiohttp.ClientSession() as http,
            open_services(config, http=http) as first,
            open_services(config, http=http) as second,
        ):
            announced: list[object] = []
            jobs = [
                RefreshJob(services.loading, announced.append, min_gaps=gap)
                for services in (first, second)
            ]
            if database_url.startswith("postgresql"):  # one lock across processes
                await asyncio.gather(*(job.run("lmarena") for job in jobs))
            else:  # SQLite serves one process: ticks come one after the other
                for job in jobs:
                    await job.run("lmarena")
            await jobs[0].run("lmarena")
        assert len(server.seen("/a")) == 1
        assert len(announced) == 1


def records(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_logs_are_one_object_per_line_without_secrets() -> None:
    """``PODIUM_LOG_FORMAT=json``: time, level, logger, message, exception; a token or a
    database password that reaches a message or a traceback is replaced."""
    stream = io.StringIO()
    logger = logging.getLogger("podium.test.json")
    logger.propagate = False
    logger.addHandler(log_handler(stream, json_lines=True, secrets=["tok-123", "pw-456", ""]))
    try:
        logger.warning("refreshed %s with %s", "lmarena", "tok-123")
        try:
            raise RuntimeError("could not connect as podium:pw-456@db")
        except RuntimeError:
            logger.exception("database gone")
    finally:
        logger.handlers.clear()
        logger.propagate = True
    first, second = records(stream)
    assert first["level"] == "WARNING" and first["logger"] == "podium.test.json"
    assert first["message"] == f"refreshed lmarena with {REDACTED}"
    assert str(first["time"]).endswith("+00:00")
    assert second["message"] == "database gone"
    assert "RuntimeError: could not connect as podium:***@db" in str(second["exception"])
    assert "tok-123" not in stream.getvalue() and "pw-456" not in stream.getvalue()


def test_the_settings_know_their_secrets() -> None:
    """The token and the database password are what the log filter hides."""
    config = settings(
        DISCORD_TOKEN="tok-123",
        PODIUM_DATABASE_URL="postgresql+asyncpg://podium:pw-456@db/podium",
    )
    assert sorted(config.secrets()) == ["pw-456", "tok-123"]
    assert settings(PODIUM_DATABASE_URL="sqlite+aiosqlite:///x.db").secrets() == []


def test_a_bot_role_without_a_token_stops_with_a_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``PODIUM_ROLE=bot`` means Discord: no silent fallback to the console."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setenv("PODIUM_ROLE", "bot")
    monkeypatch.setenv("PODIUM_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'p.sqlite3'}")
    assert main(["run"]) == 2
    assert "PODIUM_ROLE=bot needs DISCORD_TOKEN" in capsys.readouterr().err
