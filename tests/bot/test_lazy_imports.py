"""Start-up loads only what every command needs: the XLSX reader, parquet, charts, Alembic and
discord.py are imported by the commands that use them (a one-shot ``podium ask`` pays for none)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

#: Imported only where a command needs them.
ON_DEMAND = ("openpyxl", "pyarrow", "matplotlib", "alembic", "discord")


def test_the_cli_starts_without_the_on_demand_libraries() -> None:
    """Importing the ``podium`` entry point loads none of them."""
    code = (
        "import json, sys, bot.cli; "
        f"print(json.dumps(sorted(m for m in {ON_DEMAND!r} if m in sys.modules)))"
    )
    found = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(found.stdout) == []


def test_an_answer_in_the_console_does_not_load_discord(tmp_path: Path) -> None:
    """``podium ask`` answers (here: an empty database says it has no data) without discord.py."""
    code = (
        "import json, sys\n"
        "from bot.cli import main\n"
        "main(['ask', '/rank qwen2'])\n"
        "print(json.dumps('discord' in sys.modules))"
    )
    env = {
        **os.environ,
        "PODIUM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}",
        "PODIUM_BUNDLED_DATA": "false",
    }
    found = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
    )
    assert json.loads(found.stdout.strip().splitlines()[-1]) is False
