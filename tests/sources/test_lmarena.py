"""LMArena: page CSV, arena-catalog JSON and HF Space metadata table, checked against the files."""

from __future__ import annotations

from datetime import date

import pytest

from data.sources.lmarena import LMArenaSource
from tests.sources.helpers import board, parse, ranks, row

PAGE_2024_07 = "lmarena/fboulnois_lmsys_2024-07-07.csv"
TEXT_2025_08 = "lmarena/fboulnois_lmarena_text_2025-08-04.csv"
CATALOG_2025_05 = "lmarena/arenacatalog_leaderboard-text_2025-05-24.json"
CATALOG_2025_12 = "lmarena/arenacatalog_leaderboard-text_2025-12-11.json"
STYLE_2025_05 = "lmarena/arenacatalog_leaderboard-text-style-control_2025-05-24.json"
STYLE_2025_12 = "lmarena/arenacatalog_leaderboard-text-style-control_2025-12-11.json"
HF_2023_11 = "lmarena/hfspace_leaderboard_table_20231116.csv"
HF_2024_07 = "lmarena/hfspace_leaderboard_table_20240706.csv"


def test_default_url_is_the_hugging_face_dataset() -> None:
    """Since 2026 the live data is lmarena-ai/leaderboard-dataset (issue 9); the frozen page
    CSVs stay readable by import."""
    assert LMArenaSource.default_url == (
        "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset"
    )


# --- page CSV ---------------------------------------------------------------------------------


def test_page_csv_keeps_the_published_rank_ub_with_ties() -> None:
    snapshot = parse("lmarena", PAGE_2024_07)
    arena = board(snapshot, "lmarena")
    assert snapshot.as_of == date(2024, 7, 7)
    assert len(arena.rows) == 115
    assert ranks(arena)[:11] == [1, 2, 2, 3, 4, 4, 7, 7, 7, 9, 11]
    qwen = row(arena, "Qwen2-72B-Instruct")
    assert (qwen.rank, qwen.score, qwen.votes) == (20, 1187.0, 27021)
    assert (qwen.ci_lower, qwen.ci_upper) == (1183.0, 1191.0)  # "+4/-4"
    assert (qwen.organization, qwen.license) == ("Alibaba", "Qianwen LICENSE")


def test_page_csv_five_models_share_rank_one_on_2024_12_31() -> None:
    arena = board(parse("lmarena", "lmarena/fboulnois_lmsys_2024-12-31.csv"), "lmarena")
    assert ranks(arena)[:6] == [1, 1, 1, 1, 1, 4]
    assert row(arena, "Gemini-Exp-1206").metrics["rank_style_control"] == 1.0


def test_lmarena_text_csv_takes_rank_ub_from_rank_stylectrl_and_drops_the_repeated_row() -> None:
    arena = board(parse("lmarena", TEXT_2025_08), "lmarena")
    # 266 data lines, Yi-34B-Chat twice: the first is kept.
    assert len(arena.rows) == 265
    assert row(arena, "GLM-4.5").rank == 2  # rank column says 3 (row number), rank_stylectrl 2
    yi = row(arena, "Yi-34B-Chat")
    assert (yi.rank, yi.score, yi.position) == (188, 1134.0, 200)


# --- arena-catalog JSON -----------------------------------------------------------------------


def test_catalog_json_is_sorted_and_ranked_by_rank_ub() -> None:
    overall = board(parse("lmarena", CATALOG_2025_12), "lmarena")
    assert [r.name for r in overall.rows[:3]] == [
        "gemini-3-pro",
        "gemini-2.5-pro",
        "grok-4.1-thinking",
    ]
    # gemini-2.5-pro's upper bound 1467.90 is below gemini-3-pro's lower 1480.40 -> 2;
    # grok-4.1-thinking's upper 1457.30 is below both lowers (1480.40, 1461.02) -> 3.
    assert ranks(overall)[:3] == [1, 2, 3]
    top = overall.rows[0]
    assert top.score == pytest.approx(1486.6027120272704)
    assert top.ci_lower == pytest.approx(1480.4026895976556)
    assert top.ci_upper == pytest.approx(1492.8027344568852)
    assert len(overall.rows) == 282


def test_catalog_json_unsorted_file_is_sorted_by_rating() -> None:
    overall = board(parse("lmarena", CATALOG_2025_05), "lmarena")
    # The file lists RWKV-4-Raven-14B first; the leader is anchored at exactly 1446.0.
    leader = overall.rows[0]
    assert (leader.name, leader.score, leader.rank) == ("gemini-2.5-pro-preview-05-06", 1446.0, 1)
    scores = [r.score or 0.0 for r in overall.rows]
    assert scores == sorted(scores, reverse=True)


def test_catalog_json_category_boards() -> None:
    snapshot = parse("lmarena", CATALOG_2025_12)
    assert snapshot.boards[0].board.board_id == "lmarena"
    assert len(snapshot.boards) == 29
    coding = board(snapshot, "lmarena_coding")
    assert coding.board.category == "coding"
    assert len(coding.rows) == 278
    industry = board(snapshot, "lmarena_industry_business_and_management_and_financial_operations")
    assert len(industry.rows) == 276


def test_style_control_file_gives_style_boards() -> None:
    snapshot = parse("lmarena", STYLE_2025_12)
    style = board(snapshot, "lmarena_style")
    assert [r.name for r in style.rows[:3]] == [
        "gemini-3-pro",
        "grok-4.1-thinking",
        "claude-opus-4-5-20251101",
    ]
    assert board(snapshot, "lmarena_style_coding").board.category == "coding"
    assert all(b.board.board_id.startswith("lmarena_style") for b in snapshot.boards)


def test_style_control_2025_05_has_no_french_category() -> None:
    ids = {b.board.board_id for b in parse("lmarena", STYLE_2025_05).boards}
    assert len(ids) == 19
    assert "lmarena_style_french" not in ids
    assert "lmarena_french" in {b.board.board_id for b in parse("lmarena", CATALOG_2025_05).boards}


# --- HF Space metadata tables -----------------------------------------------------------------


def test_2023_metadata_table_carries_the_elo_board_competition_ranked() -> None:
    snapshot = parse("lmarena", HF_2023_11)
    assert snapshot.as_of == date(2023, 11, 16)
    elo = board(snapshot, "lmarena")
    assert len(elo.rows) == 37  # rows with an Elo; the 14 without ("-") are not on it
    assert (elo.rows[0].name, elo.rows[0].score, elo.rows[0].rank) == ("GPT-4-Turbo", 1210.0, 1)
    # Published out of order: Llama-2-70b-chat (1065) is listed before OpenChat-3.5 (1070).
    assert row(elo, "OpenChat-3.5").rank == 9
    assert row(elo, "Llama-2-70b-chat").rank == 10
    # MPT-30B-chat and Vicuna-13B tie at 1031 behind 12 better scores.
    assert row(elo, "MPT-30B-chat").rank == row(elo, "Vicuna-13B").rank == 13
    assert row(elo, "QWen-Chat-14B").rank == 15
    assert row(elo, "GPT-4").metrics["mt_bench"] == 8.99


def test_metadata_table_mt_bench_board() -> None:
    snapshot = parse("lmarena", HF_2024_07)
    assert [b.board.board_id for b in snapshot.boards] == ["mtbench"]
    mt_bench = board(snapshot, "mtbench")
    assert len(mt_bench.rows) == 67
    assert (mt_bench.rows[0].name, mt_bench.rows[0].score) == ("GPT-4-1106-preview", 9.32)
    qwen = row(mt_bench, "Qwen2-72B-Instruct")
    assert (qwen.key, qwen.rank, qwen.score) == ("qwen2-72b-instruct", 3, 9.12)
    assert qwen.metrics["mmlu"] == 0.842
    assert qwen.metrics["url"] == "https://qwenlm.github.io/blog/qwen2/"
    assert (qwen.organization, qwen.license) == ("Alibaba", "Qianwen LICENSE")
    # Qwen1.5-72B-Chat and Mistral Medium tie at 8.61.
    assert row(mt_bench, "Qwen1.5-72B-Chat").rank == row(mt_bench, "Mistral Medium").rank == 6
    assert row(mt_bench, "GPT-3.5-Turbo-0613").rank == 8


def test_metadata_table_rows_without_mt_bench_are_not_on_the_board() -> None:
    mt_bench = board(parse("lmarena", HF_2024_07), "mtbench")
    assert not [r for r in mt_bench.rows if r.name == "Claude 3.5 Sonnet"]
    assert not [r for r in mt_bench.rows if r.key == "yi-34b-chat"]  # "-" both times
