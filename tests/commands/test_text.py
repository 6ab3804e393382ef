"""The text form of commands: parsing, the command line kept in footers, and the console."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.console import answer_json
from commands import Services
from commands.charts import PNG_SIGNATURE
from commands.compare import CompareOptions
from commands.parsing import BadOption, split_models
from commands.text import COMMANDS, Invocation, UsageError, digest, format_invocation, parse
from commands.top import TopOptions
from data.sources import REGISTRY

#: Option values a person might type: names with spaces, colons, quotes of one kind, CJK.
VALUES = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=60,
    )
    .map(lambda text: " ".join(text.split()))
    .filter(lambda text: bool(text) and not ('"' in text and "'" in text))
) | st.sampled_from(["5", "yes", "no", "7.5", "70b", "2024-07-10"])


@given(
    st.sampled_from(sorted(name for name, c in COMMANDS.items() if c.options.names())).flatmap(
        lambda name: st.tuples(
            st.just(name),
            st.dictionaries(st.sampled_from(COMMANDS[name].options.names()), VALUES, min_size=1),
        )
    )
)
def test_the_footer_command_line_reads_back_as_the_same_invocation(
    case: tuple[str, dict[str, str]],
) -> None:
    """``parse(format_invocation(x)) == x``: buttons get back exactly what was answered."""
    name, texts = case
    command = COMMANDS[name]
    texts = {**texts, **{r: texts.get(r, "x") for r in command.options.required()}}
    try:
        options = command.options.from_text(texts)
    except BadOption:  # a value of the wrong type: refused before any footer is written
        return
    if options.missing():
        return
    invocation = Invocation(name, options)
    assert parse(format_invocation(invocation)) == invocation


def test_compare_takes_a_list_in_its_first_option() -> None:
    """``/compare a, b`` and ``/compare a vs b`` spread over model1, model2."""
    expected = {"model1": "gpt-4o", "model2": "claude 3.5 sonnet", "board": "lmarena"}
    assert parse("/compare gpt-4o, claude 3.5 sonnet board:lmarena").options.to_text() == expected
    assert parse("/compare gpt-4o vs claude 3.5 sonnet board:lmarena").options.to_text() == expected
    assert (
        parse("/compare model1:gpt-4o model2:claude 3.5 sonnet board:lmarena").options.to_text()
        == expected
    )
    with pytest.raises(UsageError, match="model2"):
        parse("/compare gpt-4o")
    with pytest.raises(BadOption):
        CompareOptions.from_text({"model1": "a, b, c, d, e"})


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("qwen2, llama 3 70b", ["qwen2", "llama 3 70b"]),
        ("qwen2，文心一言4.0、gpt-4o", ["qwen2", "文心一言4.0", "gpt-4o"]),
        ("gpt-4o vs. claude", ["gpt-4o", "claude"]),
        ("vsx-1", ["vsx-1"]),
        (" , qwen2 ,", ["qwen2"]),
    ],
)
def test_model_lists(text: str, names: list[str]) -> None:
    assert split_models(text) == names


def test_the_digest_ignores_the_page_but_not_the_filters() -> None:
    first = Invocation("top", TopOptions(board="lmarena", open_weights=True))
    assert digest(first) == digest(
        Invocation("top", TopOptions("lmarena", open_weights=True, page=3))
    )
    assert digest(first) != digest(Invocation("top", TopOptions(board="lmarena")))


def test_discord_values_print_as_text_options() -> None:
    """The footer's command line shows Discord's typed values as they are typed in the console."""
    options = TopOptions(board="lmarena", n=5, open_weights=True, min_params=7.0, page=None)
    assert options.to_text() == {
        "board": "lmarena",
        "n": "5",
        "open_weights": "yes",
        "min_params": "7",
    }


pytestmark_db = pytest.mark.asyncio(loop_scope="module")


@pytestmark_db
async def test_ask_json_search_has_the_documented_shape(mid_2024: Services) -> None:
    """``{"command": "search", "query", "status", "matches": [{board, name, model, score}]}``."""
    payload = await answer_json(mid_2024, "/search qwen2 72b instruct board:alpacaeval")
    assert payload["status"] == "match"
    assert payload["command"] == "search" and payload["query"] == "qwen2 72b instruct"
    assert payload["status"] == "match"
    first = payload["matches"][0]
    assert {"board", "name", "model", "score"} <= set(first)
    assert (first["board"], first["name"], first["model"]) == (
        "alpacaeval",
        "Qwen2 72B Instruct",
        "Qwen2-72B-Instruct",
    )
    ambiguous = await answer_json(mid_2024, "/search claude")
    assert ambiguous["status"] == "ambiguous" and len(ambiguous["matches"]) > 1
    none = await answer_json(mid_2024, "/search gpt-9")
    assert none["status"] == "none" and isinstance(none["matches"], list)
    json.dumps(payload)  # serialisable as is


@pytestmark_db
async def test_ask_history_saves_the_chart_and_prints_its_path(mid_2024: Services) -> None:
    payload = await answer_json(mid_2024, "/history qwen2 72b instruct board:lmarena")
    assert payload["series"][0]["points"][0]["rank"] == 20
    chart = Path(payload["chart"])
    try:
        assert (await asyncio.to_thread(chart.read_bytes)).startswith(PNG_SIGNATURE)
    finally:
        await asyncio.to_thread(chart.unlink)


@pytestmark_db
async def test_ask_top_compare_and_about_as_json(mid_2024: Services) -> None:
    top = await answer_json(mid_2024, "/top lmarena n:3 open_weights:yes as_of:2024-07-10")
    assert [r["name"] for r in top["rows"]] == [
        "Gemma-2-27B-it",
        "Nemotron-4-340B-Instruct",
        "Llama-3-70b-Instruct",
    ]
    assert top["rows"][0]["open_weights"] is True and top["pages"] == 25
    compare = await answer_json(
        mid_2024, "/compare Qwen2-72B-Instruct vs Claude 3.5 Sonnet as_of:2024-07-10"
    )
    arena = next(b for b in compare["boards"] if b["board"] == "lmarena")
    assert arena["expected_win_rate"][0]["probability"] == pytest.approx(0.6199, abs=1e-4)
    about = await answer_json(mid_2024, "/about")
    assert about["version"] and len(about["sources"]) == len(REGISTRY)


def test_an_unknown_option_inside_a_value_is_named() -> None:
    """``foo:`` is no option of /top: the answer names it, not the ``n`` it ran into."""
    with pytest.raises(UsageError, match="no option foo:"):
        parse("/top lmarena n:5 foo:bar")
    with pytest.raises(BadOption):
        parse("/top lmarena n:five")
