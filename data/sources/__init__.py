"""Leaderboard source adapters, registered in one place."""

from __future__ import annotations

from data.domain.errors import UnknownSource
from data.sources.alpacaeval import AlpacaEvalSource
from data.sources.arena_hard import ArenaHardSource
from data.sources.base import LeaderboardSource
from data.sources.livebench import LiveBenchSource
from data.sources.lmarena import LMArenaSource
from data.sources.open_llm import OpenLLMSource
from data.sources.superclue import SuperCLUESource

#: Every source Podium knows, by stable source id. Adding a board: one module, one line here.
REGISTRY: dict[str, type[LeaderboardSource]] = {
    source.source_id: source
    for source in (
        LMArenaSource,
        OpenLLMSource,
        SuperCLUESource,
        AlpacaEvalSource,
        LiveBenchSource,
        ArenaHardSource,
    )
}

#: Source ids are a contract (CLI, env vars, ``/refresh``).
SOURCE_IDS = ("lmarena", "open_llm", "superclue", "alpacaeval", "livebench", "arena_hard")


def get_source(source_id: str) -> LeaderboardSource:
    """An adapter instance for ``source_id``; ``UnknownSource`` lists the known ids."""
    try:
        return REGISTRY[source_id]()
    except KeyError:
        raise UnknownSource(source_id, sorted(REGISTRY)) from None
