"""Issue 10 end to end through the console: ``podium ask --json -`` on the bundled data.

Every example the README shows runs and succeeds, and the questions that used to land on the
wrong model or board (or on nothing) get the right model, board, or an honest "absent".
One process answers them all (loading the bundled snapshots once).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.answers.readme import readme_examples

ROOT = Path(__file__).resolve().parents[2]

CASES = [
    "/rank kimi k2",
    "/rank kimi k2 board:open_llm",
    "/rank qwen2 72b board:open_llm",
    "/rank qwen2 72b base board:open_llm",
    "/history qwen2, llama 3 70b",
    "/rank gpt-4 board:superclue",
    "/rank qwen 2.5 7b board:alpacaeval",
    "/rank deepseek v2 board:arena_hard",
    "/rank qwen2 board:chatbot arena",
    "/rank qwen2 board:lmsys",
    "/rank qwen2 board:models",
    "/rank gpt-4o board:livebench",
    "/rank qwen2 board:livebench",
    "/rank qwen2 board:open_llm as_of:2024-07-12",
    "/history qwen2 board:livebench",
    "/rank model:@here hi",
    "/top superclue open_weights:yes",
    "/rank gpt-4o",
    "/search gpt-4o",
    "/compare gpt-4o claude",
    "/compare gpt-4o claude 3.5 sonnet",
    "/rank claude",
    "/rank gemini 2.5 pro board:livebench",
    "/rank gpt-5.1 board:livebench",
    "/rank gpt-5 as_of:2099-01-01",
    "/top as_of:2099-01-01",
    "/rank llama 3 70b as_of:2023-01-01",
    "/rank deepseek-chat",
    "/rank gpt-5 as_of:2024-01-01",
    "/rank qwen2 as_of:2024-06-01",
]


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Each command's JSON answer, from one ``podium ask --json -`` on the bundled data."""
    folder = tmp_path_factory.mktemp("console")
    commands = list(dict.fromkeys([*readme_examples(), *CASES]))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PODIUM_", "DISCORD_"))
    }
    env |= {
        "PODIUM_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'podium.sqlite3'}",
        "PODIUM_BUNDLED_DATA": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        input="\n".join(commands) + "\n",
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        timeout=600,
        check=False,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == len(commands), done.stderr[-2000:]
    return dict(zip(commands, lines, strict=True))


@pytest.mark.parametrize("command", readme_examples())
def test_every_readme_example_succeeds(answers: dict[str, dict[str, Any]], command: str) -> None:
    """The README's examples run: no usage error, no error, and a model question answered."""
    answer = answers[command]
    assert answer.get("status") not in ("error", "usage_error", "none"), answer
    if command.startswith(("/top", "/boards")):
        assert answer.get("rows") or answer.get("boards")


def test_the_readme_shows_the_filters_and_the_mission_example() -> None:
    """The examples named in issue 10 are among the README's (and so run above)."""
    examples = readme_examples()
    assert "/top lmarena open_weights:yes organization:meta n:5" in examples
    assert "/compare gpt-4o claude" in examples


def test_kimi_k2_is_moonshots_never_llm360s(answers: dict[str, dict[str, Any]]) -> None:
    """`kimi k2` answers with Moonshot's model; on Open LLM (only LLM360/K2 there) it is absent."""
    answer = answers["/rank kimi k2"]
    assert answer["status"] == "match" and "kimi" in answer["model"].lower()
    assert all("LLM360" not in entry["name"] for entry in answer["entries"])
    absent = answers["/rank kimi k2 board:open_llm"]
    assert absent["status"] == "absent" and absent["board"] == "open_llm"
    assert "is not on" in absent["reason"] and "kimi" in absent["model"].lower()


def test_family_and_size_mean_the_chat_model_and_base_is_an_alternative(
    answers: dict[str, dict[str, Any]],
) -> None:
    """`qwen2 72b` is the Instruct model (the base one listed beside it); `base` asks for it."""
    chat = answers["/rank qwen2 72b board:open_llm"]
    assert [e["name"] for e in chat["entries"]] == ["Qwen/Qwen2-72B-Instruct"]
    assert {"board": "open_llm", "name": "Qwen/Qwen2-72B"}.items() <= chat["alternatives"][
        0
    ].items()
    base = answers["/rank qwen2 72b base board:open_llm"]
    assert [e["name"] for e in base["entries"]] == ["Qwen/Qwen2-72B"]
    history = answers["/history qwen2, llama 3 70b"]
    assert history["status"] == "match"
    assert all("instruct" in series["model"].lower() for series in history["series"])


def test_one_board_answer_shows_the_row_it_is_titled_with(
    answers: dict[str, dict[str, Any]],
) -> None:
    """SuperCLUE's GPT4 rows (web and API): the title is the row shown, the other is 'also'."""
    answer = answers["/rank gpt-4 board:superclue"]
    [entry] = answer["entries"]
    assert answer["model"] == entry["name"]
    assert {a["name"] for a in answer["alternatives"]} & {"GPT4(API)", "GPT4(网页)"}
    assert entry["name"] not in {a["name"] for a in answer["alternatives"]}


@pytest.mark.parametrize(
    "command", ["/rank qwen 2.5 7b board:alpacaeval", "/rank deepseek v2 board:arena_hard"]
)
def test_a_finetune_or_a_sibling_never_passes_for_the_model(
    answers: dict[str, dict[str, Any]], command: str
) -> None:
    """FuseChat-Qwen-2.5-7B is not Qwen2.5-7B; DeepSeek-Coder-V2 is not DeepSeek-V2 (absent
    where the model is known elsewhere, else no model)."""
    answer = answers[command]
    assert answer["status"] in ("absent", "none") and "entries" not in answer, answer
    model = answer.get("model", "").lower()  # the model an absent answer names
    assert "fusechat" not in model and "coder" not in model


def test_boards_by_name_only_when_they_clearly_fit(answers: dict[str, dict[str, Any]]) -> None:
    """`chatbot arena` and `lmsys` are LMArena; `models` is no board, with suggestions."""
    for command in ("/rank qwen2 board:chatbot arena", "/rank qwen2 board:lmsys"):
        assert [e["board"] for e in answers[command]["entries"]] == ["lmarena"]
    unknown = answers["/rank qwen2 board:models"]
    assert unknown["status"] == "error"
    assert unknown["error"].startswith("No board called 'models'; did you mean")


def test_not_there_is_an_answer(answers: dict[str, dict[str, Any]]) -> None:
    """A known model missing from the board or date is absent, with the reason."""
    superclue = answers["/rank qwen2 board:superclue"]
    assert superclue["status"] == "absent"
    assert superclue["reason"].startswith("Qwen2-72B-Instruct is not on SuperCLUE")
    assert "Podium has SuperCLUE" in superclue["reason"]
    livebench = answers["/rank gpt-4o board:livebench"]
    assert livebench["status"] == "absent" and "is not on LiveBench" in livebench["reason"]
    gone = answers["/rank qwen2 board:livebench"]  # listed in 2024, not in the current release
    assert gone["status"] == "absent"
    assert (
        "is not on LiveBench as of" in gone["reason"] and "last listed on 2024-" in gone["reason"]
    )
    early = answers["/rank qwen2 board:open_llm as_of:2024-07-12"]
    assert early["status"] == "absent"
    assert "no Open LLM Leaderboard v2 snapshot before 2024-07-13" in early["reason"]


def test_history_on_a_board_reads_every_stored_snapshot(
    answers: dict[str, dict[str, Any]],
) -> None:
    """Qwen2 left LiveBench's current release; its 2024 points are still its history there."""
    history = answers["/history qwen2 board:livebench"]
    assert history["status"] == "match" and history["board"] == "livebench"
    [series] = history["series"]
    assert series["points"] and all(p["as_of"] < "2025" for p in series["points"])


def test_nonsense_stays_nonsense(answers: dict[str, dict[str, Any]]) -> None:
    """`@here hi` shares only 'hi' with LamarckInfusion-14B-v2-hi: no model."""
    assert answers["/rank model:@here hi"]["status"] == "none"


def test_superclue_open_weights_keeps_its_own_open_source_board(
    answers: dict[str, dict[str, Any]],
) -> None:
    """Qwen-72B-Chat and Qwen-14B-Chat, #1 and #3 of SuperCLUE's open-source board, stay."""
    names = [row["name"] for row in answers["/top superclue open_weights:yes"]["rows"]]
    assert {"Qwen-72B-Chat", "Qwen-14B-Chat", "Yi-34B-Chat"} <= set(names)
    assert "GPT4(API)" not in names


def test_dated_versions_are_listed_beside_the_answer(answers: dict[str, dict[str, Any]]) -> None:
    """`gpt-4o` answers one snapshot and lists the others (JSON `alternatives`)."""
    for command in ("/rank gpt-4o", "/search gpt-4o"):
        answer = answers[command]
        assert answer["status"] == "match"
        assert any("2024-08-06" in a["name"] for a in answer["alternatives"]), answer
        assert all(set(a) >= {"board", "name", "model"} for a in answer["alternatives"])


def test_a_bare_line_shows_the_version_each_board_ranks_best(
    answers: dict[str, dict[str, Any]],
) -> None:
    """`gpt-4o` names a line: the dated GPT-4o the most boards list is not all there is, nor is
    SWE-bench's undated `gpt-4o` tag; each board shows the version it ranks best, named, and
    the other versions stay beside the answer."""
    answer = answers["/rank gpt-4o"]
    versions = {entry["board"]: entry["version"] for entry in answer["entries"]}
    assert {"lmarena", "alpacaeval", "arena_hard_style", "swebench"} <= versions.keys(), versions
    assert versions["swebench"] == "gpt-4o"
    assert answer["line"] == "GPT-4o"
    assert any("2024-08-06" in a["name"] for a in answer["alternatives"]), answer["alternatives"]


def test_compare_takes_models_separated_by_spaces(answers: dict[str, dict[str, Any]]) -> None:
    """The mission's `/compare gpt-4o claude`: gpt-4o, then 'which Claude?'."""
    answer = answers["/compare gpt-4o claude"]
    assert [c["query"] for c in answer["choices"]] == ["gpt-4o", "claude"]
    assert answer["status"] == "ambiguous"
    both = answers["/compare gpt-4o claude 3.5 sonnet"]
    assert both["status"] == "match" and len(both["models"]) == 2


def test_several_lines_keep_asking_with_main_boards(answers: dict[str, dict[str, Any]]) -> None:
    """`claude` fits several lines: candidates, one per model, shown on main boards."""
    answer = answers["/rank claude"]
    assert answer["status"] == "ambiguous"
    models = [c["model"] for c in answer["candidates"]]
    assert len(models) == len(set(models)) > 1


@pytest.mark.parametrize(
    "command", ["/rank gemini 2.5 pro board:livebench", "/rank gpt-5.1 board:livebench"]
)
def test_a_line_listed_earlier_as_another_version_says_when_and_as_what(
    answers: dict[str, dict[str, Any]], command: str
) -> None:
    """An earlier LiveBench release listed a dated or effort-level version of the line: the
    absence says when, and as which row, rather than "not on LiveBench" at all."""
    answer = answers[command]
    assert answer["status"] == "absent", answer
    assert "is not on LiveBench as of" in answer["reason"], answer["reason"]
    assert "last listed on 2026-06-30, as " in answer["reason"], answer["reason"]
    line = command.removeprefix("/rank ").split(" board:")[0].replace(" ", "-")
    assert f"as {line}-" in answer["reason"], answer["reason"]


@pytest.mark.parametrize("command", ["/rank gpt-5 as_of:2099-01-01", "/top as_of:2099-01-01"])
def test_a_date_in_the_future_is_refused(answers: dict[str, dict[str, Any]], command: str) -> None:
    """No board has published anything after today: the date is refused, not answered."""
    answer = answers[command]
    assert answer["status"] == "error", answer
    assert answer["error"].startswith("2099-01-01 is in the future"), answer["error"]


def test_a_past_date_before_any_data_is_no_promise(answers: dict[str, dict[str, Any]]) -> None:
    """Before every stored snapshot: nothing is stored for that date (no "yet" for the past)."""
    answer = answers["/rank llama 3 70b as_of:2023-01-01"]
    assert answer == {**answer, "status": "error"}
    assert answer["error"] == "No leaderboard data is stored for that date."


def test_a_model_only_on_a_category_board_shows_that_row(
    answers: dict[str, dict[str, Any]],
) -> None:
    """`deepseek-chat` is listed only on SWE-bench Lite (a category board): its row there is
    the answer, never an empty table."""
    answer = answers["/rank deepseek-chat"]
    assert answer["status"] == "match", answer
    assert answer["entries"], answer
    assert {entry["board"] for entry in answer["entries"]} == {"swebench_lite"}


@pytest.mark.parametrize(
    "command", ["/rank gpt-5 as_of:2024-01-01", "/rank qwen2 as_of:2024-06-01"]
)
def test_a_date_before_a_models_first_listing_is_an_absence(
    answers: dict[str, dict[str, Any]], command: str
) -> None:
    """Podium knows the model, listed only later: absent, with its first listing, never
    "no model matches"."""
    answer = answers[command]
    assert answer["status"] == "absent", answer
    assert "was not listed yet on" in answer["reason"] and "first listed on" in answer["reason"]
