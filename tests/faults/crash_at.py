"""Run ``podium`` and stop dead at a chosen point, for a test to ``kill -9`` it there.

``python -m tests.faults.crash_at <point> <podium arguments...>`` runs ``bot.cli.main`` with
one step of the import path wrapped: on reaching ``<point>`` the process prints
``AT <point>`` on stdout and freezes (the whole event loop blocks), holding whatever it holds
then: a transaction, the write lock, the refresh lock. The test kills it with SIGKILL and
looks at the database. Nothing here runs in production; the code under test is unchanged.

Points:
``before-write``  the file is parsed; nothing of it is written yet
``mid-write``     one board's snapshot and rows are written in the open transaction, the
                  next board is not (a source with several boards)
``after-commit``  the snapshot transaction committed; its line in the check log is not yet
                  written
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from bot.cli import main
from data.ingest import Ingestor
from data.store.repositories import LeaderboardRepository


def halt(point: str) -> None:
    """Tell the test where we are, then block until killed."""
    print(f"AT {point}", flush=True)
    threading.Event().wait()


def arm(point: str) -> None:
    """Wrap the step of the import path where ``point`` is."""
    if point == "before-write":
        original_store = Ingestor.store

        async def store(self: Ingestor, *args: Any, **kwargs: Any) -> Any:
            halt(point)
            return await original_store(self, *args, **kwargs)

        Ingestor.store = store  # type: ignore[method-assign]
    elif point == "mid-write":
        original_add = LeaderboardRepository.add_snapshot
        added = 0

        async def add_snapshot(self: LeaderboardRepository, *args: Any, **kwargs: Any) -> Any:
            nonlocal added
            added += 1
            if added == 2:
                await self.session.flush()
                halt(point)
            return await original_add(self, *args, **kwargs)

        LeaderboardRepository.add_snapshot = add_snapshot  # type: ignore[method-assign]
    elif point == "after-commit":
        original_record = Ingestor.record

        async def record(
            self: Ingestor, source_id: str, origin: str, status: str, *a: Any, **k: Any
        ) -> Any:
            if status == "new":
                halt(point)
            return await original_record(self, source_id, origin, status, *a, **k)  # type: ignore[arg-type]

        Ingestor.record = record  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown point {point!r}")


if __name__ == "__main__":
    arm(sys.argv[1])
    sys.exit(main(sys.argv[2:]))
