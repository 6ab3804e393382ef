"""Renderer snapshots: real answers over the mid-2024 files, compared with reviewed JSON.

Each case runs a command's options through the same runner the cog uses and renders the
embeds; ``embed.to_dict()`` must equal ``snapshots/<case>.json``. Both database backends must
give the same embeds. After a deliberate change, regenerate with
``PODIUM_UPDATE_SNAPSHOTS=1 pytest tests/commands/test_snapshots.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import discord
import pytest

from commands import Services
from commands.about import About, about
from commands.about.cog import about_embed
from commands.boards import boards
from commands.boards.cog import boards_embeds
from commands.compare import COMPARE
from commands.compare.cog import compare_embed
from commands.history import HISTORY
from commands.history.cog import history_embed
from commands.limits import EMBEDS_PER_MESSAGE, fits
from commands.rank import RANK
from commands.rank.cog import rank_embed
from commands.search import SEARCH
from commands.search.cog import search_embed
from commands.spec import Command, Options
from commands.top import TOP
from commands.top.cog import top_embed

pytestmark = pytest.mark.asyncio(loop_scope="module")

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("PODIUM_UPDATE_SNAPSHOTS") == "1"


async def _about(services: Services) -> list[discord.Embed]:
    # The version and the model count are pinned: a release, or a better identity rule linking
    # two spellings into one model, must not change a rendering snapshot.
    answer = await about(services, Options())
    assert 0 < answer.info.models < 1000
    return [about_embed(About("0.1.0", replace(answer.info, models=500)))]


def _one(
    command: Command[Any, Any],
    render: Callable[[Any], discord.Embed],
    options: dict[str, str],
) -> Callable[[Services], Awaitable[list[discord.Embed]]]:
    async def case(services: Services) -> list[discord.Embed]:
        return [render(await command.run(services, command.options.from_text(options)))]

    return case


async def _boards(services: Services) -> list[discord.Embed]:
    return boards_embeds(await boards(services, Options()))


CASES: dict[str, Callable[[Services], Awaitable[list[discord.Embed]]]] = {
    "rank_qwen2_every_board": _one(
        RANK, rank_embed, {"model": "Qwen2-72B-Instruct", "as_of": "2024-08-20"}
    ),
    "rank_qwen2_on_the_arena_july": _one(
        RANK,
        rank_embed,
        {"model": "Qwen2-72B-Instruct", "board": "lmarena", "as_of": "2024-07-10"},
    ),
    "compare_qwen2_claude_july": _one(
        COMPARE,
        compare_embed,
        {"model1": "Qwen2-72B-Instruct", "model2": "Claude 3.5 Sonnet", "as_of": "2024-07-10"},
    ),
    "compare_three_on_livebench": _one(
        COMPARE,
        compare_embed,
        {
            "model1": "Qwen2-72B-Instruct, claude 3.5 sonnet, llama 3 70b instruct",
            "board": "livebench",
        },
    ),
    # Today (the test clock is 2026-11-29): every mid-2024 board is stale, and says so.
    "rank_qwen2_today": _one(RANK, rank_embed, {"model": "Qwen2-72B-Instruct"}),
    "top_arena_today": _one(TOP, top_embed, {"board": "lmarena", "n": "5"}),
    "top_arena_open_weights_july": _one(
        TOP,
        top_embed,
        {"board": "lmarena", "open_weights": "yes", "as_of": "2024-07-10"},
    ),
    "history_qwen2_claude_arena": _one(
        HISTORY,
        history_embed,
        {"models": "Qwen2-72B-Instruct, Claude 3.5 Sonnet", "board": "lmarena"},
    ),
    "search_qwen2_72b": _one(SEARCH, search_embed, {"text": "qwen2 72b instruct"}),
    "boards": _boards,
    "about": _about,
}


@pytest.mark.parametrize("case", sorted(CASES))
async def test_embed_matches_the_reviewed_snapshot(mid_2024: Services, case: str) -> None:
    embeds = await CASES[case](mid_2024)
    assert len(embeds) <= EMBEDS_PER_MESSAGE and all(fits(embed) for embed in embeds)
    actual = json.dumps(
        [embed.to_dict() for embed in embeds], indent=2, ensure_ascii=False, sort_keys=True
    )
    path = SNAPSHOTS / f"{case}.json"
    if UPDATE:
        path.write_text(actual + "\n", encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with PODIUM_UPDATE_SNAPSHOTS=1, review"
    assert actual + "\n" == path.read_text(encoding="utf-8")
