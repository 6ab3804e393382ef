"""Query results as JSON-ready dicts: the stable scripting interface of ``podium ask --json``.

Fields may be added; existing ones keep their names and meaning.
"""

from __future__ import annotations

from typing import Any

from commands import wording
from commands.resolution import absent_text
from commands.runners import About
from data.domain.costs import cost_per_question
from data.domain.filters import open_weights, organization, params_billions
from data.domain.types import (
    Absence,
    BoardComparison,
    BoardStanding,
    BoardSummary,
    Candidate,
    CompareCell,
    CompareLine,
    Comparison,
    History,
    ModelChoice,
    RankResult,
    Row,
    SearchResult,
    TopPage,
)


def _models(row: Row) -> list[str] | None:
    """A submission's models as the board names them; ``None`` for a row that is a model."""
    return list(row.models) if row.models is not None else None


def _standing(standing: BoardStanding) -> dict[str, Any]:
    row = standing.row
    return {
        "board": standing.board.board_id,
        "source": standing.board.source_id,
        "board_title": standing.board.title,
        "name": row.name,
        "models": _models(row),
        "rank": row.rank,
        "rank_note": row.rank_note,
        "score": row.score,
        "score_label": standing.board.score_label,
        "ci_lower": row.ci_lower,
        "ci_upper": row.ci_upper,
        "votes": row.votes,
        "as_of": standing.as_of.isoformat(),
        "date_kind": standing.date_kind,
        "state": standing.state,
        "board_size": standing.board_size,
        "previous_rank": standing.previous_rank,
        "is_new": standing.is_new,
        "tied_with": standing.tied_with,
        "cost_per_question": cost_per_question(row),
        "retired": standing.retired,
        "above": [{"name": n.name, "rank": n.rank, "score": n.score} for n in standing.above],
        "below": [{"name": n.name, "rank": n.rank, "score": n.score} for n in standing.below],
    }


def rank_payload(result: RankResult) -> dict[str, Any]:
    """``/rank`` as ``{"command": "rank", "status": ..., "entries" | "candidates": [...]}``."""
    payload: dict[str, Any] = {"command": "rank", "query": result.query, "status": result.status}
    if result.status == "match":
        payload["model"] = result.model
        payload["entries"] = [_standing(s) for s in result.standings]
    elif result.absence is not None:
        payload.update(_absent(result.absence))
    else:
        payload["candidates"] = [_candidate(c) for c in result.candidates]
    payload["alternatives"] = [_alternative(c) for c in result.alternatives]
    return payload


def _absent(absence: Absence) -> dict[str, Any]:
    """``model``, ``board`` and the ``reason`` a Discord user reads."""
    return {
        "model": absence.model,
        "board": absence.board.board_id,
        "reason": absent_text(absence, wording.plain),
    }


def _alternative(candidate: Candidate) -> dict[str, Any]:
    return {
        "board": candidate.board_id,
        "name": candidate.name,
        "model": candidate.model,
        "rank": candidate.rank,
    }


def _candidate(candidate: Candidate) -> dict[str, Any]:
    return {
        "board": candidate.board_id,
        "name": candidate.name,
        "model": candidate.model,
        "score": candidate.score,
    }


def _choice(choice: ModelChoice) -> dict[str, Any]:
    payload = {
        "query": choice.query,
        "status": choice.status,
        "model": choice.model,
        "candidates": [_candidate(c) for c in choice.candidates],
    }
    if choice.absence is not None:
        payload.update(_absent(choice.absence))
    return payload


def _cell(cell: CompareCell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {
        "value": cell.value,
        "rank": cell.rank,
        "rank_note": cell.rank_note,
        "name": cell.name or None,
        "best": cell.best,
        "cost_per_question": cell.cost_per_question,
    }


def _line(line: CompareLine, kind: str) -> dict[str, Any]:
    return {
        "label": line.label,
        "kind": kind,
        "board": line.board_id,
        "board_size": line.board_size,
        "cells": [_cell(cell) for cell in line.cells],
    }


def _compared(compared: BoardComparison, models: tuple[str, ...]) -> dict[str, Any]:
    leader = compared.leader
    return {
        "board": compared.board.board_id,
        "source": compared.board.source_id,
        "board_title": compared.board.title,
        "score_label": compared.board.score_label,
        "as_of": compared.as_of.isoformat(),
        "lines": [
            _line(compared.overall, "board"),
            *(_line(d, "category" if d.board_id else "metric") for d in compared.details),
        ],
        "expected_win_rate": [
            {"winner": models[leader], "loser": models[i], "probability": odds}
            for i, odds in enumerate(compared.leader_odds)
            if odds is not None and leader is not None
        ],
    }


def compare_payload(result: Comparison) -> dict[str, Any]:
    """``/compare``: per board, one line per board/category/metric, one cell per model."""
    return {
        "command": "compare",
        "status": result.status,
        "models": list(result.models),
        "choices": [_choice(c) for c in result.choices],
        "board_filter": result.board_filter,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "boards": [_compared(c, result.models) for c in result.boards],
    }


def top_payload(page: TopPage) -> dict[str, Any]:
    """``/top``: one page of rows in board order, with the filters and the paging."""
    board, filters = page.board, page.filters
    return {
        "command": "top",
        "board": board.board_id,
        "source": board.source_id,
        "board_title": board.title,
        "category": board.category,
        "score_label": board.score_label,
        "as_of": page.as_of.isoformat(),
        "date_kind": page.date_kind,
        "state": page.state,
        "board_size": page.board_size,
        "matching": page.matching,
        "page": page.page,
        "pages": page.pages,
        "per_page": page.per_page,
        "filters": {
            "open_weights": filters.open_weights,
            "organization": filters.organization,
            "license": filters.license,
            "min_params": filters.min_params,
            "max_params": filters.max_params,
        },
        "facts_as_of": page.facts_as_of.isoformat() if page.facts_as_of else None,
        "rows": [
            {
                "position": row.position,
                "rank": row.rank,
                "rank_note": row.rank_note,
                "name": row.name,
                "models": _models(row),
                "score": row.score,
                "organization": organization(row),
                "license": row.license,
                "open_weights": open_weights(row, board, page.open_names),
                "params_b": params_billions(row),
            }
            for row in page.rows
        ],
    }


def history_payload(history: History) -> dict[str, Any]:
    """``/history``: each model's points on the board (``chart`` is added by the console)."""
    board = history.board
    return {
        "command": "history",
        "status": history.status,
        "choices": [_choice(c) for c in history.choices],
        "board": board.board_id if board else None,
        "board_title": board.title if board else None,
        "score_label": board.score_label if board else None,
        "board_chosen": history.board_chosen,
        "series": [
            {
                "model": series.model,
                "points": [
                    {
                        "as_of": point.as_of.isoformat(),
                        "rank": point.rank,
                        "rank_note": point.rank_note,
                        "score": point.score,
                        "board_size": point.board_size,
                        "name": point.name,
                    }
                    for point in series.points
                ],
            }
            for series in history.series
        ],
    }


def search_payload(result: SearchResult) -> dict[str, Any]:
    """``/search``: the resolver's status and the rows behind it (``matches[0]`` on a match)."""
    payload = {
        "command": "search",
        "query": result.query,
        "status": result.status,
        "board_filter": result.board_filter,
        "matches": [_candidate(m) for m in result.matches],
        "alternatives": [_alternative(c) for c in result.alternatives],
    }
    if result.absence is not None:
        payload.update(_absent(result.absence))
    return payload


def about_payload(about: About) -> dict[str, Any]:
    """``/about``: version, catalogue size and each source's freshness."""
    info = about.info
    return {
        "command": "about",
        "version": about.version,
        "boards": info.boards,
        "models": info.models,
        "sources": [
            {
                "source": s.source_id,
                "title": s.title,
                "homepage": s.homepage,
                "boards": s.boards,
                "newest_snapshot": s.newest_snapshot.isoformat() if s.newest_snapshot else None,
                "last_checked": s.last_checked.isoformat() if s.last_checked else None,
                "last_status": s.last_status,
                "last_success": s.last_success.isoformat() if s.last_success else None,
                "retired_on": s.retired_on.isoformat() if s.retired_on else None,
            }
            for s in info.sources
        ],
    }


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
                "last_success": s.last_success.isoformat() if s.last_success else None,
                "state": s.state,
                "date_kind": s.date_kind,
                "last_new_data": s.last_new_data.isoformat() if s.last_new_data else None,
                "description": s.board.description,
                "retired_on": s.retired_on.isoformat() if s.retired_on else None,
            }
            for s in summaries
        ],
    }
