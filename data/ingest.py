"""Store a parsed snapshot: validate, skip what is unchanged, write the rest in one transaction.

A refused or failed load writes nothing but a line in ``source_checks``, so the boards keep the
data they had. The alerts a new snapshot causes are queued in the same transaction
(``data.planning``), so storing and alerting succeed or fail together.

Which snapshot is current: what a source serves now (a fetch) always becomes its board's current
snapshot, whatever date its file carries, and is compared with the previous current one for
alerts. History (``is_history``: ``podium import``, bundled data, back-fills) is compared with
the snapshot of its own date, becomes current only when nothing newer is, and never alerts.

The CPU-heavy part of a load, reading every row's name into its model and hashing each board,
runs in a worker thread before the transaction (``_prepare``), so a large file does not hold
up the commands on the event loop; the transaction then finds every identity remembered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.freshness import FAILED_STATUSES, snapshot_date
from data.domain.types import (
    BoardOutcome,
    DateKind,
    LoadReport,
    LoadStatus,
    LoadVia,
    ParsedBoard,
    ParsedSnapshot,
    is_history,
)
from data.domain.validation import ValidationRules, content_hash, problems
from data.health import note_check
from data.planning import NewSnapshot, plan_changes
from data.renames import Identify, Renames
from data.sources.base import LeaderboardSource, Validators
from data.store.checks import SourceCheck, SourceCheckRepository
from data.store.key_renames import KeyRenameRepository
from data.store.notify import announce
from data.store.repositories import LeaderboardRepository, StoredSnapshot

log = logging.getLogger(__name__)


class _Baseline(NamedTuple):
    """Before a load, per board: the snapshot it follows, and whether a newer one is current
    (history then stays history)."""

    follows: StoredSnapshot | None
    behind_current: bool


class _Dating(NamedTuple):
    """The date each board of one load is stored under, how it was obtained, and when."""

    days: dict[str, date]
    kind: dict[str, DateKind]
    now: datetime
    via: LoadVia


class Ingestor:
    """Writes snapshots and the source-check log."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        identify: Identify,
        clock: Callable[[], datetime],
        max_vanished_share: float = 0.5,
    ) -> None:
        """Use ``identify`` to link rows to canonical models and ``clock`` for timestamps."""
        self._sessions = session_factory
        # Validation, storing and diffing each ask for a row's model, and boards repeat names
        # across categories and snapshots: identify each spelling once.
        self._identify = lru_cache(maxsize=1 << 17)(identify)
        self._clock = clock
        self._max_vanished_share = max_vanished_share

    async def store(
        self,
        source: LeaderboardSource,
        parsed: ParsedSnapshot,
        origin: str,
        *,
        as_of: date | None = None,
        validators: Validators | None = None,
        via: LoadVia = "fetch",
        history: bool = False,
    ) -> LoadReport:
        """Validate and store ``parsed``; one transaction for all of its boards.

        A board's date is ``as_of`` if given (an operator's ``--as-of``), else its own
        publication date, else the snapshot's; an undated file is dated by the download's
        Last-Modified (``validators``), else today. ``via`` tells a fetch (current) from
        history (``is_history``). ``history``: sparse past data being filled in (``podium
        backfill``), also stored as history, not checked for vanished models and not compared
        with the snapshot before it (its outcomes list no changes).
        """
        now = self._clock()
        last_modified = validators.last_modified if validators else None
        dating = {
            board.board.board_id: snapshot_date(
                as_of or board.as_of or parsed.as_of, last_modified, now
            )
            for board in parsed.boards
        }
        as_history = history or is_history(via)
        dated = _Dating(
            {board_id: day for board_id, (day, _) in dating.items()},
            {board_id: kind for board_id, (_, kind) in dating.items()},
            now,
            "import" if history and not is_history(via) else via,
        )
        digests = await asyncio.to_thread(self._prepare, parsed)
        rules = ValidationRules(
            min_rows=source.min_rows,
            score_range=source.score_range,
            max_vanished_share=self._max_vanished_share,
        )
        async with self._sessions() as session, session.begin():
            repo = LeaderboardRepository(session)
            renames = Renames(KeyRenameRepository(session), parsed.source_id, self._identify)
            await renames.load()
            boards: dict[str, _Baseline] = {}
            previous_models: dict[str, set[str]] = {}
            # Every board's current snapshot in one query, and for history the snapshots
            # current on each of its dates: a file of 70 Arena categories is not 140 queries.
            ids = [board.board.board_id for board in parsed.boards]
            currents = {s.board_id: s for s in await repo.current_snapshots(boards=ids)}
            current_then = {
                day: {s.board_id: s for s in await repo.current_snapshots(day, ids)}
                for day in (set(dated.days.values()) if as_history else ())
            }
            for board in parsed.boards:
                board_id = board.board.board_id
                day = dated.days[board_id]
                current = currents.get(board_id)
                # A fetch follows the current snapshot; history follows the one of its date.
                base = current_then[day].get(board_id) if as_history else current
                boards[board_id] = _Baseline(
                    base, as_history and current is not None and current.as_of > day
                )
                if base is not None and base.edition == parsed.edition:
                    await renames.detect(repo, base, board, now)
                    # History may be sparse (``--since``, gaps between publications): a model
                    # missing since a distant snapshot is no sign of a broken file.
                    if not history:
                        previous_models[board_id] = await repo.model_slugs(base.id)
            refusals = problems(parsed, previous_models, rules, renames.model_of)
            if not refusals:
                outcomes = await self._write(
                    repo, parsed, boards, dated, origin, renames, digests, compare=not history
                )
        if refusals:
            reason = "; ".join(refusals)
            log.warning("refused %s from %s: %s", source.source_id, origin, reason)
            await self.record(source.source_id, origin, "refused", reason, via=via)
            return LoadReport(source.source_id, origin, "refused", reason=reason)
        status: LoadStatus = "new" if any(o.status == "new" for o in outcomes) else "unchanged"
        await self.record(source.source_id, origin, status, "", validators, via=via)
        log.info("%s from %s: %s (%d boards)", source.source_id, origin, status, len(outcomes))
        return LoadReport(source.source_id, origin, status, tuple(outcomes))

    def _prepare(self, parsed: ParsedSnapshot) -> dict[str, str]:
        """Identify the name of every row (remembered by ``self._identify``) and return each
        board's content hash: the CPU work of a load, done in a worker thread."""
        for board in parsed.boards:
            for row in board.rows:
                if row.models is None:
                    self._identify(row.name, row.key)
                else:
                    for name in row.models:
                        self._identify(name, name)
        return {board.board.board_id: content_hash(board) for board in parsed.boards}

    async def _write(
        self,
        repo: LeaderboardRepository,
        parsed: ParsedSnapshot,
        boards: dict[str, _Baseline],
        dated: _Dating,
        origin: str,
        renames: Renames,
        digests: dict[str, str],
        *,
        compare: bool,
    ) -> list[BoardOutcome]:
        unchanged: dict[str, BoardOutcome] = {}
        changed: list[tuple[ParsedBoard, list[list[tuple[str, str, str]]]]] = []
        for board in parsed.boards:
            board_id = board.board.board_id
            existing = boards[board_id].follows
            if existing is not None and existing.content_hash == digests[board_id]:
                unchanged[board_id] = BoardOutcome(
                    board_id, "unchanged", len(board.rows), existing.as_of
                )
            else:
                changed.append((board, [renames.models_of(row) for row in board.rows]))
        # One lookup for the models of every board: the Arena's categories share most of them.
        # A new model is named as the first board spells it.
        identities: dict[str, str] = {}
        for _, models in changed:
            for found in models:
                for slug, display, _ in found:
                    identities.setdefault(slug, display)
        ids = await repo.model_ids(identities)
        await repo.upsert_boards([board.board for board, _ in changed])
        stored: list[NewSnapshot] = []
        for board, models in changed:
            board_id = board.board.board_id
            digest = digests[board_id]
            existing, behind_current = boards[board_id]
            await repo.add_snapshot(
                StoredSnapshot(
                    0,
                    board_id,
                    parsed.source_id,
                    dated.days[board_id],
                    dated.now,
                    digest,
                    0,
                    parsed.edition,
                    dated.kind[board_id],
                    dated.via,
                    became_current=not behind_current,
                ),
                board.rows,
                [ids[found[0][0]] if found else None for found in models],
                origin,
                {
                    row.position: [(ids[slug], name) for slug, _, name in found]
                    for row, found in zip(board.rows, models, strict=True)
                    if row.models is not None
                },
            )
            stored.append(
                NewSnapshot(
                    board=board.board,
                    # A new edition (e.g. a LiveBench release) starts a new baseline: comparing
                    # it with the old question set would announce mass moves that mean nothing.
                    previous_id=existing.id
                    if existing is not None and existing.edition == parsed.edition
                    else None,
                    rows=board.rows,
                    as_of=dated.days[board_id],
                    alerts=not is_history(dated.via),
                )
            )
        # A backfill's dates alert no one and its report keeps only what was stored: comparing
        # each with the date before (reading that snapshot back) was half its time.
        changes = (
            await plan_changes(
                repo.session,
                parsed.source_id,
                stored,
                renames.model_of,
                renames.model_slugs,
                dated.now,
            )
            if compare
            else {}
        )
        if stored:
            await announce(repo.session, "data")  # other processes hear of it on commit
        new = {
            s.board.board_id: BoardOutcome(
                s.board.board_id, "new", len(s.rows), s.as_of, changes.get(s.board.board_id, ())
            )
            for s in stored
        }
        return [
            new.get(board.board.board_id) or unchanged[board.board.board_id]
            for board in parsed.boards
        ]

    async def record(
        self,
        source_id: str,
        origin: str,
        status: LoadStatus,
        message: str,
        validators: Validators | None = None,
        *,
        via: LoadVia = "fetch",
    ) -> None:
        """Log one load attempt (with the HTTP validators of a successful download); a fetch
        also moves the source's run of failures, which may queue a notice (``data.health``)."""
        validators = validators or Validators()
        now = self._clock()
        async with self._sessions() as session, session.begin():
            await announce(session, "checks")
            await SourceCheckRepository(session).add(
                SourceCheck(
                    source_id,
                    origin,
                    now,
                    status,
                    message,
                    validators.etag,
                    validators.last_modified,
                    via,
                    validators.file_ids or None,
                )
            )
            if not is_history(via):
                await note_check(session, source_id, status in FAILED_STATUSES, message, now)

    async def validators(self, source_id: str, url: str) -> Validators:
        """The validators remembered from the last successful download of ``url``."""
        async with self._sessions() as session:
            check = await SourceCheckRepository(session).latest(source_id, with_validators_for=url)
        if check is None:
            return Validators()
        return Validators(check.etag, check.last_modified, check.file_ids or {})
