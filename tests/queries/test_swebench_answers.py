"""SWE-bench answers on SQLite and PostgreSQL, through the service and the console's JSON
(``podium ask --json``): a model's best submission, named; boards listed as the site lists them.
Expected values are computed here from the real files."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

import pytest
import pytest_asyncio

from bot.console import ask
from bot.services import open_services
from bot.settings import Settings
from commands import Services
from commands.compare.cog import compare_embed
from commands.rank.cog import rank_embed
from data.domain.types import TopFilters
from tests.conftest import BACKENDS, FIXTURES, FrozenClock, empty_database
from tests.datasets import LOADED_AT, load

OCTOBER = "swebench/swebench_leaderboards_as_of_2025-10-06.json"
NOVEMBER = "swebench/swebench_leaderboards_as_of_2025-11-19.json"


def verified(relative: str) -> list[dict[str, Any]]:
    """The Verified results as published."""
    document = json.loads((FIXTURES / relative).read_text(encoding="utf-8"))
    [board] = [b for b in document["leaderboards"] if b["name"] == "Verified"]
    return [r for r in board["results"] if not r.get("warning")]


def models(result: Mapping[str, Any]) -> list[str]:
    return [t.split(":", 1)[1].strip() for t in result["tags"] if t.startswith("Model:")]


def best_with(results: Iterable[Mapping[str, Any]], spellings: set[str]) -> Mapping[str, Any]:
    """The best-scoring submission that ran with any spelling of a model."""
    return max((r for r in results if spellings & set(models(r))), key=lambda r: r["resolved"])


def site_rank(results: list[dict[str, Any]], resolved: float) -> int:
    return 1 + sum(r["resolved"] > resolved for r in results)


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=BACKENDS)
async def swebench(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Services]:
    """Services over both SWE-bench snapshots (October, then November), on each backend."""
    async with empty_database(request.param, tmp_path_factory.mktemp("db")) as url:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            PODIUM_DATABASE_URL=url,
            PODIUM_BUNDLED_DATA=False,
        )
        async with open_services(settings, clock=FrozenClock(LOADED_AT)) as services:
            await load(services, (("swebench", (OCTOBER,)), ("swebench", (NOVEMBER,))))
            yield services


async def answer(services: Services, line: str) -> dict[str, Any]:
    """``podium ask --json <line>``: what the console prints, parsed."""
    out, err = io.StringIO(), io.StringIO()
    assert await ask(services, line, as_json=True, out=out, err=err) == 0, err.getvalue()
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize(
    ("query", "spellings"),
    [
        # Best: a submission where gpt-5 is the second of two models.
        ("gpt-5", {"gpt-5", "gpt-5-2025-08-07", "openai/gpt-5-2025-08-07", "gpt-5-0807-global"}),
        # Best: a submission where gpt-4.1 is the second model; a later one spells it with a date.
        ("gpt-4.1", {"gpt-4.1", "gpt-4.1-2025-04-14", "gpt-4.1-20250414"}),
        # Two submissions, both run with this model alone.
        ("claude-3-opus-20240229", {"claude-3-opus-20240229"}),
    ],
)
async def test_rank_shows_the_best_submission_and_names_the_system(
    swebench: Services, query: str, spellings: set[str]
) -> None:
    results = verified(NOVEMBER)
    best = best_with(results, spellings)
    result = await swebench.leaderboards.rank(query, board="swebench")
    assert result.status == "match"
    [standing] = result.standings
    row = standing.row
    assert (row.key, row.name, row.score) == (best["folder"], best["name"], best["resolved"])
    assert row.rank == site_rank(results, best["resolved"])
    assert standing.board_size == len(results)
    assert standing.tied_with == sum(r["resolved"] == best["resolved"] for r in results) - 1
    assert standing.as_of.isoformat() == "2025-11-19"

    payload = await answer(swebench, f"/rank model:{query} board:swebench")
    [entry] = payload["entries"]
    assert (entry["name"], entry["score"], entry["rank"], entry["board"]) == (
        best["name"],
        best["resolved"],
        site_rank(results, best["resolved"]),
        "swebench",
    )
    assert entry["models"] == list(dict.fromkeys(models(best)))


@pytest.mark.asyncio(loop_scope="module")
async def test_a_submission_counts_for_every_model_it_ran_with(swebench: Services) -> None:
    """Every model of a multi-model submission finds it (none of them is its "name")."""
    results = verified(NOVEMBER)
    submission = max((r for r in results if len(models(r)) >= 4), key=lambda r: r["resolved"])
    for model in models(submission):
        result = await swebench.leaderboards.rank(model, board="swebench")
        assert result.status == "match", model
        # Found: this submission, or a better one run with the same model (or, for a tag that
        # names a line, such as the undated `claude-4-sonnet`, with another version of it).
        [shown] = result.standings
        assert shown.row.score >= submission["resolved"], model
        assert shown.version in (shown.row.models or ()), model


@pytest.mark.asyncio(loop_scope="module")
async def test_top_lists_submissions_as_the_site_does(swebench: Services) -> None:
    results = verified(NOVEMBER)
    # The site: sorted by % resolved, best first (a stable sort keeps the file's order on ties).
    expected = sorted(results, key=lambda r: -r["resolved"])
    page = await swebench.leaderboards.top("swebench", per_page=25)
    assert page.board_size == page.matching == len(results)
    assert [(r.key, r.name, r.score) for r in page.rows] == [
        (r["folder"], r["name"], r["resolved"]) for r in expected[:25]
    ]
    assert [r.rank for r in page.rows] == [site_rank(results, r["resolved"]) for r in expected[:25]]

    payload = await answer(swebench, "/top swebench n:25")
    assert payload["board"] == "swebench" and payload["board_title"] == "SWE-bench Verified"
    assert [(r["name"], r["score"], r["rank"]) for r in payload["rows"]] == [
        (r["name"], r["resolved"], site_rank(results, r["resolved"])) for r in expected[:25]
    ]
    assert [r["models"] for r in payload["rows"]] == [
        list(dict.fromkeys(models(r))) for r in expected[:25]
    ]


@pytest.mark.asyncio(loop_scope="module")
async def test_category_boards_are_the_other_leaderboards(swebench: Services) -> None:
    document = json.loads((FIXTURES / NOVEMBER).read_text(encoding="utf-8"))
    lite = next(b["results"] for b in document["leaderboards"] if b["name"] == "Lite")
    page = await swebench.leaderboards.top("swebench", category="Lite", per_page=5)
    assert page.board.board_id == "swebench_lite" and page.board_size == len(lite)
    leader = max(lite, key=lambda r: r["resolved"])
    assert (page.rows[0].name, page.rows[0].score, page.rows[0].rank) == (
        leader["name"],
        leader["resolved"],
        1,
    )


@pytest.mark.asyncio(loop_scope="module")
async def test_movement_is_the_submissions_since_october(swebench: Services) -> None:
    """A submission listed in both files moves by the difference of its site places."""
    october, november = verified(OCTOBER), verified(NOVEMBER)
    best = best_with(november, {"claude-3-opus-20240229"})
    before = next(r for r in october if r["folder"] == best["folder"])
    [standing] = (await swebench.leaderboards.rank("claude-3-opus-20240229", "swebench")).standings
    assert standing.previous_rank == site_rank(october, before["resolved"])
    assert standing.row.rank == site_rank(november, best["resolved"])
    assert standing.previous_rank < standing.row.rank  # newer submissions went above it


@pytest.mark.asyncio(loop_scope="module")
async def test_the_rank_embed_names_the_model_and_its_best_submission(swebench: Services) -> None:
    best = best_with(verified(NOVEMBER), {"gpt-4.1"})
    result = await swebench.leaderboards.rank("gpt-4.1", board="swebench")
    embed = rank_embed(result)
    assert embed.title is not None and embed.title.endswith("gpt-4.1 on SWE-bench Verified")
    fields = {field.name: field.value for field in embed.fields}
    assert fields["Best submission"].splitlines() == [
        best["name"],
        "run with " + ", ".join(models(best)),
    ]
    assert fields["% Resolved"] == f"{best['resolved']:g}"
    # Across boards, each line says which submission stands for the model.
    every_board = rank_embed(await swebench.leaderboards.rank("gpt-4.1"))
    [line] = [f.value for f in every_board.fields if f.name.endswith("SWE-bench Verified")]
    count = len(set(models(best)))
    assert count > 1 and line is not None
    assert line.endswith(f"best submission: `{best['name']}` ({count} models)")


@pytest.mark.asyncio(loop_scope="module")
async def test_one_submission_of_two_compared_models_is_one_result(swebench: Services) -> None:
    """gpt-5's best submission is also the best of a model it ran with: the comparison shows
    that one result once (one trophy, the other cell "same submission as"), named with its
    number of models, in the embed, the terminal's JSON and the service alike."""
    best = best_with(verified(NOVEMBER), {"gpt-5", "gpt-5-2025-08-07"})
    other = next(m for m in models(best) if not m.startswith("gpt-5"))
    result = await swebench.leaderboards.compare([other, "gpt-5"], board="swebench")
    [compared] = result.boards
    first, second = compared.overall.cells
    assert first is not None and second is not None
    assert first.name == second.name == best["name"] and second.same_as == 0
    assert first.submission_models == len(set(models(best)))
    overall = compare_embed(result).fields[0].value or ""
    assert overall.count("🏆") == 1 and "same submission as `A`" in overall
    assert f"({first.submission_models} models)" in overall
    payload = await answer(swebench, f"/compare {other}, gpt-5 board:swebench")
    assert payload["boards"], payload
    cells = payload["boards"][0]["lines"][0]["cells"]
    assert [c["same_as"] for c in cells] == [None, 0]


@pytest.mark.asyncio(loop_scope="module")
async def test_open_weights_is_the_sites_open_weights_filter(swebench: Services) -> None:
    """``os_model`` is what swebench.com filters "Open Weights" on."""
    results = verified(NOVEMBER)
    expected = sorted((r for r in results if r["os_model"] is True), key=lambda r: -r["resolved"])
    page = await swebench.leaderboards.top(
        "swebench", filters=TopFilters(open_weights=True), per_page=25
    )
    assert page.matching == len(expected) > 0
    assert [(r.key, r.rank) for r in page.rows] == [
        (r["folder"], site_rank(results, r["resolved"])) for r in expected[:25]
    ]
