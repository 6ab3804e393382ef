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
import multiprocessing
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
A = TypeVar("A")


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
    """Expensive work runs ``slots`` at a time, the rest waits; charts are drawn in a process.

    A flood of ``/history`` must not slow anyone else. In line, the flooders' own answers wait
    (they are deferred; Discord waits 15 minutes), their queries cannot hold every pooled
    database connection, and charts are drawn in a separate process: drawing holds the GIL, so
    in a thread it takes the event loop's turns from every other command (``bench/
    flood_bench.py`` measures the difference). Until that process has started (it imports
    matplotlib, a second or two), and should it die, charts are drawn in a thread.
    """

    def __init__(self, slots: int = EXPENSIVE_SLOTS) -> None:
        """At most ``slots`` pieces of work at once."""
        self._slots = asyncio.Semaphore(slots)
        self._pool: ProcessPoolExecutor | None = None
        self._ready: Future[bool] | None = None

    async def run(self, work: Awaitable[T]) -> T:
        """Await ``work`` once a slot is free."""
        async with self._slots:
            return await work

    async def draw(self, draw: Callable[[A], T], argument: A) -> T:
        """``draw(argument)`` once a slot is free: in the drawing process when it is ready."""
        async with self._slots:
            pool = self._drawing_process()
            if pool is not None:
                try:
                    return await asyncio.get_running_loop().run_in_executor(pool, draw, argument)
                except BrokenProcessPool:  # the process died: start another next time
                    self.close()
            return await asyncio.to_thread(draw, argument)

    def _drawing_process(self) -> ProcessPoolExecutor | None:
        """The process pool once it has started; starts it on first use."""
        if self._pool is None:
            # spawn, not fork: the bot has threads (aiosqlite, executors) a fork would copy
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._ready = self._pool.submit(_warm_up)
        ready = self._ready
        if ready is None or not ready.done() or ready.exception() is not None:
            return None
        return self._pool

    def close(self) -> None:
        """Stop the drawing process (work still queued there is dropped)."""
        pool, self._pool, self._ready = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _warm_up() -> bool:
    """Run in the drawing process first: import what drawing needs."""
    import commands.charts  # noqa: F401 - the import is the point

    return True
