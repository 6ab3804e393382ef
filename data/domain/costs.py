"""What a model's answers cost, where a board publishes it (LiveBench from its 2026 releases)."""

from __future__ import annotations

from data.domain.types import Row

#: The row metric holding the USD cost of one question, as the board publishes or scopes it.
COST_PER_QUESTION = "cost_per_question"


def cost_per_question(row: Row) -> float | None:
    """USD per question on this row's board, ``None`` where the board publishes no cost."""
    value = row.metrics.get(COST_PER_QUESTION)
    return float(value) if isinstance(value, int | float) else None
