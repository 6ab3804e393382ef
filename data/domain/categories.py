"""Pure rules about a main board and its category boards.

Category boards are published with the main board (Arena categories ``lmarena_<category>``,
SuperCLUE dimensions ``superclue_<dimension>``, LiveBench categories ``livebench_<category>``)
and carry ``BoardInfo.category``; their id extends their main board's id.
"""

from __future__ import annotations

from collections.abc import Mapping

from data.domain.errors import QueryProblem
from data.domain.types import BoardInfo


def parent_board(board: BoardInfo, boards: Mapping[str, BoardInfo]) -> str | None:
    """The main board a category board belongs to: the longest main board id of the same
    source that prefixes it (``lmarena_style_coding`` -> ``lmarena_style``)."""
    if board.category is None:
        return None
    parents = [
        other.board_id
        for other in boards.values()
        if other.category is None
        and other.source_id == board.source_id
        and board.board_id.startswith(other.board_id + "_")
    ]
    return max(parents, key=len) if parents else None


def main_of(board: BoardInfo, boards: Mapping[str, BoardInfo]) -> BoardInfo:
    """``board`` itself when it is a main board, else the main board it belongs to."""
    return boards.get(parent_board(board, boards) or board.board_id, board)


def categories_of(main: BoardInfo, boards: Mapping[str, BoardInfo]) -> list[BoardInfo]:
    """The category boards of ``main``, by id."""
    return sorted(
        (info for info in boards.values() if parent_board(info, boards) == main.board_id),
        key=lambda info: info.board_id,
    )


def category_board(main: BoardInfo, category: str, boards: Mapping[str, BoardInfo]) -> BoardInfo:
    """The category board of ``main`` named ``category`` (its category name, or its id with or
    without the main board's prefix), case-insensitively; ``QueryProblem`` lists the known ones.
    """
    found = categories_of(main, boards)
    if not found:
        raise QueryProblem("no_categories", main.board_id)
    wanted = _words(category)
    for info in found:
        names = (info.board_id, info.board_id.removeprefix(main.board_id + "_"), info.category)
        if wanted in {_words(name or "") for name in names}:
            return info
    raise QueryProblem("unknown_category", category, tuple(i.category or i.board_id for i in found))


def _words(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())
