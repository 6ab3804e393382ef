"""How fresh a board is: the date a snapshot carries, and a board's state for ``/boards``.

Pure rules over values the store hands in, with the time passed as ``now`` (an injected clock),
so every state is testable at any instant.

- A snapshot's date is the one the source publishes. A source that states none gets the file's
  Last-Modified date when the server sent one, else the day Podium fetched it; ``DateKind``
  records which, and answers say so ("fetched 2026-12-03").
- A board is ``retired`` when its source is (the adapter says so), ``failing`` when the last
  ``FAILING_CHECKS`` checks of its source all failed, ``stale`` when no new data arrived for
  longer than the source's expected cadence, else ``live``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from typing import Literal

from data.domain.types import BoardState, DateKind

#: Check statuses that count as a failed check of a source.
FAILED_STATUSES = ("failed", "refused")

#: A board is ``failing`` when this many consecutive checks of its source failed.
FAILING_CHECKS = 3
#: Subscribers hear that a source is failing once its failures have lasted this long.
FAILING_NOTICE_AFTER = timedelta(days=1)


def snapshot_date(
    published: date | None, last_modified: str | None, now: datetime
) -> tuple[date, DateKind]:
    """The date a snapshot is stored under, and how it was obtained."""
    if published is not None:
        return published, "published"
    modified = http_date(last_modified)
    if modified is not None and modified <= now:
        return modified.astimezone(UTC).date(), "modified"
    return now.astimezone(UTC).date(), "fetched"


def http_date(text: str | None) -> datetime | None:
    """An HTTP ``Last-Modified`` value as an aware datetime; ``None`` when absent or unreadable."""
    if not text:
        return None
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def last_new_data(as_of: date, date_kind: DateKind, live_since: datetime | None) -> datetime:
    """When the board's current data was new: when a fetch brought it (``live_since``), and
    never before the date the data itself carries (history and bundled data only have that)."""
    dated = datetime.combine(as_of, time(), tzinfo=UTC)
    if live_since is None:
        return dated
    return max(dated, live_since) if date_kind == "published" else live_since


def board_state(
    now: datetime,
    *,
    retired: bool,
    cadence: timedelta,
    newest_data: datetime | None,
    recent_checks_failed: Sequence[bool],
) -> BoardState:
    """A board's state; ``recent_checks_failed``: its source's latest checks, newest first."""
    if retired:
        return "retired"
    recent = list(recent_checks_failed[:FAILING_CHECKS])
    if len(recent) == FAILING_CHECKS and all(recent):
        return "failing"
    if newest_data is None or now - newest_data > cadence:
        return "stale"
    return "live"


@dataclass(frozen=True, slots=True)
class HealthChange:
    """What one check of a source changes in its run of failures.

    ``failing_since``/``notified_at`` are the run's new values; ``notice`` is ``"failing"``
    when subscribers must now hear that the source is failing, ``"recovered"`` when they must
    hear it works again, else ``None``.
    """

    failing_since: datetime | None
    notified_at: datetime | None
    notice: Literal["failing", "recovered"] | None = None


def after_check(
    now: datetime, failed: bool, failing_since: datetime | None, notified_at: datetime | None
) -> HealthChange:
    """Fold one check into the source's run of failures: one notice when a run passes
    ``FAILING_NOTICE_AFTER``, one when a run that was announced ends, none per check."""
    if not failed:
        return HealthChange(None, None, "recovered" if notified_at is not None else None)
    since = failing_since or now
    if notified_at is None and now - since > FAILING_NOTICE_AFTER:
        return HealthChange(since, now, "failing")
    return HealthChange(since, notified_at)
