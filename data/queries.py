"""Read queries behind the commands: repository calls assembled into domain results.

``LeaderboardService`` resolves names; the functions here take the reads (``data.reads.Reads``:
the in-memory read model, or an open ``LeaderboardRepository``) and the resolver's decision,
and leave the rules to ``data.domain``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from data.domain.categories import categories_of
from data.domain.compare import compare_board
from data.domain.errors import NoData, QueryProblem
from data.domain.freshness import (
    FAILED_STATUSES,
    FAILING_CHECKS,
    board_state,
    last_new_data,
)
from data.domain.history import build_series
from data.domain.resolve import Resolution
from data.domain.types import (
    BoardComparison,
    BoardInfo,
    BoardSpelling,
    BoardStanding,
    BoardState,
    HistorySeries,
    ModelLinks,
    NameRecord,
    Neighbour,
    Row,
    SourceFreshness,
)
from data.reads import HistoryReads, Reads, RecentChecks
from data.sources import SOURCE_IDS, board_facts
from data.sources.base import LeaderboardSource
from data.store.checks import SourceCheck
from data.store.repositories import CatalogueRow, StoredSnapshot

#: ``(board id, row key)`` of the rows the resolver picked for a model.
Preferred = Collection[tuple[str, str]]


def pick_rows(
    found: Sequence[tuple[int, Row]],
    snapshots: Mapping[int, StoredSnapshot],
    preferred: Preferred,
) -> dict[int, Row]:
    """The model's row in each snapshot: the row the resolver picked, else its best-ranked
    (always its best-ranked submission)."""
    best: dict[int, Row] = {}
    for snapshot_id, row in found:
        board_id = snapshots[snapshot_id].board_id
        current = best.get(snapshot_id)
        if current is None or _row_preference(row, board_id, preferred) < _row_preference(
            current, board_id, preferred
        ):
            best[snapshot_id] = row
    return best


async def answering_rows(
    repo: Reads,
    snapshots: Mapping[int, StoredSnapshot],
    answers: Sequence[NameRecord],
    known: Iterable[NameRecord],
) -> dict[int, tuple[Row, NameRecord]]:
    """Per snapshot, the row of the model version that answers on its board, and that version.

    ``answers`` are the resolver's rows, at most one per board (a model's rows, or a line's
    version on each board: ``Resolution.versions``); ``known`` every row the resolver returned.
    A version with two rows on a board (SuperCLUE's GPT4 web and API) shows the row spelled
    like the model's name, so an answer is titled with the row it shows.
    """
    by_board = {record.board_id: record for record in answers}
    titled = {
        (record.board_id, record.key)
        for record in known
        if (answer := by_board.get(record.board_id)) is not None
        and record.model_slug == answer.model_slug
        and record.name == answer.model_name
    }
    preferred = titled | {
        (board_id, record.key)
        for board_id, record in by_board.items()
        if board_id not in {board for board, _ in titled}
    }
    per_model: dict[str, dict[int, StoredSnapshot]] = defaultdict(dict)
    for snapshot_id, snapshot in snapshots.items():
        if (answer := by_board.get(snapshot.board_id)) is not None:
            per_model[answer.model_slug][snapshot_id] = snapshot
    chosen: dict[int, tuple[Row, NameRecord]] = {}
    for slug, scope in per_model.items():
        found = await repo.rows_by_model(scope, slug)
        for snapshot_id, row in pick_rows(found, scope, preferred).items():
            chosen[snapshot_id] = (row, by_board[scope[snapshot_id].board_id])
    return chosen


def _row_preference(row: Row, board_id: str, preferred: Preferred) -> tuple[bool, bool, int]:
    # A model's submissions (rows naming their models) are all its rows alike: its best
    # submission stands for it, whichever spelling of the model matched the query.
    picked = row.models is None and (board_id, row.key) in preferred
    return (not picked, row.rank is None, row.position)


# --- /rank ----------------------------------------------------------------------------------


async def standing(
    repo: Reads,
    board: BoardInfo,
    snapshot: StoredSnapshot,
    row: Row,
    model_slug: str,
    version: NameRecord | None = None,
) -> BoardStanding:
    """The model's standing on one board: neighbours, ties, change since the last snapshot;
    named by ``version``, the resolver's row of the model version ``row`` stands for."""
    near = await repo.rows_between(snapshot.id, row.position - 1, row.position + 1)
    previous = await repo.previous_snapshot(snapshot)
    if previous is not None and previous.edition != snapshot.edition:
        previous = None  # a new edition (question set) is not comparable with the old one
    previous_row = None
    if previous is not None:
        previous_row = (await repo.rows_by_key([previous.id], [row.key])).get(
            (previous.id, row.key)
        )
        if previous_row is None:
            # One board may be published in several formats that spell names differently
            # (the Arena's page CSV, then its JSON): fall back to the same canonical model.
            same_model = await repo.rows_by_model([previous.id], model_slug)
            if same_model:
                previous_row = min((found for _, found in same_model), key=_row_order)
    tied = await repo.count_rank(snapshot.id, row.rank) - 1 if row.rank is not None else 0
    return BoardStanding(
        board=board,
        row=row,
        as_of=snapshot.as_of,
        board_size=snapshot.row_count,
        above=tuple(_neighbour(r) for r in near if r.position < row.position),
        below=tuple(_neighbour(r) for r in near if r.position > row.position),
        previous_rank=previous_row.rank if previous_row else None,
        is_new=previous is not None and previous_row is None,
        tied_with=tied,
        date_kind=snapshot.date_kind,
        model=version.model_name if version else "",
        # A submission ran with the model under the board's spelling of it (its tag).
        version=(row.name if row.models is None else version.name) if version else "",
    )


def standing_order(standing: BoardStanding) -> tuple[bool, float, str]:
    """Best board first: ranked before unranked, then by rank relative to the board's size."""
    rank = standing.row.rank
    share = rank / max(standing.board_size, 1) if rank is not None else 2.0
    return (rank is None, share, standing.board.board_id)


def _row_order(row: Row) -> tuple[bool, int]:
    return (row.rank is None, row.position)


def _neighbour(row: Row) -> Neighbour:
    return Neighbour(row.name, row.rank, row.score)


# --- /compare -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ComparedModel:
    """A model of ``/compare``: the model a query resolved to, and on each board where that
    query names a line whose better-ranked version the board lists, that version."""

    slug: str
    versions: Mapping[str, NameRecord] = field(default_factory=dict)  # board id -> version

    @classmethod
    def of(cls, resolution: Resolution) -> ComparedModel:
        """The compared model of a matched ``resolution``."""
        slug = resolution.matches[0].record.model_slug
        versions = {
            match.record.board_id: match.record
            for match in resolution.versions
            if match.record.model_slug != slug
        }
        return cls(slug, versions)

    def slug_on(self, board_id: str) -> str:
        """The model whose rows stand for this one on ``board_id``."""
        version = self.versions.get(board_id)
        return version.model_slug if version else self.slug

    def version_on(self, board_id: str) -> str | None:
        """The version shown on ``board_id`` (as the board spells it) when it is not the model
        itself."""
        version = self.versions.get(board_id)
        return version.name if version else None


async def compare_models(
    repo: Reads,
    boards: Mapping[str, BoardInfo],
    models: Sequence[ComparedModel],
    preferred: Preferred,
    scope: BoardInfo | None,
    as_of: date | None,
) -> tuple[BoardComparison, ...]:
    """The models side by side on each board in scope that lists at least two of them.

    ``scope`` limits the comparison to one board (with its categories); otherwise every main
    board is compared. A board's categories are only shown from a snapshot of the same date.
    A model that names a line stands on each board (and its categories) with the version that
    board's answer to ``/rank`` shows.
    """
    current = {s.board_id: s for s in await repo.current_snapshots(as_of)}
    if scope is None:
        mains = [info for info in boards.values() if info.category is None]
    else:
        mains = [scope]
    wanted = {
        main.board_id: [c for c in categories_of(main, boards) if c.board_id in current]
        for main in mains
        if main.board_id in current
    }
    if not wanted:
        raise NoData(as_of)
    rows: list[dict[str, Row]] = []  # per model: board id -> row
    for model in models:
        per_slug: dict[str, dict[int, StoredSnapshot]] = defaultdict(dict)
        for main_id, categories in wanted.items():
            slug = model.slug_on(main_id)
            for board_id in (main_id, *(c.board_id for c in categories)):
                per_slug[slug][current[board_id].id] = current[board_id]
        found: dict[str, Row] = {}
        for slug, scoped in per_slug.items():
            picked = pick_rows(await repo.rows_by_model(scoped, slug), scoped, preferred)
            found.update({scoped[sid].board_id: row for sid, row in picked.items()})
        rows.append(found)
    compared = []
    for main_id, categories in wanted.items():
        main_rows = [per_model.get(main_id) for per_model in rows]
        if sum(row is not None for row in main_rows) < 2:
            continue
        snapshot = current[main_id]
        same_day = [
            (info, current[info.board_id].row_count, [m.get(info.board_id) for m in rows])
            for info in categories
            if current[info.board_id].as_of == snapshot.as_of
        ]
        main = boards[main_id]
        facts = board_facts(main_id)
        board = compare_board(main, snapshot.as_of, snapshot.row_count, main_rows, same_day, facts)
        versions = tuple(model.version_on(main_id) for model in models)
        compared.append(replace(board, versions=versions) if any(versions) else board)
    if not compared:
        raise QueryProblem("no_shared_board", scope.board_id if scope else "")
    compared.sort(key=_board_order)
    return tuple(compared)


def _board_order(compared: BoardComparison) -> tuple[int, int, str]:
    """Boards listing more of the models first, then the sources in their usual order."""
    present = sum(cell is not None for cell in compared.overall.cells)
    source = compared.board.source_id
    prominence = SOURCE_IDS.index(source) if source in SOURCE_IDS else len(SOURCE_IDS)
    return (-present, prominence, compared.board.board_id)


# --- /history -------------------------------------------------------------------------------


async def model_history(
    repo: HistoryReads,
    board_ids: Collection[str],
    slug: str,
    model: str,
    preferred_keys: Collection[str],
) -> dict[str, HistorySeries]:
    """The model's series on each of the given boards that ever listed it."""
    by_board = defaultdict(list)
    for board_id, point in await repo.history(board_ids, slug):
        by_board[board_id].append(point)
    return {
        board_id: build_series(model, points, preferred_keys)
        for board_id, points in by_board.items()
    }


# --- /about, /boards and the freshness of answers --------------------------------------------


async def board_freshness(
    checks: RecentChecks,
    sources: Mapping[str, LeaderboardSource],
    snapshots: Iterable[StoredSnapshot],
    now: datetime,
) -> dict[str, tuple[BoardState, datetime]]:
    """Per board of the given current snapshots: its state now, and when its data was new."""
    wanted = list(snapshots)
    failed: dict[str, list[bool]] = {}
    for source_id in sorted({s.source_id for s in wanted}):
        recent = await checks.recent(source_id, FAILING_CHECKS, via="fetch")
        failed[source_id] = [check.status in FAILED_STATUSES for check in recent]
    found: dict[str, tuple[BoardState, datetime]] = {}
    for snapshot in wanted:
        source = sources.get(snapshot.source_id)
        fetched = snapshot.fetched_at if snapshot.via == "fetch" else None
        newest = last_new_data(snapshot.as_of, snapshot.date_kind, fetched)
        state = board_state(
            now,
            retired=source is not None and source.retired_on is not None,
            cadence=source.cadence if source is not None else LeaderboardSource.cadence,
            newest_data=newest,
            recent_checks_failed=failed[snapshot.source_id],
        )
        found[snapshot.board_id] = (state, newest)
    return found


def source_state(
    source_id: str,
    boards: Mapping[str, BoardInfo],
    current: Iterable[StoredSnapshot],
    fresh: Mapping[str, tuple[BoardState, datetime]],
) -> tuple[BoardState | None, datetime | None]:
    """A source's state, the state of its main board (a category board's when it has none;
    ``None`` without a current snapshot), and when any of its boards last had new data.

    ``fresh`` is ``board_freshness`` of at least the source's current snapshots."""
    own = [s.board_id for s in current if s.source_id == source_id]
    main = [b for b in own if boards[b].category is None] or own
    state = fresh[main[0]][0] if main else None
    return state, max((fresh[b][1] for b in own), default=None)


def freshness(
    source: LeaderboardSource,
    current: Sequence[StoredSnapshot],
    last: SourceCheck | None,
    success: SourceCheck | None,
    state: tuple[BoardState | None, datetime | None] = (None, None),
) -> SourceFreshness:
    """How current one source is: its current boards, newest snapshot, last checks, and its
    state and last new data (``source_state``)."""
    dates = [s.as_of for s in current if s.source_id == source.source_id]
    return SourceFreshness(
        source_id=source.source_id,
        title=source.title,
        homepage=source.homepage,
        boards=len(dates),
        newest_snapshot=max(dates, default=None),
        last_checked=last.checked_at if last else None,
        last_status=last.status if last else None,
        last_success=success.checked_at if success else None,
        retired_on=source.retired_on,
        state=state[0],
        last_new_data=state[1],
    )


def linked_models(rows: Sequence[CatalogueRow], text: str = "") -> list[ModelLinks]:
    """Current rows grouped by canonical model; ``text`` keeps models whose name, slug or a
    board spelling contains it (case-insensitively)."""
    grouped: dict[str, list[CatalogueRow]] = defaultdict(list)
    for row in rows:
        grouped[row.model_slug].append(row)
    wanted = text.strip().lower()
    return [
        ModelLinks(
            slug,
            members[0].model_name,
            tuple(
                sorted(
                    {BoardSpelling(r.board_id, r.name, r.key) for r in members},
                    key=lambda s: (s.board_id, s.name, s.key),
                )
            ),
        )
        for slug, members in sorted(grouped.items())
        if not wanted
        or any(wanted in value.lower() for r in members for value in (slug, r.model_name, r.name))
    ]
