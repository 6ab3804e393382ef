"""``/rank`` in one process, a cold ``podium ask``, the bot's memory, and the scaling curve.

Per query: 400 mixed ``/rank`` lines answered as ``podium ask --json -`` does (parse, service,
JSON), on every bundled board. The baseline is the naive resolver: rapidfuzz
``process.extractOne(query, names, scorer=WRatio)`` over the distinct names of the current main
boards, in memory; it only names a row, while Podium resolves, reads the model's standing on
every board (neighbours, ties, movement) and builds the answer.

Scaling: a synthetic board of 50,000 models with 20 snapshots (1,000,000 history rows) in a
SQLite file, ``/rank`` p50/p99 and the peak RSS of a process serving it.

Run: ``.venv/bin/python -m bench.rank_bench`` (or ``-m bench`` for every benchmark).
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bench.common import (
    Result,
    bundled_database,
    percentiles,
    record,
    run_probe,
    scaled,
    settings_for,
)
from bot.console import answer_json
from bot.services import open_services
from data.domain.names import default_aliases, identify
from data.domain.types import BoardInfo, ParsedBoard, ParsedSnapshot, Row
from data.ingest import Ingestor
from data.sources import REGISTRY
from data.store.migrate import upgrade
from data.store.session import create_engine, create_session_factory

#: Queries as users type them: nicknames, typos, sizes, org prefixes, no-such-model.
TYPED = (
    "qwen2", "gpt-4o", "claude 3.5 sonnet", "llama 3 70b", "gemini 1.5 pro", "cluade",
    "deepseek v3", "mixtral", "yi-34b-chat", "gpt-9", "4o", "sonnet 3.5", "Qwen/Qwen2-72B-Instruct",
    "o1 mini", "llama3.1 405b", "command r+", "gemma 2 27b", "phi-3 mini", "grok 2", "glm-4",
)  # fmt: skip
QUERIES = 400
SEED = 20241022
TARGET_MS = 0.5
COLD_TARGET_S = 1.0
RSS_TARGET_MB = 150.0
SCALE_MODELS = 50_000
SCALE_SNAPSHOTS = 20
SCALE_P99_MS = 2.0
SCALE_RSS_MB = 300.0


def main() -> None:
    """Every figure of this module, each recorded in the results table."""
    start = bundled_database()
    lines, names = asyncio.run(_queries(start.database))
    per_query(start.database, lines, names)
    cold_ask(start.database)
    bot_memory(start.database)
    for models in (SCALE_MODELS // 10, SCALE_MODELS):  # two points of the curve
        scaling_point(scaled(models, 1000), scaled(SCALE_SNAPSHOTS, 2))


async def _queries(database: Path) -> tuple[list[str], list[str]]:
    """400 ``/rank`` lines (typed queries, board names as users retype them, some on a board)
    and the baseline's names (distinct names of the current main boards)."""
    rng = random.Random(SEED)
    async with open_services(settings_for(database), autocomplete=False) as services:
        view = await services.leaderboards.read_model.fresh()
        mains = {b for b, info in view.board_infos.items() if info.category is None}
        rows = [row for row in await view.catalogue() if row.board_id in mains]
    names = sorted({row.name for row in rows})
    lines = []
    for index in range(QUERIES):
        if index % 3 == 0:
            query = rng.choice(TYPED)
        else:
            name = rng.choice(names).rsplit("/", 1)[-1]
            query = name.lower().replace("-", " ") if rng.random() < 0.5 else name
        board = " board:lmarena" if index % 10 == 0 else ""
        lines.append(f"/rank {query}{board}")
    return lines, names


def per_query(database: Path, lines: list[str], names: list[str]) -> None:
    """``podium ask --json -`` per line vs the naive resolver per query."""

    async def ours() -> list[float]:
        async with open_services(settings_for(database), autocomplete=False) as services:
            for line in lines[:20]:  # past first-call costs
                await answer_json(services, line)
            spent = []
            for line in lines:
                start = time.perf_counter()
                json.dumps(await answer_json(services, line), ensure_ascii=False)
                spent.append((time.perf_counter() - start) * 1000)
            return spent

    ours_ms = asyncio.run(ours())
    baseline_ms = []
    for line in lines:
        query = line.removeprefix("/rank ").removesuffix(" board:lmarena")
        start = time.perf_counter()
        process.extractOne(query, names, scorer=fuzz.WRatio, processor=utils.default_process)
        baseline_ms.append((time.perf_counter() - start) * 1000)
    (p50, p99), (base50, base99) = percentiles(ours_ms), percentiles(baseline_ms)
    label = f"(extractOne WRatio, {len(names):,} names)"
    record(Result("/rank per query, one process, p50", p50, "ms", TARGET_MS, base50, label))
    record(Result("/rank per query, one process, p99", p99, "ms", None, base99, label))


def cold_ask(database: Path) -> None:
    """``podium ask "/rank qwen2"`` in a new process on the loaded database (median of 3)."""
    podium = str(Path(sys.executable).with_name("podium"))
    env = {"PODIUM_DATABASE_URL": f"sqlite+aiosqlite:///{database}", "PATH": ""}
    spent = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([podium, "ask", "/rank qwen2"], env=env, check=True, capture_output=True)
        spent.append(time.perf_counter() - start)
    record(Result('cold `podium ask "/rank qwen2"`', statistics.median(spent), "s", COLD_TARGET_S))


def bot_memory(database: Path) -> None:
    """Peak RSS of a process serving every bundled board as the bot does."""
    found = run_probe("bench.probe", "bot", str(database))
    record(Result("bot peak RSS, every board loaded", found["rss_mb"], "MB", RSS_TARGET_MB))


def scaling_point(models: int, snapshots: int) -> None:
    """``/rank`` and memory with one board of ``models`` models stored ``snapshots`` times
    (50,000 x 20: 1,000,000 history rows); the targets hold at the full size."""
    with tempfile.TemporaryDirectory(prefix="podium-bench-") as folder:
        database = Path(folder) / "scale.sqlite3"
        start = time.perf_counter()
        names = synthetic_board(database, models, snapshots)
        print(
            f"synthetic board: {models:,} models x {snapshots} snapshots = "
            f"{models * snapshots:,} rows, written in {time.perf_counter() - start:.1f} s"
        )
        rng = random.Random(SEED)
        queries = rng.sample(names, min(len(names), scaled(400, 40)))
        found = run_probe("bench.probe", "rank", str(database), *queries)
    what = f"/rank at {models:,} models, {models * snapshots:,} history rows"
    record(Result(f"{what}, p50", found["p50_ms"], "ms"))
    record(Result(f"{what}, p99", found["p99_ms"], "ms", SCALE_P99_MS))
    record(Result(f"{what}, peak RSS", found["rss_mb"], "MB", SCALE_RSS_MB))


def synthetic_board(database: Path, models: int, snapshots: int) -> list[str]:
    """Store, through the real ingest path, one board of ``models`` rows in ``snapshots``
    snapshots a day apart (a few models swap places each time); returns the model names."""
    rng = random.Random(SEED)
    names = [f"lab{i % 97}/synth-{i}-{i % 70 + 1}b-instruct" for i in range(models)]
    board = BoardInfo("synthetic", "open_llm", "Synthetic", "", "Score", "https://example.org")
    source = REGISTRY["open_llm"]()
    aliases = default_aliases()

    def identify_row(name: str, key: str) -> tuple[str, str]:
        identity = identify(name, key, aliases)
        return identity.slug, identity.display

    async def write() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{database}")
        try:
            await upgrade(engine)
            day = datetime(2025, 1, 1, tzinfo=UTC)
            ingestor = Ingestor(create_session_factory(engine), identify_row, lambda: day)
            order = list(range(models))
            for snapshot in range(snapshots):
                for _ in range(models // 20):
                    a, b = rng.randrange(models), rng.randrange(models)
                    order[a], order[b] = order[b], order[a]
                rows = tuple(
                    Row(names[m], names[m], position, 100 - position / models, position)
                    for position, m in enumerate(order, start=1)
                )
                parsed = ParsedSnapshot("open_llm", None, (ParsedBoard(board, rows),))
                as_of = day.date() + timedelta(days=snapshot)
                report = await ingestor.store(source, parsed, "bench", as_of=as_of, via="import")
                assert report.status == "new", report.reason
        finally:
            await engine.dispose()

    asyncio.run(write())
    return names


if __name__ == "__main__":
    main()
