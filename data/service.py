"""The reads the bot, the console and ``podium ask`` share: use cases over the read model.

Read commands answer from the in-memory read model (``data.readmodel``): a view of the current
boards with their name index, rebuilt when the data version moves (announced by this process's
loads, ``data.loading``; by other processes through PostgreSQL notifications, else polled).
``/history``, absences and the facts a few ``/top`` filters borrow from other snapshots come
from each board's past, which the read model reads once per data version (``BoardHistory``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.boardhistory import BoardHistory
from data.domain.board_lookup import find_board, similar_board_ids, similar_boards
from data.domain.categories import categories_of, category_board, main_of
from data.domain.errors import (
    NoData,
    QueryProblem,
    UnknownBoard,
)
from data.domain.filters import DEFAULT_PER_PAGE, top_page, with_published_facts
from data.domain.history import choose_board
from data.domain.resolve import Match, NameIndex, Resolution
from data.domain.types import (
    AboutInfo,
    Absence,
    BoardInfo,
    BoardState,
    BoardSummary,
    Candidate,
    Comparison,
    History,
    ModelChoice,
    ModelLinks,
    NameRecord,
    RankResult,
    SearchResult,
    TopFilters,
    TopPage,
)
from data.queries import (
    ComparedModel,
    answering_rows,
    board_freshness,
    compare_models,
    freshness,
    linked_models,
    model_history,
    source_state,
    standing,
    standing_order,
)
from data.readmodel import ReadModel
from data.sources import board_facts, open_weights_boards
from data.sources.base import LeaderboardSource
from data.store.repositories import StoredSnapshot
from data.view import DataView

log = logging.getLogger(__name__)

#: ``/compare`` and ``/history`` take at most this many models.
MAX_MODELS = 4
#: ``/top`` without a board lists this one.
DEFAULT_TOP_BOARD = "lmarena"
#: The state of a board that has no snapshot.
NO_DATA: BoardState = "stale"
#: An absence looks for another version of the model's line in at most this many earlier
#: snapshots of the board (each read as a past view).
LOOKBACK = 6


class LeaderboardService:
    """The reads: rank, compare, top, history, search, boards, about, suggestions, links.

    Loading data is ``data.loading.LoadingService``'s job; it shares the read model.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        sources: Mapping[str, LeaderboardSource],
        index_factory: Callable[[Sequence[NameRecord]], NameIndex],
        clock: Callable[[], datetime],
        version_poll_s: float = 1.0,
        autocomplete: bool = True,
    ) -> None:
        """Wire the service; nothing runs until a method is called. ``version_poll_s``: how
        often, at most, commands check whether another process stored data (when no
        notification channel tells this process). ``autocomplete``: keep the autocomplete
        index ready (a one-shot ``podium ask`` does not need it)."""
        self._sources = dict(sources)
        self._clock = clock
        self._model = ReadModel(
            session_factory,
            index_factory,
            sources,
            poll_s=version_poll_s,
            autocomplete=autocomplete,
        )
        self._background: set[asyncio.Task[DataView]] = set()

    # --- names -------------------------------------------------------------------------------

    async def warm_up(self) -> None:
        """Build the read model now, so the first command and autocomplete are already fast."""
        await self._model.fresh()

    def data_changed(self, _what: str = "data") -> None:
        """Another process stored data or logged a check (a notification): update the read
        model in the background, so the next command finds it done."""
        self._model.announce()
        task = asyncio.create_task(self._model.fresh())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def follow_notifications(self, active: bool) -> None:
        """Whether notifications reach this process (then the version is not polled). Either
        way the next command checks the version once: data may have arrived in between."""
        self._model.listening = active
        self._model.announce()

    @property
    def read_model(self) -> ReadModel:
        """The in-memory view commands answer from."""
        return self._model

    def suggest(self, text: str, board: str | None = None, limit: int = 25) -> list[str]:
        """Autocomplete choices from memory only (Discord gives autocomplete 3 s, no defer)."""
        try:
            view = self._model.view
            info = find_board(view.board_infos, board) if board else None
            return view.index.suggest(text, info.board_id if info else None, limit)[:limit]
        except Exception:  # autocomplete must never raise; an empty list is a safe answer
            log.exception("suggest failed for %r", text[:100])
            return []

    async def split_models(self, text: str) -> list[str] | None:
        """Model names typed without separators, cut where each part names a model."""
        return (await self._model.fresh()).index.split(text, MAX_MODELS)

    async def resolve(self, query: str, board: str | None = None) -> Resolution:
        """The resolver's decision for ``query`` (``/search``)."""
        board_id = (await self.board(board)).board_id if board else None
        return (await self._model.fresh()).resolve(query, board_id)

    # --- boards ------------------------------------------------------------------------------

    def suggest_boards(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """``(board id, title)`` of boards whose id or title contain ``text``, main boards first;
        when none does, the most similar boards."""
        wanted = text.strip().lower()
        boards = self._model.view.board_infos
        found = [
            info
            for info in boards.values()
            if wanted in info.board_id or wanted in info.title.lower()
        ]
        found.sort(key=lambda info: (info.category is not None, info.board_id))
        if not found and wanted:  # a typo: the closest boards rather than nothing
            found = [boards[board_id] for board_id in similar_board_ids(boards, text)]
        return [(info.board_id, info.title) for info in found[:limit]]

    async def board(self, text: str) -> BoardInfo:
        """A board by id, by source id (its main board), by title or nickname, or by words that
        clearly fit one board (``data.domain.board_lookup``); else ``UnknownBoard`` with the
        titles of the closest boards."""
        boards = (await self._model.fresh()).board_infos
        info = find_board(boards, text)
        if info is None:
            raise UnknownBoard(text, similar_boards(boards, text))
        return info

    async def board_summaries(self) -> list[BoardSummary]:
        """Every board with its current snapshot, its state and the last checks of its source."""
        view = await self._model.fresh()
        boards, snapshots, checks = view.board_infos, view.current, view.checks
        fresh = await self._freshness(view, snapshots.values())
        summaries = []
        for board_id in sorted(
            boards, key=lambda b: (boards[b].source_id, boards[b].category or "", b)
        ):
            info = boards[board_id]
            snapshot = snapshots.get(board_id)
            check, success = checks.get(info.source_id, (None, None))
            source = self._sources.get(info.source_id)
            state, newest = fresh.get(board_id, (NO_DATA, None))
            summaries.append(
                BoardSummary(
                    board=info,
                    as_of=snapshot.as_of if snapshot else None,
                    rows=snapshot.row_count if snapshot else 0,
                    attribution=source.attribution if source else "",
                    licence=source.licence if source else "",
                    last_checked=check.checked_at if check else None,
                    last_status=check.status if check else None,
                    last_success=success.checked_at if success else None,
                    source_title=source.title if source else "",
                    homepage=source.homepage if source else "",
                    date_kind=snapshot.date_kind if snapshot else "published",
                    state=state,
                    last_new_data=newest,
                    retired_on=source.retired_on if source else None,
                )
            )
        return summaries

    async def _freshness(
        self, view: DataView, snapshots: Iterable[StoredSnapshot]
    ) -> dict[str, tuple[BoardState, datetime]]:
        """Per board of the given current snapshots: its state now and when its data was new
        (from the checks the view holds)."""
        return await board_freshness(view, self._sources, snapshots, self._clock())

    # --- rank --------------------------------------------------------------------------------

    async def rank(
        self, query: str, board: str | None = None, as_of: date | None = None
    ) -> RankResult:
        """Where the model ``query`` names stands on every board (or on ``board``).

        A model Podium knows that is not on ``board`` (or not on it on ``as_of``) is
        ``absent``, with the reason (``RankResult.absence``).
        """
        self._not_future(as_of)
        info = await self.board(board) if board else None
        scope = info.board_id if info else None
        too_early = await self._before_first(info, as_of)
        view = await self._model.at(None if too_early else as_of)
        resolution = view.resolve(query, None if too_early else scope)
        if too_early and resolution.status != "none":
            resolution = Resolution(query, "absent", resolution.matches)
        if resolution.status == "none" and as_of is not None and info is None:
            later = await self._first_listing(query, as_of)
            if later is not None:
                return RankResult(query=query, status="absent", absence=later)
        if resolution.status != "match":
            return RankResult(
                query=query,
                status=resolution.status,
                candidates=self._candidates(resolution),
                board_filter=scope,
                absence=await self._absence(resolution, info, as_of),
            )
        boards = view.board_infos
        current = await view.current_snapshots(as_of)
        snapshots = [
            s
            for s in current
            if (s.board_id == info.board_id if info else boards[s.board_id].category is None)
        ]
        if not snapshots:
            raise NoData(as_of)
        known = (*resolution.matches, *resolution.alternatives, *resolution.versions)
        answers = [m.record for m in resolution.versions or resolution.matches]
        by_id = {s.id: s for s in snapshots}
        chosen = await answering_rows(view, by_id, answers, [m.record for m in known])
        if not chosen and info is None:  # listed on category boards only: show those rows
            by_id = {s.id: s for s in current}
            chosen = await answering_rows(view, by_id, answers, [m.record for m in known])
        standings = [
            await standing(
                view, boards[by_id[sid].board_id], by_id[sid], row, model.model_slug, model
            )
            for sid, (row, model) in chosen.items()
        ]
        if as_of is None:
            fresh = await self._freshness(view, [by_id[sid] for sid in chosen])
            standings = [replace(s, state=fresh[s.board.board_id][0]) for s in standings]
        standings = [
            replace(s, state="retired") if self._retired(s.board, as_of) else s for s in standings
        ]
        standings.sort(key=standing_order)
        shown = {(s.board.board_id, name) for s in standings for name in (s.row.name, s.version)}
        models = list(dict.fromkeys(s.model for s in standings))
        return RankResult(
            query=query,
            status="match",
            model=models[0] if models else resolution.matches[0].record.model_name,
            standings=tuple(standings),
            board_filter=scope,
            alternatives=_alternatives(resolution, {s.board.board_id for s in standings}, shown)
            if info
            else _alternatives(resolution, self._main_boards(), shown),
            line=resolution.line if len(models) > 1 else None,
        )

    def _candidates(self, resolution: Resolution) -> tuple[Candidate, ...]:
        """The resolver's rows as candidates, each with its board's title; for a question
        (ambiguous, none), each model shown by its row on a main board where it has one."""
        view = self._model.view
        boards = view.board_infos
        shown = []
        for match in resolution.matches:
            record = match.record
            on_category = (info := boards.get(record.board_id)) is not None and info.category
            if resolution.status != "match" and on_category:
                main = [
                    r
                    for r in view.index.rows_of(record.model_slug)
                    if (b := boards.get(r.board_id)) is not None and b.category is None
                ]
                record = main[0] if main else record
            title = boards[record.board_id].title if record.board_id in boards else ""
            shown.append(replace(_candidate(Match(record, match.score)), board_title=title))
        return tuple(shown)

    def _choice(self, resolution: Resolution) -> ModelChoice:
        """How one query of a multi-model command resolved."""
        if resolution.status == "match":
            return ModelChoice(resolution.query, "match", resolution.matches[0].record.model_name)
        return ModelChoice(
            resolution.query, resolution.status, candidates=self._candidates(resolution)
        )

    def _main_boards(self) -> set[str]:
        """Ids of the boards that are not category boards."""
        return {b for b, i in self._model.view.board_infos.items() if i.category is None}

    def _not_future(self, as_of: date | None) -> None:
        """Refuse an ``as_of`` after today (by the service's clock): no board has spoken yet."""
        if as_of is not None and as_of > self._clock().date():
            raise QueryProblem("future_date", as_of.isoformat())

    async def _before_first(self, info: BoardInfo | None, as_of: date | None) -> bool:
        """Whether ``as_of`` is before the first stored snapshot of the board ``info``."""
        if info is None or as_of is None:
            return False
        first, _ = (await self._model.board_history(info.board_id)).span()
        return first is not None and as_of < first

    async def _open_names(self, open_boards: Sequence[str], as_of: date) -> frozenset[str]:
        """Names on the source's open-weights boards (``open_boards``) of the round current on
        ``as_of`` (SuperCLUE's open-source board)."""
        names: set[str] = set()
        for board_id in open_boards:
            past = await self._model.board_history(board_id)
            snapshot = past.current_on(as_of)
            if snapshot is not None and snapshot.as_of == as_of:
                names.update(past.names(snapshot.id))
        return frozenset(names)

    async def _absence(
        self, resolution: Resolution, info: BoardInfo | None, as_of: date | None
    ) -> Absence | None:
        """Why the model ``resolution`` names is not on the board ``info`` (``absent`` only)."""
        if resolution.status != "absent" or info is None:
            return None
        matches = resolution.matches
        single = bool(matches) and len({m.record.model_slug for m in matches}) == 1
        model = matches[0].record.model_name if single else resolution.query.strip()
        past = await self._model.board_history(info.board_id)
        first, last = past.span()
        points = past.points(matches[0].record.model_slug) if single else ()
        listed = [point.as_of for point in points if as_of is None or point.as_of <= as_of]
        if listed or not single or (as_of is not None and first is not None and as_of < first):
            return Absence(model, info, first, last, as_of, max(listed, default=None))
        on, version = await self._listed_version(resolution.query, past, as_of)
        return Absence(model, info, first, last, as_of, on, version)

    async def _listed_version(
        self, query: str, past: BoardHistory, as_of: date | None
    ) -> tuple[date | None, str | None]:
        """The newest earlier snapshot of the board ``past`` on which ``query`` resolves (as
        another version of the line: a dated or effort-level name, a different model slug),
        with the row it resolves to; at most ``LOOKBACK`` snapshots back."""
        _, last = past.span()
        current = past.current_on(as_of or last) if last is not None else None
        if current is None:
            return None, None
        earlier = [
            snapshot
            for snapshot in past.snapshots
            if snapshot.id in past.on_timeline and snapshot.as_of < current.as_of
        ]
        for snapshot in reversed(earlier[-LOOKBACK:]):
            found = (await self._model.at(snapshot.as_of)).resolve(query, past.board_id)
            if found.status == "match":
                return snapshot.as_of, (found.versions or found.matches)[0].record.name
        return None, None

    async def _first_listing(self, query: str, as_of: date) -> Absence | None:
        """For a query no board of ``as_of`` lists but today's do: the model, with the board
        and date of its first listing (after ``as_of``)."""
        found = (await self._model.fresh()).resolve(query, None)
        if found.status != "match":
            return None
        firsts = []
        for match in found.matches:
            past = await self._model.board_history(match.record.board_id)
            points = past.points(match.record.model_slug)
            if points and points[0].as_of > as_of:
                firsts.append((points[0].as_of, match.record.board_id))
        if not firsts:
            return None
        listed, board_id = min(firsts)
        info = self._model.view.board_infos[board_id]
        first, last = (await self._model.board_history(board_id)).span()
        model = found.matches[0].record.model_name
        return Absence(model, info, first, last, as_of, first_listed=listed)

    def _retired(self, board: BoardInfo, as_of: date | None) -> bool:
        """Whether an answer about ``board`` shows it retired: its source is, unless asked
        about a date before retirement."""
        source = self._sources.get(board.source_id)
        retired_on = source.retired_on if source else None
        return retired_on is not None and (as_of is None or as_of >= retired_on)

    # --- compare, top, history, search, about --------------------------------------------

    async def _resolve_all(
        self,
        queries: Sequence[str],
        board: BoardInfo | None,
        as_of: date | None = None,
        *,
        scope: BoardInfo | None = None,
    ) -> tuple[tuple[ModelChoice, ...], list[Resolution]]:
        """Resolve each query (on ``board`` when given, among the boards of ``as_of``); the
        same model twice is refused. A model not on ``scope`` (default ``board``) is absent."""
        scope = scope or board
        view = await self._model.at(as_of)
        resolutions = [view.resolve(query, board.board_id if board else None) for query in queries]
        choices = tuple(
            [
                replace(choice, absence=await self._absence(resolution, scope, as_of))
                for choice, resolution in zip(
                    (self._choice(r) for r in resolutions), resolutions, strict=True
                )
            ]
        )
        if all(choice.status == "match" for choice in choices):
            slugs = [resolution.matches[0].record.model_slug for resolution in resolutions]
            for position, slug in enumerate(slugs):
                if slug in slugs[:position]:
                    raise QueryProblem("same_model", choices[position].model or "")
        return choices, resolutions

    async def compare(
        self, queries: Sequence[str], board: str | None = None, as_of: date | None = None
    ) -> Comparison:
        """Two to four models side by side on every board listing at least two (or on one)."""
        if not 2 <= len(queries) <= MAX_MODELS:
            raise QueryProblem("model_count", str(len(queries)))
        self._not_future(as_of)
        info = await self.board(board) if board else None
        choices, resolutions = await self._resolve_all(queries, info, as_of)
        scope = info.board_id if info else None
        if any(choice.status != "match" for choice in choices):
            return Comparison(choices, board_filter=scope, as_of=as_of)
        models = [ComparedModel.of(resolution) for resolution in resolutions]
        preferred = {
            (m.record.board_id, m.record.key)
            for r in resolutions
            for m in (*r.matches, *r.versions)
        }
        view = await self._model.at(as_of)
        boards = await compare_models(view, view.board_infos, models, preferred, info, as_of)
        if as_of is None:
            fresh = await self._freshness(view, [view.current[c.board.board_id] for c in boards])
            boards = tuple(replace(c, state=fresh[c.board.board_id][0]) for c in boards)
        boards = tuple(
            replace(c, state="retired") if self._retired(c.board, as_of) else c for c in boards
        )
        return Comparison(choices, boards, scope, as_of)

    async def top(
        self,
        board: str | None = None,
        *,
        category: str | None = None,
        filters: TopFilters | None = None,
        page: int = 1,
        per_page: int = DEFAULT_PER_PAGE,
        as_of: date | None = None,
    ) -> TopPage:
        """A page of a board (or of one of its categories) in board order, after ``filters``."""
        self._not_future(as_of)
        info = await self.board(board or DEFAULT_TOP_BOARD)
        view = await self._model.at(as_of)
        if category:
            info = category_board(main_of(info, view.board_infos), category, view.board_infos)
        filters = filters or TopFilters()
        facts_as_of = None
        open_names: frozenset[str] = frozenset()
        snapshot = await view.current_snapshot(info.board_id, as_of)
        if snapshot is None:
            raise NoData(as_of)
        rows = await view.rows(snapshot.id)
        fresh = await self._freshness(view, [snapshot]) if as_of is None else {}
        wants_facts = filters.open_weights or filters.organization or filters.license
        needs_facts = wants_facts and not any(row.license or row.organization for row in rows)
        declared = board_facts(info.board_id)
        open_boards = open_weights_boards(info.source_id)
        needs_open = filters.open_weights and not declared.open_weights and bool(open_boards)
        if needs_facts:  # facts other snapshots of the board publish
            past = await self._model.board_history(info.board_id)
            facts_as_of, facts = past.published_facts(snapshot.as_of)
            if facts:
                rows = with_published_facts(rows, past.models_by_key(snapshot.id), facts)
        if needs_open:
            open_names = await self._open_names(open_boards, snapshot.as_of)
        found = top_page(info, snapshot.as_of, rows, filters, page, per_page, open_names, declared)
        return replace(
            found,
            facts_as_of=facts_as_of if facts_as_of != snapshot.as_of else None,
            date_kind=snapshot.date_kind,
            state=fresh[info.board_id][0] if fresh else None,
        )

    async def history(self, queries: Sequence[str], board: str | None = None) -> History:
        """Rank and score of one to four models over every stored snapshot of one board.

        Without ``board``, the main board with the longest history shared by the models.
        """
        if not 1 <= len(queries) <= MAX_MODELS:
            raise QueryProblem("model_count", str(len(queries)))
        info = await self.board(board) if board else None
        # Across boards: the board's past snapshots may list a model its current one does not.
        choices, resolutions = await self._resolve_all(queries, None)
        if any(choice.status != "match" for choice in choices):
            return History(choices)
        view = await self._model.fresh()
        board_ids = (
            [info.board_id]
            if info
            else [board_id for board_id, b in view.board_infos.items() if b.category is None]
        )
        per_model = [
            await model_history(
                self._model,
                board_ids,
                r.matches[0].record.model_slug,
                r.matches[0].record.model_name,
                {m.record.key for m in r.matches},
            )
            for r in resolutions
        ]
        if info is not None:
            missing = [i for i, by_board in enumerate(per_model) if info.board_id not in by_board]
            if missing:
                absent = [
                    replace(
                        choice,
                        status="absent",
                        absence=await self._absence(
                            Resolution(choice.query, "absent", resolutions[i].matches), info, None
                        ),
                    )
                    if i in missing
                    else choice
                    for i, choice in enumerate(choices)
                ]
                return History(tuple(absent))
        chosen = choose_board(per_model)
        if chosen is None:
            raise QueryProblem("no_shared_board", info.board_id if info else "")
        series = tuple(by_board[chosen] for by_board in per_model)
        return History(choices, view.board_infos[chosen], series, board_chosen=info is None)

    async def search(self, text: str, board: str | None = None) -> SearchResult:
        """The resolver's decision for ``text`` with the rows behind it (``/search``)."""
        resolution = await self.resolve(text, board)
        info = await self.board(board) if board else None
        scope = info.board_id if info else None
        boards = {scope} if scope else self._main_boards()
        return SearchResult(
            text,
            resolution.status,
            self._candidates(resolution),
            scope,
            alternatives=_alternatives(resolution, boards, set()),
            absence=await self._absence(resolution, info, None),
        )

    async def about(self) -> AboutInfo:
        """Every source's freshness, and how many boards and models are current."""
        view = await self._model.fresh()
        current = await view.current_snapshots()
        models = await view.current_model_count()
        fresh = await self._freshness(view, current)
        sources = tuple(
            freshness(
                source,
                current,
                *view.checks[source_id],
                source_state(source_id, view.board_infos, current, fresh),
            )
            for source_id, source in sorted(self._sources.items())
        )
        return AboutInfo(sources, len(current), models)

    async def model_links(self, text: str = "") -> list[ModelLinks]:
        """Which board rows ingestion linked to each canonical model, for review.

        Links are made automatically (``data.domain.names.identify``); a wrong one is fixed by an
        entry in ``data/aliases.toml``. Only main boards are listed (category boards repeat
        their main board's names). ``text`` keeps models whose name, slug or a spelling
        contains it.
        """
        view = await self._model.fresh()
        main_boards = {b for b, info in view.board_infos.items() if info.category is None}
        rows = await view.catalogue()
        return linked_models([row for row in rows if row.board_id in main_boards], text)

    def suggest_categories(self, board: str | None, text: str, limit: int = 25) -> list[str]:
        """Category names of ``board`` (default the Arena) containing ``text``; from memory."""
        boards = self._model.view.board_infos
        info = find_board(boards, board or DEFAULT_TOP_BOARD)
        if info is None:
            return []
        wanted = text.strip().lower()
        categories = categories_of(main_of(info, boards), boards)
        names = [c.category or c.board_id for c in categories]
        return [name for name in names if wanted in name.lower()][:limit]


def _candidate(match: Match) -> Candidate:
    record = match.record
    return Candidate(record.board_id, record.name, record.model_name, match.score, record.rank)


#: An answer lists at most this many other versions of its line.
MAX_ALTERNATIVES = 5


def _alternatives(
    resolution: Resolution, boards: set[str], shown: set[tuple[str, str]]
) -> tuple[Candidate, ...]:
    """Other versions of the answer's line on ``boards`` (not the rows ``shown``), one per
    board spelling, at most ``MAX_ALTERNATIVES``."""
    picked: dict[tuple[str, str], Candidate] = {}
    # The resolver's own row on a board is an alternative when another row of it is shown.
    shown_boards = {board for board, _ in shown}
    own = [m for m in resolution.matches if m.record.board_id in shown_boards]
    for match in (*own, *resolution.alternatives):
        record = match.record
        key = (record.board_id, record.name)
        if record.board_id in boards and key not in shown and key not in picked:
            picked[key] = _candidate(match)
    return tuple(picked.values())[:MAX_ALTERNATIVES]
