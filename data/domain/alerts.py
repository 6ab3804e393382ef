"""Who hears about which change: planning alerts from a board's diff and its subscriptions.

The store maps its subscription rows to ``SubscriptionRule``s; ``plan_alerts`` returns the
alerts to send, one per destination and board, and the bot only renders and delivers them. The
planner is pure and deterministic, so "who would be told what" is testable without Discord.

What each kind of subscription hears about (N and K are the rule's ``top_n`` and ``min_move``):

- A **board subscription** (``model_slug is None``): a new leader; a model entering or leaving
  the top N; a move of at least K places that starts or ends in the top N; a new model that
  arrives in the top N. Changes further down the board are noise for a whole channel.
- A **model subscription**: for rows that are that model, or submissions run with it under
  any of their model tags (``model_slug`` among ``models_of(row)`` in either snapshot): a move
  of at least K places, becoming the leader, entering or leaving the top N, arriving on or
  disappearing from the board. Also every ``new_leader`` change when the model held first
  place and lost it, so a follower learns who took it.

``score_change`` is never planned: ranks are what subscribers asked about, and raw scores
drift with every re-anchoring of a scale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from data.domain.diff import DiffThresholds, change_order, diff, in_top
from data.domain.types import RankChange, Row

#: The most changes one alert carries; the rest are counted in ``PlannedAlert.omitted``. An
#: embed stays readable, and a reshuffled board does not flood a channel.
MAX_CHANGES_PER_ALERT = 20

#: Destinations are a channel (posted there) or a user (sent as a DM).
DESTINATION_KINDS = ("channel", "user")


@dataclass(frozen=True, slots=True)
class SubscriptionRule:
    """What a subscriber asked to hear about one board.

    ``destination`` is ``"channel:<id>"`` or ``"user:<id>"`` (a DM). ``model_slug`` is the
    canonical model slug of a model subscription, or ``None`` for a whole-board subscription.
    """

    subscription_id: int
    destination: str
    board_id: str
    model_slug: str | None
    top_n: int = 10
    min_move: int = 3

    def __post_init__(self) -> None:
        """Refuse destinations the bot could not deliver to and meaningless thresholds."""
        kind, _, target = self.destination.partition(":")
        if kind not in DESTINATION_KINDS or not target.isdigit():
            raise ValueError(
                f"destination must be 'channel:<id>' or 'user:<id>', got {self.destination!r}"
            )
        self.thresholds()  # validates top_n and min_move

    def thresholds(self) -> DiffThresholds:
        """The diff thresholds this rule asks for."""
        return DiffThresholds(top_n=self.top_n, min_move=self.min_move)


@dataclass(frozen=True, slots=True)
class PlannedAlert:
    """One message to send: the changes of one board for one destination.

    ``subscription_ids`` are the destination's subscriptions that asked for at least one of
    the changes, ascending. ``changes`` are deduplicated, most important first (see
    ``plan_alerts``), at most ``MAX_CHANGES_PER_ALERT``; ``omitted`` counts those left out.
    """

    destination: str
    board_id: str
    subscription_ids: tuple[int, ...]
    changes: tuple[RankChange, ...]
    omitted: int = 0


def plan_alerts(
    board_id: str,
    previous: Sequence[Row],
    current: Sequence[Row],
    rules: Sequence[SubscriptionRule],
    model_of: Callable[[Row], str],
    *,
    models_of: Callable[[Row], Iterable[str]] | None = None,
    max_changes: int = MAX_CHANGES_PER_ALERT,
) -> list[PlannedAlert]:
    """The alerts to send after board ``board_id`` went from ``previous`` to ``current`` rows.

    Rules of other boards are ignored. Each rule is diffed with its own ``top_n``/``min_move``
    (renames recognised through ``model_of``, see ``diff.diff``) and keeps the changes its kind
    of subscription hears about (module docstring). ``models_of`` gives every model a row
    counts for (each model tag of a submission; by default ``model_of`` alone): a model
    subscription follows each of them.

    Rules with the same destination are merged into one alert: equal changes appear once, and
    when one model crossed several top-N lines only the strongest claim is kept (entering the
    smallest top, leaving the largest). Changes are ordered most important first: those a model
    subscription of the destination asked for, then by kind (``diff.CHANGE_KINDS``), new rank,
    old rank and name; only the first ``max_changes`` are kept.

    Destinations without any change get no alert; alerts are ordered by destination. A first
    snapshot (no previous rows) alerts no one.
    """
    if max_changes < 1:
        raise ValueError(f"max_changes must be at least 1, got {max_changes}")
    rules = [rule for rule in rules if rule.board_id == board_id]
    if not rules or not previous:
        return []
    models = _Models(previous, current, models_of or (lambda row: (model_of(row),)))
    diffs: dict[DiffThresholds, list[RankChange]] = {}
    by_destination: dict[str, list[tuple[SubscriptionRule, list[RankChange]]]] = defaultdict(list)
    for rule in rules:
        thresholds = rule.thresholds()
        if thresholds not in diffs:
            diffs[thresholds] = diff(board_id, previous, current, thresholds, same_model=model_of)
        selected = [change for change in diffs[thresholds] if _wants(rule, change, models)]
        if selected:
            by_destination[rule.destination].append((rule, selected))
    return [
        _merge(destination, board_id, by_destination[destination], max_changes)
        for destination in sorted(by_destination)
    ]


# --- selection ----------------------------------------------------------------------------------


class _Models:
    """The canonical models of the rows involved in changes, computed once per key."""

    def __init__(
        self,
        previous: Sequence[Row],
        current: Sequence[Row],
        models_of: Callable[[Row], Iterable[str]],
    ) -> None:
        self._rows: dict[str, list[Row]] = defaultdict(list)
        for row in (*previous, *current):
            self._rows[row.key].append(row)
        self._models_of = models_of
        self._cache: dict[str, frozenset[str]] = {}
        # Models that had first place before and do not now: their followers hear who took it.
        # Compared by model, not key, so a leader that was merely renamed is not dethroned.
        self.dethroned = self._leaders(previous) - self._leaders(current)

    def _leaders(self, rows: Sequence[Row]) -> frozenset[str]:
        return frozenset(slug for row in rows if row.rank == 1 for slug in self.of(row.key))

    def of(self, key: str) -> frozenset[str]:
        """The models a key stands for, in either snapshot (a re-identified row may differ)."""
        if key not in self._cache:
            self._cache[key] = frozenset(
                slug for row in self._rows[key] for slug in self._models_of(row)
            )
        return self._cache[key]


def _wants(rule: SubscriptionRule, change: RankChange, models: _Models) -> bool:
    """Whether ``rule`` asked for ``change`` (which comes from a diff with its thresholds)."""
    if rule.model_slug is None:
        return _board_wants(rule.top_n, change)
    if change.kind == "new_leader" and rule.model_slug in models.dethroned:
        return True
    return change.kind != "score_change" and rule.model_slug in models.of(change.key)


def _board_wants(top_n: int, change: RankChange) -> bool:
    if change.kind in ("new_leader", "entered_top", "left_top"):
        return True
    if change.kind == "moved":
        return in_top(change.old_rank, top_n) or in_top(change.new_rank, top_n)
    if change.kind == "new_model":
        return in_top(change.new_rank, top_n)
    return False


# --- merging ------------------------------------------------------------------------------------


def _merge(
    destination: str,
    board_id: str,
    selections: list[tuple[SubscriptionRule, list[RankChange]]],
    max_changes: int,
) -> PlannedAlert:
    """One alert from the selections of one destination's rules."""
    # What a model subscription asked for comes first: the subscriber named that model. By
    # (kind, key), so it survives a top crossing being replaced by a stronger one.
    followed = {
        (change.kind, change.key)
        for rule, selected in selections
        if rule.model_slug is not None
        for change in selected
    }
    changes = _strongest_crossings(
        dict.fromkeys(change for _, selected in selections for change in selected)
    )
    changes.sort(
        key=lambda change: ((change.kind, change.key) not in followed, change_order(change))
    )
    return PlannedAlert(
        destination=destination,
        board_id=board_id,
        subscription_ids=tuple(sorted({rule.subscription_id for rule, _ in selections})),
        changes=tuple(changes[:max_changes]),
        omitted=max(0, len(changes) - max_changes),
    )


def _strongest_crossings(changes: Iterable[RankChange]) -> list[RankChange]:
    """Keep one ``entered_top``/``left_top`` per key: the smallest top entered, largest left.

    Rules with different ``top_n`` make one climb "enter the top 5" and "enter the top 10";
    saying both is noise, and the ranks shown with the change tell the rest.
    """
    kept: dict[tuple[str, str], RankChange] = {}
    others: list[RankChange] = []
    for change in changes:
        if change.kind not in ("entered_top", "left_top"):
            others.append(change)
            continue
        slot = (change.kind, change.key)
        best = kept.get(slot)
        if best is None or _stronger(change, best):
            kept[slot] = change
    return [*others, *kept.values()]


def _stronger(change: RankChange, than: RankChange) -> bool:
    size, other = change.top_n or 0, than.top_n or 0
    return size < other if change.kind == "entered_top" else size > other
