"""Store a parsed snapshot: validate, skip what is unchanged, write the rest in one transaction.

A refused or failed load writes nothing but a line in ``source_checks``, so the boards keep the
data they had. The alerts a new snapshot causes are queued in the same transaction
(``data.planning``), so storing and alerting succeed or fail together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.types import (
    BoardOutcome,
    LoadReport,
    LoadStatus,
    LoadVia,
    ParsedSnapshot,
)
from data.domain.validation import ValidationRules, content_hash, problems
from data.planning import NewSnapshot, plan_changes
from data.renames import Identify, Renames
from data.sources.base import LeaderboardSource, Validators
from data.store.notify import announce
from data.store.repositories import (
    KeyRenameRepository,
    LeaderboardRepository,
    SourceCheck,
    SourceCheckRepository,
    StoredSnapshot,
)

log = logging.getLogger(__name__)


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

        A board's date is ``as_of`` if given, else its own publication date, else the
        snapshot's, else today. ``history``: past data being filled in (``podium backfill``):
        stored like any snapshot, but it alerts no one.
        """
        now = self._clock()
        default_date = parsed.as_of or now.date()
        dates = {
            board.board.board_id: as_of or board.as_of or default_date for board in parsed.boards
        }
        rules = ValidationRules(
            min_rows=source.min_rows,
            score_range=source.score_range,
            max_vanished_share=self._max_vanished_share,
        )
        async with self._sessions() as session, session.begin():
            repo = LeaderboardRepository(session)
            renames = Renames(KeyRenameRepository(session), parsed.source_id, self._identify)
            await renames.load()
            current: dict[str, StoredSnapshot | None] = {}
            previous_models: dict[str, set[str]] = {}
            for board in parsed.boards:
                board_id = board.board.board_id
                snapshot = await repo.current_snapshot(board_id, dates[board_id])
                current[board_id] = snapshot
                if snapshot is not None and snapshot.edition == parsed.edition:
                    await renames.detect(repo, snapshot, board, now)
                    # History may be sparse (``--since``, gaps between publications): a model
                    # missing since a distant snapshot is no sign of a broken file.
                    if not history:
                        previous_models[board_id] = await repo.model_slugs(snapshot.id)
            refusals = problems(parsed, previous_models, rules, renames.model_of)
            if not refusals:
                outcomes = await self._write(
                    repo, parsed, current, dates, now, origin, renames, history=history
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

    async def _write(
        self,
        repo: LeaderboardRepository,
        parsed: ParsedSnapshot,
        current: dict[str, StoredSnapshot | None],
        dates: dict[str, date],
        now: datetime,
        origin: str,
        renames: Renames,
        *,
        history: bool,
    ) -> list[BoardOutcome]:
        unchanged: dict[str, BoardOutcome] = {}
        stored: list[NewSnapshot] = []
        for board in parsed.boards:
            board_id = board.board.board_id
            digest = content_hash(board)
            existing = current[board_id]
            if existing is not None and existing.content_hash == digest:
                unchanged[board_id] = BoardOutcome(
                    board_id, "unchanged", len(board.rows), existing.as_of
                )
                continue
            await repo.upsert_board(board.board)
            models = [renames.models_of(row) for row in board.rows]
            ids = await repo.model_ids(
                {slug: display for found in models for slug, display, _ in found}
            )
            snapshot = await repo.add_snapshot(
                StoredSnapshot(
                    0, board_id, parsed.source_id, dates[board_id], now, digest, 0, parsed.edition
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
            newest = await repo.current_snapshot(board_id)
            stored.append(
                NewSnapshot(
                    board=board.board,
                    # A new edition (e.g. a LiveBench release) starts a new baseline: comparing
                    # it with the old question set would announce mass moves that mean nothing.
                    previous_id=existing.id
                    if existing is not None and existing.edition == parsed.edition
                    else None,
                    rows=board.rows,
                    as_of=dates[board_id],
                    # History filled in later alerts no one, even when it is the newest data.
                    newest=not history and newest is not None and newest.id == snapshot.id,
                )
            )
        changes = await plan_changes(repo.session, parsed.source_id, stored, renames.model_of, now)
        if stored:
            await announce(repo.session, "data")  # other processes hear of it on commit
        new = {
            s.board.board_id: BoardOutcome(
                s.board.board_id, "new", len(s.rows), s.as_of, changes[s.board.board_id]
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
        """Log one load attempt (with the HTTP validators of a successful download)."""
        validators = validators or Validators()
        async with self._sessions() as session, session.begin():
            await announce(session, "checks")
            await SourceCheckRepository(session).add(
                SourceCheck(
                    source_id,
                    origin,
                    self._clock(),
                    status,
                    message,
                    validators.etag,
                    validators.last_modified,
                    via,
                    validators.file_ids or None,
                )
            )

    async def validators(self, source_id: str, url: str) -> Validators:
        """The validators remembered from the last successful download of ``url``."""
        async with self._sessions() as session:
            check = await SourceCheckRepository(session).latest(source_id, with_validators_for=url)
        if check is None:
            return Validators()
        return Validators(check.etag, check.last_modified, check.file_ids or {})
