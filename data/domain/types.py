"""Frozen value types shared by every layer.

Parsers produce ``ParsedSnapshot``s; the store keeps them; queries answer with the result
types at the bottom, which the renderers (embeds, terminal, JSON) turn into what users see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

MetricValue = float | str | None


@dataclass(frozen=True, slots=True)
class BoardInfo:
    """A leaderboard as users know it: one ranking, e.g. the Arena's overall text board."""

    board_id: str
    source_id: str
    title: str
    description: str
    score_label: str
    url: str
    higher_is_better: bool = True
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a leaderboard exactly as the source publishes it.

    ``rank`` is the published rank (ties repeat it); ``None`` means the source does not rank the
    row, and ``rank_note`` then says how the source marks it (e.g. a reference model shown with
    ``-``). ``position`` is the 1-based order on the board.
    """

    key: str
    name: str
    rank: int | None
    score: float | None
    position: int
    ci_lower: float | None = None
    ci_upper: float | None = None
    votes: int | None = None
    organization: str | None = None
    license: str | None = None
    rank_note: str | None = None
    metrics: Mapping[str, MetricValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParsedBoard:
    """The rows of one board in one snapshot."""

    board: BoardInfo
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class ParsedSnapshot:
    """What a source adapter makes of one download (or local file set)."""

    source_id: str
    as_of: date | None
    boards: tuple[ParsedBoard, ...]
    #: A source whose question set is replaced from time to time (a LiveBench release) names
    #: the edition; a new edition may legitimately drop every model of the previous one.
    edition: str | None = None


@dataclass(frozen=True, slots=True)
class SourceFile:
    """Raw bytes of one published file, with the name it was published under."""

    name: str
    content: bytes


# --- query results -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A row just above or below the model on the same board."""

    name: str
    rank: int | None
    score: float | None


@dataclass(frozen=True, slots=True)
class BoardStanding:
    """Where one model stands on one board, in one snapshot."""

    board: BoardInfo
    row: Row
    as_of: date
    board_size: int
    above: tuple[Neighbour, ...] = ()
    below: tuple[Neighbour, ...] = ()
    previous_rank: int | None = None
    is_new: bool = False
    tied_with: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible answer offered when a query is not confidently resolved."""

    board_id: str
    name: str
    model: str
    score: float


ResolutionStatus = Literal["match", "ambiguous", "none"]


@dataclass(frozen=True, slots=True)
class RankResult:
    """The answer to ``/rank``: the model's standing on each board, or candidates."""

    query: str
    status: ResolutionStatus
    model: str | None = None
    standings: tuple[BoardStanding, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    board_filter: str | None = None


@dataclass(frozen=True, slots=True)
class BoardSummary:
    """One line of ``/boards``."""

    board: BoardInfo
    as_of: date | None
    rows: int
    attribution: str
    licence: str
    last_checked: datetime | None = None
    last_status: str | None = None


# --- loading sources ---------------------------------------------------------------------------

LoadStatus = Literal["new", "unchanged", "not_modified", "refused", "failed"]


@dataclass(frozen=True, slots=True)
class BoardOutcome:
    """What one load did to one board."""

    board_id: str
    status: Literal["new", "unchanged"]
    rows: int
    as_of: date


@dataclass(frozen=True, slots=True)
class LoadReport:
    """The outcome of loading one source (import or refresh), for users and logs.

    ``new``: at least one board got a new snapshot; ``unchanged``: same content as stored;
    ``not_modified``: the server answered 304; ``refused``: validation failed and nothing was
    written; ``failed``: the source could not be fetched or read.
    """

    source_id: str
    origin: str
    status: LoadStatus
    boards: tuple[BoardOutcome, ...] = ()
    reason: str = ""
