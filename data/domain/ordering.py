"""Which of several rows comes first: preference places of board rows, and display names.

Pure and precomputed once per ``NameIndex``, so that ordering candidates compares integers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from data.domain.types import NameRecord


def preference_places(
    records: Sequence[NameRecord], official: Sequence[bool]
) -> tuple[list[int], list[int]]:
    """Per record, its place among all records when candidates are ordered (0 = best).

    On a board: official rows first, then by rank, then by position. Across boards: official
    first, then models by the best relative position they reach on any board (0 = a top
    row), then as on a board. Returns (places on a board, places across boards).
    """
    sizes = Counter(record.board_id for record in records)
    strength: dict[str, float] = {}
    for record in records:
        relative = (record.position - 1) / max(sizes[record.board_id], 1)
        strength[record.model_slug] = min(strength.get(record.model_slug, 1.0), relative)
    order = [
        (not official[i], r.rank is None, r.rank or 0, r.position) for i, r in enumerate(records)
    ]
    on_board = sorted(range(len(order)), key=order.__getitem__)
    overall = sorted(on_board, key=lambda i: (order[i][0], strength[records[i].model_slug]))
    return _places(on_board), _places(overall)


def canonical_names(records: Sequence[NameRecord]) -> dict[str, str]:
    """Per model, a display-cased name (not an all-lowercase key), the most common one."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for record in records:
        names = counts[record.model_slug]
        names[record.model_name] = names.get(record.model_name, 0) + 1
    return {
        slug: max(names, key=lambda name: (name != name.lower(), names[name], name))
        for slug, names in counts.items()
    }


def _places(ordered: list[int]) -> list[int]:
    """``places[i]`` = where record ``i`` stands in ``ordered``."""
    places = [0] * len(ordered)
    for place, index in enumerate(ordered):
        places[index] = place
    return places
