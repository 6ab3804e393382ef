"""What changed on one board between two snapshots: new leaders, top-N moves, arrivals.

``diff`` compares the rows of two snapshots of the *same* board and lists every change worth
telling someone about, as ``RankChange`` values. It is pure and deterministic: the alert planner
(``data.domain.alerts``) decides who hears about which change; renderers decide the wording.

The rules, in one place:

- Rows are matched by ``Row.key``, the board's own unique key. If a sequence repeats a key, the
  first row wins (as when a board is built from published records). Optionally, an unambiguous
  rename (one key vanished, one appeared, same canonical model) is matched too.
- Only *published* ranks count. An unranked row (``rank is None``) is never a leader, never in
  the top N and never "moves"; becoming unranked while in the top N is leaving it.
- The first snapshot of a board is a silent baseline: with no previous rows, nothing changed.
- One row may yield several changes (a model that climbs 14 -> 4 has both ``moved`` and
  ``entered_top``); each kind states one fact, and the renderer may group them by key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from data.domain.types import ChangeKind, RankChange, Row

#: Every kind of change, most important first: the order of ``diff``'s output and summaries.
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "new_leader",
    "entered_top",
    "left_top",
    "moved",
    "new_model",
    "removed",
    "score_change",
)
_KIND_ORDER = {kind: index for index, kind in enumerate(CHANGE_KINDS)}

#: One key's rows in the previous and current snapshot (``None`` where absent).
_Pair = tuple[Row | None, Row | None]

#: Published scores are decimals read into floats (``60.3 - 60.2 == 0.0999...``); a change this
#: close below the threshold still counts, so ``score_change=0.1`` means what users expect.
_SCORE_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class DiffThresholds:
    """How big a change must be to count.

    ``top_n``: entering or leaving ranks 1..N is a change. ``min_move``: a move of at least
    this many places is a change. ``score_change``: an absolute score change of at least this
    much is a change (``None`` ignores scores, the default: scales drift between snapshots).
    """

    top_n: int = 10
    min_move: int = 3
    score_change: float | None = None

    def __post_init__(self) -> None:
        """Refuse thresholds that would make every row (or none) a change."""
        if self.top_n < 1:
            raise ValueError(f"top_n must be at least 1, got {self.top_n}")
        if self.min_move < 1:
            raise ValueError(f"min_move must be at least 1, got {self.min_move}")
        if self.score_change is not None and not self.score_change > 0:
            raise ValueError(f"score_change must be positive or None, got {self.score_change}")


def diff(
    board_id: str,
    previous: Sequence[Row],
    current: Sequence[Row],
    thresholds: DiffThresholds = DiffThresholds(),  # frozen, so a shared default is safe
    *,
    same_model: Callable[[Row], str] | None = None,
) -> list[RankChange]:
    """Every change from ``previous`` to ``current`` rows of board ``board_id``.

    Kinds and when they are reported (per key; see the module docstring for matching):

    - ``new_leader``: the row has rank 1 now and did not before (a new row included). Ties share
      rank 1, so a model *joining* a shared first place is a new leader; a co-leader dropping
      out of a shared first place makes no one new, and yields no ``new_leader``.
    - ``entered_top`` / ``left_top``: the row is in the top N now and was not before, or the
      reverse; "in the top N" means ranked with rank <= N, so arrivals and removals count too.
    - ``moved``: ranked in both snapshots and ``|new - old| >= min_move``.
    - ``new_model`` / ``removed``: the key is absent before / now.
    - ``score_change``: only with a ``score_change`` threshold; both scores known and changed by
      at least that much.

    Renames: boards without stable keys key rows by display name, which publishers edit
    (``Gemma-2-9B-it`` became ``Gemma-2-9b-it`` on the Arena). With ``same_model`` (a row's
    canonical model slug), a vanished key and a new key are one renamed row when they are the
    *only* vanished and the only new row of their model; the changes then show the new key and
    name. Anything less certain stays a removal plus an arrival.

    With no previous rows the result is empty: a board's first snapshot is a silent baseline.
    Order: by kind (``CHANGE_KINDS``), then new rank, then old rank (unranked last), then name
    and key, so the result is the same whatever order the rows come in.
    """
    if not previous:
        return []
    before = _by_key(previous)
    after = _by_key(current)
    previous_leader = _leader_names(before.values())
    pairs: list[_Pair] = [(before.get(key), after.get(key)) for key in before.keys() | after.keys()]
    if same_model is not None:
        pairs = _pair_renames(pairs, same_model)
    changes = [
        change
        for old, new in pairs
        for change in _row_changes(board_id, old, new, thresholds, previous_leader)
    ]
    return sorted(changes, key=change_order)


def change_order(change: RankChange) -> tuple[int, int, int, str, str]:
    """Sort key of changes, most important first: kind, new rank, old rank, name, key."""
    return (
        _KIND_ORDER[change.kind],
        _rank_order(change.new_rank),
        _rank_order(change.old_rank),
        change.name,
        change.key,
    )


def in_top(rank: int | None, top_n: int) -> bool:
    """Whether a published rank is in the top ``top_n`` (unranked rows never are)."""
    return rank is not None and rank <= top_n


# --- per-row rules ------------------------------------------------------------------------------


def _row_changes(
    board_id: str,
    old: Row | None,
    new: Row | None,
    thresholds: DiffThresholds,
    previous_leader: str | None,
) -> Iterator[RankChange]:
    """The changes of one key; ``old``/``new`` is ``None`` where the key is absent."""
    old_rank = old.rank if old else None
    new_rank = new.rank if new else None

    def change(
        kind: ChangeKind, previous_leader: str | None = None, top_n: int | None = None
    ) -> RankChange:
        shown = new or old
        assert shown is not None  # the key comes from one of the two snapshots
        return RankChange(
            board_id=board_id,
            kind=kind,
            key=shown.key,
            name=shown.name,
            old_rank=old_rank,
            new_rank=new_rank,
            old_score=old.score if old else None,
            new_score=new.score if new else None,
            previous_leader=previous_leader,
            top_n=top_n,
        )

    if new_rank == 1 and old_rank != 1:
        yield change("new_leader", previous_leader=previous_leader)
    was_top, is_top = in_top(old_rank, thresholds.top_n), in_top(new_rank, thresholds.top_n)
    if is_top and not was_top:
        yield change("entered_top", top_n=thresholds.top_n)
    if was_top and not is_top:
        yield change("left_top", top_n=thresholds.top_n)
    moved_by = abs(new_rank - old_rank) if old_rank is not None and new_rank is not None else 0
    if moved_by >= thresholds.min_move:
        yield change("moved")
    if old is None:
        yield change("new_model")
    if new is None:
        yield change("removed")
    if _score_changed(old, new, thresholds.score_change):
        yield change("score_change")


def _score_changed(old: Row | None, new: Row | None, threshold: float | None) -> bool:
    if threshold is None or old is None or new is None:
        return False
    if old.score is None or new.score is None:
        return False
    return abs(new.score - old.score) >= threshold - _SCORE_TOLERANCE


def _pair_renames(pairs: list[_Pair], same_model: Callable[[Row], str]) -> list[_Pair]:
    """Join a vanished and a new row of the same model when each is the only one of its side."""
    gone: dict[str, list[Row]] = defaultdict(list)
    arrived: dict[str, list[Row]] = defaultdict(list)
    kept: list[_Pair] = []
    for old, new in pairs:
        if new is None and old is not None:
            gone[same_model(old)].append(old)
        elif old is None and new is not None:
            arrived[same_model(new)].append(new)
        else:
            kept.append((old, new))
    for model in gone.keys() | arrived.keys():
        olds, news = gone.get(model, []), arrived.get(model, [])
        if len(olds) == 1 and len(news) == 1:
            kept.append((olds[0], news[0]))
        else:  # ambiguous (two rows of one model) or one-sided: not a rename
            kept.extend([*((old, None) for old in olds), *((None, new) for new in news)])
    return kept


def _by_key(rows: Sequence[Row]) -> dict[str, Row]:
    """Rows by key, the first of repeated keys winning."""
    indexed: dict[str, Row] = {}
    for row in rows:
        indexed.setdefault(row.key, row)
    return indexed


def _leader_names(rows: Iterable[Row]) -> str | None:
    """Names of the rank-1 rows in board order, joined; ``None`` when nothing had rank 1."""
    leaders = sorted((row for row in rows if row.rank == 1), key=lambda row: row.position)
    return ", ".join(row.name for row in leaders) or None


def _rank_order(rank: int | None) -> int:
    """Ranks ascending with unranked (``None``) after every rank."""
    return rank if rank is not None else 1 << 62


# --- renamed keys ---------------------------------------------------------------------------------


def find_renames(previous: Sequence[Row], current: Sequence[Row]) -> list[tuple[Row, Row]]:
    """Rows whose key the source renamed between two snapshots of one board: ``(old, new)``.

    A key that vanished and a key that appeared are one model renamed when they publish the
    same score and the same (known) vote count, and no other vanished or new row does: the
    Arena republished a model under a new key (``claude-opus-4-6-thinking`` became
    ``claude-opus-4-6-high`` with its rating and votes unchanged). Scores alone are not enough
    (ties are common on small boards); rows without votes are never paired.
    """
    before = _by_key(previous)
    after = _by_key(current)
    gone = [row for key, row in before.items() if key not in after]
    arrived = [row for key, row in after.items() if key not in before]

    def signature(row: Row) -> tuple[float, int] | None:
        if row.score is None or row.votes is None:
            return None
        return (round(row.score, 6), row.votes)

    olds: dict[tuple[float, int], list[Row]] = defaultdict(list)
    news: dict[tuple[float, int], list[Row]] = defaultdict(list)
    for row in gone:
        if (mark := signature(row)) is not None:
            olds[mark].append(row)
    for row in arrived:
        if (mark := signature(row)) is not None:
            news[mark].append(row)
    return sorted(
        (
            (olds[mark][0], news[mark][0])
            for mark in olds.keys() & news.keys()
            if len(olds[mark]) == 1 and len(news[mark]) == 1
        ),
        key=lambda pair: pair[1].position,
    )
