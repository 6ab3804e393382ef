"""Checks a parsed snapshot must pass before anything is written, and its content hash."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass

from data.domain.types import ParsedBoard, ParsedSnapshot, Row


@dataclass(frozen=True, slots=True)
class ValidationRules:
    """Thresholds for accepting a snapshot; ``min_rows`` applies to the source's main board."""

    min_rows: int = 5
    score_range: tuple[float, float] = (0.0, 100.0)
    max_vanished_share: float = 0.5


def problems(
    snapshot: ParsedSnapshot,
    previous_models: Mapping[str, Set[str]],
    rules: ValidationRules,
    model_of: Callable[[Row], str],
) -> list[str]:
    """Every reason to refuse ``snapshot``; empty when it may be stored.

    ``previous_models`` maps board ids to the canonical models of their current snapshot, so a
    feed that suddenly lost most of its models (a truncated download, a broken scrape) is
    refused. Models, not raw row keys, because one board may be published in several formats
    that spell names differently (the Arena's page CSV and its JSON).
    """
    if not snapshot.boards:
        return ["the file holds no leaderboard"]
    found: list[str] = []
    main = snapshot.boards[0]
    if len(main.rows) < rules.min_rows:
        found.append(
            f"{main.board.board_id}: {len(main.rows)} rows, "
            f"fewer than the {rules.min_rows} expected"
        )
    for board in snapshot.boards:
        previous = previous_models.get(board.board.board_id)
        found.extend(_board_problems(board, previous, rules, model_of))
    return found


def _board_problems(
    board: ParsedBoard,
    previous: Set[str] | None,
    rules: ValidationRules,
    model_of: Callable[[Row], str],
) -> list[str]:
    board_id = board.board.board_id
    if not board.rows:
        return [f"{board_id}: no rows"]
    found: list[str] = []
    low, high = rules.score_range
    bad = [
        row.name
        for row in board.rows
        if row.score is not None and (not math.isfinite(row.score) or not low <= row.score <= high)
    ]
    if bad:
        found.append(f"{board_id}: {len(bad)} score(s) outside {low:g}..{high:g} (first: {bad[0]})")
    keys = [row.key for row in board.rows]
    if len(set(keys)) != len(keys):
        found.append(f"{board_id}: duplicate row keys")
    if previous:
        vanished = len(previous - {model_of(row) for row in board.rows}) / len(previous)
        if vanished > rules.max_vanished_share:
            found.append(
                f"{board_id}: {vanished:.0%} of the previous snapshot's models vanished at once "
                f"(limit {rules.max_vanished_share:.0%})"
            )
    return found


def content_hash(board: ParsedBoard) -> str:
    """A stable digest of a board's published content (two identical snapshots hash alike)."""
    payload = [
        [
            row.key,
            row.name,
            row.rank,
            row.score,
            row.position,
            row.ci_lower,
            row.ci_upper,
            row.votes,
            row.organization,
            row.license,
            row.rank_note,
            sorted(row.metrics.items()),
            # Only rows that name their models carry them (older digests stay valid).
            *([list(row.models)] if row.models is not None else []),
        ]
        for row in board.rows
    ]
    encoded = json.dumps([board.board.board_id, payload], ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
