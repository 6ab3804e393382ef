"""ORM tables. Keep in step with ``data/migrations/versions`` (a test compares them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import false

from data.store.base import Base, UTCDateTime


class BoardTable(Base):
    """A board, upserted from the adapters' ``BoardInfo`` at ingestion."""

    __tablename__ = "boards"

    #: Board ids are stable slugs; Arena category ids reach ~70 characters.
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    score_label: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(500))
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=True)
    category: Mapped[str | None] = mapped_column(String(100))
    title_zh: Mapped[str | None] = mapped_column(String(200))


class ModelTable(Base):
    """A canonical model that rows of different boards link to."""

    __tablename__ = "models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(300))


class SnapshotTable(Base):
    """One distinct published state of a board.

    ``as_of`` is the date the source published, or (``date_kind``) the file's Last-Modified
    date or the day it was fetched when the source states none. ``became_current`` is set when
    the snapshot became its board's current one as it was stored: every fetch does (what a
    source serves now is current), a history load (``via`` import, bundled, backfill) only when
    nothing newer is current. A board's current snapshot is its newest such row, and the one
    before it is the previous current one, whatever their dates say.
    """

    __tablename__ = "snapshots"
    __table_args__ = (
        Index("ix_snapshots_board_as_of", "board_id", "as_of"),
        Index("ix_snapshots_board_current", "board_id", "became_current", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    board_id: Mapped[str] = mapped_column(ForeignKey("boards.id"))
    source_id: Mapped[str] = mapped_column(String(32))
    as_of: Mapped[date] = mapped_column(Date)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(500))
    row_count: Mapped[int] = mapped_column(Integer)
    edition: Mapped[str | None] = mapped_column(String(64))
    date_kind: Mapped[str] = mapped_column(String(16), server_default="published")
    via: Mapped[str] = mapped_column(String(16), server_default="fetch")
    became_current: Mapped[bool] = mapped_column(Boolean, server_default=false())


class EntryTable(Base):
    """One row of a snapshot, as the board published it."""

    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_snapshot_position", "snapshot_id", "position"),
        Index("ix_entries_snapshot_key", "snapshot_id", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(300))
    rank: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    ci_lower: Mapped[float | None] = mapped_column(Float)
    ci_upper: Mapped[float | None] = mapped_column(Float)
    votes: Mapped[int | None] = mapped_column(Integer)
    organization: Mapped[str | None] = mapped_column(String(200))
    license: Mapped[str | None] = mapped_column(String(200))
    rank_note: Mapped[str | None] = mapped_column(String(200))
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model_id: Mapped[int | None] = mapped_column(ForeignKey("models.id"), index=True)
    #: ``Row.models`` as published (SQL NULL for the usual row, which is its own model).
    models: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))


class EntryModelTable(Base):
    """Each model a row that names its models counts for (``Row.models``: a SWE-bench
    submission counts for every model it ran with): what finds such rows by model. The entry's
    ``model_id`` is the first of them."""

    __tablename__ = "entry_models"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    model_id: Mapped[int] = mapped_column(ForeignKey("models.id"), primary_key=True, index=True)
    #: The model as the row names it, and where in the row's list.
    name: Mapped[str] = mapped_column(String(300))
    ordinal: Mapped[int] = mapped_column(Integer)


class SourceCheckTable(Base):
    """Every attempt to load a source: its outcome, and the HTTP validators for the next one."""

    __tablename__ = "source_checks"
    __table_args__ = (Index("ix_source_checks_source_checked", "source_id", "checked_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(500))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    via: Mapped[str] = mapped_column(String(16), default="fetch")
    #: Content ids of the files a source listed before downloading (``path -> id``): files
    #: whose id is unchanged next time are not downloaded again (the LMArena dataset).
    file_ids: Mapped[dict[str, str] | None] = mapped_column(JSON(none_as_null=True))


class KeyRenameTable(Base):
    """A row key a source renamed (same rating and votes under a new key): rows published under
    ``new_key`` belong to the model ``old_key`` was linked to."""

    __tablename__ = "key_renames"
    __table_args__ = (UniqueConstraint("source_id", "new_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(32))
    old_key: Mapped[str] = mapped_column(String(300))
    old_name: Mapped[str] = mapped_column(String(300))
    new_key: Mapped[str] = mapped_column(String(300))
    board_id: Mapped[str] = mapped_column(String(128))
    as_of: Mapped[date] = mapped_column(Date)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SourceHealthTable(Base):
    """A source's current run of failed checks, so its subscribers hear of it once.

    ``failing_since``: the first failed check since the last success (``None`` while the
    source works); ``notified_at``: when the "failing" notice of this run was queued.
    """

    __tablename__ = "source_health"

    source_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SubscriptionTable(Base):
    """Who wants to hear about which board or model, and where (see ``domain.delivery``)."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(BigInteger, index=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    destination: Mapped[str] = mapped_column(String(40), index=True)
    #: ``None`` on a model subscription means "on every main board".
    board_id: Mapped[str | None] = mapped_column(ForeignKey("boards.id"), index=True)
    model_slug: Mapped[str | None] = mapped_column(String(200))
    model_name: Mapped[str | None] = mapped_column(String(300))
    top_n: Mapped[int] = mapped_column(Integer)
    min_move: Mapped[int] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The owner's locale when subscribing (``en-US``, ``zh-CN``); NULL: not recorded.
    locale: Mapped[str | None] = mapped_column(String(16))


class GuildSettingsTable(Base):
    """A server's Podium settings (``/config``)."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    alert_channel_id: Mapped[int | None] = mapped_column(BigInteger)
    moderator_role_id: Mapped[int | None] = mapped_column(BigInteger)
    default_board: Mapped[str | None] = mapped_column(String(128))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The server's preferred locale as last reported; NULL: not recorded.
    locale: Mapped[str | None] = mapped_column(String(16))


class AlertOutboxTable(Base):
    """Messages to deliver, written in the transaction that stored their cause.

    ``status``: ``pending`` (due at ``due_at``; a claimed row is leased by pushing ``due_at``
    forward), ``sent``, or ``failed`` (undeliverable or given up; ``last_error`` says why).
    ``parts_sent`` counts the messages of a split alert that Discord already accepted.
    """

    __tablename__ = "alert_outbox"
    __table_args__ = (Index("ix_alert_outbox_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    destination: Mapped[str] = mapped_column(String(40), index=True)
    source_id: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    #: Messages of the item already delivered, in order (an alert past Discord's limits is
    #: sent in several); a retry sends only the rest.
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: The language of the item, fixed when it is first claimed (its destination's then), so
    #: a retry of a split alert writes the remaining parts in the language of those delivered.
    locale: Mapped[str | None] = mapped_column(String(16))
