"""`podium` with DISCORD_TOKEN set runs the real bot, in its own process, against the fake."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

from .fake_discord import GUILD_ID, FakeDiscord

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

TOKEN = "secret-token-that-must-never-be-logged"


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
async def test_the_bot_process_logs_in_syncs_answers_and_stops_cleanly(
    fake_discord: FakeDiscord, tmp_path: Path, stop_signal: signal.Signals
) -> None:
    """Endpoints and dev guild come from the environment; the token never reaches the logs;
    Ctrl-C or a process manager's SIGTERM closes everything and exits 0."""
    database = tmp_path / "bot.sqlite3"
    environment = {
        **os.environ,
        "DISCORD_TOKEN": TOKEN,
        "PODIUM_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "PODIUM_BUNDLED_DATA": "0",
        "PODIUM_DEV_GUILD_ID": str(GUILD_ID),
        "PODIUM_DISCORD_API_BASE": fake_discord.api_base,
        "PODIUM_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
        "PODIUM_LOG_LEVEL": "DEBUG",
    }
    load = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "import",
        "lmarena",
        str(FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv"),
        env=environment,
        cwd=tmp_path,
    )
    assert await load.wait() == 0
    identified_before = len(fake_discord.identifies)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env=environment,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        identify = await fake_discord.wait_for_identify(count=identified_before + 1, timeout=60)
        assert identify["token"] == TOKEN
        await fake_discord.wait_for(
            lambda: fake_discord.synced_commands(guild_id=GUILD_ID) or None, timeout=30
        )
        interaction = await fake_discord.send_command("rank", {"model": "qwen2"})
        final = await interaction.wait_final(timeout=30)
        assert final.embeds[0]["title"] == "Qwen2-72B-Instruct"
    finally:
        process.send_signal(stop_signal)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert "starting the Discord bot" in stdout.decode()
    logs = stdout.decode() + stderr.decode()
    assert TOKEN not in logs
    # Nor in anything the bot sent Discord (the token travels only in IDENTIFY and headers).
    assert not [r.path for r in fake_discord.requests if TOKEN in json.dumps(r.json, default=str)]
    assert not [m.id for m in fake_discord.messages.values() if TOKEN in json.dumps(m.data)]
    assert re.search(r"synced \d+ commands to guild|commands unchanged \(\d+\); not syncing", logs)
