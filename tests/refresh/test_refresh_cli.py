"""`podium refresh` from the command line: plain progress lines when not on a terminal."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from aiohttp import web

from tests.conftest import FIXTURES
from tests.http_server import loopback_server


async def test_refresh_prints_one_line_per_stage_and_a_result(tmp_path: Path) -> None:
    """Fetching, parsing, storing and the outcome, per source; exit 0 when nothing failed."""
    body = (FIXTURES / "arenahard/arena_hard_leaderboard_20240731.csv").read_bytes()

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body)

    async with loopback_server() as server:
        environment = {
            **os.environ,
            "PODIUM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}",
            "PODIUM_BUNDLED_DATA": "0",
            "PODIUM_SOURCE_ARENA_HARD_URL": server.route("/ah.csv", handler),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "refresh",
            "arena_hard",
            env=environment,
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    lines = stderr.decode().splitlines()
    assert process.returncode == 0, stderr.decode()
    assert lines[:3] == ["arena_hard: fetching", "arena_hard: parsing", "arena_hard: storing"]
    assert lines[3].startswith("arena_hard: new snapshot: 1 board(s), 60 rows, as of 2024-07-31")
