"""Writing data: the first start, one large file, an unchanged reload, alert planning.

- First start: every bundled snapshot into an empty SQLite file, as ``podium`` does on first
  use (with its progress lines).
- Ingest: the 4,576-row Open LLM Leaderboard v2 file into an empty SQLite file, then the same
  file again, which changes nothing (what most scheduled refreshes find).
- Alerts: what changed between two real Arena snapshots and the alerts 10,000 subscriptions
  get, next to the naive plan that diffs once per subscription.

Run: ``.venv/bin/python -m bench.ingest_bench`` (or ``-m bench`` for every benchmark).
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from pathlib import Path

from bench.common import Result, bundled_database, record, scaled, settings_for
from bot.services import open_services
from data.bundle import BUNDLED, read_bundled
from data.domain.alerts import SubscriptionRule, plan_alerts
from data.domain.diff import diff
from data.domain.names import default_aliases, identify
from data.domain.types import Row, SourceFile
from data.sources import REGISTRY

OPEN_LLM_V2 = "open_llm/fboulnois_huggingface_v2_2025-03-21.csv"
ARENA_BEFORE = "lmarena/fboulnois_lmsys_2024-07-07.csv"
ARENA_AFTER = "lmarena/fboulnois_lmsys_2024-08-14.csv"
SUBSCRIPTIONS = 10_000
FIRST_START_TARGET_S = 8.0
INGEST_TARGET_S = 1.0
UNCHANGED_TARGET_MS = 50.0
SEED = 7


def main() -> None:
    """Every figure of this module, each recorded in the results table."""
    start = bundled_database()
    print(f"first start printed {start.progress_lines} progress lines")
    record(
        Result(
            "first start: bundled data into an empty SQLite", start.seconds, "s",
            FIRST_START_TARGET_S,
        )
    )  # fmt: skip
    ingest()
    alert_planning()


def bundled_file(relative: str) -> SourceFile:
    """One bundled file, by its path below ``data/bundled``."""
    [snapshot] = [s for s in BUNDLED if s.files == (relative,)]
    [file] = read_bundled(snapshot)
    return file


def ingest() -> None:
    """The Open LLM v2 file into an empty database, then again unchanged (median of 3)."""
    file = bundled_file(OPEN_LLM_V2)

    async def run(database: Path) -> tuple[float, list[float]]:
        settings = settings_for(database, bundled=False)
        async with open_services(settings, autocomplete=False) as services:
            loading = services.loading
            start = time.perf_counter()
            report = await loading.import_files("open_llm", [file])
            first = time.perf_counter() - start
            assert report.status == "new", report.reason
            again = []
            for _ in range(3):
                start = time.perf_counter()
                report = await loading.import_files("open_llm", [file])
                again.append((time.perf_counter() - start) * 1000)
                assert report.status == "unchanged", report.status
            return first, again

    with tempfile.TemporaryDirectory(prefix="podium-bench-") as folder:
        first, again = asyncio.run(run(Path(folder) / "ingest.sqlite3"))
    record(Result("ingest Open LLM v2 (4,576 rows), SQLite", first, "s", INGEST_TARGET_S))
    record(Result("unchanged reload of that file", sorted(again)[1], "ms", UNCHANGED_TARGET_MS))


def alert_planning() -> None:
    """Change detection and alert planning for 10,000 subscriptions on one Arena update."""
    source = REGISTRY["lmarena"]()
    [before] = source.parse([bundled_file(ARENA_BEFORE)]).boards[:1]
    [after] = source.parse([bundled_file(ARENA_AFTER)]).boards[:1]
    aliases = default_aliases()

    def model_of(row: Row) -> str:
        return identify(row.name, row.key, aliases).slug

    rng = random.Random(SEED)
    board_id = after.board.board_id
    slugs = sorted({model_of(row) for row in (*before.rows, *after.rows)})
    rules = [
        SubscriptionRule(
            subscription_id=number,
            destination=f"{rng.choice(('user', 'channel'))}:{rng.randrange(1, 5000)}",
            board_id=board_id,
            model_slug=rng.choice(slugs) if rng.random() < 0.7 else None,
            top_n=rng.choice((3, 5, 10, 20, 50)),
            min_move=rng.randint(1, 5),
        )
        for number in range(1, scaled(SUBSCRIPTIONS, 100) + 1)
    ]
    start = time.perf_counter()
    planned = plan_alerts(board_id, before.rows, after.rows, rules, model_of)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for rule in rules:  # the naive plan: one diff per subscription
        diff(board_id, before.rows, after.rows, rule.thresholds(), same_model=model_of)
    naive = time.perf_counter() - start
    print(f"{len(rules):,} subscriptions -> {len(planned):,} alerts")
    record(
        Result(
            f"change detection + alert planning, {len(rules):,} subscriptions",
            ours * 1000, "ms", None, naive * 1000, "(one diff per subscription)",
        )
    )  # fmt: skip


if __name__ == "__main__":
    main()
