"""The labelled query set (``queries.csv``) over the real fixture boards, and cross-board links."""

from __future__ import annotations

from collections import defaultdict

import pytest

from data.domain.names import default_aliases
from tests.identity.corpus import (
    ABSENT,
    AMBIGUOUS,
    NO_ROW,
    NONE,
    QUERIES_2025,
    LabelledQuery,
    fixture_boards,
    fixture_boards_2025,
    fixture_index,
    fixture_index_2025,
    name_records,
    read_queries,
)

QUERIES = read_queries()
TRAPS = [query for query in QUERIES if query.trap]
MIN_ACCURACY = 0.97


def test_the_set_is_large_and_covers_the_boards() -> None:
    assert len(QUERIES) >= 150
    assert len({query.board for query in QUERIES}) >= 5
    assert len(TRAPS) >= 50
    assert {AMBIGUOUS, NONE} <= {query.expected for query in QUERIES}


def test_every_expected_row_exists_on_its_board() -> None:
    """Labels name real rows, so a renamed row fails loudly instead of lowering accuracy."""
    boards = fixture_boards()
    for query in QUERIES:
        assert query.board in boards, query
        if query.expected not in NO_ROW:
            names = {row.name for row in boards[query.board].rows}
            assert query.expected in names, query


def test_accuracy() -> None:
    index = fixture_index()
    wrong = [q for q in QUERIES if not q.is_answered_by(index.resolve(q.query, q.board))]
    accuracy = 1 - len(wrong) / len(QUERIES)
    assert accuracy >= MIN_ACCURACY, [f"{q.query!r} @{q.board} -> {q.expected}" for q in wrong]


@pytest.mark.parametrize("query", TRAPS, ids=lambda q: f"{q.query}@{q.board}")
def test_trap(query: LabelledQuery) -> None:
    resolution = fixture_index().resolve(query.query, query.board)
    assert query.is_answered_by(resolution), (resolution.status, resolution.matches[:3])


@pytest.mark.parametrize(
    ("slug", "boards"),
    [
        ("qwen-2-72b-instruct", {"lmarena", "open_llm", "alpacaeval", "livebench", "arena_hard"}),
        ("claude-3.5-sonnet-0620", {"lmarena", "alpacaeval", "livebench", "arena_hard"}),
        ("gpt-4o-0513", {"lmarena", "alpacaeval", "livebench", "arena_hard"}),
        ("gpt-4-0613", {"lmarena", "mtbench", "livebench", "arena_hard"}),
    ],
)
def test_one_model_is_linked_across_boards(slug: str, boards: set[str]) -> None:
    records = name_records(fixture_boards(), default_aliases())
    assert boards <= {record.board_id for record in records if record.model_slug == slug}


# --- the second set: queries as typed in 2025-2026 ---------------------------------------------

QUERIES_SET_2 = read_queries(QUERIES_2025)
MIN_SET_ACCURACY = 0.98
MIN_CATEGORY_ACCURACY = 0.95


def test_the_second_set_is_large_and_covers_every_category() -> None:
    """At least 300 queries, each category of issue 10 present."""
    categories = {query.category for query in QUERIES_SET_2}
    assert len(QUERIES_SET_2) >= 300
    assert {"kimi", "deepseek", "qwen3", "glm", "llama", "gemini", "claude", "gpt5"} <= categories
    assert {
        "effort",
        "chinese",
        "arena_keys",
        "finetune",
        "base_instruct",
        "nonsense",
    } <= categories
    assert {AMBIGUOUS, NONE, ABSENT} <= {query.expected for query in QUERIES_SET_2}


def test_every_expected_row_of_the_second_set_exists_on_its_board() -> None:
    """Labels name real rows of the 2025-2026 boards."""
    boards = fixture_boards_2025()
    for query in QUERIES_SET_2:
        assert query.board in boards, query
        if query.expected not in NO_ROW:
            assert query.expected in {row.name for row in boards[query.board].rows}, query


def test_accuracy_of_the_second_set() -> None:
    """The second set reaches 98 %, and each of its categories 95 %."""
    index = fixture_index_2025()
    by_category: dict[str, list[bool]] = defaultdict(list)
    wrong = []
    for query in QUERIES_SET_2:
        right = query.is_answered_by(index.resolve(query.query, query.board))
        by_category[query.category].append(right)
        if not right:
            wrong.append(f"{query.query!r} @{query.board} -> {query.expected}")
    assert 1 - len(wrong) / len(QUERIES_SET_2) >= MIN_SET_ACCURACY, wrong
    for category, results in by_category.items():
        assert sum(results) / len(results) >= MIN_CATEGORY_ACCURACY, (category, wrong)
