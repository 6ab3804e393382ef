"""Row keys a source renamed: the new key keeps the old key's model, so history and alerts
follow the model rather than the spelling.

Inside the ingest transaction: the renames a source made are loaded, new ones are detected
on each board against its previous snapshot (``domain.diff.find_renames``: the same score and
votes under a new key), recorded, and rows already stored under the new key are re-linked.
A row's model is then the one its oldest key identifies.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from data.domain.diff import find_renames
from data.domain.types import ParsedBoard, Row
from data.store.key_renames import KeyRename, KeyRenameRepository
from data.store.repositories import LeaderboardRepository, StoredSnapshot

log = logging.getLogger(__name__)

#: ``(name as the board spells it, row key) -> (canonical slug, canonical display name)``.
Identify = Callable[[str, str], tuple[str, str]]


class Renames:
    """The renames of one source during one ingest transaction."""

    def __init__(self, repo: KeyRenameRepository, source_id: str, identify: Identify) -> None:
        """Work in ``repo``'s transaction; ``identify`` links a (name, key) to a model."""
        self._repo = repo
        self._source_id = source_id
        self._identify = identify
        self._known: dict[str, KeyRename] = {}

    async def load(self) -> None:
        """Read the renames the source made before."""
        self._known = await self._repo.of_source(self._source_id)

    def identify(self, row: Row) -> tuple[str, str]:
        """The model of ``row``: the one its oldest key (before any rename) identifies."""
        name, key = self._origin(row.name, row.key)
        return self._identify(name, key)

    def models_of(self, row: Row) -> list[tuple[str, str, str]]:
        """``(slug, display name, name as published)`` of each model ``row`` counts for: the
        row itself, or each model a submission ran with (``Row.models``; one per slug, none
        for none)."""
        if row.models is None:
            return [(*self.identify(row), row.name)]
        found: dict[str, tuple[str, str, str]] = {}
        for name in row.models:
            slug, display = self._identify(name, name)
            found.setdefault(slug, (slug, display, name))
        return list(found.values())

    def model_of(self, row: Row) -> str:
        """The canonical model slug of ``row`` (a submission's first model); a submission naming
        no model is only itself, so no other row is ever taken for it."""
        found = self.models_of(row)
        return found[0][0] if found else f"submission:{row.key}"

    def model_slugs(self, row: Row) -> list[str]:
        """Every canonical model ``row`` counts for: itself, or each model a submission ran
        with (a submission naming none is only itself)."""
        return [slug for slug, _, _ in self.models_of(row)] or [self.model_of(row)]

    async def detect(
        self,
        repo: LeaderboardRepository,
        previous: StoredSnapshot,
        board: ParsedBoard,
        now: datetime,
    ) -> None:
        """Record the keys ``board`` renamed since ``previous`` (its board's prior snapshot)."""
        before = await repo.keys(previous.id)
        arrived = [row for row in board.rows if row.key not in before]
        if not arrived:
            return
        current = {row.key for row in board.rows}
        gone = (await repo.rows_by_key([previous.id], before - current)).values()
        for old, new in find_renames(list(gone), arrived):
            if new.key in self._known or self._origin(old.name, old.key)[1] == new.key:
                continue  # known already, or a rename back to an older key
            rename = KeyRename(
                self._source_id, old.key, old.name, new.key, board.board.board_id, previous.as_of
            )
            await self._repo.add(rename, now)
            self._known[new.key] = rename
            slug, name = self.identify(new)
            ids = await repo.model_ids({slug: name})
            await self._repo.relink(self._source_id, new.key, ids[slug])
            log.info(
                "%s: %s renamed %r to %r (same score and votes)",
                self._source_id,
                board.board.board_id,
                old.key,
                new.key,
            )

    def _origin(self, name: str, key: str) -> tuple[str, str]:
        """The (name, key) a key had before its renames; a cycle stops where it repeats."""
        seen = {key}
        while (rename := self._known.get(key)) is not None and rename.old_key not in seen:
            name, key = rename.old_name, rename.old_key
            seen.add(key)
        return name, key
