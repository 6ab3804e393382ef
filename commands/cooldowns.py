"""Per-user cooldowns for the commands that cost the most, so one user cannot slow everyone.

Three kinds of request do real work beyond a lookup: ``/history`` (every snapshot of a board,
then a chart drawn in a thread), ``/compare`` with four models, and ``/top`` with filters on
one of the largest boards. Each kind has its own cooldown per user: a new slash command of
that kind is refused with "try again in N s" until the user's last one is ``seconds`` old.
Only answered requests count (a misspelt model costs nothing), and the buttons and menus that
continue a request (page turns, "which model?") are never refused.

The state lives in the process, per ``Services``: a restart forgets it, which is harmless.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

from data.domain.errors import LeaderboardError

#: The kinds of request that have a cooldown.
Expensive = Literal["history", "compare4", "top_filtered"]
#: A board with at least this many rows is one of "the largest" (the Open LLM Leaderboard's
#: thousands; the Arena's few hundred are not).
LARGE_BOARD_ROWS = 1000
#: The default cooldown, in seconds (``PODIUM_COOLDOWN_S``).
DEFAULT_COOLDOWN_S = 15.0
#: Forget expired entries once this many users are remembered (memory stays bounded).
_PRUNE_AT = 4096
#: Expensive answers worked on at once (``WorkLine``); the others wait their turn.
EXPENSIVE_SLOTS = 2

T = TypeVar("T")


class SlowDown(LeaderboardError):
    """The user asked for another expensive answer too soon."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"try again in {retry_after:.1f} s")
        self.retry_after = retry_after

    @property
    def seconds(self) -> int:
        """Whole seconds to wait, rounded up (never "0 s")."""
        return max(1, math.ceil(self.retry_after))


class Cooldowns:
    """When each user may next ask for each kind of expensive answer."""

    def __init__(
        self, seconds: float = DEFAULT_COOLDOWN_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """``seconds`` between two answers of one kind for one user; 0 turns cooldowns off."""
        self.seconds = seconds
        self._clock = clock
        self._until: dict[tuple[Expensive, int], float] = {}

    def check(self, kind: Expensive, user_id: int) -> None:
        """Raise ``SlowDown`` if ``user_id`` must still wait before asking for ``kind``."""
        until = self._until.get((kind, user_id))
        if until is not None:
            wait = until - self._clock()
            if wait > 0:
                raise SlowDown(wait)

    def spend(self, kind: Expensive, user_id: int) -> None:
        """``user_id`` was just given an answer of ``kind``: start its cooldown."""
        if self.seconds <= 0:
            return
        now = self._clock()
        if len(self._until) >= _PRUNE_AT:
            self._until = {key: until for key, until in self._until.items() if until > now}
        self._until[(kind, user_id)] = now + self.seconds


def compare_kind(models: int) -> Expensive | None:
    """``compare4`` for a comparison of four models; fewer cost no more than ``/rank``."""
    return "compare4" if models >= 4 else None


def top_kind(filtered: bool, board_size: int) -> Expensive | None:
    """``top_filtered`` for a filtered page of one of the largest boards."""
    return "top_filtered" if filtered and board_size >= LARGE_BOARD_ROWS else None


class WorkLine:
    """Expensive work (``/history``'s query and chart) runs ``slots`` at a time; the rest waits.

    Drawing a chart holds the GIL for most of its time, and so does building a big answer:
    twenty of them in threads at once would take the event loop's turns from every other
    command, and their queries would hold every pooled database connection. In line, a flood
    delays the flooders (their answers are deferred, Discord waits 15 minutes), not the others.
    """

    def __init__(self, slots: int = EXPENSIVE_SLOTS) -> None:
        """At most ``slots`` pieces of work at once."""
        self._slots = asyncio.Semaphore(slots)

    async def run(self, work: Awaitable[T]) -> T:
        """Await ``work`` once a slot is free."""
        async with self._slots:
            return await work
