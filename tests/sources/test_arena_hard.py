"""Arena-Hard-Auto: the leaderboard CSVs, the HF Space copy and the console-text blocks."""

from __future__ import annotations

from datetime import date

from data.sources.arena_hard import BASELINE_NOTE
from tests.sources.helpers import board, parse, ranks, row

CSV_0703 = "arenahard/arena_hard_leaderboard_20240703.csv"
CSV_0731 = "arenahard/arena_hard_leaderboard_20240731.csv"
HF_SPACE = "lmarena/hfspace_arena_hard_auto_leaderboard_v0.1.csv"
PAST = "arenahard/arena_hard_past_leaderboards_as_of_2025-04-20.md"


def test_csv_with_date_column_ranks_by_rank_ub() -> None:
    snapshot = parse("arena_hard", CSV_0731)
    assert snapshot.as_of == date(2024, 7, 31)  # the date column, not only the name
    hard = board(snapshot, "arena_hard")
    assert len(hard.rows) == 60
    leader = hard.rows[0]
    assert (leader.name, leader.score, leader.ci_lower, leader.ci_upper) == (
        "gpt-4-turbo-2024-04-09",
        82.63,
        80.75,
        84.6,
    )
    # claude-3-5-sonnet's upper bound 80.62 is below the leader's lower bound 80.75.
    assert ranks(hard)[:3] == [1, 2, 2]
    # 19 models have a lower bound above qwen2-72b-instruct's upper bound 49.29,
    # the baseline (50, 50) among them.
    qwen = row(hard, "qwen2-72b-instruct")
    assert (qwen.rank, qwen.score, qwen.metrics["avg_tokens"]) == (20, 46.86, 515.0)


def test_baseline_keeps_its_place_and_a_rank_ub() -> None:
    hard = board(parse("arena_hard", CSV_0731), "arena_hard")
    baseline = row(hard, "gpt-4-0314")
    # 18 models have a lower bound above 50.
    assert (baseline.score, baseline.rank, baseline.rank_note) == (50.0, 19, BASELINE_NOTE)
    assert [r.name for r in hard.rows if r.rank_note] == ["gpt-4-0314"]


def test_csv_without_date_column_uses_the_file_name() -> None:
    snapshot = parse("arena_hard", CSV_0703)
    assert snapshot.as_of == date(2024, 7, 3)
    hard = snapshot.boards[0]
    assert len(hard.rows) == 54
    # Here claude-3-5-sonnet's upper bound 81.07 overlaps the leader's lower bound 80.82.
    assert ranks(hard)[:2] == [1, 1]


def test_hf_space_copy_reads_bounds_from_the_rating_columns() -> None:
    space = board(parse("arena_hard", HF_SPACE), "arena_hard")
    original = board(parse("arena_hard", CSV_0731), "arena_hard")
    assert space.rows[0].metrics["ci"] == "(1.9, 2.0)"
    as_published = [(r.name, r.score, r.ci_lower, r.ci_upper, r.rank) for r in space.rows]
    assert as_published == [
        (r.name, r.score, r.ci_lower, r.ci_upper, r.rank) for r in original.rows
    ]


def test_past_leaderboards_text_has_a_style_and_a_plain_block() -> None:
    snapshot = parse("arena_hard", PAST)
    assert snapshot.as_of == date(2025, 4, 20)
    assert [b.board.board_id for b in snapshot.boards] == ["arena_hard", "arena_hard_style"]
    plain = board(snapshot, "arena_hard")
    style = board(snapshot, "arena_hard_style")
    assert (len(plain.rows), len(style.rows)) == (70, 73)
    leader = plain.rows[0]
    assert (leader.name, leader.score) == (
        "Llama-3.3-Nemotron-Super-49B-v1-Feedback-Edit-ITS",
        93.4,
    )
    assert (leader.ci_lower, leader.ci_upper) == (92.3, 94.4)  # 95% CI: (-1.1, 1.0)
    # o1-mini (92.0, lower 90.8) overlaps the leader; o1-preview (upper 91.7) is below it only;
    # claude-3-5-sonnet-20241022 (upper 86.8) is below the three of them.
    assert [(r.name, r.rank) for r in plain.rows[1:4]] == [
        ("o1-mini-2024-09-12", 1),
        ("o1-preview-2024-09-12", 2),
        ("claude-3-5-sonnet-20241022", 4),
    ]
    assert row(plain, "qwen2-72b-instruct").score == 46.9
    assert row(style, "qwen2-72b-instruct").score == 49.6
    assert row(style, "claude-3-5-sonnet-20241022").score == 86.4
    assert row(style, "gpt-4-0314").rank_note == BASELINE_NOTE


def test_equal_scores_keep_the_published_order() -> None:
    style = board(parse("arena_hard", PAST), "arena_hard_style")
    names = [r.name for r in style.rows]
    # Both 21.9 in the style-control block, listed in this order.
    assert names.index("snorkel-mistral-pairrm-dpo") + 1 == names.index("yi-34b-chat")
