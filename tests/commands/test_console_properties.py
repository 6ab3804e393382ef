"""The console's option parser meets anything typed: an answer or a one-line refusal.

``podium ask`` and the offline console run each line through ``bot.console.answer_json``:
parse the ``/command option:value`` text, convert the options (dates, numbers, yes/no, model
lists), query. Hypothesis types lines as people and scripts do, and worse: real commands with
odd values (numbers out of range, dates that are not, quotes left open, options twice),
unknown commands and options, control characters and raw junk. Every line gets a JSON object
(a result, a usage error or a domain error with its message), never an exception.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.console import answer_json
from commands import Services
from commands.text import COMMANDS

ON_DATABASE = pytest.mark.asyncio(loop_scope="module")

#: Values at their worst: numbers and dates of every shape, quotes, colons, CJK, controls.
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "0",
            "-1",
            "1e309",
            "nan",
            "inf",
            "999999999999999999999",
            "3.5",
            "7b",
            "yes",
            "maybe",
            "2024-02-30",
            "2024-13-01",
            "0000-01-01",
            "9999-12-31",
            "2024-07-01",
            "24-7-1",
            '"open',
            "'",
            "a:b",
            "qwen2, llama 3, gpt-4o, claude, mistral",
            "vs",
            ",",
            "",
            "lmarena",
            "open_llm",
            "文心一言",
            "🥇",
            "\x00",
            "\u202e",
            "@everyone",
        ]
    ),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
NAMES = st.sampled_from(
    sorted({o for c in COMMANDS.values() for o in c.options.names()})
) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)


def quoted(value: str) -> str:
    """A value as a person would type it: bare, or quoted when it has spaces."""
    return f'"{value}"' if " " in value and '"' not in value else value


@st.composite
def lines(draw: st.DrawFn) -> str:
    """A console line: usually a real command with options, sometimes anything at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=80))
    name = draw(st.sampled_from(sorted(COMMANDS)) | st.text(min_size=1, max_size=10))
    parts = [f"/{name}"]
    if draw(st.booleans()):
        parts.append(quoted(draw(VALUES)))  # a leading positional value
    for option in draw(st.lists(NAMES, max_size=5)):
        parts.append(f"{option}:{quoted(draw(VALUES))}")
    return " ".join(parts)


@ON_DATABASE
@settings(
    max_examples=60,
    deadline=None,  # real queries on a shared machine; the count bounds the time
    suppress_health_check=[HealthCheck.too_slow],
)
@given(line=lines())
async def test_any_console_line_gets_an_answer_or_a_refusal(mid_2024: Services, line: str) -> None:
    """An object for every line; refusals carry a message, results serialise."""
    payload = await answer_json(mid_2024, line)
    assert "command" in payload, payload
    if payload.get("status") in ("usage_error", "error"):
        assert payload["error"].strip()
    json.dumps(payload)
    if "chart" in payload:  # a history that matched: its PNG went to the temp folder
        await asyncio.to_thread(Path(payload["chart"]).unlink)
