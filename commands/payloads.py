"""The JSON parts several commands share (``podium ask --json``): candidates, the outcome of
each model asked for, absences, a submission's models.

Each command's payload is in its own module; together they are the stable scripting interface:
fields may be added, existing ones keep their names and meaning.
"""

from __future__ import annotations

from typing import Any

from commands import wording
from commands.resolution import absent_text
from data.domain.types import Absence, Candidate, ModelChoice, Row


def row_models(row: Row) -> list[str] | None:
    """A submission's models as the board names them; ``None`` for a row that is a model."""
    return list(row.models) if row.models is not None else None


def absent_json(absence: Absence) -> dict[str, Any]:
    """``model``, ``board`` and the ``reason`` a Discord user reads."""
    return {
        "model": absence.model,
        "board": absence.board.board_id,
        "reason": absent_text(absence, wording.plain),
    }


def alternative_json(candidate: Candidate) -> dict[str, Any]:
    """Another version of the answer's line."""
    return {
        "board": candidate.board_id,
        "name": candidate.name,
        "model": candidate.model,
        "rank": candidate.rank,
    }


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    """A row the resolver offers, with its confidence."""
    return {
        "board": candidate.board_id,
        "name": candidate.name,
        "model": candidate.model,
        "score": candidate.score,
    }


def choice_json(choice: ModelChoice) -> dict[str, Any]:
    """What became of one model of a multi-model command."""
    payload = {
        "query": choice.query,
        "status": choice.status,
        "model": choice.model,
        "candidates": [candidate_json(c) for c in choice.candidates],
    }
    if choice.absence is not None:
        payload.update(absent_json(choice.absence))
    return payload
