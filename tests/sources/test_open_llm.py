"""Open LLM Leaderboard: v2 UI-scrape, v2 API and v1 CSVs, checked against the files."""

from __future__ import annotations

from datetime import date

import pytest

from data.domain.types import SourceFile
from data.sources import SOURCE_IDS, get_source
from data.sources.open_llm import DUPLICATE_NOTE
from tests.sources.helpers import board, fixture, parse, row

UI_2024_07 = "open_llm_leaderboard/fboulnois_huggingface_v2_2024-07-13.csv"
API_2024_12 = "open_llm_leaderboard/fboulnois_huggingface_v2_2024-12-31.csv"
API_2025_03 = "open_llm_leaderboard/fboulnois_huggingface_v2_2025-03-21.csv"
V1_2024_06 = "open_llm_leaderboard/fboulnois_huggingface_v1_2024-06-19.csv"
QWEN = "Qwen/Qwen2-72B-Instruct"
TASKS = ("ifeval", "bbh", "math_lvl_5", "gpqa", "musr", "mmlu_pro")


def test_ui_scrape_v2() -> None:
    snapshot = parse("open_llm", UI_2024_07)
    v2 = board(snapshot, "open_llm")
    assert snapshot.as_of == date(2024, 7, 13)
    assert len(v2.rows) == 237
    qwen = v2.rows[0]
    assert (qwen.name, qwen.rank, qwen.score) == (QWEN, 1, 42.49)
    assert qwen.key == f"{QWEN}_bfloat16_1af63c698f59c4235668ec9c1395468cb7cd7e79_False"
    assert [qwen.metrics[task] for task in TASKS] == [79.89, 57.48, 35.12, 16.33, 17.17, 48.92]
    assert qwen.metrics["math_lvl_5_raw"] == 0.35
    assert qwen.metrics["params_b"] == 72.0
    assert qwen.metrics["type"] == "chat"
    assert qwen.metrics["merged"] == "false"  # published as not_merged=TRUE
    assert qwen.license == "other"


def test_ui_scrape_ties_share_a_rank() -> None:
    v2 = board(parse("open_llm", UI_2024_07), "open_llm")
    assert row(v2, "Qwen/Qwen1.5-110B").rank == row(v2, "abacusai/Smaug-72B-v0.1").rank == 10
    assert row(v2, "Qwen/Qwen1.5-110B-Chat").rank == 12


def test_duplicate_evaluations_stay_but_only_the_best_is_ranked() -> None:
    v2 = board(parse("open_llm", UI_2024_07), "open_llm")
    sppo = [r for r in v2.rows if r.name == "UCLA-AGI/Llama-3-Instruct-8B-SPPO-Iter3"]
    assert [(r.score, r.metrics["precision"]) for r in sppo] == [
        (23.31, "bfloat16"),
        (23.06, "float16"),
    ]
    assert sppo[0].rank is not None and sppo[0].rank_note is None
    assert (sppo[1].rank, sppo[1].rank_note) == (None, DUPLICATE_NOTE)
    assert sum(r.rank is None for r in v2.rows) == 2  # the other one is gpt2 in float16


def test_api_format_v2_2025_03() -> None:
    v2 = board(parse("open_llm", API_2025_03), "open_llm")
    assert len(v2.rows) == 4576
    leader = v2.rows[0]
    assert (leader.name, leader.rank) == ("MaziyarPanahi/calme-3.2-instruct-78b", 1)
    assert leader.score == pytest.approx(52.0813839787917)
    qwen = row(v2, QWEN)
    # 57 models have a better best evaluation (the file is not sorted).
    assert qwen.rank == 58
    assert qwen.score == pytest.approx(43.594062463678)
    assert qwen.metrics["math_lvl_5"] == pytest.approx(41.7673716012085)
    assert qwen.metrics["math_lvl_5_raw"] == pytest.approx(0.417673716012085)
    assert qwen.metrics["params_b"] == 72.706
    assert qwen.metrics["base_model"] == "Qwen/Qwen2-72B"
    assert qwen.key == f"{QWEN}_bfloat16_1af63c698f59c4235668ec9c1395468cb7cd7e79_False"
    # 79 model names appear twice: 79 unranked duplicates.
    assert sum(r.rank_note == DUPLICATE_NOTE for r in v2.rows) == 79


def test_api_and_ui_formats_use_the_same_metric_names() -> None:
    ui = row(board(parse("open_llm", UI_2024_07), "open_llm"), QWEN)
    api = row(board(parse("open_llm", API_2024_12), "open_llm"), QWEN)
    assert set(ui.metrics) - {"base_model", "co2_cost_kg"} == set(api.metrics) - {
        "base_model",
        "co2_cost_kg",
    }
    assert ui.key == api.key  # the same evaluation, joined across layouts


def test_best_row_per_model_depends_on_the_snapshot() -> None:
    name = "AtAndDev/Qwen2.5-1.5B-continuous-learnt"
    for path, ranked_precision in ((API_2024_12, "float16"), (API_2025_03, "bfloat16")):
        rows = [r for r in board(parse("open_llm", path), "open_llm").rows if r.name == name]
        assert [r.metrics["precision"] for r in rows if r.rank is not None] == [ranked_precision]


def test_api_format_v2_2024_12_rank_of_qwen() -> None:
    v2 = board(parse("open_llm", API_2024_12), "open_llm")
    assert len(v2.rows) == 2644
    assert row(v2, QWEN).rank == 22


def test_v1_board() -> None:
    snapshot = parse("open_llm", V1_2024_06)
    v1 = board(snapshot, "open_llm_v1")
    assert len(v1.rows) == 7065
    leader = v1.rows[0]
    assert (leader.name, leader.score, leader.rank) == ("paloalma/Le_Triomphant-ECE-TW3", 81.31, 1)
    assert [leader.metrics[t] for t in ("arc", "hellaswag", "mmlu", "gsm8k")] == [
        78.5,
        90.3,
        77.81,
        79.83,
    ]
    # Two models tie at 81.28 for third place.
    assert row(v1, "freewheelin/free-evo-qwen72b-v0.8-re").rank == 3
    assert row(v1, "freewheelin/free-evo-qwen72b-v0.8").rank == 3
    chat = [r for r in v1.rows if r.name == "Qwen/Qwen1.5-72B-Chat"]
    assert [(r.score, r.rank is None) for r in chat] == [(65.98, False), (65.96, True)]
    # 7065 rows, 6728 distinct models.
    assert sum(r.rank is None for r in v1.rows) == 7065 - 6728


def test_the_largest_file_parses_whole() -> None:
    """Every one of its 4,576 models. (How long it takes is measured by
    ``bench/flood_bench.py``, not asserted here: a timed assertion fails on a busy machine.)"""
    [board] = parse("open_llm", API_2025_03).boards
    assert len(board.rows) == 4576


def test_the_retired_board_is_fetched_from_a_pinned_commit_and_dated_its_final_day() -> None:
    """The leaderboard is retired: the adapter says so, pins the final file's commit, and the
    pinned file (served without a date in its name) is the final snapshot of 2025-03-21."""
    source = get_source("open_llm")
    assert source.retired_on == date(2025, 3, 21)
    commit = source.default_url.split("/llm-leaderboard-csv/", 1)[1].split("/", 1)[0]
    assert len(commit) == 40 and all(c in "0123456789abcdef" for c in commit)
    final = fixture(API_2025_03)
    snapshot = source.parse([SourceFile("huggingface_v2.csv", final.content)])
    assert snapshot.as_of == date(2025, 3, 21)
    assert [b.board.board_id for b in snapshot.boards] == ["open_llm"]
    assert len(snapshot.boards[0].rows) == 4576


def test_live_sources_are_not_retired() -> None:
    assert [s for s in SOURCE_IDS if get_source(s).retired_on is not None] == ["open_llm"]
