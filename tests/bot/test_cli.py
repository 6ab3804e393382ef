"""The ``podium`` command line: ask (text, JSON, stdin stream), import, db upgrade, bundled data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A private SQLite database and no bundled data, no token, no ``.env``."""
    database = tmp_path / "podium.sqlite3"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PODIUM_DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    monkeypatch.setenv("PODIUM_BUNDLED_DATA", "0")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    return database


def ask_json(capsys: pytest.CaptureFixture[str], command: str) -> dict:  # type: ignore[type-arg]
    assert main(["ask", "--json", command]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_import_then_ask_json_gives_the_documented_fields(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`podium import` loads a file; `/rank` JSON carries the stable fields of the contract."""
    code = main(["import", "lmarena", str(FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv")])
    assert code == 0
    assert "lmarena: new: lmarena new (115 rows, as of 2024-07-07)" in capsys.readouterr().out
    payload = ask_json(capsys, "/rank model:Qwen2-72B-Instruct board:lmarena")
    assert payload["command"] == "rank" and payload["status"] == "match"
    assert payload["model"] == "Qwen2-72B-Instruct"
    [entry] = payload["entries"]
    assert {k: entry[k] for k in ("board", "source", "name", "rank", "score", "as_of")} == {
        "board": "lmarena",
        "source": "lmarena",
        "name": "Qwen2-72B-Instruct",
        "rank": 20,
        "score": 1187.0,
        "as_of": "2024-07-07",
    }
    boards = ask_json(capsys, "/boards")["boards"]
    assert [(b["board"], b["source"], b["as_of"], b["rows"]) for b in boards] == [
        ("lmarena", "lmarena", "2024-07-07", 115)
    ]
    assert boards[0]["title"] == "LMArena Text"


def test_import_refuses_a_file_of_the_wrong_format_and_keeps_the_data(
    env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An HTML error page saved as CSV is refused, naming the file; the board is unchanged."""
    good = FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv"
    assert main(["import", "lmarena", str(good)]) == 0
    bad = tmp_path / "lmarena_text.csv"
    bad.write_text("<!DOCTYPE html><html><body>Rate limited</body></html>")
    assert main(["import", "lmarena", str(bad), "--as-of", "2024-08-01"]) == 1
    out = capsys.readouterr().out
    assert "refused" in out and "lmarena_text.csv" in out and "HTML" in out
    boards = ask_json(capsys, "/boards")["boards"]
    assert [(b["as_of"], b["rows"]) for b in boards] == [("2024-07-07", 115)]


def test_unknown_source_and_missing_file_are_usage_errors(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 with a one-line message on stderr."""
    assert main(["import", "nosuch", str(FIXTURES / "MANIFEST.csv")]) == 2
    assert "unknown source 'nosuch'" in capsys.readouterr().err
    assert main(["import", "lmarena", "/nonexistent/file.csv"]) == 2
    assert "cannot read /nonexistent/file.csv" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("rank qwen2", "commands start with '/'"),
        ("/frobnicate x", "unknown command /frobnicate"),
        ("/rank board:lmarena", "/rank needs model:"),
        ('/rank "qwen2', "a quoted value is not closed"),
    ],
)
def test_usage_errors_exit_non_zero_with_one_line(
    env: Path, capsys: pytest.CaptureFixture[str], command: str, message: str
) -> None:
    """A usage error exits non-zero with a one-line message on stderr and nothing on stdout."""
    assert main(["ask", "--json", command]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and captured.err.count("\n") == 1


def test_db_upgrade(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`podium db upgrade` creates the schema."""
    assert main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert env.exists()


def test_bundled_snapshots_load_on_first_use_and_stream_mode_answers_each_line(
    tmp_path: Path,
) -> None:
    """The installed console script, bundled data on: one JSON object per input line."""
    environment = {
        **os.environ,
        "PODIUM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bundled.sqlite3'}",
        "PODIUM_BUNDLED_DATA": "1",
    }
    environment.pop("DISCORD_TOKEN", None)
    lines = "/rank qwen2\n\n/rank gpt-9\n/rank\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        input=lines,
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=300,
        check=True,
    )
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["status"] for a in answers] == ["match", "none", "usage_error"]
    qwen = answers[0]
    assert qwen["model"] == "Qwen2-72B-Instruct"
    boards = {entry["board"] for entry in qwen["entries"]}
    # Arena-Hard's current v2.0 board has no Qwen2; its v0.1 style-control board does.
    assert {"lmarena", "open_llm", "alpacaeval", "arena_hard_style"} <= boards
    assert "arena_hard" not in boards
    assert all(entry["name"] and entry["as_of"] for entry in qwen["entries"])


def test_without_a_token_podium_runs_the_offline_console(tmp_path: Path) -> None:
    """`podium` says it starts the console, answers typed commands and leaves on /quit."""
    database = tmp_path / "console.sqlite3"
    environment = {
        **os.environ,
        "PODIUM_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "PODIUM_BUNDLED_DATA": "0",
        "DISCORD_TOKEN": "",
        "COLUMNS": "160",
    }
    assert (
        main_in(
            environment,
            tmp_path,
            ["import", "lmarena", str(FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv")],
        ).returncode
        == 0
    )
    result = main_in(environment, tmp_path, [], stdin="/help\n/rank qwen2\n/rank gpt-9\n/quit\n")
    assert result.returncode == 0
    assert "starting the offline console" in result.stdout
    assert "Qwen2-72B-Instruct" in result.stdout and "#20 (tie) / 115" in result.stdout
    assert "No model matches 'gpt-9'" in result.stdout


def main_in(
    environment: dict[str, str], cwd: Path, args: list[str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bot ARGS`` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_links_lists_the_board_spellings_linked_to_each_model(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`podium links` shows what ingestion linked, for review (category boards left out)."""
    for source, name in (
        ("lmarena", "lmarena/fboulnois_lmsys_2024-07-07.csv"),
        ("alpacaeval", "alpacaeval/alpacaeval2_docs_leaderboard_2024-08-17.csv"),
    ):
        assert main(["import", source, str(FIXTURES / name)]) == 0
    capsys.readouterr()
    assert main(["links", "--json", "--across", "2", "qwen2 72b instruct"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["model"] for r in records] == ["Qwen2-72B-Instruct"]
    assert records[0]["spellings"] == [
        {"board": "alpacaeval", "name": "Qwen2 72B Instruct", "key": "Qwen2-72B-Instruct"},
        {"board": "lmarena", "name": "Qwen2-72B-Instruct", "key": "Qwen2-72B-Instruct"},
    ]
    assert main(["links", "--across", "3", "qwen2 72b instruct"]) == 0
    assert capsys.readouterr().out == ""


def test_a_command_that_cannot_answer_prints_an_error_object_and_exits_1(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a usage error: the JSON says why, for scripts to read; exit status 1."""
    assert (
        main(["import", "lmarena", str(FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv")]) == 0
    )
    capsys.readouterr()
    assert main(["ask", "--json", "/top nosuchboard"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["command"] == "top" and payload["status"] == "error"
    assert "nosuchboard" in payload["error"]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_ask_in_chinese_translates_messages_not_the_json(
    env: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    """``--locale zh-CN`` (or PODIUM_LOCALE): the error message is Chinese; the JSON's ids,
    statuses and numbers are the same as in English."""
    assert (
        main(["import", "lmarena", str(FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv")]) == 0
    )
    capsys.readouterr()
    english = ask_json(capsys, "/rank qwen2 72b instruct")
    if how == "option":
        chinese_args = ["ask", "--locale", "zh-CN", "--json"]
    else:
        monkeypatch.setenv("PODIUM_LOCALE", "zh_CN")
        chinese_args = ["ask", "--json"]
    assert main([*chinese_args, "/rank qwen2 72b instruct"]) == 0
    assert json.loads(capsys.readouterr().out) == english

    assert main([*chinese_args, "/top nosuchboard"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["status"] == "error"
    assert payload["error"].startswith("没有名为“nosuchboard”的榜单")


def test_the_console_answers_in_chinese(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``podium ask --locale zh-CN``: the table's headings and the usage errors are Chinese,
    the names and figures as in English."""
    assert (
        main(["import", "lmarena", str(FIXTURES / "lmarena/fboulnois_lmsys_2024-07-07.csv")]) == 0
    )
    capsys.readouterr()
    assert main(["ask", "--locale", "zh-CN", "/rank qwen2 72b instruct"]) == 0
    out = capsys.readouterr().out
    assert "榜单" in out and "排名" in out and "Qwen2-72B-Instruct" in out and "1,187" in out
    assert "Board" not in out
    assert main(["ask", "--locale", "zh-CN", "/nosuch"]) == 2
    assert "没有 /nosuch 这个命令" in capsys.readouterr().err
