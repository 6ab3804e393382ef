"""A line typed bare (``kimi k2``, ``gpt-5``) stands on every board, each board showing the
version of the line it ranks best, named; a version typed exactly (``gpt-5-high``,
``gpt-4o-2024-08-06``) is that version only.

On the bundled data, through ``podium ask --json`` and the renderers. The expectations come from
the answers' own rows: the other versions of the line an answer lists ("also") are the versions
the boards publish, so no board may be missing from the entries and no listed version may rank
above the one shown on its board. The in-memory view answers as the database does (see
``test_read_model``), so one backend is enough here.
"""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from bot.console import ask
from bot.services import open_services
from bot.settings import Settings
from commands import Services
from commands.rank.cog import rank_embed
from tests.conftest import empty_database

pytestmark = pytest.mark.asyncio(loop_scope="module")

#: Lines as users type them: no date, effort level or release status singles out a version.
BARE_LINES = [
    "kimi k2",
    "gpt-5",
    "gpt 5",
    "claude sonnet 4",
    "gemini 2.5 pro",
    "deepseek r1",
    "qwen3 235b",
    "gpt-4o",
    "gpt 4.1",
    "o3",
]
#: One version each, spelled as boards spell it.
EXACT_VERSIONS = [
    "gpt-4o-2024-08-06",
    "gpt-5-high",
    "gpt-5-chat",
    "kimi-k2-0905-preview",
    "deepseek-r1-0528",
    "claude-sonnet-4-20250514",
]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bundled(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Services]:
    """Services over every bundled snapshot (SQLite)."""
    async with empty_database("sqlite", tmp_path_factory.mktemp("db")) as url:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            PODIUM_DATABASE_URL=url,
            PODIUM_BUNDLED_DATA=True,
        )
        async with open_services(settings) as services:
            yield services


async def answer(services: Services, line: str) -> dict[str, Any]:
    """``podium ask --json <line>``, parsed."""
    out, err = io.StringIO(), io.StringIO()
    assert await ask(services, line, as_json=True, out=out, err=err) == 0, err.getvalue()
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def assert_best_version_on_each_board(found: dict[str, Any]) -> None:
    """Every board listing a version of the line is an entry, and no other version listed on
    an entry's board ranks above the entry's."""
    assert found["status"] == "match", found
    entries = {entry["board"]: entry for entry in found["entries"]}
    hidden = {other["board"] for other in found["alternatives"]} - entries.keys()
    assert not hidden, (hidden, found["alternatives"])
    for other in found["alternatives"]:
        shown = entries[other["board"]]
        if other["rank"] is not None and shown["rank"] is not None:
            assert shown["rank"] <= other["rank"], (shown["version"], other)


@pytest.mark.parametrize("query", BARE_LINES)
async def test_a_bare_line_shows_its_best_version_on_every_board(
    bundled: Services, query: str
) -> None:
    """Across boards and on each board alone, the line's best-ranked version answers."""
    everywhere = await answer(bundled, f"/rank {query}")
    assert_best_version_on_each_board(everywhere)
    for entry in everywhere["entries"]:
        assert entry["model"] and entry["version"]
        if entry["models"] is None:  # a model's own row: the version is the row
            assert entry["version"] == entry["name"]
        else:  # a submission: the version is one of the model tags it ran with
            assert entry["version"] in entry["models"]
        alone = await answer(bundled, f"/rank model:{query} board:{entry['board']}")
        assert_best_version_on_each_board(alone)
        [same] = alone["entries"]
        picked = ("name", "rank", "version", "model")
        assert [same[k] for k in picked] == [entry[k] for k in picked], entry["board"]
    models = {entry["model"] for entry in everywhere["entries"]}
    assert (everywhere["line"] is not None) == (len(models) > 1)


async def test_several_versions_are_one_answer_named_by_the_line(bundled: Services) -> None:
    """`gpt-5`: SWE-bench's undated `gpt-5` tag and the Arena's `gpt-5-high` key are both
    entries (neither hidden behind "also"); the answer is titled with the line and each board
    names its version."""
    found = await answer(bundled, "/rank gpt-5")
    versions = {entry["board"]: entry["version"] for entry in found["entries"]}
    assert versions["swebench"] == "gpt-5"
    assert versions["lmarena"] == "gpt-5-high"
    assert found["line"] == "gpt-5"
    result = await bundled.leaderboards.rank("gpt-5")
    embed = rank_embed(result)
    assert embed.title == "gpt-5"
    assert embed.description is not None and "best-ranked version of the gpt-5 line" in (
        embed.description
    )
    fields = {field.name or "": field.value or "" for field in embed.fields}
    for standing in result.standings:
        [value] = [v for name, v in fields.items() if name.endswith(standing.board.title)]
        assert f"`{standing.version}`" in value, value


async def test_a_line_on_swebench_includes_dated_and_undated_tags(bundled: Services) -> None:
    """`claude sonnet 4` on SWE-bench: submissions tagged `claude-sonnet-4-20250514` and those
    tagged `claude-4-sonnet` run one line; the best of them answers (a dated tag's, above the
    undated tag's best, which stays "also")."""
    found = await answer(bundled, "/rank model:claude sonnet 4 board:swebench")
    assert_best_version_on_each_board(found)
    [entry] = found["entries"]
    [undated] = [a for a in found["alternatives"] if a["name"] == "claude-4-sonnet"]
    dated = await answer(bundled, "/rank model:claude-sonnet-4-20250514 board:swebench")
    [best] = dated["entries"]
    assert best["rank"] < undated["rank"]
    picked = ("name", "rank", "version", "model")
    assert [entry[k] for k in picked] == [best[k] for k in picked]


@pytest.mark.parametrize("query", EXACT_VERSIONS)
async def test_an_exact_version_answers_that_version_only(bundled: Services, query: str) -> None:
    """A date, effort level or key names one version: every entry is of it, however the other
    versions of its line rank."""
    found = await answer(bundled, f"/rank {query}")
    assert found["status"] == "match" and found["line"] is None
    assert {entry["model"] for entry in found["entries"]} == {found["model"]}
    assert {entry["version"].lower() for entry in found["entries"]} == {query}


@pytest.mark.parametrize("query", BARE_LINES)
async def test_compare_stands_on_the_versions_rank_shows(bundled: Services, query: str) -> None:
    """`/compare <line> <other>` puts the line on each board with the version `/rank <line>`
    shows there, and names it when it is not the model the query resolved to."""
    ranked = await answer(bundled, f"/rank {query}")
    shown = {entry["board"]: entry for entry in ranked["entries"]}
    other = "claude 3.5 sonnet"  # on LMArena, as every line of BARE_LINES is
    compared = await answer(bundled, f"/compare model1:{query} model2:{other}")
    assert compared["status"] == "match", compared
    for board in compared["boards"]:
        cell = board["lines"][0]["cells"][0]
        entry = shown.get(board["board"])
        if cell is None or entry is None or entry["models"] is not None:
            continue  # not on the board, or a submission (its row is the best run, not a name)
        assert (cell["name"], cell["rank"]) == (entry["name"], entry["rank"]), board["board"]
        version = board["versions"][0]
        assert version in (None, entry["version"]), board["board"]
        assert (version is None) == (entry["model"] == compared["choices"][0]["model"])
