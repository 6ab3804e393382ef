"""Subscriptions, guild settings and outbox items as values; the outbox's JSON and backoff.

Everything here is pure. The store maps rows to these types (``data.store.subscriptions``),
``data.subscriptions`` runs the use cases, and the bot's dispatcher renders and delivers
``OutboxItem``s. Destinations are written ``"channel:<id>"`` or ``"user:<id>"`` (a DM), as in
``data.domain.alerts.SubscriptionRule``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from data.domain.alerts import SubscriptionRule
from data.domain.locales import Locale
from data.domain.types import BoardInfo, RankChange

DestinationKind = Literal["channel", "user"]

#: Why a destination stopped accepting messages: Discord answered 403 or 404.
UnreachableReason = Literal["forbidden", "not_found"]

#: The defaults of a subscription's thresholds (those of ``DiffThresholds``).
DEFAULT_TOP_N = 10
DEFAULT_MIN_MOVE = 3


def destination(kind: DestinationKind, target_id: int) -> str:
    """``"channel:<id>"`` or ``"user:<id>"``."""
    return f"{kind}:{target_id}"


def parse_destination(text: str) -> tuple[DestinationKind, int]:
    """The kind and Discord id of a destination; ``ValueError`` when it is not one."""
    kind, _, target = text.partition(":")
    if kind not in ("channel", "user") or not target.isdigit():
        raise ValueError(f"not a destination: {text!r}")
    return ("channel" if kind == "channel" else "user"), int(target)


@dataclass(frozen=True, slots=True)
class Subscription:
    """What someone asked to be told, and where.

    A **model** subscription (``model_slug`` set) follows one canonical model, on ``board_id``
    or, when that is ``None``, on every main board. A **board** subscription
    (``model_slug is None``) follows a board's top ``top_n``. ``owner_id`` is the user who
    subscribed; ``guild_id`` the server it was made in (``None`` in a DM with the bot);
    ``locale`` the language the owner used when subscribing (``None``: never recorded).
    """

    id: int
    owner_id: int
    guild_id: int | None
    destination: str
    board_id: str | None
    model_slug: str | None
    model_name: str | None
    top_n: int
    min_move: int
    enabled: bool = True
    disabled_reason: str | None = None
    locale: Locale | None = None

    @property
    def is_dm(self) -> bool:
        """True when alerts go to the owner's direct messages."""
        return self.destination.startswith("user:")

    def rule(self, board_id: str) -> SubscriptionRule:
        """The planner's view of this subscription on ``board_id``."""
        return SubscriptionRule(
            subscription_id=self.id,
            destination=self.destination,
            board_id=board_id,
            model_slug=self.model_slug,
            top_n=self.top_n,
            min_move=self.min_move,
        )


@dataclass(frozen=True, slots=True)
class GuildConfig:
    """A server's Podium settings; ``None`` means not configured.

    ``locale`` is the server's preferred language as Discord last reported it (recorded at a
    subscription or ``/config`` made there): its channels' alerts and notices use it.
    """

    guild_id: int
    alert_channel_id: int | None = None
    moderator_role_id: int | None = None
    default_board: str | None = None
    locale: Locale | None = None


@dataclass(frozen=True, slots=True)
class AlertSection:
    """The changes of one board a destination asked about, from one new snapshot."""

    board: BoardInfo
    as_of: date
    changes: tuple[RankChange, ...]
    omitted: int = 0


@dataclass(frozen=True, slots=True)
class Notice:
    """A one-time message: ``unreachable`` refused a message, so its subscriptions are off."""

    unreachable: str
    reason: UnreachableReason
    subscriptions: tuple[Subscription, ...]


@dataclass(frozen=True, slots=True)
class HealthNotice:
    """A source followed at a destination has been failing for more than a day, or recovered.

    ``source`` names the source (its main board's title), ``boards`` the boards of it followed
    there; ``since`` is when the failures began; ``reason`` the last failure's message.
    """

    source_id: str
    source: str
    state: Literal["failing", "recovered"]
    since: datetime
    boards: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One message to deliver: an alert (``sections``) or a notice, claimed for sending.

    ``attempts`` counts claims so far, this one included. Messages sent for the item use
    ``nonce(item.id, part)``, so a retry soon after a crash never posts twice; ``parts_sent``
    (the messages of a split alert already delivered) makes a later retry send only the rest,
    long after Discord forgot the nonces. ``locale`` is the language to write it in: a DM's
    user's, a channel's server's (``None``: never recorded, so the default).
    """

    id: int
    destination: str
    attempts: int
    sections: tuple[AlertSection, ...] = ()
    notice: Notice | None = None
    health: HealthNotice | None = None
    parts_sent: int = 0
    locale: Locale | None = None


def nonce(item_id: int, part: int) -> str:
    """The message nonce of part ``part`` of outbox item ``item_id`` (Discord allows 25 chars)."""
    return f"{item_id}.{part}"


def backoff(attempts: int, base: timedelta, cap: timedelta) -> timedelta:
    """Wait before the next attempt: ``base`` doubled per failed attempt, at most ``cap``."""
    exponent = min(max(attempts - 1, 0), 30)  # 2**30 * any sane base is far beyond any cap
    return min(base * (2**exponent), cap)


# --- the outbox's JSON payloads ---------------------------------------------------------------


def alert_payload(sections: Sequence[AlertSection]) -> dict[str, Any]:
    """The JSON stored for an alert."""
    return {
        "sections": [
            {
                "board": asdict(section.board),
                "as_of": section.as_of.isoformat(),
                "changes": [asdict(change) for change in section.changes],
                "omitted": section.omitted,
            }
            for section in sections
        ]
    }


def notice_payload(notice: Notice) -> dict[str, Any]:
    """The JSON stored for a notice."""
    return {
        "notice": {
            "unreachable": notice.unreachable,
            "reason": notice.reason,
            "subscriptions": [asdict(subscription) for subscription in notice.subscriptions],
        }
    }


def health_payload(notice: HealthNotice) -> dict[str, Any]:
    """The JSON stored for a source's failing or recovered notice."""
    return {
        "health": {
            **asdict(notice),
            "since": notice.since.isoformat(),
            "boards": list(notice.boards),
        }
    }


def outbox_item(
    item_id: int,
    target: str,
    attempts: int,
    payload: Mapping[str, Any],
    parts_sent: int = 0,
    locale: Locale | None = None,
) -> OutboxItem:
    """An ``OutboxItem`` from a stored row's fields and JSON payload, in ``locale``."""
    if "health" in payload:
        data = payload["health"]
        health = HealthNotice(
            source_id=data["source_id"],
            source=data["source"],
            state="failing" if data["state"] == "failing" else "recovered",
            since=datetime.fromisoformat(data["since"]),
            boards=tuple(data["boards"]),
            reason=data["reason"],
        )
        return OutboxItem(
            item_id, target, attempts, health=health, parts_sent=parts_sent, locale=locale
        )
    if "notice" in payload:
        data = payload["notice"]
        notice = Notice(
            unreachable=data["unreachable"],
            reason="forbidden" if data["reason"] == "forbidden" else "not_found",
            subscriptions=tuple(Subscription(**item) for item in data["subscriptions"]),
        )
        return OutboxItem(
            item_id, target, attempts, notice=notice, parts_sent=parts_sent, locale=locale
        )
    sections = tuple(
        AlertSection(
            board=BoardInfo(**section["board"]),
            as_of=date.fromisoformat(section["as_of"]),
            changes=tuple(RankChange(**change) for change in section["changes"]),
            omitted=int(section["omitted"]),
        )
        for section in payload["sections"]
    )
    return OutboxItem(
        item_id, target, attempts, sections=sections, parts_sent=parts_sent, locale=locale
    )
