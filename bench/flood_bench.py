"""Nobody slowed: one user's ``/rank`` while 20 others flood ``/history``, or an import runs.

Each ``/history`` flooder does what the cog does (the query, then the chart), over and
over, as if it had no cooldown (the worst case: cooldowns only stop a user's second
request). Meanwhile another user asks ``/rank`` every 50 ms; its latency (service call and
embed) is the figure, against the same ``/rank`` on a quiet bot. Podium puts the expensive
work in line (``commands.cooldowns.WorkLine``: 2 at a time, charts drawn in a separate
process); the baseline lets all 20 run at once and draws in threads, as a plain
``asyncio.to_thread`` per request does.

The second half times ``/rank`` while the largest file (the Open LLM Leaderboard, 2.7 MB) is
imported: Podium parses it in a thread (``parse_off_the_loop``); the baseline parses it on the
event loop, as the first version did.

Run: ``.venv/bin/python -m bench.flood_bench`` (or ``-m bench`` for every benchmark).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from commands.charts import history_chart
from commands.cooldowns import WorkLine
from commands.history import HistoryOptions, history
from commands.rank import RankOptions, rank
from commands.rank.cog import rank_embed
from data.domain.errors import LeaderboardError
from data.domain.types import History, SourceFile

FLOODERS = 20
RANK_EVERY_S = 0.05
SAMPLES = 40
CHARTS = (
    "qwen2 72b instruct, claude 3.5 sonnet",
    "gpt-4o-2024-05-13",
    "claude 3 opus, gpt-4o-2024-05-13",
    "llama 3 70b instruct",
)
RANKS = ("qwen2", "claude 3.5 sonnet", "gpt-4o", "llama 3 70b", "deepseek v3", "cluade")
LARGEST = Path(__file__).parents[1] / (
    "tests/fixtures/open_llm_leaderboard/fboulnois_huggingface_v2_2025-03-21.csv"
)


async def _rank_latencies(
    services: Services, stop: Callable[[], bool] | None = None, every: float = RANK_EVERY_S
) -> list[float]:
    """``/rank`` every ``every`` seconds: ``SAMPLES`` times, or until ``stop()``."""
    samples: list[float] = []
    while len(samples) < SAMPLES if stop is None else not stop():
        query = RANKS[len(samples) % len(RANKS)]
        started = time.perf_counter()
        rank_embed(await rank(services, RankOptions(query)))
        samples.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(every)
    return samples


Draw = Callable[[WorkLine, History], Awaitable[None]]


async def _flooder(
    services: Services, line: WorkLine, draw: Draw, index: int, stop: asyncio.Event
) -> int:
    """One user asking ``/history`` again and again, as the cog answers it; returns how often."""
    done = 0
    while not stop.is_set():
        options = HistoryOptions(CHARTS[(index + done) % len(CHARTS)])
        try:
            result = await line.run(history(services, options))
        except LeaderboardError:  # no board shared: an answer too, a cheap one
            result = None
        if result is not None and result.status == "match":
            await draw(line, result)
        done += 1
    return done


async def _drawn_in_a_thread(line: WorkLine, result: History) -> None:
    """The baseline's chart: ``asyncio.to_thread``, as the cog drew it before."""
    await line.run(asyncio.to_thread(history_chart, result))


async def _drawn_by_podium(line: WorkLine, result: History) -> None:
    await line.draw(history_chart, result)


async def _under_flood(services: Services, line: WorkLine, draw: Draw) -> tuple[list[float], int]:
    stop = asyncio.Event()
    flood = [asyncio.create_task(_flooder(services, line, draw, i, stop)) for i in range(FLOODERS)]
    await asyncio.sleep(0.5)  # let the flood build up
    latencies = await _rank_latencies(services)
    stop.set()
    return latencies, sum(await asyncio.gather(*flood))


async def _warm(services: Services, line: WorkLine) -> None:
    """Start the drawing process before timing (a bot starts it with its first chart)."""
    result = await history(services, HistoryOptions(CHARTS[0]))
    for _ in range(100):
        await line.draw(history_chart, result)
        if line._drawing_process() is not None:
            return
        await asyncio.sleep(0.1)


async def _during_import(services: Services, work: Awaitable[object]) -> list[float]:
    task = asyncio.ensure_future(work)
    latencies = await _rank_latencies(services, stop=task.done, every=0.01)
    await task
    return latencies


def _row(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{label:40}{statistics.median(ordered):9.1f}{p99:9.1f}{ordered[-1]:9.1f}{len(ordered):6}"
    )


async def _run(folder: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        PODIUM_DATABASE_URL=f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}",
        PODIUM_BUNDLED_DATA=True,
        PODIUM_MAX_VANISHED_SHARE=1.0,
    )
    async with open_services(settings) as services:
        quiet = await _rank_latencies(services)
        line = WorkLine()
        try:
            await _warm(services, line)
            lined, lined_charts = await _under_flood(services, line, _drawn_by_podium)
        finally:
            line.close()
        baseline_line = WorkLine(slots=FLOODERS)
        unlined, unlined_charts = await _under_flood(services, baseline_line, _drawn_in_a_thread)
        files = [SourceFile(LARGEST.name, LARGEST.read_bytes())]
        ours = await _during_import(
            services, services.loading.import_files("open_llm", files, via="import")
        )
        source = services.loading._sources["open_llm"].source  # the baseline's own parse
        ingestor = services.loading._ingestor

        async def parse_on_the_loop() -> None:
            await asyncio.sleep(0)
            parsed = source.parse(files)
            await ingestor.store(source, parsed, "bench baseline", via="import")

        baseline = await _during_import(services, parse_on_the_loop())
    print(f"/rank latency, ms{'':23}{'p50':>9}{'p99':>9}{'max':>9}{'n':>6}")
    print(_row("quiet bot", quiet))
    print(_row(f"{FLOODERS} users flooding /history, Podium", lined))
    print(_row(f"{FLOODERS} users flooding /history, baseline", unlined))
    print(_row("importing the largest file (Podium)", ours))
    print(_row("importing it, parse on the loop (baseline)", baseline))
    flood_ratio = statistics.median(lined) / statistics.median(quiet)
    print(
        f"flood: /rank p50 {flood_ratio:.1f}x the quiet bot's with Podium's line "
        f"({statistics.median(unlined) / statistics.median(quiet):.1f}x with the baseline); the "
        f"flooders got {lined_charts} answers, {unlined_charts} with the baseline. "
        f"Import: /rank max "
        f"{max(ours):.0f} ms vs {max(baseline):.0f} ms with the parse on the loop "
        "(Discord's deadline: 3000 ms; Podium defers after 1500 ms)."
    )


def main() -> None:
    """Load the bundled data into a fresh SQLite file and time ``/rank`` under load."""
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_run(Path(folder)))


if __name__ == "__main__":
    main()
