"""``podium import swebench`` then ``podium ask --json``: the console answers from the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from tests.conftest import FIXTURES

NOVEMBER = FIXTURES / "swebench/swebench_leaderboards_as_of_2025-11-19.json"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A private SQLite database, no bundled data, no token, no ``.env``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PODIUM_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'p.sqlite3'}")
    monkeypatch.setenv("PODIUM_BUNDLED_DATA", "0")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)


def ask_json(capsys: pytest.CaptureFixture[str], command: str) -> dict[str, Any]:
    assert main(["ask", "--json", command]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_import_then_rank_and_top(env: None, capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(NOVEMBER.read_text(encoding="utf-8"))
    [verified] = [b["results"] for b in document["leaderboards"] if b["name"] == "Verified"]
    assert main(["import", "swebench", str(NOVEMBER)]) == 0
    assert f"swebench new ({len(verified)} rows, as of 2025-11-19)" in capsys.readouterr().out

    def runs_with(result: dict[str, Any], model: str) -> bool:
        return f"Model: {model}" in result["tags"]

    best = max(
        (r for r in verified if runs_with(r, "claude-3-7-sonnet-20250219")),
        key=lambda r: r["resolved"],
    )
    payload = ask_json(capsys, "/rank claude-3-7-sonnet-20250219 board:swebench")
    [entry] = payload["entries"]
    assert (entry["name"], entry["score"]) == (best["name"], best["resolved"])
    assert entry["rank"] == 1 + sum(r["resolved"] > best["resolved"] for r in verified)
    assert "claude-3-7-sonnet-20250219" in entry["models"]

    top = ask_json(capsys, "/top swebench")
    leader = max(verified, key=lambda r: r["resolved"])
    assert (top["rows"][0]["name"], top["rows"][0]["rank"]) == (leader["name"], 1)
    assert top["board_size"] == len(verified)
