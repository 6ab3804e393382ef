"""Inside the ingest transaction: what changed on each new snapshot, and who must be told.

Planning runs in the transaction that stores the snapshot, so a stored snapshot always has
its alerts queued and a failed store queues none: nothing is lost between the two. The
subscription rules are read in that same transaction. Alerts go to the outbox as one row per
destination for the whole load (all boards of the source), which the dispatcher sends as one
message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from data.domain.alerts import plan_alerts
from data.domain.delivery import AlertSection, alert_payload
from data.domain.diff import DiffThresholds, diff
from data.domain.types import BoardInfo, RankChange, Row
from data.store.repositories import LeaderboardRepository
from data.store.subscriptions import OutboxRepository, SubscriptionRepository


@dataclass(frozen=True, slots=True)
class NewSnapshot:
    """A board's snapshot just stored, with the one it follows.

    ``previous_id`` is the snapshot it is compared with: the previous current one for a fetch,
    the one of its date for history (``None`` for a board's first snapshot or a new edition).
    ``alerts``: the snapshot is what the source serves now; history (imports, back-fills)
    changes nothing users follow, so it alerts no one.
    """

    board: BoardInfo
    previous_id: int | None
    rows: Sequence[Row]
    as_of: date
    alerts: bool


async def plan_changes(
    session: AsyncSession,
    source_id: str,
    stored: Sequence[NewSnapshot],
    model_of: Callable[[Row], str],
    models_of: Callable[[Row], Iterable[str]],
    now: datetime,
) -> dict[str, tuple[RankChange, ...]]:
    """Queue the alerts the new snapshots cause; return each board's changes for the report.

    ``model_of`` pairs renamed rows; ``models_of`` is every model a row counts for (each model
    a submission ran with), which model subscriptions follow."""
    repo = LeaderboardRepository(session)
    previous_rows = {
        snapshot.board.board_id: await repo.rows(snapshot.previous_id)
        for snapshot in stored
        if snapshot.previous_id is not None
    }
    changes = {
        snapshot.board.board_id: tuple(
            diff(
                snapshot.board.board_id,
                previous_rows.get(snapshot.board.board_id, ()),
                snapshot.rows,
                DiffThresholds(),
                same_model=model_of,
            )
        )
        for snapshot in stored
    }
    alerting = [s for s in stored if s.alerts and s.board.board_id in previous_rows]
    if not alerting:
        return changes
    following = await SubscriptionRepository(session).following(
        [s.board.board_id for s in alerting],
        [s.board.board_id for s in alerting if s.board.category is None],
    )
    sections: dict[str, list[AlertSection]] = defaultdict(list)
    for snapshot in alerting:
        board_id = snapshot.board.board_id
        rules = [subscription.rule(board_id) for subscription in following[board_id]]
        planned = plan_alerts(
            board_id, previous_rows[board_id], snapshot.rows, rules, model_of, models_of=models_of
        )
        for alert in planned:
            sections[alert.destination].append(
                AlertSection(snapshot.board, snapshot.as_of, alert.changes, alert.omitted)
            )
    outbox = OutboxRepository(session)
    for destination in sorted(sections):
        await outbox.add("alert", destination, source_id, alert_payload(sections[destination]), now)
    return changes
