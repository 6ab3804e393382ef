"""The pure rules of /compare: win probability, winners, Arena boards, lines, leaders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from data.domain.compare import (
    AGENT_SCORE_LABEL,
    best_marks,
    board_line,
    compare_board,
    is_arena,
    leader_odds,
    metric_lines,
    win_probability,
)
from data.sources import board_facts
from tests.queries.rows import board, row


@pytest.mark.parametrize(
    ("score", "opponent", "expected"),
    [
        (1200.0, 1200.0, 0.5),
        (1600.0, 1200.0, 1 / (1 + 10**-1)),  # 400 points: 10:1
        (1200.0, 1600.0, 1 / (1 + 10**1)),
        (1272.0, 1187.0, 1 / (1 + 10 ** (-85 / 400))),  # Claude 3.5 Sonnet vs Qwen2, 2024-07-07
    ],
)
def test_win_probability_is_the_logistic_on_the_400_point_scale(
    score: float, opponent: float, expected: float
) -> None:
    """P(A beats B) = 1 / (1 + 10^((sB - sA) / 400)), and the two sides add up to one."""
    assert win_probability(score, opponent) == pytest.approx(expected)
    assert win_probability(score, opponent) + win_probability(opponent, score) == pytest.approx(1)


def test_claude_was_expected_to_beat_qwen2_in_62_percent_of_battles() -> None:
    """The 85-point gap of 2024-07-07 (1272 vs 1187) is a 62 % expected win rate."""
    assert round(win_probability(1272, 1187), 3) == 0.620


@pytest.mark.parametrize(
    ("values", "higher_is_better", "expected"),
    [
        ([1.0, 2.0], True, [False, True]),
        ([1.0, 2.0], False, [True, False]),
        ([2.0, 2.0, 1.0], True, [True, True, False]),  # a tie marks both
        ([None, 2.0, 1.0], True, [False, True, False]),
        ([None, 2.0], True, [False, False]),  # one value is no contest
        ([None, None], True, [False, False]),
    ],
)
def test_best_marks(
    values: list[float | None], higher_is_better: bool, expected: list[bool]
) -> None:
    """The best value of a line is marked, every copy of it; fewer than two values mark none."""
    assert best_marks(values, higher_is_better) == expected


@pytest.mark.parametrize(
    ("board_id", "source_id", "arena"),
    [
        ("lmarena", "lmarena", True),
        ("lmarena_style", "lmarena", True),
        ("lmarena_style_coding", "lmarena", True),
        ("mtbench", "lmarena", False),  # MT-Bench scores are 1-10 grades, not ratings
        ("arena_hard", "arena_hard", False),
        ("lmarena_x", "other", False),
    ],
)
def test_only_arena_rating_boards_get_win_odds(board_id: str, source_id: str, arena: bool) -> None:
    assert is_arena(board(board_id, source_id)) is arena


def test_agent_arena_boards_get_no_win_odds() -> None:
    """The agent arena publishes IPS scores around 0, not ratings on the 400-point scale."""
    agent = replace(board("lmarena_agent", "lmarena"), score_label=AGENT_SCORE_LABEL)
    assert not is_arena(agent)
    assert is_arena(replace(agent, score_label="Arena score"))


def test_leader_odds_are_relative_to_the_best_score_first_on_a_tie() -> None:
    """The leader gets None; a model absent from the board gets None; ties favour the first."""
    arena = board("lmarena", "lmarena")
    line = board_line(
        "LMArena",
        [row("a", 2, 1250.0), row("b", 1, 1250.0), None, row("c", 9, 1150.0)],
        higher_is_better=True,
    )
    leader, odds = leader_odds(arena, line)
    assert leader == 0
    assert odds[0] is None and odds[2] is None
    assert odds[1] == pytest.approx(0.5)
    assert odds[3] == pytest.approx(win_probability(1250, 1150))
    assert leader_odds(board("alpacaeval"), line) == (None, ())


def test_metric_lines_follow_the_published_metrics_and_skip_empty_ones() -> None:
    """Open LLM tasks become lines in the board's order; a task nobody has is left out."""
    open_llm = board("open_llm")
    rows = [
        row("x", 1, 42.49, ifeval=79.89, bbh=57.48, gpqa=None),
        row("y", 2, 36.18, ifeval=80.0, bbh=50.0, gpqa=None, params_b=70.0),
    ]
    lines = metric_lines(open_llm, rows, board_facts("open_llm"))
    assert [line.label for line in lines] == ["IFEval", "BBH"]
    assert [cell.best for cell in lines[0].cells if cell] == [False, True]
    assert [cell.value for cell in lines[1].cells if cell] == [57.48, 50.0]
    assert metric_lines(board("livebench"), rows, board_facts("livebench")) == ()


def test_compare_board_keeps_categories_listing_at_least_two_models() -> None:
    """A category only one model appears in is not a comparison and is dropped."""
    main = board("livebench")
    coding = board("livebench_coding", "livebench", "Coding")
    maths = board("livebench_mathematics", "livebench", "Mathematics")
    compared = compare_board(
        main,
        date(2024, 8, 19),
        66,
        [row("a", 1, 59.9), row("b", 22, 40.1)],
        [
            (maths, 66, [row("a", 3, 53.8), None]),
            (coding, 66, [row("a", 1, 60.8), row("b", 30, 32.4)]),
        ],
    )
    assert [line.label for line in compared.details] == ["Coding"]
    assert compared.overall.board_size == 66
    assert [c.best for c in compared.overall.cells if c] == [True, False]
    assert compared.leader is None and compared.leader_odds == ()
