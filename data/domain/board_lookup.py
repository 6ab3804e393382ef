"""Which board a user means: by id, by source id (its main board), or by a fuzzy title.

Every command that takes a board goes through ``find_board``. Exact readings win, compared
without case, spaces or punctuation (``open llm`` is ``open_llm``, ``MT-Bench`` is ``mtbench``);
only then is the title matched fuzzily, and only when one board clearly wins: a board Podium
picks for a user must be the one they meant, so a near tie is no answer (the caller lists
suggestions instead).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rapidfuzz import fuzz

from data.domain.types import BoardInfo

#: A fuzzy title match needs at least this rapidfuzz WRatio (0-100)...
FUZZY_CUTOFF = 85.0
#: ...and this lead over the next board, on WRatio or else on plain ratio (which prefers the
#: title with the fewest extra words: ``arena hard`` is Arena-Hard-Auto, not its style variant).
FUZZY_MARGIN = 3.0
RATIO_MARGIN = 10.0

_NOT_ALNUM = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """``text`` without case, spaces or punctuation, for exact comparisons."""
    return _NOT_ALNUM.sub("", text.casefold())


def _words(text: str) -> str:
    return " ".join(_NOT_ALNUM.sub(" ", text.casefold()).split())


def main_board(boards: Mapping[str, BoardInfo], source_id: str) -> BoardInfo | None:
    """A source's main board: not a category board, shortest id first (``lmarena``)."""
    mains = [info for info in boards.values() if info.source_id == source_id]
    if not mains:
        return None
    return min(
        mains, key=lambda info: (info.category is not None, len(info.board_id), info.board_id)
    )


def find_board(boards: Mapping[str, BoardInfo], text: str) -> BoardInfo | None:
    """The board ``text`` names, or ``None`` when none does (or several fit about as well).

    In order: a board id; a title; a source id (its main board); each compared squashed
    (``squash``); then the one title (or id) a fuzzy match clearly prefers.
    """
    wanted = text.strip()
    if not wanted:
        return None
    if wanted.lower() in boards:
        return boards[wanted.lower()]
    key = squash(wanted)
    if not key:
        return None
    for info in boards.values():
        if key in (squash(info.board_id), squash(info.title)):
            return info
    for source_id in sorted({info.source_id for info in boards.values()}):
        if squash(source_id) == key:
            return main_board(boards, source_id)
    ranked = _ranked(boards, wanted)
    if not ranked or ranked[0][0] < FUZZY_CUTOFF:
        return None
    best_score, best_ratio, best = ranked[0]
    if len(ranked) > 1:
        score, ratio, _ = ranked[1]
        if best_score - score < FUZZY_MARGIN and best_ratio - ratio < RATIO_MARGIN:
            return None
    return best


def similar_boards(boards: Mapping[str, BoardInfo], text: str, limit: int = 10) -> list[str]:
    """Board ids most like ``text``, best first (for "no board called ..." answers)."""
    return [info.board_id for _, _, info in _ranked(boards, text)[:limit]]


def _ranked(boards: Mapping[str, BoardInfo], text: str) -> list[tuple[float, float, BoardInfo]]:
    """Boards by fuzzy similarity of title or id to ``text``: ``(WRatio, ratio, board)``."""
    query = _words(text)
    scored = []
    for info in boards.values():
        best = max(
            (
                (fuzz.WRatio(query, candidate), fuzz.ratio(query, candidate))
                for candidate in (_words(info.title), _words(info.board_id))
            ),
        )
        scored.append((best[0], best[1], info))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2].board_id))
    return scored
