"""Tests of change detection (``data.domain.diff``) and alert planning (``data.domain.alerts``).

Shared helpers: ``board`` writes small hand-made boards, ``real_board`` parses real published
files from ``tests/fixtures`` with the production adapters (never a parser of our own).
"""

from __future__ import annotations

from functools import cache

from data.domain.types import Row
from data.sources import get_source
from tests.conftest import fixture_file

#: A hand-made row: (key, published rank or None) or (key, rank, score).
RowSpec = tuple[str, int | None] | tuple[str, int | None, float | None]


def board(*specs: RowSpec) -> tuple[Row, ...]:
    """Rows in the given board order; a row's name is its key, its position its place here."""
    return tuple(
        Row(
            key=spec[0],
            name=spec[0],
            rank=spec[1],
            score=spec[2] if len(spec) > 2 else None,
            position=position,
        )
        for position, spec in enumerate(specs, start=1)
    )


@cache
def real_board(source_id: str, board_id: str, *files: str) -> tuple[Row, ...]:
    """The rows of ``board_id`` parsed by the ``source_id`` adapter from fixture files."""
    snapshot = get_source(source_id).parse([fixture_file(name) for name in files])
    (found,) = [parsed for parsed in snapshot.boards if parsed.board.board_id == board_id]
    return found.rows
