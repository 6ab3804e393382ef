"""Query results as JSON-ready dicts: the stable scripting interface of ``podium ask --json``.

Fields may be added; existing ones keep their names and meaning.
"""

from __future__ import annotations

from typing import Any

from data.domain.types import BoardStanding, BoardSummary, RankResult


def _standing(standing: BoardStanding) -> dict[str, Any]:
    row = standing.row
    return {
        "board": standing.board.board_id,
        "source": standing.board.source_id,
        "board_title": standing.board.title,
        "name": row.name,
        "rank": row.rank,
        "rank_note": row.rank_note,
        "score": row.score,
        "score_label": standing.board.score_label,
        "ci_lower": row.ci_lower,
        "ci_upper": row.ci_upper,
        "votes": row.votes,
        "as_of": standing.as_of.isoformat(),
        "board_size": standing.board_size,
        "previous_rank": standing.previous_rank,
        "is_new": standing.is_new,
        "tied_with": standing.tied_with,
        "above": [{"name": n.name, "rank": n.rank, "score": n.score} for n in standing.above],
        "below": [{"name": n.name, "rank": n.rank, "score": n.score} for n in standing.below],
    }


def rank_payload(result: RankResult) -> dict[str, Any]:
    """``/rank`` as ``{"command": "rank", "status": ..., "entries" | "candidates": [...]}``."""
    payload: dict[str, Any] = {"command": "rank", "query": result.query, "status": result.status}
    if result.status == "match":
        payload["model"] = result.model
        payload["entries"] = [_standing(s) for s in result.standings]
    else:
        payload["candidates"] = [
            {"board": c.board_id, "name": c.name, "model": c.model, "score": c.score}
            for c in result.candidates
        ]
    return payload


def boards_payload(summaries: list[BoardSummary]) -> dict[str, Any]:
    """``/boards`` as ``{"command": "boards", "boards": [...]}``."""
    return {
        "command": "boards",
        "boards": [
            {
                "board": s.board.board_id,
                "source": s.board.source_id,
                "title": s.board.title,
                "category": s.board.category,
                "as_of": s.as_of.isoformat() if s.as_of else None,
                "rows": s.rows,
                "url": s.board.url,
                "attribution": s.attribution,
                "licence": s.licence,
                "last_checked": s.last_checked.isoformat() if s.last_checked else None,
                "last_status": s.last_status,
            }
            for s in summaries
        ],
    }
