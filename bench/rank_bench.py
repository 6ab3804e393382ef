"""``/rank`` latency on the bundled data, and the memory the in-memory name index costs.

Podium resolves the name in memory and reads the model's rows per board with indexed queries.
The baseline is the obvious first version: ``LIKE '%query%'`` over every current entry, then
picking the best-ranked hit per board in Python. Both run against the same SQLite file holding
every bundled snapshot; figures are p50/p99 over a realistic query mix.

Run: ``.venv/bin/python -m bench.rank_bench`` (or ``-m bench`` for every benchmark).
"""

from __future__ import annotations

import asyncio
import gc
import resource
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import text

from bot.services import open_services
from bot.settings import Settings
from data.domain.names import default_aliases
from data.domain.resolve import NameIndex, NameRecord
from data.store.repositories import LeaderboardRepository

QUERIES = (
    "qwen2", "gpt-4o", "claude 3.5 sonnet", "llama 3 70b", "gemini 1.5 pro", "cluade",
    "deepseek v3", "mixtral", "yi-34b-chat", "gpt-9", "4o", "sonnet 3.5", "Qwen/Qwen2-72B-Instruct",
)  # fmt: skip
ROUNDS = 8
TARGET_MS = 1000.0

_BASELINE_SQL = text(
    """
    SELECT s.board_id, e.name, e.rank, e.score
    FROM entries e JOIN snapshots s ON s.id = e.snapshot_id
    WHERE s.id IN (
        SELECT id FROM (
            SELECT id, ROW_NUMBER() OVER (
                PARTITION BY board_id ORDER BY as_of DESC, id DESC) AS n
            FROM snapshots) WHERE n = 1)
      AND lower(e.name) LIKE :pattern
    """
)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def _run(database: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        PODIUM_DATABASE_URL=f"sqlite+aiosqlite:///{database}",
        PODIUM_BUNDLED_DATA=True,
    )
    started = time.perf_counter()
    async with open_services(settings) as services:
        print(f"first start, bundled data loaded: {time.perf_counter() - started:.1f} s")
        service = services.leaderboards
        ours: list[float] = []
        for _ in range(ROUNDS):
            for query in QUERIES:
                t = time.perf_counter()
                await service.rank(query)
                ours.append((time.perf_counter() - t) * 1000)
        sessions = service._sessions  # the bench compares against raw SQL on the same database
        baseline: list[float] = []
        found_by_baseline: set[str] = set()
        async with sessions() as session:
            for _ in range(ROUNDS):
                for query in QUERIES:
                    t = time.perf_counter()
                    rows = (
                        await session.execute(_BASELINE_SQL, {"pattern": f"%{query.lower()}%"})
                    ).all()
                    best: dict[str, tuple[int, str]] = {}
                    for board_id, name, rank, _score in rows:
                        if rank is not None and (board_id not in best or rank < best[board_id][0]):
                            best[board_id] = (rank, name)
                    baseline.append((time.perf_counter() - t) * 1000)
                    if best:
                        found_by_baseline.add(query)
            catalogue = await LeaderboardRepository(session).catalogue()
    misses = len(QUERIES) - len(found_by_baseline)
    ours_p50, ours_p99 = _percentiles(ours)
    base_p50, base_p99 = _percentiles(baseline)
    print(f"{'':28}{'p50 ms':>10}{'p99 ms':>10}")
    print(f"{'/rank (Podium)':28}{ours_p50:10.1f}{ours_p99:10.1f}")
    print(f"{'LIKE scan baseline':28}{base_p50:10.1f}{base_p99:10.1f}")
    print(
        f"Podium/baseline: p50 {ours_p50 / base_p50:.1f}x, p99 {ours_p99 / base_p99:.1f}x "
        f"(target: p99 under {TARGET_MS:.0f} ms). Podium also resolves the name, reads neighbours,"
        " ties and the previous snapshot per board; the baseline only finds substrings, so"
        f" {misses} of {len(QUERIES)} queries ('cluade', '4o', 'sonnet 3.5', ...) find nothing."
    )
    _index_memory(catalogue)


def _index_memory(catalogue: list) -> None:  # type: ignore[type-arg]
    records = [
        NameRecord(
            r.board_id, r.key, r.name, r.model_slug, r.model_name, r.rank, r.position, r.score
        )
        for r in catalogue
    ]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = NameIndex(records, default_aliases())
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    raw = sum(len(r.name) + len(r.key) + len(r.model_slug) for r in records)
    print(
        f"name index: {len(records):,} rows, {(after - before) / 2**20:.1f} MiB "
        f"({(after - before) / max(raw, 1):.0f}x the {raw / 2**20:.1f} MiB of raw name text); "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    del index


def main() -> None:
    """Load the bundled data into a fresh SQLite file and time ``/rank``."""
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_run(Path(folder) / "bench.sqlite3"))


if __name__ == "__main__":
    main()
