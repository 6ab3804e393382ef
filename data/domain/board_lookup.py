"""Which board a user means: by id, by source id (its main board), by title, or by nickname.

Every command that takes a board goes through ``find_board``. Exact readings win, compared
without case, spaces or punctuation (``open llm`` is ``open_llm``, ``MT-Bench`` is ``mtbench``),
the Chinese title as well as the English one (``SuperCLUE开源模型排行榜``), and a source's
Chinese name, the part of its boards' Chinese titles before "：" (``SuperCLUE中文大模型测评基准``);
then known nicknames (``chatbot arena``, ``lmsys``, ``arena`` are LMArena). Only then are the
query's words matched against each board's words, and only a board that clearly fits answers:
every word found (a typo of one letter allowed in longer words), one of them naming the board
or its source rather than describing it (``models`` alone is no board), all fitting boards of
one source, and one of them with fewer extra words than the others. A board Podium picks for a
user must be the one they meant; anything less is "no board called …" with suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from data.domain.types import BoardInfo

#: What people call a source, squashed (see ``squash``) -> its source id.
NICKNAMES = {
    "arena": "lmarena",
    "chatbotarena": "lmarena",
    "lmsys": "lmarena",
    "lmsysarena": "lmarena",
    "lmsyschatbotarena": "lmarena",
    "lmarenaai": "lmarena",
    "alpaca": "alpacaeval",
    "arenahardauto": "arena_hard",
    "竞技场": "lmarena",
    "大模型竞技场": "lmarena",
}
#: Words of at least this many letters may carry one typo.
TYPO_MIN_LETTERS = 5
#: "No board called …" suggests at most this many boards.
MAX_SUGGESTIONS = 5
#: Ends a source's Chinese name in its boards' Chinese titles (``LiveBench 实时基准测评：编程``).
ZH_SEPARATOR = "："

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
    """The board ``text`` names, or ``None`` when none clearly does (see the module docstring).

    In order: a board id; a title; a source id (its main board); a nickname; each compared
    squashed (``squash``); then the one board the query's words clearly fit.
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
        if key in (squash(info.board_id), squash(info.title), squash(info.title_zh or "")):
            return info
    for source_id in sorted({info.source_id for info in boards.values()}):
        if squash(source_id) in (key, squash(NICKNAMES.get(key, ""))):
            return main_board(boards, source_id)
    named = {
        info.source_id
        for info in boards.values()
        if info.title_zh
        and ZH_SEPARATOR in info.title_zh
        and squash(info.title_zh.split(ZH_SEPARATOR, 1)[0]) == key
    }
    if len(named) == 1:
        return main_board(boards, named.pop())
    return _by_words(boards, _words(wanted).split())


def _by_words(boards: Mapping[str, BoardInfo], words: list[str]) -> BoardInfo | None:
    """The one board whose words hold every query word, with the fewest words to spare."""
    fitting: list[tuple[int, BoardInfo]] = []
    for info in boards.values():
        naming = set(_words(f"{info.board_id} {info.source_id}").split())
        describing = set(
            _words(f"{info.title} {info.title_zh or ''} {info.category or ''}").split()
        )
        describing |= naming
        matched = [_find(word, describing) for word in words]
        if any(found is None for found in matched):
            continue
        if not naming.intersection(matched):
            continue  # only descriptive words ("models", "coding"): not a name of this board
        fitting.append((len(set(_words(info.title).split()) - set(matched)), info))
    if not fitting or len({info.source_id for _, info in fitting}) > 1:
        return None
    fitting.sort(key=lambda item: (item[0], item[1].board_id))
    if len(fitting) > 1 and fitting[0][0] == fitting[1][0]:
        return None
    return fitting[0][1]


def _find(word: str, candidates: set[str]) -> str | None:
    """``word`` among ``candidates``, or its spelling there when one letter is off."""
    if word in candidates:
        return word
    if len(word) < TYPO_MIN_LETTERS:
        return None
    close = [c for c in candidates if OSA.distance(word, c, score_cutoff=1) <= 1]
    return close[0] if len(close) == 1 else None


def similar_boards(
    boards: Mapping[str, BoardInfo], text: str, limit: int = MAX_SUGGESTIONS
) -> list[str]:
    """Titles of the boards most like ``text``, best first (for "no board called ..." answers),
    main boards before category boards of the same likeness."""
    return [info.title for _, _, info in _ranked(boards, text)[:limit]]


def similar_board_ids(
    boards: Mapping[str, BoardInfo], text: str, limit: int = MAX_SUGGESTIONS
) -> list[str]:
    """Ids of the boards most like ``text``, best first."""
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
    scored.sort(
        key=lambda item: (-item[0], item[2].category is not None, -item[1], item[2].board_id)
    )
    return scored
