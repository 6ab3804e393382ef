"""The pure rules of /top: what "open weights" means, the other filters, pages, categories."""

from __future__ import annotations

from datetime import date

import pytest

from data.domain.categories import category_board, main_of, parent_board
from data.domain.errors import QueryProblem
from data.domain.filters import open_weights, organization, params_billions, top_page
from data.domain.types import BoardInfo, Row, TopFilters
from data.sources import board_facts
from tests.queries.rows import board, row

ARENA = board("lmarena", "lmarena")
SUPERCLUE = board("superclue", "superclue")


@pytest.mark.parametrize(
    ("the_row", "the_board", "expected"),
    [
        (row("GPT-4o", license="Proprietary"), ARENA, False),
        (row("Claude 3.5 Haiku", license="Propretary"), ARENA, False),  # the Arena's typo
        (row("Qwen2-72B-Instruct", license="Qianwen LICENSE"), ARENA, True),
        (row("Vicuna-33B", license="Non-commercial"), ARENA, True),
        (row("gemini-3-pro"), ARENA, None),  # the Arena JSON publishes no licence
        (row("x", license="-"), ARENA, None),
        (row("internlm-chat-7b", license="开源-可商用"), SUPERCLUE, True),
        (row("GPT-4", license="专有服务"), SUPERCLUE, False),
        (row("Qwen-72B-Chat", access="模型"), SUPERCLUE, True),
        (row("文心一言4.0", access="API"), SUPERCLUE, False),
        (row("ChatGLM3", access="网页"), SUPERCLUE, False),
        (row("Baichuan2-13B"), board("superclue_open_source", "superclue"), True),
        (row("Qwen/Qwen2-72B-Instruct", license="other"), board("open_llm"), True),
        (row("someone/merge"), board("open_llm"), True),  # every row is a Hub repository
        (row("gpt-4o-2024-05-13"), board("alpacaeval"), None),
    ],
)
def test_open_weights_only_from_what_the_board_publishes(
    the_row: Row, the_board: BoardInfo, expected: bool | None
) -> None:
    assert open_weights(the_row, the_board, facts=board_facts(the_board.board_id)) is expected


def test_organisation_falls_back_to_the_hub_owner() -> None:
    assert organization(row("Qwen2", organization="Alibaba")) == "Alibaba"
    assert organization(row("Qwen/Qwen2-72B-Instruct")) == "Qwen"
    assert organization(row("gpt-4o")) is None


@pytest.mark.parametrize(
    ("value", "expected"), [(72.706, 72.706), (0, None), (-1, None), ("7", None)]
)
def test_parameter_counts_must_be_published_and_positive(
    value: object, expected: float | None
) -> None:
    """The Open LLM sentinels (0, -1 = unknown) are not sizes."""
    assert params_billions(row("m", params_b=value)) == expected  # type: ignore[arg-type]


BOARD_ROWS = [
    row("GPT-4o", 1, 1287.0, 1, license="Proprietary", organization="OpenAI"),
    row("Claude 3.5 Sonnet", 2, 1272.0, 2, license="Proprietary", organization="Anthropic"),
    row("Gemma-2-27B-it", 12, 1217.0, 3, license="Gemma license", organization="Google"),
    row("Nemotron-4-340B", 12, 1209.0, 4, license="NVIDIA Open Model", organization="Nvidia"),
    row("Llama-3-70b-Instruct", 14, 1207.0, 5, license="Llama 3 Community", organization="Meta"),
    row("Qwen2-72B-Instruct", 20, 1187.0, 6, license="Qianwen LICENSE", organization="Alibaba"),
    row("Reference", None, 1100.0, 7, license="Apache 2.0"),
]


@pytest.mark.parametrize(
    ("filters", "page", "per_page", "names", "matching", "pages"),
    [
        (TopFilters(), 1, 3, ["GPT-4o", "Claude 3.5 Sonnet", "Gemma-2-27B-it"], 7, 3),
        (TopFilters(), 3, 3, ["Reference"], 7, 3),
        (TopFilters(), 99, 3, ["Reference"], 7, 3),  # past the end: the last page
        (TopFilters(), 0, 3, ["GPT-4o", "Claude 3.5 Sonnet", "Gemma-2-27B-it"], 7, 3),
        (
            TopFilters(open_weights=True),
            1,
            10,
            [
                "Gemma-2-27B-it",
                "Nemotron-4-340B",
                "Llama-3-70b-Instruct",
                "Qwen2-72B-Instruct",
                "Reference",
            ],
            5,
            1,
        ),
        (TopFilters(organization="ALIBABA"), 1, 10, ["Qwen2-72B-Instruct"], 1, 1),
        (TopFilters(license="llama"), 1, 10, ["Llama-3-70b-Instruct"], 1, 1),
        (TopFilters(organization="nobody"), 1, 10, [], 0, 1),
    ],
)
def test_top_page_filters_then_pages_in_board_order(
    filters: TopFilters, page: int, per_page: int, names: list[str], matching: int, pages: int
) -> None:
    """Rows keep their board order and published ranks (ties, unranked); pages are clamped."""
    result = top_page(ARENA, date(2024, 7, 7), list(reversed(BOARD_ROWS)), filters, page, per_page)
    assert [r.name for r in result.rows] == names
    assert (result.matching, result.pages, result.board_size) == (matching, pages, 7)
    assert 1 <= result.page <= result.pages


def test_ties_and_unranked_rows_keep_the_published_marks() -> None:
    result = top_page(ARENA, date(2024, 7, 7), BOARD_ROWS, TopFilters(), 1, 10)
    assert [r.rank for r in result.rows] == [1, 2, 12, 12, 14, 20, None]


def test_parameter_range_uses_published_sizes() -> None:
    rows = [
        row("a/7b", 1, 30.0, 1, params_b=7.2),
        row("b/70b", 2, 29.0, 2, params_b=70.0),
        row("c/unknown", 3, 28.0, 3),
    ]
    result = top_page(
        board("open_llm"), date(2024, 7, 13), rows, TopFilters(min_params=7, max_params=9)
    )
    assert [r.name for r in result.rows] == ["a/7b"]
    result = top_page(board("open_llm"), date(2024, 7, 13), rows, TopFilters(min_params=8))
    assert [r.name for r in result.rows] == ["b/70b"]


@pytest.mark.parametrize(
    ("filters", "reason"),
    [
        (TopFilters(open_weights=True), "no_licences"),
        (TopFilters(license="apache"), "no_licences"),
        (TopFilters(min_params=7), "no_params"),
        (TopFilters(organization="OpenAI"), "no_organizations"),
    ],
)
def test_a_filter_the_board_has_no_data_for_is_refused(filters: TopFilters, reason: str) -> None:
    """AlpacaEval publishes no licence, size or organisation: say so rather than list nothing."""
    rows = [row("gpt-4o-2024-05-13", 1, 57.5, 1), row("Qwen2 72B Instruct", 2, 38.1, 2)]
    with pytest.raises(QueryProblem) as caught:
        top_page(board("alpacaeval"), date(2024, 8, 17), rows, filters)
    assert caught.value.reason == reason


BOARDS = {
    b.board_id: b
    for b in (
        board("lmarena", "lmarena"),
        board("lmarena_style", "lmarena"),
        board("lmarena_coding", "lmarena", "coding"),
        board("lmarena_style_coding", "lmarena", "coding"),
        board("superclue", "superclue"),
        board("superclue_open_source", "superclue"),
        board("superclue_calc", "superclue", "计算"),
        board("mtbench", "lmarena"),
    )
}


@pytest.mark.parametrize(
    ("board_id", "parent"),
    [
        ("lmarena_coding", "lmarena"),
        ("lmarena_style_coding", "lmarena_style"),  # the longest main id that prefixes it
        ("superclue_calc", "superclue"),
        ("lmarena", None),
        ("superclue_open_source", None),  # a main board of its own
    ],
)
def test_parent_board(board_id: str, parent: str | None) -> None:
    assert parent_board(BOARDS[board_id], BOARDS) == parent
    assert main_of(BOARDS[board_id], BOARDS).board_id == (parent or board_id)


@pytest.mark.parametrize(
    ("main", "text", "found"),
    [
        ("lmarena", "coding", "lmarena_coding"),
        ("lmarena", "Coding ", "lmarena_coding"),
        ("lmarena", "lmarena_coding", "lmarena_coding"),
        ("lmarena_style", "coding", "lmarena_style_coding"),
        ("superclue", "计算", "superclue_calc"),
        ("superclue", "calc", "superclue_calc"),
    ],
)
def test_category_board_by_name_or_id(main: str, text: str, found: str) -> None:
    assert category_board(BOARDS[main], text, BOARDS).board_id == found


def test_unknown_or_missing_categories_are_explained() -> None:
    with pytest.raises(QueryProblem) as unknown:
        category_board(BOARDS["lmarena"], "poetry", BOARDS)
    assert unknown.value.reason == "unknown_category" and unknown.value.known == ("coding",)
    with pytest.raises(QueryProblem) as none:
        category_board(BOARDS["mtbench"], "coding", BOARDS)
    assert none.value.reason == "no_categories"
