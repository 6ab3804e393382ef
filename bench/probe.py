"""Measurements that need a process of their own (peak RSS, cold start), printed as JSON.

``python -m bench.probe bot <database>``: the bot's services on every board of ``database``
(autocomplete prepared, discord.py imported as the bot does), a few commands of each kind, then
the peak RSS. ``python -m bench.probe rank <database> <query>...``: ``/rank`` latencies (ms)
and the peak RSS, after warming up.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

from bench.common import percentiles, settings_for
from bot.services import open_services


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MiB.

    Linux's ``VmHWM`` (reset by exec); ``ru_maxrss`` would report the parent's peak too, since
    it survives the fork and exec that started this process.
    """
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def bot_process(database: Path) -> dict[str, float]:
    """What a running bot holds: services, the client module, answers of every kind."""
    import bot.client  # noqa: F401  (the bot process imports discord.py and the cogs)

    start = time.perf_counter()
    async with open_services(settings_for(database)) as services:
        ready = time.perf_counter() - start
        leaderboards = services.leaderboards
        for query in ("qwen2", "gpt-4o", "claude 3.5 sonnet", "llama 3 70b", "deepseek"):
            await leaderboards.rank(query)
            leaderboards.suggest(query[:3])
        await leaderboards.compare(["gpt-4o", "claude 3.5 sonnet"])
        for summary in await leaderboards.board_summaries():
            await leaderboards.top(summary.board.board_id)
        await leaderboards.about()
    return {"rss_mb": peak_rss_mb(), "ready_s": ready}


async def rank(database: Path, queries: list[str]) -> dict[str, float]:
    """``/rank`` latency per query over a warm service, and the memory it took. The first
    quarter of ``queries`` warms up; each of the others is asked once (no answer is reused)."""
    async with open_services(settings_for(database, bundled=False)) as services:
        leaderboards = services.leaderboards
        warm = len(queries) // 4
        for query in queries[:warm]:  # past the first-call costs
            await leaderboards.rank(query)
        spent = []
        for query in queries[warm:]:
            start = time.perf_counter()
            await leaderboards.rank(query)
            spent.append((time.perf_counter() - start) * 1000)
    p50, p99 = percentiles(spent)
    return {"p50_ms": p50, "p99_ms": p99, "rss_mb": peak_rss_mb()}


def main() -> None:
    """Dispatch on the first argument and print the figures as one JSON line."""
    kind, database, *rest = sys.argv[1:]
    if kind == "bot":
        found = asyncio.run(bot_process(Path(database)))
    elif kind == "rank":
        found = asyncio.run(rank(Path(database), rest))
    else:
        raise SystemExit(f"unknown probe {kind!r}")
    print(json.dumps(found))


if __name__ == "__main__":
    main()
