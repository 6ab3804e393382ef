"""Leaderboard source adapters, registered in one place."""

from __future__ import annotations

from data.domain.errors import UnknownSource
from data.domain.types import NO_FACTS, BoardFacts
from data.sources.alpacaeval import AlpacaEvalSource
from data.sources.arena_hard import ArenaHardSource
from data.sources.base import LeaderboardSource, Published
from data.sources.livebench import LiveBenchSource
from data.sources.lmarena import LMArenaSource
from data.sources.open_llm import OpenLLMSource
from data.sources.superclue import SuperCLUESource
from data.sources.swebench import SWEBenchSource

#: Every source Podium knows, by stable source id, most prominent first. Adding a source is one
#: module and one line here: settings (``PODIUM_SOURCE_<ID>_URL``/``_SCHEDULE``), schedules,
#: ``podium import``, colours, the bundled snapshots, the boards' facts (``/compare`` metrics,
#: open-weights boards) and the "sources that publish ..." lists all read this.
REGISTRY: dict[str, type[LeaderboardSource]] = {
    source.source_id: source
    for source in (
        LMArenaSource,
        OpenLLMSource,
        SuperCLUESource,
        AlpacaEvalSource,
        LiveBenchSource,
        ArenaHardSource,
        SWEBenchSource,
    )
}

#: Source ids are a contract (CLI, env vars, ``/refresh``).
SOURCE_IDS = tuple(REGISTRY)


def sources_publishing(what: Published) -> tuple[str, ...]:
    """The ids of the sources whose rows publish ``what``, in registry order."""
    return tuple(source_id for source_id, source in REGISTRY.items() if what in source.publishes)


#: What every source declares about its boards (``LeaderboardSource.board_facts``), by board id.
BOARD_FACTS: dict[str, BoardFacts] = {
    board_id: facts
    for source in REGISTRY.values()
    for board_id, facts in source.board_facts.items()
}


def board_facts(board_id: str) -> BoardFacts:
    """What the board's source declares about it (nothing for most boards)."""
    return BOARD_FACTS.get(board_id, NO_FACTS)


def open_weights_boards(source_id: str) -> tuple[str, ...]:
    """The boards of ``source_id`` that list only open-weights models: their names are open
    on the source's other boards of the same round too."""
    return (
        tuple(
            board_id
            for board_id, facts in REGISTRY[source_id].board_facts.items()
            if facts.open_weights
        )
        if source_id in REGISTRY
        else ()
    )


def get_source(source_id: str) -> LeaderboardSource:
    """An adapter instance for ``source_id``; ``UnknownSource`` lists the known ids."""
    try:
        return REGISTRY[source_id]()
    except KeyError:
        raise UnknownSource(source_id, sorted(REGISTRY)) from None
