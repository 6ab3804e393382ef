"""``diff``: the rules on small hand-made boards, then facts read from real snapshot pairs.

The expectations on real files were read from the files themselves (and recomputed by a short
independent script reading the CSV/markdown directly), not copied from ``diff``'s output.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from data.domain.diff import (
    CHANGE_KINDS,
    DiffThresholds,
    diff,
    in_top,
)
from data.domain.names import identify
from data.domain.types import RankChange, Row
from tests.changes import board, real_board

#: (kind, key, old rank, new rank): what a table case expects, in ``diff``'s order.
Expected = tuple[str, str, int | None, int | None]


def facts(changes: Sequence[RankChange]) -> list[Expected]:
    """The comparable core of each change."""
    return [(c.kind, c.key, c.old_rank, c.new_rank) for c in changes]


def keys(changes: Sequence[RankChange], kind: str) -> set[str]:
    """Keys of the changes of one kind."""
    return {change.key for change in changes if change.kind == kind}


def slug(row: Row) -> str:
    """The production model identity of a row, as ingestion computes it."""
    return identify(row.name, row.key).slug


# --- the rules, one table ------------------------------------------------------------------------

TOP3 = DiffThresholds(top_n=3, min_move=3)

CASES: list[tuple[str, tuple[Row, ...], tuple[Row, ...], DiffThresholds, list[Expected]]] = [
    (
        "first snapshot is a silent baseline",
        board(),
        board(("A", 1), ("B", 2)),
        TOP3,
        [],
    ),
    (
        "nothing changed",
        board(("A", 1), ("B", 2), ("X", None)),
        board(("A", 1), ("B", 2), ("X", None)),
        TOP3,
        [],
    ),
    (
        "two leaders swap: a new leader, but a one-place move is not a move",
        board(("A", 1), ("B", 2)),
        board(("B", 1), ("A", 2)),
        TOP3,
        [("new_leader", "B", 2, 1)],
    ),
    (
        "joining a shared first place makes a new leader",
        board(("A", 1), ("B", 2), ("C", 3)),
        board(("A", 1), ("B", 1), ("C", 3)),
        TOP3,
        [("new_leader", "B", 2, 1)],
    ),
    (
        "a co-leader dropping out of a shared first place makes no new leader",
        board(("A", 1), ("B", 1), ("C", 3)),
        board(("A", 1), ("B", 2), ("C", 3)),
        TOP3,
        [],
    ),
    (
        "an unranked row shown first is never the leader nor in the top",
        board(("X", None), ("A", 1), ("B", 2)),
        board(("X", None), ("B", 1), ("A", 2)),
        TOP3,
        [("new_leader", "B", 2, 1)],
    ),
    (
        "becoming unranked while in the top is leaving it; it is not a move",
        board(("A", 1), ("B", 2), ("C", 3)),
        board(("A", 1), ("B", 2), ("C", None)),
        TOP3,
        [("left_top", "C", 3, None)],
    ),
    (
        "a model can move and enter the top at once",
        board(("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5), ("F", 6)),
        board(("A", 1), ("F", 2), ("B", 3), ("C", 4), ("D", 5), ("E", 6)),
        TOP3,
        [
            ("entered_top", "F", 6, 2),
            ("left_top", "C", 3, 4),
            ("moved", "F", 6, 2),
        ],
    ),
    (
        "a move of exactly min_move counts, one less does not",
        board(*((key, rank) for rank, key in enumerate("ABCDEFGH", start=1))),
        board(("A", 1), ("C", 2), ("D", 3), ("E", 4), ("B", 5), ("G", 6), ("H", 7), ("F", 8)),
        DiffThresholds(top_n=1, min_move=3),
        [("moved", "B", 2, 5)],
    ),
    (
        "a new model straight to first place: leader, top entry and arrival",
        board(("A", 1), ("B", 2), ("C", 3)),
        board(("N", 1), ("A", 2), ("B", 3), ("C", 4)),
        TOP3,
        [
            ("new_leader", "N", None, 1),
            ("entered_top", "N", None, 1),
            ("left_top", "C", 3, 4),
            ("new_model", "N", None, 1),
        ],
    ),
    (
        "a removed top model also leaves the top; an unranked newcomer only arrives",
        board(("A", 1), ("B", 2), ("C", 3)),
        board(("A", 1), ("C", 2), ("X", None)),
        TOP3,
        [
            ("left_top", "B", 2, None),
            ("new_model", "X", None, None),
            ("removed", "B", 2, None),
        ],
    ),
    (
        "scores are ignored without a score threshold",
        board(("A", 1, 60.0), ("B", 2, 50.0)),
        board(("A", 1, 70.0), ("B", 2, 40.0)),
        TOP3,
        [],
    ),
    (
        "score changes at or above the threshold, decimals read as floats included",
        board(("A", 1, 60.2), ("B", 2, 50.0), ("C", 3, 40.0), ("D", 4, None)),
        board(("A", 1, 60.3), ("B", 2, 50.09), ("C", 3, None), ("D", 4, 30.0)),
        DiffThresholds(top_n=3, min_move=3, score_change=0.1),
        [("score_change", "A", 1, 1)],
    ),
]


@pytest.mark.parametrize(
    ("previous", "current", "thresholds", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rules(
    previous: tuple[Row, ...],
    current: tuple[Row, ...],
    thresholds: DiffThresholds,
    expected: list[Expected],
) -> None:
    assert facts(diff("b", previous, current, thresholds)) == expected


def test_changes_carry_board_ranks_scores_and_the_crossed_top() -> None:
    previous = board(("A", 1, 60.0), ("B", 2, 55.0), ("C", 3, 50.0), ("D", 4, 45.0))
    current = board(("D", 1, 61.0), ("A", 2, 60.0), ("B", 3, 55.0), ("C", 4, 50.0))
    changes = diff("arena", previous, current, TOP3)
    assert changes[0] == RankChange(
        board_id="arena",
        kind="new_leader",
        key="D",
        name="D",
        old_rank=4,
        new_rank=1,
        old_score=45.0,
        new_score=61.0,
        previous_leader="A",
    )
    crossings = {(c.kind, c.key): c.top_n for c in changes if c.top_n is not None}
    assert crossings == {("entered_top", "D"): 3, ("left_top", "C"): 3}
    assert all(c.previous_leader is None for c in changes if c.kind != "new_leader")


def test_previous_leader_names_every_co_leader_in_board_order() -> None:
    previous = board(("A", 1), ("B", 1), ("C", 3))
    (change,) = diff("b", previous, board(("C", 1), ("A", 2), ("B", 2)), TOP3)
    assert (change.key, change.previous_leader) == ("C", "A, B")
    (change,) = diff("b", board(("X", None), ("A", 2)), board(("X", None), ("A", 1)), TOP3)
    assert change.previous_leader is None  # nothing had rank 1 before


def test_order_is_kind_then_rank_and_does_not_depend_on_row_order() -> None:
    previous = board(*((f"m{i:02}", i) for i in range(1, 21)))
    current = board(*((f"m{i:02}", 21 - i) for i in range(1, 21)), ("new", None))
    expected = diff("b", previous, current)
    kinds = [change.kind for change in expected]
    assert kinds == sorted(kinds, key=CHANGE_KINDS.index)
    moved = [change.new_rank for change in expected if change.kind == "moved"]
    assert moved == [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20]
    shuffled = list(current)
    random.Random(7).shuffle(shuffled)
    assert diff("b", list(reversed(previous)), shuffled) == expected


def test_a_repeated_key_keeps_its_first_row() -> None:
    previous = board(("A", 1), ("B", 2))
    current = board(("B", 1), ("A", 2), ("B", 9))
    assert facts(diff("b", previous, current)) == [("new_leader", "B", 2, 1)]


def test_renames_are_matched_only_when_unambiguous() -> None:
    def model(row: Row) -> str:
        return row.key.lower().removesuffix("(web)")

    previous = board(("Gemma-2B", 1), ("Ernie", 2), ("Old", 3))
    current = board(("gemma-2b", 1), ("ernie", 2), ("ernie(web)", 3), ("Other", 4))
    by_key = diff("b", previous, current, TOP3)
    assert keys(by_key, "new_leader") == {"gemma-2b"}
    # "Gemma-2B" -> "gemma-2b" is one model renamed; two new Ernie rows make the Ernie case
    # ambiguous, so it stays a removal and two arrivals.
    renamed = diff("b", previous, current, TOP3, same_model=model)
    assert facts(renamed) == [
        ("entered_top", "ernie", None, 2),
        ("entered_top", "ernie(web)", None, 3),
        ("left_top", "Ernie", 2, None),
        ("left_top", "Old", 3, None),
        ("new_model", "ernie", None, 2),
        ("new_model", "ernie(web)", None, 3),
        ("new_model", "Other", None, 4),
        ("removed", "Ernie", 2, None),
        ("removed", "Old", 3, None),
    ]


def test_changes_come_most_important_kind_first() -> None:
    changes = diff("b", board(("A", 1), ("B", 2)), board(("N", 1), ("A", 2)), TOP3)
    assert [change.kind for change in changes] == [
        "new_leader",
        "entered_top",
        "left_top",
        "new_model",
        "removed",
    ]


@pytest.mark.parametrize(
    "bad",
    [{"top_n": 0}, {"min_move": 0}, {"score_change": 0.0}, {"score_change": -1.0}],
)
def test_thresholds_refuse_meaningless_values(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        DiffThresholds(**bad)  # type: ignore[arg-type]


def test_in_top_never_counts_unranked_rows() -> None:
    assert in_top(10, 10)
    assert not in_top(11, 10)
    assert not in_top(None, 10)


# --- real snapshot pairs -------------------------------------------------------------------------


def assert_top_membership_is_explained(
    previous: Sequence[Row], current: Sequence[Row], changes: Sequence[RankChange], top_n: int
) -> None:
    """Previous top N, minus those that left, plus those that entered, is the current top N."""
    before = {row.key for row in previous if in_top(row.rank, top_n)}
    after = {row.key for row in current if in_top(row.rank, top_n)}
    assert (before - keys(changes, "left_top")) | keys(changes, "entered_top") == after


ARENA_BEFORE = ("lmarena", "lmarena", "lmarena/fboulnois_lmsys_2024-07-07.csv")
ARENA_AFTER = ("lmarena", "lmarena", "lmarena/fboulnois_lmsys_2024-08-14.csv")


def test_arena_july_to_august_2024() -> None:
    previous, current = real_board(*ARENA_BEFORE), real_board(*ARENA_AFTER)
    changes = diff("lmarena", previous, current)
    (leader,) = [c for c in changes if c.kind == "new_leader"]
    # 07-07 row 1 "1,GPT-4o-2024-05-13,1287"; 08-14 row 1 "1,ChatGPT-4o-latest (2024-08-08),1314".
    assert leader.key == "ChatGPT-4o-latest (2024-08-08)"
    assert leader.previous_leader == "GPT-4o-2024-05-13"
    assert (leader.old_rank, leader.new_rank, leader.new_score) == (None, 1, 1314.0)
    # The ranks 1-10 of each file, compared by hand.
    assert keys(changes, "entered_top") == {
        "ChatGPT-4o-latest (2024-08-08)",
        "Gemini-1.5-Pro-Exp-0801",
        "GPT-4o-mini-2024-07-18",
        "Gemini Advanced App (2024-05-14)",
        "Meta-Llama-3.1-405b-Instruct",
        "Gemini-1.5-Pro-001",
        "Gemini-1.5-Pro-Preview-0409",
    }
    assert keys(changes, "left_top") == {
        "Gemini-Advanced-0514",
        "Gemini-1.5-Pro-API-0514",
        "Gemini-1.5-Pro-API-0409-Preview",
        "Claude 3 Opus",  # 7 -> 11
        "GPT-4-0125-preview",  # 7 -> 12
        "GPT-4-1106-preview",  # 7 -> 11
        "Yi-Large-preview",  # 9 -> 14
    }
    # 128 - 115 = 25 names appear and 12 disappear (the Gemma rows were re-spelt "-9b-it").
    assert len(keys(changes, "new_model")) == 25
    assert len(keys(changes, "removed")) == 12
    assert {"Meta-Llama-3.1-405b-Instruct", "Mistral-Large-2407"} <= keys(changes, "new_model")
    assert {"Gemma-2-9B-it", "Bard (Gemini Pro)"} <= keys(changes, "removed")
    # Claude 3.5 Sonnet went 2 -> 4: two places, below the default min_move of 3.
    assert "Claude 3.5 Sonnet" not in {c.key for c in changes}
    assert_top_membership_is_explained(previous, current, changes, 10)


def test_arena_renames_are_followed_with_the_model_identity() -> None:
    previous, current = real_board(*ARENA_BEFORE), real_board(*ARENA_AFTER)
    changes = diff("lmarena", previous, current, same_model=slug)
    # Six Gemma rows and two Gemini rows were only re-spelt: 25 - 8 arrivals, 12 - 8 removals.
    assert len(keys(changes, "new_model")) == 17
    assert keys(changes, "removed") == {
        "Bard (Gemini Pro)",
        "Gemini Pro (Dev API)",
        "Gemini-1.5-Flash-API-0514",
        "Gemini-1.5-Pro-API-0514",
    }
    moved = {c.key: (c.old_rank, c.new_rank) for c in changes if c.kind == "moved"}
    assert moved["Gemma-2-9b-it"] == (20, 31)  # was "Gemma-2-9B-it" at 20
    assert moved["Gemini-1.5-Pro-Preview-0409"] == (4, 7)  # was "...-API-0409-Preview"
    # "Gemini-Advanced-0514" (2) is now "Gemini Advanced App (2024-05-14)" (4): still top 10.
    assert "Gemini Advanced App (2024-05-14)" not in keys(changes, "entered_top")
    assert "Gemini-Advanced-0514" not in keys(changes, "left_top")


def test_alpacaeval_june_to_august_2024() -> None:
    previous = real_board(
        "alpacaeval", "alpacaeval", "alpacaeval/alpacaeval2_docs_leaderboard_2024-06-21.csv"
    )
    current = real_board(
        "alpacaeval", "alpacaeval", "alpacaeval/alpacaeval2_docs_leaderboard_2024-08-17.csv"
    )
    changes = diff("alpacaeval", previous, current)
    (leader,) = [c for c in changes if c.kind == "new_leader"]
    # LC 76.73 beats OpenPipe MoA GPT-4 Turbo's 68.38, #1 on 06-21 and #4 on 08-17.
    assert (leader.key, leader.name) == ("gemma-2-9b-it-WPO-HB", "gemma-2-9b-it-WPO-HB")
    assert leader.previous_leader == "OpenPipe MoA GPT-4 Turbo"
    assert keys(changes, "entered_top") == {
        "gemma-2-9b-it-WPO-HB",
        "blendaxai-gm-l3-v35",
        "gemma-2-9b-it-SimPO",
        "gemma-2-9b-it-DPO",
    }
    assert {(c.key, c.old_rank, c.new_rank) for c in changes if c.kind == "left_top"} == {
        ("gpt-4-turbo-2024-04-09", 7, 12),
        ("claude-3-5-sonnet-20240620", 8, 15),
        ("yi-large-preview", 9, 16),
        ("Storm-7B", 10, 18),
    }
    # 194 - 170 rows: 24 models added (result-folder keys from the samples URLs), none removed.
    new_models = keys(changes, "new_model")
    assert len(new_models) == 24
    assert {"Qwen2-72B-Instruct", "gpt-4o-mini-2024-07-18"} <= new_models
    assert keys(changes, "removed") == set()
    moved = {c.key: (c.old_rank, c.new_rank) for c in changes if c.kind == "moved"}
    assert moved["openpipe-moa-gpt-4-turbo-v1"] == (1, 4)
    assert_top_membership_is_explained(previous, current, changes, 10)


LIVEBENCH_CATEGORIES = "livebench/livebench_categories_2024_07_26.json"


def test_livebench_same_release_august_to_september_2024() -> None:
    previous = real_board(
        "livebench",
        "livebench",
        "livebench/livebench_table_2024_07_26_as_of_2024-08-19.csv",
        LIVEBENCH_CATEGORIES,
    )
    current = real_board(
        "livebench",
        "livebench",
        "livebench/livebench_table_2024_07_26_as_of_2024-09-07.csv",
        LIVEBENCH_CATEGORIES,
    )
    changes = diff("livebench", previous, current, DiffThresholds(score_change=0.5))
    # claude-3-5-sonnet-20240620 leads both (global average 59.87).
    assert keys(changes, "new_leader") == set()
    assert keys(changes, "new_model") == {
        "command-r-08-2024",
        "command-r-plus-08-2024",
        "deepseek-v2.5",
        "gemini-1.5-flash-8b-exp-0827",
        "gemini-1.5-flash-exp-0827",
        "gemini-1.5-pro-exp-0827",
        "phi-3.5-mini-instruct",
        "phi-3.5-moe-instruct",
    }
    assert keys(changes, "removed") == {"deepseek-chat-v2"}
    # gemini-1.5-pro-exp-0827 arrives 6th (53.78) and pushes dracarys from 10th to 11th.
    assert {(c.key, c.new_rank) for c in changes if c.kind == "entered_top"} == {
        ("gemini-1.5-pro-exp-0827", 6)
    }
    assert {(c.key, c.old_rank) for c in changes if c.kind == "left_top"} == {
        ("dracarys-llama-3.1-70b-instruct", 10)
    }
    # The four phi-3 models rescored on 2024-08-17, e.g. phi-3-mini-128k-instruct 19.66 -> 25.55.
    assert keys(changes, "score_change") == {
        "phi-3-mini-128k-instruct",
        "phi-3-mini-4k-instruct",
        "phi-3-small-128k-instruct",
        "phi-3-small-8k-instruct",
    }
    moved = {c.key: (c.old_rank, c.new_rank) for c in changes if c.kind == "moved"}
    assert len(moved) == 39
    assert moved["qwen2-7b-instruct"] == (42, 51)
    assert_top_membership_is_explained(previous, current, changes, 10)


def test_superclue_november_to_december_2023() -> None:
    previous = real_board("superclue", "superclue", "superclue/superclue_2023-11.md")
    current = real_board("superclue", "superclue", "superclue/superclue_2023-12.md")
    changes = diff("superclue", previous, current)
    # 🏅️ is 文心一言4.0 in November and 文心一言4.0(API) in December; the unranked "-" rows
    # (GPT4-Turbo, first on both boards) never count as leader.
    (leader,) = [c for c in changes if c.kind == "new_leader"]
    assert (leader.key, leader.previous_leader) == ("文心一言4.0(API)", "文心一言4.0")
    assert "GPT4-Turbo" not in {c.key for c in changes}
    assert keys(changes, "new_model") == {
        "GPT4(网页)",
        "GPT4(API)",
        "文心一言4.0(API)",
        "通义千问2.0",
        "AndesGPT",
        "智谱清言",
        "Moonshot(KimiChat)",
        "文心一言4.0(网页)",
        "Qwen-72B-Chat",
        "序列猴子",
        "PCI-TransGPT",
        "360GPT_Pro",
        "Gemini-pro",
        "Minimax(应事)",
        "Llama_2_13B_Chat",
    }
    assert keys(changes, "removed") == {
        "GPT-4",
        "文心一言4.0",
        "Moonshot",
        "BlueLM",
        "腾讯混元",
        "通义千问2.0(v1030)",
        "ChatGLM3-Turbo",
        "MiniMax-Abab5.5",
        "360GPT_S2_V10",
        "Llama-2-13B-Chat",
    }
    # Every December top-10 row but Yi-34B-Chat is new; the tie "9 | PCI-TransGPT" /
    # "9 | 360GPT_Pro" puts both in, and 云雀大模型(豆包) is pushed to 11.
    entered = {(c.key, c.new_rank) for c in changes if c.kind == "entered_top"}
    assert entered == {
        ("文心一言4.0(API)", 1),
        ("通义千问2.0", 2),
        ("AndesGPT", 3),
        ("智谱清言", 4),
        ("Moonshot(KimiChat)", 5),
        ("Qwen-72B-Chat", 6),
        ("序列猴子", 7),
        ("PCI-TransGPT", 9),
        ("360GPT_Pro", 9),
    }
    left = {(c.key, c.new_rank) for c in changes if c.kind == "left_top"}
    assert {("云雀大模型(豆包)", 11), ("XVERSE-13B-2-Chat", 14), ("Qwen-14B-Chat", 12)} <= left
    # Ranked in both rounds and 3+ places apart (Qwen-14B-Chat 10 -> 12 and
    # Baichuan2-13B-Chat 12 -> 13 are not).
    moved = {c.key: (c.old_rank, c.new_rank) for c in changes if c.kind == "moved"}
    assert moved == {
        "Yi-34B-Chat": (3, 8),
        "云雀大模型(豆包)": (8, 11),
        "XVERSE-13B-2-Chat": (9, 14),
        "讯飞星火V3.0": (11, 15),
    }
    assert_top_membership_is_explained(previous, current, changes, 10)


def test_superclue_two_new_rows_of_one_model_are_not_a_rename() -> None:
    previous = real_board("superclue", "superclue", "superclue/superclue_2023-11.md")
    current = real_board("superclue", "superclue", "superclue/superclue_2023-12.md")
    changes = diff("superclue", previous, current, same_model=slug)
    # 文心一言4.0 became two rows, (API) ranked 1 and (网页) unranked: ambiguous, so still new.
    assert {"文心一言4.0(API)", "文心一言4.0(网页)"} <= keys(changes, "new_model")
    assert "文心一言4.0" in keys(changes, "removed")
