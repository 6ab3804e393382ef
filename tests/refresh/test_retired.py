"""A retired source (open_llm) over loopback: fetched from its pinned address once, never in
a schedule, and /rank, /boards and /about say "retired, final snapshot 2025-03-21"."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date

import aiohttp
import pytest
from aiohttp import web

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from commands.about import About, about_payload
from commands.about.cog import about_embed
from commands.boards import boards_payload
from commands.boards.cog import boards_embeds
from commands.compare.cog import compare_embed
from commands.rank import rank_payload
from commands.rank.cog import rank_embed
from data.domain.types import SourceFile
from data.sources.open_llm import OpenLLMSource
from tests.conftest import FIXTURES
from tests.http_server import LoopbackServer, loopback_server

FINAL = (FIXTURES / "open_llm_leaderboard/fboulnois_huggingface_v2_2025-03-21.csv").read_bytes()
#: The pinned address's path, served by the loopback mirror.
PINNED = "/" + OpenLLMSource.default_url.split("://", 1)[1].split("/", 1)[1]
RETIRED = "retired, final snapshot 2025-03-21"


@dataclass
class World:
    server: LoopbackServer
    services: Services


@pytest.fixture
async def world(database_url: str, settings_for: Callable[..., Settings]) -> AsyncIterator[World]:
    """Podium whose open_llm source points at a loopback mirror of the pinned file."""
    async with loopback_server() as server:
        settings = settings_for(
            database_url,
            PODIUM_SOURCE_OPEN_LLM_URL=server.url(PINNED),
            PODIUM_FETCH_ATTEMPTS=1,
            PODIUM_FETCH_BACKOFF=0,
        )
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            yield World(server, services)


async def serve_final(request: web.Request) -> web.Response:
    return web.Response(body=FINAL, headers={"Content-Type": "text/plain"})


async def test_fetched_once_then_left_out_of_refreshes_and_never_scheduled(world: World) -> None:
    loading = world.services.loading
    assert "open_llm" not in loading.scheduled_ids()
    assert "lmarena" in loading.scheduled_ids()
    assert "open_llm" in await loading.refresh_ids()  # not fetched yet

    world.server.route(PINNED, serve_final)
    [report] = await loading.refresh(["open_llm"])
    assert report.status == "new"
    assert [(b.board_id, b.rows, b.as_of) for b in report.boards] == [
        ("open_llm", 4576, date(2025, 3, 21))
    ]
    assert len(world.server.seen(PINNED)) == 1
    # Fetched: a refresh of every source no longer asks for it; the live ones stay.
    everything = await loading.refresh_ids()
    assert "open_llm" not in everything and "lmarena" in everything


async def test_a_failed_pinned_fetch_is_tried_again_by_the_next_refresh(world: World) -> None:
    [report] = await world.services.loading.refresh(["open_llm"])  # nothing served: 404
    assert report.status == "failed" and "404" in report.reason
    assert "open_llm" in await world.services.loading.refresh_ids()


async def test_rank_boards_and_about_say_retired_with_the_final_date(world: World) -> None:
    world.server.route(PINNED, serve_final)
    await world.services.loading.refresh(["open_llm"])
    leaderboards = world.services.leaderboards

    compared = await leaderboards.compare(["Qwen2-72B-Instruct", "Llama-3-70B-Instruct"])
    assert [(c.board.board_id, c.state) for c in compared.boards] == [("open_llm", "retired")]
    assert RETIRED in str(compare_embed(compared).fields[0].name)

    result = await leaderboards.rank("Qwen2-72B-Instruct", board="open_llm")
    [standing] = result.standings
    assert standing.retired and standing.as_of == date(2025, 3, 21)
    assert rank_payload(result)["entries"][0]["retired"] is True
    embed = rank_embed(result)
    assert embed.footer.text is not None and RETIRED in embed.footer.text
    # Asked about a day before retirement, the board was live then.
    older = FIXTURES / "open_llm_leaderboard/fboulnois_huggingface_v2_2024-12-31.csv"
    await world.services.loading.import_files(
        "open_llm", [SourceFile(older.name, older.read_bytes())]
    )
    earlier = await leaderboards.rank("Qwen2-72B-Instruct", as_of=date(2025, 3, 20))
    assert [(s.as_of, s.retired) for s in earlier.standings] == [(date(2024, 12, 31), False)]

    summaries = await leaderboards.board_summaries()
    [summary] = [s for s in summaries if s.board.board_id == "open_llm"]
    assert summary.retired_on == date(2025, 3, 21)
    [entry] = [b for b in boards_payload(summaries)["boards"] if b["board"] == "open_llm"]
    assert entry["retired_on"] == "2025-03-21"
    [embed] = boards_embeds(summaries)
    assert RETIRED in embed.fields[0].value  # type: ignore[operator]

    about = About("test", await leaderboards.about())
    [source] = [s for s in about_payload(about)["sources"] if s["source"] == "open_llm"]
    assert (source["retired_on"], source["state"]) == ("2025-03-21", "retired")
    [field] = [f for f in about_embed(about).fields if f.name == "open_llm"]
    assert RETIRED.capitalize() in str(field.value)
