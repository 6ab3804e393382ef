"""Table tests of the resolver and autocomplete on small hand-made boards."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.domain.names import default_aliases, identify
from data.domain.resolve import MAX_CANDIDATES, NameIndex, Resolution
from data.domain.types import NameRecord

ALIASES = default_aliases()


def board(board_id: str, *names: str) -> list[NameRecord]:
    """Records of a board listing ``names`` best first (rank = position)."""
    records = []
    for position, name in enumerate(names, start=1):
        slug, display = identify(name, name, ALIASES)
        records.append(NameRecord(board_id, name, name, slug, display, position, position, None))
    return records


ARENA = board(
    "arena",
    "Gemini-2.5-Pro",
    "Qwen3-235B-A22B-Instruct-2507",
    "Claude Opus 4 (20250514)",
    "Claude 3.5 Sonnet (20241022)",
    "GPT-4o-2024-05-13",
    "GPT-4o-2024-08-06",
    "ChatGPT-4o-latest (2025-03-26)",
    "Qwen3-32B",
    "Claude 3.5 Sonnet (20240620)",
    "Llama-3.1-405B-Instruct",
    "GPT-4o-mini-2024-07-18",
    "GPT-4-Turbo-2024-04-09",
    "Qwen2.5-72B-Instruct",
    "Claude 3 Opus",
    "Llama-3-70B-Instruct",
    "Meta-Llama-3.1-70B-Instruct",
    "GPT-4-0314",
    "Qwen2-72B-Instruct",
    "Claude 3 Haiku",
    "GPT-4-0613",
    "Gemini Pro",
    "Gemini-1.5-Pro-002",
    "DeepSeek-R1",
)
FINETUNES = board(  # an Open LLM-like board: fine-tunes and re-uploads rank above the original
    "hub",
    "MaziyarPanahi/calme-2.1-qwen2-72b",
    "unsloth/Qwen2-72B-Instruct",
    "someone/Qwen2-72B-Instruct-abliterated",
    "Qwen/Qwen2.5-72B-Instruct",
    "Qwen/Qwen2-72B-Instruct",
    "Qwen/Qwen2-7B-Instruct",
    "Qwen/Qwen2-72B",
)
ONLY_FINETUNE = board("tiny", "smaug-qwen2-72b-instruct", "dracarys-72b-instruct")
MANY_CLAUDES = board("claudes", *(f"Claude {v} Model{i}" for i, v in enumerate("123456789ab")))
INDEX = NameIndex([*ARENA, *FINETUNES, *ONLY_FINETUNE, *MANY_CLAUDES], ALIASES)


def answer(query: str, board_id: str | None = "arena") -> str:
    """The resolver's answer: the matched row's name, AMBIGUOUS, NONE or ABSENT."""
    resolution = INDEX.resolve(query, board_id)
    if resolution.status == "match":
        return resolution.matches[0].record.name
    return resolution.status.upper()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # spellings of one row
        ("Qwen2-72B-Instruct", "Qwen2-72B-Instruct"),
        ("qwen2 72b instruct", "Qwen2-72B-Instruct"),
        ("Qwen/Qwen2-72B-Instruct", "Qwen2-72B-Instruct"),
        ("claude-3-5-sonnet-20240620", "Claude 3.5 Sonnet (20240620)"),
        ("Claude 3.5 Sonnet (06/20)", "Claude 3.5 Sonnet (20240620)"),
        # a version the user typed must match exactly
        ("qwen2", "Qwen2-72B-Instruct"),
        ("qwen2.5", "Qwen2.5-72B-Instruct"),
        ("llama 3", "Llama-3-70B-Instruct"),
        ("llama 3.1", "Llama-3.1-405B-Instruct"),
        ("gemini pro", "Gemini Pro"),
        ("gemini 1.5 pro", "Gemini-1.5-Pro-002"),
        ("claude 3.5", "Claude 3.5 Sonnet (20241022)"),
        ("claude 3", "AMBIGUOUS"),  # Opus and Haiku; never a 3.5
        ("claude 2", "ABSENT"),  # on the "claudes" board, not on this one
        # gpt-4 vs gpt-4o vs gpt-4-turbo vs chatgpt-4o-latest
        ("gpt-4", "GPT-4-0314"),
        ("gpt-4o", "GPT-4o-2024-05-13"),
        ("gpt-4o-2024-08-06", "GPT-4o-2024-08-06"),
        ("gpt-4 turbo", "GPT-4-Turbo-2024-04-09"),
        ("gpt-4o mini", "GPT-4o-mini-2024-07-18"),
        ("chatgpt-4o-latest", "ChatGPT-4o-latest (2025-03-26)"),
        # bare families: the flagship of one line, else ambiguous
        ("qwen3", "Qwen3-235B-A22B-Instruct-2507"),
        ("claude", "AMBIGUOUS"),
        ("qwen", "AMBIGUOUS"),
        ("deepseek", "DeepSeek-R1"),
        # shorthand, nicknames, typos
        ("4o", "GPT-4o-2024-05-13"),
        ("sonnet 3.5", "Claude 3.5 Sonnet (20241022)"),
        ("r1", "DeepSeek-R1"),
        ("cluade 3.5 sonnet", "Claude 3.5 Sonnet (20241022)"),
        ("gtp-4o", "GPT-4o-2024-05-13"),
        ("lama 3", "Llama-3-70B-Instruct"),
        # nothing
        ("gpt-9", "NONE"),
        ("mistral", "NONE"),
    ],
)
def test_resolve_on_one_board(query: str, expected: str) -> None:
    assert answer(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("qwen2", "Qwen/Qwen2-72B-Instruct"),  # not calme-...-qwen2, not the abliterated copy
        ("Qwen2-72B-Instruct", "Qwen/Qwen2-72B-Instruct"),  # not the re-upload
        ("unsloth/Qwen2-72B-Instruct", "unsloth/Qwen2-72B-Instruct"),  # asked for by org
        ("qwen2.5", "Qwen/Qwen2.5-72B-Instruct"),
        ("qwen2 72b", "Qwen/Qwen2-72B-Instruct"),  # what people chat with, not the base model
        ("qwen2 72b base", "Qwen/Qwen2-72B"),  # the base model when asked for
        ("Qwen/Qwen2-72B", "Qwen/Qwen2-72B"),  # or named by its Hub id
        ("calme", "MaziyarPanahi/calme-2.1-qwen2-72b"),
    ],
)
def test_official_models_beat_finetunes(query: str, expected: str) -> None:
    assert answer(query, "hub") == expected


def test_a_model_elsewhere_never_falls_back_to_a_finetune() -> None:
    assert answer("qwen2", "tiny") == "ABSENT"  # Qwen2 exists on other boards
    assert answer("smaug qwen2", "tiny") == "smaug-qwen2-72b-instruct"
    assert answer("dracarys", "tiny") == "dracarys-72b-instruct"


def test_match_without_board_lists_the_models_row_on_every_board() -> None:
    resolution = INDEX.resolve("Qwen2-72B-Instruct")
    assert resolution.status == "match"
    rows = [match.record for match in resolution.matches]
    assert {row.board_id for row in rows} == {"arena", "hub"}
    assert {row.name for row in rows} == {"Qwen2-72B-Instruct", "Qwen/Qwen2-72B-Instruct"}
    assert len({row.model_slug for row in rows}) == 1
    assert all(0 <= match.score <= 100 for match in resolution.matches)


def test_ambiguous_lists_distinct_models_best_first() -> None:
    resolution = INDEX.resolve("claude", "claudes")
    assert resolution.status == "ambiguous"
    slugs = [match.record.model_slug for match in resolution.matches]
    assert len(slugs) == len(set(slugs)) == MAX_CANDIDATES
    assert [m.record.rank for m in resolution.matches] == sorted(
        m.record.rank or 0 for m in resolution.matches
    )


def test_none_offers_suggestions() -> None:
    resolution = INDEX.resolve("gpt-9")
    assert resolution.status == "none"
    assert resolution.matches
    assert all(match.record.name.lower().startswith("gpt") for match in resolution.matches)
    assert INDEX.resolve("zzzzqqq").matches == ()


def test_unknown_board_and_empty_index() -> None:
    assert INDEX.resolve("gpt-4o", "nope").status == "none"
    empty = NameIndex([], ALIASES)
    assert empty.resolve("gpt-4o") == Resolution("gpt-4o", "none")
    assert empty.suggest("") == empty.suggest("gpt") == []


HOSTILE = [
    "",
    "   ",
    "\n\t\r",
    "x" * 10_000,
    "gpt-4o " * 2_000,
    "🤖🔥💯",
    "@everyone",
    "@here <@123456789012345678> <@&42> <#99>",
    "<:pepe:1234567890>",
    "**__~~||`` ``||~~__**",
    "\x00\x01\x02\x1b[31m\x7f",
    "\u202egpt-4o\u202c",
    "<script>alert(1)</script>",
    "'; DROP TABLE models; --",
    "../../../../etc/passwd",
    "%s%n%x{0}{}",
    "\ufffd\ufeff\u200b\u200d",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_bad_input_is_a_clean_answer(query: str) -> None:
    """A clean answer whatever comes in (how fast: ``bench/resolve_bench.py``; a timed
    assertion here would fail on a busy machine)."""
    resolution = INDEX.resolve(query)
    suggestions = INDEX.suggest(query, None, 25)
    assert resolution.status in {"none", "match"}
    assert resolution.query == query
    assert len(suggestions) <= 25


def test_mentions_around_a_real_name_still_resolve() -> None:
    assert answer("<@123456789> gpt-4o") == "GPT-4o-2024-05-13"
    assert answer("**Claude 3 Opus**") == "Claude 3 Opus"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "arena", "hub", "nope"]))
def test_resolve_and_suggest_never_raise(text: str, board_id: str | None) -> None:
    resolution = INDEX.resolve(text, board_id)
    assert resolution.status in {"match", "ambiguous", "none"}
    if resolution.status != "match":  # a match lists one row per board instead
        assert len(resolution.matches) <= MAX_CANDIDATES
    assert len(INDEX.suggest(text, board_id, 7)) <= 7


# --- autocomplete -----------------------------------------------------------------------------


def test_suggest_empty_text_gives_the_best_ranked_models() -> None:
    assert INDEX.suggest("", "arena", 3) == [
        "Gemini-2.5-Pro",
        "Qwen3-235B-A22B-Instruct-2507",
        "Claude Opus 4 (20250514)",
    ]
    assert len(INDEX.suggest("", None, 25)) == 25


def test_suggest_matches_word_prefixes_canonical_names_first() -> None:
    found = INDEX.suggest("qwen2 7", "hub", 10)
    # Canonical names (calme is its uploader's own model, and the board's #1) come first...
    assert found[:2] == ["calme-2.1-qwen2-72b", "Qwen2-72B-Instruct"]
    # ...then the spellings that differ from them, such as a re-upload under its org.
    assert "unsloth/Qwen2-72B-Instruct" in found[2:]
    assert INDEX.suggest("claude 3.5", "arena") == [
        "Claude 3.5 Sonnet (20241022)",
        "Claude 3.5 Sonnet (20240620)",
    ]


def test_suggest_limits_boards_and_typos() -> None:
    assert len(INDEX.suggest("g", "arena", 2)) == 2
    assert INDEX.suggest("g", "arena", 0) == []
    assert INDEX.suggest("gpt", "nope") == []
    assert INDEX.suggest("qwen2", "tiny") == ["smaug-qwen2-72b-instruct"]
    assert INDEX.suggest("cluade opus", "arena") == ["Claude Opus 4 (20250514)", "Claude 3 Opus"]


def test_an_exact_row_name_matches_even_when_an_alias_reads_it_as_the_bare_family() -> None:
    """SuperCLUE's ``云雀大模型(豆包)`` is that row, though its curated alias is the bare Doubao
    family; a family word typed alone (``豆包``) still lists the family's models."""
    index = NameIndex(
        [
            *board("superclue", "云雀大模型(豆包)"),
            *board("swe", "Doubao-Seed-Code", "Doubao-Seed-1.6"),
        ],
        ALIASES,
    )
    resolution = index.resolve("云雀大模型(豆包)")
    assert resolution.status == "match", resolution
    assert resolution.matches[0].record.name == "云雀大模型(豆包)"
    assert index.resolve("豆包").status == "ambiguous"


def submission_tag(board_id: str, folder: str, model: str) -> NameRecord:
    """A SWE-bench-like submission's record for one of its model tags (named by the tag)."""
    slug, display = identify(model, model, ALIASES)
    return NameRecord(board_id, folder, model, slug, display, 1, 1, None)


def test_a_generic_tag_one_board_uses_does_not_hide_the_flagship_many_boards_list() -> None:
    """SWE-bench's sizeless "Qwen 2.5" tag is one submission; ``qwen2.5`` across boards means
    the Qwen2.5 instruct flagship several boards list (as ``qwen2`` does), the tag kept among
    the alternatives; on the tag's board, or typed with its board, it still answers."""
    flagship = ("Qwen2.5-72B-Instruct", "Qwen2.5-7B-Instruct", "Qwen2.5-Coder-32B-Instruct")
    index = NameIndex(
        [
            *board("arena", *flagship),
            *board("hard", *flagship),
            *board("alpaca", "Qwen2.5-72B-Instruct"),
            submission_tag(
                "swe", "20250306_SWE-Fixer_Qwen2.5-7b-retriever_Qwen2.5-72b-editor", "Qwen 2.5"
            ),
        ],
        ALIASES,
    )
    for query in ("qwen2.5", "Qwen 2.5", "通义千问2.5"):
        resolution = index.resolve(query)
        assert resolution.status == "match", (query, resolution)
        assert resolution.matches[0].record.name == "Qwen2.5-72B-Instruct", query
        assert "Qwen 2.5" in {m.record.name for m in resolution.alternatives}, query
    on_board = index.resolve("qwen2.5", "swe")
    assert on_board.status == "match" and on_board.matches[0].record.name == "Qwen 2.5"
