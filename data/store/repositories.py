"""Boards, their snapshots, the snapshots' rows (entries) and the models rows link to: queries
over those tables, returning domain types. Each takes the caller's ``AsyncSession``. Source
checks are in ``checks.py``, renamed row keys in ``key_renames.py``."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    union,
    union_all,
    update,
)
from sqlalchemy.orm import aliased

from data.domain.history import StoredPoint
from data.domain.types import BoardInfo, DateKind, LoadVia, Row
from data.store.compact import Sharing
from data.store.session import Repository
from data.store.tables import (
    BoardTable,
    EntryModelTable,
    EntryTable,
    ModelTable,
    SnapshotTable,
    SourceCheckTable,
)


@dataclass(frozen=True, slots=True)
class StoredSnapshot:
    """A snapshot's identity and dates (see ``SnapshotTable`` for ``became_current``)."""

    id: int
    board_id: str
    source_id: str
    as_of: date
    fetched_at: datetime
    content_hash: str
    row_count: int
    edition: str | None = None
    date_kind: DateKind = "published"
    via: LoadVia = "fetch"
    became_current: bool = False


@dataclass(frozen=True, slots=True)
class CatalogueRow:
    """A row of a current snapshot with its canonical model, for the in-memory name index."""

    board_id: str
    key: str
    name: str
    rank: int | None
    position: int
    score: float | None
    model_slug: str
    model_name: str


@dataclass(frozen=True, slots=True)
class ModelLink:
    """A model a submission row ran with: its canonical slug and name, the row's spelling."""

    model_slug: str
    model_name: str
    named: str
    ordinal: int


@dataclass(frozen=True, slots=True)
class LoadedRow:
    """A stored row with its snapshot and canonical model (``None`` when not linked); a
    submission (``Row.models``) also lists the models it ran with."""

    snapshot_id: int
    row: Row
    model_slug: str | None
    model_name: str | None
    links: tuple[ModelLink, ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class DataVersion:
    """What changes when data is stored: the newest snapshot and the newest source check."""

    snapshots: int
    checks: int


#: The entries table itself, for Core bulk inserts.
ENTRIES = cast(Table, EntryTable.__table__)


def _snapshot(row: SnapshotTable) -> StoredSnapshot:
    return StoredSnapshot(
        row.id,
        row.board_id,
        row.source_id,
        row.as_of,
        row.fetched_at,
        row.content_hash,
        row.row_count,
        row.edition,
        _date_kind(row.date_kind),
        _via(row.via),
        row.became_current,
    )


def _date_kind(text: str) -> DateKind:
    return cast(DateKind, text)


def _via(text: str) -> LoadVia:
    return cast(LoadVia, text)


def _board(row: BoardTable) -> BoardInfo:
    return BoardInfo(
        board_id=row.id,
        source_id=row.source_id,
        title=row.title,
        description=row.description,
        score_label=row.score_label,
        url=row.url,
        higher_is_better=row.higher_is_better,
        category=row.category,
        title_zh=row.title_zh,
    )


def _board_values(info: BoardInfo) -> dict[str, Any]:
    """The ``boards`` row of a board."""
    return {
        "id": info.board_id,
        "source_id": info.source_id,
        "title": info.title,
        "description": info.description,
        "score_label": info.score_label,
        "url": info.url,
        "higher_is_better": info.higher_is_better,
        "category": info.category,
        "title_zh": info.title_zh,
    }


#: An entry's columns in ``Row``'s field order: rows are read as plain result tuples, not
#: ORM objects (a third of the time, and nothing left in the session's identity map).
_ROW_COLUMNS = (
    EntryTable.key,
    EntryTable.name,
    EntryTable.rank,
    EntryTable.score,
    EntryTable.position,
    EntryTable.ci_lower,
    EntryTable.ci_upper,
    EntryTable.votes,
    EntryTable.organization,
    EntryTable.license,
    EntryTable.rank_note,
    EntryTable.metrics,
    EntryTable.models,
)


def _row(values: Sequence[Any]) -> Row:
    """The ``Row`` of an entry read as ``_ROW_COLUMNS``."""
    (key, name, rank, score, position, ci_lower, ci_upper, votes) = values[:8]
    (organization, licence, rank_note, metrics, models) = values[8:]
    return Row(
        key,
        name,
        rank,
        score,
        position,
        ci_lower,
        ci_upper,
        votes,
        organization,
        licence,
        rank_note,
        dict(metrics or {}),
        tuple(models) if models is not None else None,
    )


def _counts_for(model_slug: str):  # type: ignore[no-untyped-def]
    """Condition: the entry counts for the model ``model_slug``: its own model, or one of the
    models a submission ran with (``entry_models``)."""
    model = select(ModelTable.id).where(ModelTable.slug == model_slug).scalar_subquery()
    named = select(EntryModelTable.entry_id).where(EntryModelTable.model_id == model)
    return or_(EntryTable.model_id == model, EntryTable.id.in_(named))


def _catalogue_columns(name: Any, ordinal: Any) -> tuple[Any, ...]:
    """A ``CatalogueRow``'s columns with the model's ``name`` as the board spells it, then the
    ``ordinal`` of that name among the row's models (0 for a row that is its own model)."""
    return (
        SnapshotTable.board_id.label("board_id"),
        EntryTable.key.label("key"),
        name.label("name"),
        EntryTable.rank.label("rank"),
        EntryTable.position.label("position"),
        EntryTable.score.label("score"),
        ModelTable.slug.label("model_slug"),
        ModelTable.name.label("model_name"),
        ordinal.label("ordinal"),
    )


def _on_timeline() -> ColumnElement[bool]:
    """Snapshots whose date can be trusted for "as of a day": all but those a later current
    snapshot with an earlier date displaced (an undated file stored as of its fetch day, then
    replaced by the source's dated one, was never really the board of that day)."""
    later = aliased(SnapshotTable)
    return ~exists().where(
        later.board_id == SnapshotTable.board_id,
        later.became_current.is_(True),
        later.id > SnapshotTable.id,
        later.as_of < SnapshotTable.as_of,
    )


def _current_ids(as_of: date | None = None, boards: Collection[str] | None = None):  # type: ignore[no-untyped-def]
    """Subquery: the id of each board's current snapshot, or of the one current on ``as_of``;
    of ``boards`` only, when given.

    Today's is the newest snapshot that became current when stored; on a past day, the newest
    by date on the timeline (then newest stored).
    """
    if as_of is None:
        ranked = select(
            SnapshotTable.id,
            func.row_number()
            .over(partition_by=SnapshotTable.board_id, order_by=SnapshotTable.id.desc())
            .label("n"),
        ).where(SnapshotTable.became_current.is_(True))
    else:
        ranked = select(
            SnapshotTable.id,
            func.row_number()
            .over(
                partition_by=SnapshotTable.board_id,
                order_by=(SnapshotTable.as_of.desc(), SnapshotTable.id.desc()),
            )
            .label("n"),
        ).where(SnapshotTable.as_of <= as_of, _on_timeline())
    if boards is not None:
        ranked = ranked.where(SnapshotTable.board_id.in_(list(boards)))
    sub = ranked.subquery()
    return select(sub.c.id).where(sub.c.n == 1)


class LeaderboardRepository(Repository):
    """Boards, snapshots, entries and canonical models."""

    async def upsert_boards(self, infos: Sequence[BoardInfo]) -> None:
        """Create the boards or bring their descriptive fields up to date: one read, then a
        write only for what differs (a backfill stores the same boards date after date)."""
        wanted = {info.board_id: _board_values(info) for info in infos}
        if not wanted:
            return
        columns = [BoardTable.__table__.c[name] for name in _board_values(infos[0])]
        found = await self.session.execute(select(*columns).where(BoardTable.id.in_(wanted)))
        stored = {values["id"]: dict(values) for values in found.mappings()}
        missing = [values for board_id, values in wanted.items() if board_id not in stored]
        if missing:
            await self.session.execute(insert(BoardTable), missing)
        for board_id, values in wanted.items():
            if board_id in stored and stored[board_id] != values:
                await self.session.execute(
                    update(BoardTable).where(BoardTable.id == board_id).values(values)
                )

    async def model_ids(self, identities: Mapping[str, str]) -> dict[str, int]:
        """Ids of the canonical models ``slug -> display name``, creating missing ones."""
        wanted = dict(identities)
        found: dict[str, int] = {}
        slugs = list(wanted)
        for start in range(0, len(slugs), 500):
            chunk = slugs[start : start + 500]
            result = await self.session.execute(
                select(ModelTable.slug, ModelTable.id).where(ModelTable.slug.in_(chunk))
            )
            found.update({slug: model_id for slug, model_id in result.all()})
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            await self.session.execute(
                insert(ModelTable), [{"slug": slug, "name": wanted[slug]} for slug in missing]
            )
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                result = await self.session.execute(
                    select(ModelTable.slug, ModelTable.id).where(ModelTable.slug.in_(chunk))
                )
                found.update({slug: model_id for slug, model_id in result.all()})
        return found

    async def current_snapshot(
        self, board_id: str, as_of: date | None = None
    ) -> StoredSnapshot | None:
        """The board's current snapshot, or the one current on ``as_of`` (``_current_ids``)."""
        query = select(SnapshotTable).where(SnapshotTable.board_id == board_id)
        if as_of is None:
            query = query.where(SnapshotTable.became_current.is_(True))
            query = query.order_by(SnapshotTable.id.desc())
        else:
            query = query.where(SnapshotTable.as_of <= as_of, _on_timeline())
            query = query.order_by(SnapshotTable.as_of.desc(), SnapshotTable.id.desc())
        row = (await self.session.scalars(query.limit(1))).first()
        return _snapshot(row) if row else None

    async def snapshot_span(self, board_id: str) -> tuple[date | None, date | None]:
        """The dates of a board's first and last stored snapshots (``None`` when it has none)."""
        row = (
            await self.session.execute(
                select(func.min(SnapshotTable.as_of), func.max(SnapshotTable.as_of)).where(
                    SnapshotTable.board_id == board_id
                )
            )
        ).one()
        return row[0], row[1]

    async def current_snapshots(
        self, as_of: date | None = None, boards: Collection[str] | None = None
    ) -> list[StoredSnapshot]:
        """Each board's current snapshot (or the one current on ``as_of``); only ``boards``'
        when given (a load's own boards: the window then spans their snapshots only, which
        matters once a backfill has stored thousands of others)."""
        query = select(SnapshotTable).where(SnapshotTable.id.in_(_current_ids(as_of, boards)))
        return [_snapshot(row) for row in await self.session.scalars(query)]

    async def previous_snapshot(self, snapshot: StoredSnapshot) -> StoredSnapshot | None:
        """The snapshot of the same board that ``snapshot`` followed: the previous current one
        for a snapshot that became current, else the one just before it on the timeline."""
        query = select(SnapshotTable).where(SnapshotTable.board_id == snapshot.board_id)
        if snapshot.became_current:
            previous_current = query.where(
                SnapshotTable.became_current.is_(True), SnapshotTable.id < snapshot.id
            ).order_by(SnapshotTable.id.desc())
            row = (await self.session.scalars(previous_current.limit(1))).first()
            if row is not None:
                return _snapshot(row)
        query = (
            query.where(
                (SnapshotTable.as_of < snapshot.as_of)
                | ((SnapshotTable.as_of == snapshot.as_of) & (SnapshotTable.id < snapshot.id)),
                _on_timeline(),
            )
            .order_by(SnapshotTable.as_of.desc(), SnapshotTable.id.desc())
            .limit(1)
        )
        row = (await self.session.scalars(query)).first()
        return _snapshot(row) if row else None

    async def board_snapshots(self, board_id: str) -> list[tuple[StoredSnapshot, bool]]:
        """Every snapshot of a board, each with whether it is on the timeline."""
        query = select(SnapshotTable, _on_timeline()).where(SnapshotTable.board_id == board_id)
        return [(_snapshot(row), bool(on)) for row, on in (await self.session.execute(query)).all()]

    async def model_slugs(self, snapshot_id: int) -> set[str]:
        """The canonical models a snapshot's rows are linked to."""
        result = await self.session.scalars(
            select(ModelTable.slug)
            .join(EntryTable, EntryTable.model_id == ModelTable.id)
            .where(EntryTable.snapshot_id == snapshot_id)
        )
        return set(result)

    async def snapshot_dates(self, source_id: str) -> set[tuple[str, date]]:
        """Every (board id, date) a source has a snapshot for."""
        result = await self.session.execute(
            select(SnapshotTable.board_id, SnapshotTable.as_of)
            .where(SnapshotTable.source_id == source_id)
            .distinct()
        )
        return {(board_id, as_of) for board_id, as_of in result.all()}

    async def keys(self, snapshot_id: int) -> set[str]:
        """The row keys of a snapshot."""
        result = await self.session.scalars(
            select(EntryTable.key).where(EntryTable.snapshot_id == snapshot_id)
        )
        return set(result)

    async def add_snapshot(
        self,
        snapshot: StoredSnapshot,
        rows: Sequence[Row],
        model_ids: Sequence[int | None],
        origin: str,
        named_models: Mapping[int, Sequence[tuple[int, str]]] | None = None,
    ) -> StoredSnapshot:
        """Store a new snapshot and its rows; returns it with its id.

        ``model_ids`` are the rows' models (for a row naming its models, the first of them);
        ``named_models`` maps the position of each row that names its models (``Row.models``) to
        every ``(model id, name as published)`` it counts for.
        """
        stored = replace(snapshot, row_count=len(rows))
        snapshot_id = await self.session.scalar(  # Core, not an ORM object and its flush
            insert(SnapshotTable)
            .values(
                board_id=stored.board_id,
                source_id=stored.source_id,
                as_of=stored.as_of,
                fetched_at=stored.fetched_at,
                content_hash=stored.content_hash,
                origin=origin[:500],
                row_count=stored.row_count,
                edition=stored.edition,
                date_kind=stored.date_kind,
                via=stored.via,
                became_current=stored.became_current,
            )
            .returning(SnapshotTable.id)
        )
        stored = replace(stored, id=int(snapshot_id or 0))
        await self.session.execute(
            insert(ENTRIES),  # Core, not ORM, bulk insert: a third faster
            [
                {
                    "snapshot_id": stored.id,
                    "position": row.position,
                    "key": row.key[:300],
                    "name": row.name[:300],
                    "rank": row.rank,
                    "score": row.score,
                    "ci_lower": row.ci_lower,
                    "ci_upper": row.ci_upper,
                    "votes": row.votes,
                    "organization": (row.organization or None) and row.organization[:200],
                    "license": (row.license or None) and row.license[:200],
                    "rank_note": row.rank_note,
                    "metrics": dict(row.metrics),
                    "model_id": model_id,
                    "models": list(row.models) if row.models is not None else None,
                }
                for row, model_id in zip(rows, model_ids, strict=True)
            ],
        )
        if named_models:
            await self._add_named_models(stored.id, named_models)
        return stored

    async def _add_named_models(
        self, snapshot_id: int, named_models: Mapping[int, Sequence[tuple[int, str]]]
    ) -> None:
        positions = await self.session.execute(
            select(EntryTable.position, EntryTable.id).where(EntryTable.snapshot_id == snapshot_id)
        )
        entry_ids = {position: entry_id for position, entry_id in positions.all()}
        links = [
            {
                "entry_id": entry_ids[position],
                "model_id": model_id,
                "name": name[:300],
                "ordinal": i,
            }
            for position, models in named_models.items()
            for i, (model_id, name) in enumerate(models)
        ]
        if links:
            await self.session.execute(insert(EntryModelTable), links)

    async def rows(self, snapshot_id: int) -> list[Row]:
        """All rows of a snapshot in board order."""
        query = (
            select(*_ROW_COLUMNS)
            .where(EntryTable.snapshot_id == snapshot_id)
            .order_by(EntryTable.position)
        )
        return [_row(values) for values in await self.session.execute(query)]

    async def model_ids_by_key(self, snapshot_id: int) -> dict[str, int]:
        """The canonical model id of each row key of a snapshot."""
        query = select(EntryTable.key, EntryTable.model_id).where(
            EntryTable.snapshot_id == snapshot_id, EntryTable.model_id.is_not(None)
        )
        return {
            key: model_id
            for key, model_id in await self.session.execute(query)
            if model_id is not None
        }

    async def published_facts(
        self, board_id: str, up_to: date
    ) -> tuple[date | None, dict[int, tuple[str | None, str | None]]]:
        """Organisation and licence per model id, from the board's newest snapshot (as of
        ``up_to`` at the latest) that published licences; its date first."""
        newest = (
            await self.session.execute(
                select(SnapshotTable.id, SnapshotTable.as_of)
                .join(EntryTable, EntryTable.snapshot_id == SnapshotTable.id)
                .where(
                    SnapshotTable.board_id == board_id,
                    SnapshotTable.as_of <= up_to,
                    EntryTable.license.is_not(None),
                )
                .order_by(SnapshotTable.as_of.desc(), SnapshotTable.id.desc())
                .limit(1)
            )
        ).first()
        if newest is None:
            return None, {}
        query = (
            select(EntryTable.model_id, EntryTable.organization, EntryTable.license)
            .where(EntryTable.snapshot_id == newest[0], EntryTable.model_id.is_not(None))
            .order_by(EntryTable.position)
        )
        facts: dict[int, tuple[str | None, str | None]] = {}
        for model_id, organization, licence in await self.session.execute(query):
            if model_id is not None:  # a model listed twice: its first row's
                facts.setdefault(model_id, (organization, licence))
        return newest[1], facts

    async def rows_between(self, snapshot_id: int, first: int, last: int) -> list[Row]:
        """Rows at positions ``first..last`` (inclusive) of a snapshot."""
        query = (
            select(*_ROW_COLUMNS)
            .where(EntryTable.snapshot_id == snapshot_id)
            .where(EntryTable.position.between(first, last))
            .order_by(EntryTable.position)
        )
        return [_row(values) for values in await self.session.execute(query)]

    async def count_rank(self, snapshot_id: int, rank: int) -> int:
        """How many rows of a snapshot share ``rank`` (ties repeat the rank)."""
        value = await self.session.scalar(
            select(func.count())
            .select_from(EntryTable)
            .where(EntryTable.snapshot_id == snapshot_id, EntryTable.rank == rank)
        )
        return int(value or 0)

    async def rows_by_key(
        self, snapshot_ids: Iterable[int], keys: Iterable[str]
    ) -> dict[tuple[int, str], Row]:
        """Rows with the given keys in the given snapshots, by ``(snapshot id, key)``."""
        ids, wanted = list(snapshot_ids), list(set(keys))
        if not ids or not wanted:
            return {}
        query = select(EntryTable.snapshot_id, *_ROW_COLUMNS).where(
            EntryTable.snapshot_id.in_(ids), EntryTable.key.in_(wanted)
        )
        return {  # values: the snapshot id, then the row, key first
            (values[0], values[1]): _row(values[1:]) for values in await self.session.execute(query)
        }

    async def rows_by_model(
        self, snapshot_ids: Iterable[int], model_slug: str
    ) -> list[tuple[int, Row]]:
        """Rows linked to a canonical model in the given snapshots: ``(snapshot id, row)``."""
        ids = list(snapshot_ids)
        if not ids:
            return []
        query = (
            select(EntryTable.snapshot_id, *_ROW_COLUMNS)
            .where(_counts_for(model_slug), EntryTable.snapshot_id.in_(ids))
            .order_by(EntryTable.snapshot_id, EntryTable.position)
        )
        return [(values[0], _row(values[1:])) for values in await self.session.execute(query)]

    async def history(
        self, board_ids: Iterable[str], model_slug: str
    ) -> list[tuple[str, StoredPoint]]:
        """Every stored row linked to a canonical model on the given boards, with its snapshot:
        ``(board id, point)``, oldest snapshot first."""
        ids = list(board_ids)
        if not ids:
            return []
        query = (
            select(
                SnapshotTable.board_id,
                SnapshotTable.id,
                SnapshotTable.as_of,
                SnapshotTable.row_count,
                SnapshotTable.edition,
                *_ROW_COLUMNS,
            )
            .join(EntryTable, EntryTable.snapshot_id == SnapshotTable.id)
            .where(_counts_for(model_slug), SnapshotTable.board_id.in_(ids))
            .where(_on_timeline())
            .order_by(SnapshotTable.as_of, SnapshotTable.id, EntryTable.position)
        )
        return [
            (
                values[0],
                StoredPoint(values[1], values[2], values[3], _row(values[5:]), values[4]),
            )
            for values in await self.session.execute(query)
        ]

    async def current_model_count(self) -> int:
        """How many canonical models the current snapshots list."""
        current = EntryTable.snapshot_id.in_(_current_ids())
        models = union(
            select(EntryTable.model_id).where(current, EntryTable.model_id.is_not(None)),
            select(EntryModelTable.model_id)
            .join(EntryTable, EntryTable.id == EntryModelTable.entry_id)
            .where(current),
        ).subquery()
        value = await self.session.scalar(select(func.count()).select_from(models))
        return int(value or 0)

    async def boards(self) -> dict[str, BoardInfo]:
        """Every board by id."""
        return {row.id: _board(row) for row in await self.session.scalars(select(BoardTable))}

    async def catalogue(self, as_of: date | None = None) -> list[CatalogueRow]:
        """Rows of every snapshot current on ``as_of`` (today's when ``None``) with their
        canonical model: the name index's input."""
        current = SnapshotTable.id.in_(_current_ids(as_of))
        own = (
            select(*_catalogue_columns(EntryTable.name, literal(0)))
            .join(SnapshotTable, EntryTable.snapshot_id == SnapshotTable.id)
            .join(ModelTable, EntryTable.model_id == ModelTable.id)
            .where(current, EntryTable.models.is_(None))
        )
        # A submission is indexed under each model it ran with, as the board names the model.
        named = (
            select(*_catalogue_columns(EntryModelTable.name, EntryModelTable.ordinal))
            .join(SnapshotTable, EntryTable.snapshot_id == SnapshotTable.id)
            .join(EntryModelTable, EntryModelTable.entry_id == EntryTable.id)
            .join(ModelTable, EntryModelTable.model_id == ModelTable.id)
            .where(current)
        )
        rows = union_all(own, named).subquery()
        query = select(*list(rows.c)[:-1]).order_by(
            # A fixed order, so the index (and its tie-breaks) is the same on every backend.
            rows.c.board_id,
            rows.c.position,
            rows.c.ordinal,
        )
        return [CatalogueRow(**row._mapping) for row in (await self.session.execute(query)).all()]

    async def data_version(self) -> int:
        """Grows whenever a snapshot is stored: a cheap way to see that caches are stale."""
        value = await self.session.scalar(select(func.max(SnapshotTable.id)))
        return int(value or 0)

    async def source_version(self, source_id: str) -> int:
        """The newest snapshot stored for a source (0 when none)."""
        value = await self.session.scalar(
            select(func.max(SnapshotTable.id)).where(SnapshotTable.source_id == source_id)
        )
        return int(value or 0)

    async def versions(self) -> DataVersion:
        """The data version and the source-check version, in one cheap query."""
        found = (
            await self.session.execute(
                select(
                    select(func.max(SnapshotTable.id)).scalar_subquery(),
                    select(func.max(SourceCheckTable.id)).scalar_subquery(),
                )
            )
        ).one()
        return DataVersion(int(found[0] or 0), int(found[1] or 0))

    async def entries(self, snapshot_ids: Iterable[int]) -> list[LoadedRow]:
        """Every row of the given snapshots with its canonical model (and, for a submission,
        the models it ran with), in board order: plain column tuples (no ORM objects), for
        building the in-memory read model, each repeated text held once (``Sharing``)."""
        ids = sorted(set(snapshot_ids))
        found: list[LoadedRow] = []
        shared = Sharing()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = (
                select(
                    EntryTable.id,
                    EntryTable.snapshot_id,
                    *_ROW_COLUMNS,
                    ModelTable.slug,
                    ModelTable.name,
                )
                .outerjoin(ModelTable, EntryTable.model_id == ModelTable.id)
                .where(EntryTable.snapshot_id.in_(chunk))
                .order_by(EntryTable.snapshot_id, EntryTable.position)
            )
            result = cast(list[tuple[Any, ...]], (await self.session.execute(query)).all())
            links = (
                await self._model_links(chunk, shared)
                if any(v[14] is not None for v in result)
                else {}
            )
            for values in result:
                found.append(
                    LoadedRow(
                        values[1],
                        Row(
                            key=shared.text(values[2]),
                            name=shared.text(values[3]),
                            rank=values[4],
                            score=values[5],
                            position=values[6],
                            ci_lower=values[7],
                            ci_upper=values[8],
                            votes=values[9],
                            organization=shared.text(values[10]),
                            license=shared.text(values[11]),
                            rank_note=shared.text(values[12]),
                            metrics=shared.metrics(values[13]),
                            models=tuple(values[14]) if values[14] is not None else None,
                        ),
                        shared.text(values[15]),
                        shared.text(values[16]),
                        links.get(values[0], ()),
                    )
                )
        return found

    async def _model_links(
        self, snapshot_ids: Sequence[int], shared: Sharing
    ) -> dict[int, tuple[ModelLink, ...]]:
        """Per entry that names its models: each model, in the row's order."""
        query = (
            select(
                EntryModelTable.entry_id,
                ModelTable.slug,
                ModelTable.name,
                EntryModelTable.name,
                EntryModelTable.ordinal,
            )
            .join(ModelTable, EntryModelTable.model_id == ModelTable.id)
            .join(EntryTable, EntryTable.id == EntryModelTable.entry_id)
            .where(EntryTable.snapshot_id.in_(snapshot_ids))
            .order_by(EntryModelTable.entry_id, EntryModelTable.ordinal)
        )
        links: dict[int, list[ModelLink]] = {}
        for entry_id, slug, model_name, named, ordinal in (await self.session.execute(query)).all():
            link = ModelLink(shared.text(slug), shared.text(model_name), named, ordinal)
            links.setdefault(entry_id, []).append(link)
        return {entry_id: tuple(found) for entry_id, found in links.items()}
