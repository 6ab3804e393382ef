"""Frozen value types shared by every layer.

Parsers produce ``ParsedSnapshot``s; the store keeps them; queries answer with the result
types at the bottom, which the renderers (embeds, terminal, JSON) turn into what users see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from data.domain.locales import Locale

MetricValue = float | str | None
#: How a snapshot's date was obtained: the source published it; the source states none, so it
#: is the file's Last-Modified date; or neither, so it is the day Podium fetched the file.
DateKind = Literal["published", "modified", "fetched"]
#: How fresh a board is (``data.domain.freshness.board_state``).
BoardState = Literal["live", "stale", "failing", "retired"]


@dataclass(frozen=True, slots=True)
class BoardInfo:
    """A leaderboard as users know it: one ranking, e.g. the Arena's overall text board.

    ``title_zh`` is its Simplified Chinese title (the publisher's own where it has one, as
    SuperCLUE's); ``None`` when the board has none, and readers of ``zh-CN`` see ``title``.
    """

    board_id: str
    source_id: str
    title: str
    description: str
    score_label: str
    url: str
    higher_is_better: bool = True
    category: str | None = None
    title_zh: str | None = None

    def title_for(self, locale: Locale) -> str:
        """The board's title for readers of ``locale``."""
        return self.title_zh if locale == "zh-CN" and self.title_zh else self.title


@dataclass(frozen=True, slots=True)
class BoardFacts:
    """What a source declares about one of its boards beyond its rows
    (``LeaderboardSource.board_facts``); the rules that need them are given them."""

    #: Metrics of each row that are scores of their own, in the board's order: ``(key, label)``.
    #: Boards whose parts are published as category boards (Arena, LiveBench, SuperCLUE
    #: dimensions) are compared through those boards instead.
    metrics: tuple[tuple[str, str], ...] = ()
    #: Every model the board lists has public weights (an open-source board; Hub repositories).
    open_weights: bool = False


#: The facts of a board whose source declares none.
NO_FACTS = BoardFacts()


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a leaderboard exactly as the source publishes it.

    ``rank`` is the published rank (ties repeat it); ``None`` means the source does not rank the
    row, and ``rank_note`` then says how the source marks it (e.g. a reference model shown with
    ``-``). ``position`` is the 1-based order on the board.

    ``models`` is set when a row is not itself a model but a submission run with models (a
    SWE-bench system): the models it counts for, as the board names them (none when it names
    none). ``None``, the usual case, means the row's name is the model.
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
    models: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ParsedBoard:
    """The rows of one board in one snapshot.

    ``as_of`` is set when the board's publication date differs from its snapshot's (one
    LMArena dataset file holds each category's latest publication, of different days).
    """

    board: BoardInfo
    rows: tuple[Row, ...]
    as_of: date | None = None


@dataclass(frozen=True, slots=True)
class ParsedSnapshot:
    """What a source adapter makes of one download (or local file set)."""

    source_id: str
    as_of: date | None
    boards: tuple[ParsedBoard, ...]
    #: A source whose question set is replaced from time to time (a LiveBench release) names
    #: the edition; a new edition may legitimately drop every model of the previous one.
    edition: str | None = None
    #: What the adapter passed over without refusing the file (a cut-off last row): the
    #: loader logs each, as a warning when fetched (upstream trouble worth a look) and at info
    #: level for the known files Podium ships.
    notes: tuple[str, ...] = ()


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
    date_kind: DateKind = "published"
    #: How fresh the board is now (``retired`` also for a date after retirement); ``None``
    #: when the answer is about a past date.
    state: BoardState | None = None
    #: The model version this standing is of: its canonical name, and as the board spells it
    #: (a submission's model tag); a line's answer may show another version on each board.
    model: str = ""
    version: str = ""

    @property
    def retired(self) -> bool:
        """The board is retired and this is its final snapshot (``as_of`` is its date)."""
        return self.state == "retired"


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One row of a current board, as the resolver sees it."""

    board_id: str
    key: str
    name: str  # as the board spells it
    model_slug: str  # canonical identity, from names.identify
    model_name: str
    rank: int | None
    position: int
    score: float | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible answer offered when a query is not confidently resolved."""

    board_id: str
    name: str
    model: str
    score: float
    rank: int | None = None
    board_title: str = ""


ResolutionStatus = Literal["match", "ambiguous", "none", "absent"]


@dataclass(frozen=True, slots=True)
class Absence:
    """Why a model Podium knows is not in an answer: not on ``board`` in the snapshots Podium
    has (``first``..``last``), or ``as_of`` is before the board's first snapshot."""

    model: str
    board: BoardInfo
    first: date | None
    last: date | None
    as_of: date | None = None
    #: The newest earlier snapshot of the board that listed the model, if any.
    last_listed: date | None = None
    #: The row that listed it then, when another version of its line (a dated or
    #: effort-level name) was listed rather than the model itself.
    listed_as: str | None = None
    #: When ``as_of`` is before the model's first listing anywhere: that date (on ``board``).
    first_listed: date | None = None

    @property
    def before_first(self) -> bool:
        """True when the date asked for is before the board's first stored snapshot."""
        return self.as_of is not None and self.first is not None and self.as_of < self.first


@dataclass(frozen=True, slots=True)
class RankResult:
    """The answer to ``/rank``: the model's standing on each board, or candidates."""

    query: str
    status: ResolutionStatus
    model: str | None = None
    standings: tuple[BoardStanding, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    board_filter: str | None = None
    #: Other versions of the answer's line (dated snapshots, effort levels, API vs web).
    alternatives: tuple[Candidate, ...] = ()
    absence: Absence | None = None
    #: The line's name when the query named a line and the boards list different versions of
    #: it: each standing then shows its board's best-ranked version (``BoardStanding.model``).
    line: str | None = None


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
    last_success: datetime | None = None
    source_title: str = ""
    homepage: str = ""
    date_kind: DateKind = "published"
    state: BoardState = "stale"
    #: When the board's current data was new (``data.domain.freshness.last_new_data``).
    last_new_data: datetime | None = None
    #: Set when the publisher retired the source: the date of its final snapshot.
    retired_on: date | None = None


# --- loading sources ---------------------------------------------------------------------------

LoadStatus = Literal["new", "unchanged", "not_modified", "refused", "failed"]
#: How data arrived: fetched from the published address, imported from local files by an
#: operator, or shipped in the package. Only fetches count as checks of the live source.
LoadVia = Literal["fetch", "import", "bundled"]


def is_history(via: LoadVia) -> bool:
    """Whether a load is history (an import, bundled or back-filled data) rather than what the
    source serves now: history never displaces a newer current snapshot and never alerts."""
    return via != "fetch"


#: What kind of change ``data.domain.diff.diff`` found (``CHANGE_KINDS`` orders them).
ChangeKind = Literal[
    "new_leader", "entered_top", "left_top", "moved", "new_model", "removed", "score_change"
]


@dataclass(frozen=True, slots=True)
class RankChange:
    """One change of one row on one board.

    ``old_*`` describe the previous snapshot and ``new_*`` the current one (``None`` when the
    row is absent there or unranked/unscored). ``name`` is the current display name (the
    previous one for a removed row). ``previous_leader`` is set for ``new_leader``: the names of
    the previous rank-1 rows in board order, joined with ``", "`` (``None`` if there was none).
    ``top_n`` is set for ``entered_top`` and ``left_top``: the N of the top that was crossed.
    """

    board_id: str
    kind: ChangeKind
    key: str
    name: str
    old_rank: int | None
    new_rank: int | None
    old_score: float | None
    new_score: float | None
    previous_leader: str | None = None
    top_n: int | None = None


@dataclass(frozen=True, slots=True)
class BoardOutcome:
    """What one load did to one board; ``changes`` are those since the board's previous
    snapshot (``diff`` with the default thresholds; none for a first snapshot)."""

    board_id: str
    status: Literal["new", "unchanged"]
    rows: int
    as_of: date
    changes: tuple[RankChange, ...] = ()


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


# --- compare, top, history, search, about ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """How one model query of a command resolved (``candidates`` unless ``status == 'match'``)."""

    query: str
    status: ResolutionStatus
    model: str | None = None
    candidates: tuple[Candidate, ...] = ()
    absence: Absence | None = None


@dataclass(frozen=True, slots=True)
class CompareCell:
    """One model's figure on one line of a comparison; ``best`` marks the line's winner(s)."""

    value: float | None
    rank: int | None = None
    rank_note: str | None = None
    name: str = ""
    best: bool = False
    #: USD per question beside the score, where the board publishes costs (LiveBench).
    cost_per_question: float | None = None
    #: How many models the row's submission ran with (SWE-bench); 0 for a model's own row.
    submission_models: int = 0
    #: The index of an earlier cell of the line holding the very same row (one submission run
    #: with two compared models): one result, not two; ``None`` otherwise.
    same_as: int | None = None


@dataclass(frozen=True, slots=True)
class CompareLine:
    """One line of a comparison: a board, one of its categories, or one published metric.

    ``cells`` has one entry per compared model, ``None`` where the model is not on the line.
    ``board_id`` is set for boards (overall and categories), ``None`` for metrics.
    """

    label: str
    cells: tuple[CompareCell | None, ...]
    board_id: str | None = None
    board_size: int | None = None


@dataclass(frozen=True, slots=True)
class BoardComparison:
    """The compared models on one board (one snapshot), with its categories or metrics.

    On Arena boards ``leader`` is the index of the best-scored compared model and
    ``leader_odds[i]`` the expected probability that it beats model ``i`` (``None`` for the
    leader itself and for models not on the board); elsewhere both are empty.
    """

    board: BoardInfo
    as_of: date
    overall: CompareLine
    details: tuple[CompareLine, ...] = ()
    leader: int | None = None
    leader_odds: tuple[float | None, ...] = ()
    #: How fresh the board is now (``retired`` also for a date after retirement); ``None``
    #: when the comparison is about a past date.
    state: BoardState | None = None
    #: Per model, the version of its line this board shows when it is not the model asked
    #: for (a line's best-ranked version on the board, as ``/rank`` shows it), else ``None``.
    versions: tuple[str | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """The answer to ``/compare``: per board, the models side by side (or what to choose)."""

    choices: tuple[ModelChoice, ...]
    boards: tuple[BoardComparison, ...] = ()
    board_filter: str | None = None
    as_of: date | None = None

    @property
    def status(self) -> ResolutionStatus:
        """``match`` when every query resolved, else the first unresolved query's status."""
        return next((c.status for c in self.choices if c.status != "match"), "match")

    @property
    def models(self) -> tuple[str, ...]:
        """The compared models' display names, in the order asked."""
        return tuple(c.model or c.query for c in self.choices)


@dataclass(frozen=True, slots=True)
class TopFilters:
    """Filters of ``/top``; see ``data.domain.filters`` for what each one means."""

    open_weights: bool = False
    organization: str | None = None
    license: str | None = None
    min_params: float | None = None
    max_params: float | None = None

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return self != TopFilters()


@dataclass(frozen=True, slots=True)
class TopPage:
    """One page of a board's rows in board order, after the filters (``page`` is 1-based)."""

    board: BoardInfo
    as_of: date
    board_size: int
    matching: int
    page: int
    pages: int
    per_page: int
    rows: tuple[Row, ...]
    filters: TopFilters = TopFilters()
    date_kind: DateKind = "published"
    #: How fresh the board is now; ``None`` when the page is about a past date.
    state: BoardState | None = None
    #: Names on an open-weights board of the same round (see ``filters.open_weights``).
    open_names: frozenset[str] = frozenset()
    #: What the board's source declares about it (see ``filters.open_weights``).
    facts: BoardFacts = NO_FACTS
    #: The snapshot organisations and licences were taken from, when not this one.
    facts_as_of: date | None = None


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """A model's row in one stored snapshot of a board."""

    as_of: date
    rank: int | None
    score: float | None
    board_size: int
    name: str
    rank_note: str | None = None


@dataclass(frozen=True, slots=True)
class HistorySeries:
    """One model's points on one board, oldest first, all of one edition of the board.

    ``other_edition_points`` counts the model's points of earlier editions, left out because
    they are on another scale.
    """

    model: str
    points: tuple[HistoryPoint, ...]
    other_edition_points: int = 0


@dataclass(frozen=True, slots=True)
class History:
    """The answer to ``/history``: rank and score of each model over the board's snapshots.

    ``board_chosen`` is true when Podium picked the board (the one with the longest shared
    history) because none was named.
    """

    choices: tuple[ModelChoice, ...]
    board: BoardInfo | None = None
    series: tuple[HistorySeries, ...] = ()
    board_chosen: bool = False

    @property
    def status(self) -> ResolutionStatus:
        """``match`` when every query resolved, else the first unresolved query's status."""
        return next((c.status for c in self.choices if c.status != "match"), "match")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to ``/search``: the resolver's decision, with the rows behind it.

    ``match``: the model's row on each board (``matches[0]`` the best); ``ambiguous``: one row
    per candidate model; ``none``: suggestions, possibly none.
    """

    query: str
    status: ResolutionStatus
    matches: tuple[Candidate, ...] = ()
    board_filter: str | None = None
    alternatives: tuple[Candidate, ...] = ()
    absence: Absence | None = None


@dataclass(frozen=True, slots=True)
class SourceFreshness:
    """How current one source's data is."""

    source_id: str
    title: str
    homepage: str
    boards: int
    newest_snapshot: date | None
    last_checked: datetime | None = None
    last_status: str | None = None
    last_success: datetime | None = None
    #: Set when the publisher retired the source: the date of its final snapshot.
    retired_on: date | None = None
    #: Its main board's state (``None`` without a current snapshot), and when any of its
    #: boards last had new data.
    state: BoardState | None = None
    last_new_data: datetime | None = None


@dataclass(frozen=True, slots=True)
class AboutInfo:
    """The data side of ``/about``: every source's freshness and the size of the catalogue."""

    sources: tuple[SourceFreshness, ...]
    boards: int
    models: int


@dataclass(frozen=True, slots=True)
class BoardSpelling:
    """How one board spells a model, and the row key it publishes."""

    board_id: str
    name: str
    key: str


@dataclass(frozen=True, slots=True)
class ModelLinks:
    """A canonical model and every current board row linked to it (for reviewing links)."""

    slug: str
    name: str
    spellings: tuple[BoardSpelling, ...]

    @property
    def boards(self) -> int:
        """How many boards the model was linked on."""
        return len({spelling.board_id for spelling in self.spellings})
