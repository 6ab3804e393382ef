"""Leaderboard source adapters, registered in one place."""

from __future__ import annotations

from data.domain.errors import UnknownSource
from data.sources.base import LeaderboardSource
from data.sources.lmarena import LMArenaSource

#: Every source Podium knows, by stable source id. Adding a board: one module, one line here.
REGISTRY: dict[str, type[LeaderboardSource]] = {
    source.source_id: source
    for source in (
        LMArenaSource,
    )
}

#: Source ids are a contract (CLI, env vars, ``/refresh``); later adapters fill the rest in.
SOURCE_IDS = ("lmarena", "open_llm", "superclue", "alpacaeval", "livebench", "arena_hard")


def get_source(source_id: str) -> LeaderboardSource:
    """An adapter instance for ``source_id``; ``UnknownSource`` lists the known ids."""
    try:
        return REGISTRY[source_id]()
    except KeyError:
        raise UnknownSource(source_id, sorted(REGISTRY)) from None
