"""Arena-Hard-Auto: the leaderboard CSVs, the HF Space copy and the console-text blocks."""

from __future__ import annotations

from datetime import date

import pytest

from data.domain.errors import SourceFormatError
from data.domain.types import SourceFile
from data.sources import get_source
from data.sources.arena_hard import BASELINE_NOTE
from tests.sources.helpers import board, fixture, parse, ranks, row

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


# --- v2.0: the README's console blocks ---------------------------------------------------------

README_0424 = "arenahard/arena_hard_v2_readme_as_of_2025-04-24.md"
README_0501 = "arenahard/arena_hard_v2_readme_as_of_2025-05-01.md"
OFFICIAL = "(Official Configuration)"
OPENAI = "(If prefer OpenAI API)"
CREATIVE = "(Best Configuration for Creative Writing)"


def published_block(relative: str, caption_mark: str) -> list[tuple[str, float, float, float]]:
    """``(model, score, minus, plus)`` of each whole row of the block under the caption line
    containing ``caption_mark``, read with plain string splitting."""
    lines = fixture(relative).content.decode().splitlines()
    start = next(i for i, line in enumerate(lines) if caption_mark in line) + 3
    rows = []
    for line in lines[start:]:
        if line.startswith("```"):
            break
        index, model, score, ci = line.split(None, 3)
        minus, _, plus = ci.strip().strip("()").partition(" / ")
        if not plus.endswith(tuple("0123456789")) or int(index) != len(rows):
            continue  # the cut-off last row
        rows.append((model, float(score), float(minus), float(plus)))
    return rows


def rank_ub(rows: list[tuple[str, float, float, float]]) -> dict[str, int]:
    """1 + the number of models whose lower bound is above this model's upper bound."""
    bounds = {m: (round(s + minus, 6), round(s + plus, 6)) for m, s, minus, plus in rows}
    return {
        model: 1 + sum(low > high for low, _ in bounds.values())
        for model, (_, high) in bounds.items()
    }


@pytest.mark.parametrize("relative", [README_0424, README_0501])
def test_v2_readme_has_the_official_board_and_two_category_boards(relative: str) -> None:
    snapshot = parse("arena_hard", relative)
    assert snapshot.edition == "v2.0"
    assert [(b.board.board_id, b.board.category) for b in snapshot.boards] == [
        ("arena_hard", None),
        ("arena_hard_creative_writing", "Creative Writing"),
        ("arena_hard_gpt_4_1_judge", "GPT-4.1 judge"),
    ]
    for mark, board_id in (
        (OFFICIAL, "arena_hard"),
        (OPENAI, "arena_hard_gpt_4_1_judge"),
        (CREATIVE, "arena_hard_creative_writing"),
    ):
        published = published_block(relative, mark)
        parsed = board(snapshot, board_id)
        assert [(r.name, r.score) for r in parsed.rows] == [(m, s) for m, s, _, _ in published]
        expected = rank_ub(published)
        assert {r.name: r.rank for r in parsed.rows} == expected


def test_v2_official_board_facts_of_2025_05_01() -> None:
    snapshot = parse("arena_hard", README_0501)
    assert snapshot.as_of == date(2025, 5, 1)
    main = board(snapshot, "arena_hard")
    assert len(main.rows) == 28
    o3 = main.rows[0]
    assert (o3.name, o3.score, o3.ci_lower, o3.ci_upper, o3.rank) == (
        "o3-2025-04-16",
        85.9,
        85.1,
        86.8,
        1,
    )
    # Row 2 of the block: gemini-2.5 (79.0, upper 80.8) is below o3 (lower 85.1) only, and
    # shares Rank (UB) 2 with o4-mini-high (lower 77.7): the row index is not a rank.
    assert [(r.name, r.rank) for r in main.rows[1:3]] == [
        ("o4-mini-2025-04-16-high", 2),
        ("gemini-2.5", 2),
    ]
    assert row(main, "Qwen3-235B-A22B").score == 58.4
    assert row(main, "OpenThinker2-32B").score == 3.2


def test_v2_baselines_are_the_rows_at_exactly_fifty_with_no_interval() -> None:
    snapshot = parse("arena_hard", README_0501)
    main = board(snapshot, "arena_hard")
    fifty = [r.name for r in main.rows if r.score == 50.0]
    assert fifty == ["gpt-4.5-preview", "o3-mini-2025-01-31", "gpt-4.1"]
    assert [r.name for r in main.rows if r.rank_note == BASELINE_NOTE] == ["o3-mini-2025-01-31"]
    creative = board(snapshot, "arena_hard_creative_writing")
    assert [r.name for r in creative.rows if r.rank_note == BASELINE_NOTE] == [
        "gemini-2.0-flash-001"
    ]


def test_v2_truncated_last_row_is_skipped_with_a_note() -> None:
    """The adapter reports it; the loader decides how loud (``data.loading.log_notes``)."""
    snapshot = parse("arena_hard", README_0501)
    creative = board(snapshot, "arena_hard_creative_writing")
    assert len(creative.rows) == 27
    assert "s1.1-32B" not in {r.name for r in creative.rows}
    [note] = snapshot.notes
    assert "cut-off last row" in note and "s1.1-32B" in note
    assert parse("arena_hard", README_0424).notes == ()


def test_v2_rows_ending_in_whitespace_are_read() -> None:
    """Several rows of the 2025-04-24 README end with a space."""
    main = board(parse("arena_hard", README_0424), "arena_hard")
    assert len(main.rows) == 24
    claude = row(main, "claude-3-5-sonnet-20241022")
    assert (claude.score, claude.ci_lower, claude.ci_upper) == (33.6, 31.7, 35.3)


def test_v2_usage_examples_outside_the_leaderboard_section_are_not_boards() -> None:
    """ "Then run ``show_result.py``" prints a three-row block further down the README."""
    snapshot = parse("arena_hard", README_0501)
    assert all(len(b.rows) > 3 for b in snapshot.boards)


def test_v2_an_unreadable_row_inside_a_block_refuses_the_file() -> None:
    text = fixture(README_0501).content.replace(
        b"4                          gemini-2.5-flash        68.6  (-1.6 / +1.6)",
        b"4                          gemini-2.5-flash        68.6  (-1.6 / +",
    )
    with pytest.raises(SourceFormatError, match="unreadable leaderboard row"):
        get_source("arena_hard").parse([SourceFile("README.md", text)])


def test_v2_readme_without_the_official_block_is_refused() -> None:
    text = fixture(README_0501).content.replace(b"**(Official Configuration)**", b"")
    with pytest.raises(SourceFormatError, match="official configuration"):
        get_source("arena_hard").parse([SourceFile("README.md", text)])
