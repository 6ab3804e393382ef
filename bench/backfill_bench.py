"""``podium backfill lmarena`` into SQLite: rows stored per second.

A loopback mirror of the Hugging Face dataset (``tests/lmarena_mirror.py``) serves a synthetic
``text/full`` file (``bench.lmarena_history_bench.synthetic_full``: the real columns and
types); the backfill downloads it, reads one publication date at a time and stores each as
history. The figure is every stored row over the whole run's wall time (download, parsing,
ranking, storing). ``PODIUM_BENCH_SCALE`` scales the number of dates (default 24 x 20
categories x 250 models = 120,000 rows).
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.common import Result, record, scaled
from bench.lmarena_history_bench import synthetic_full
from bot.services import open_services
from bot.settings import Settings
from tests.http_server import loopback_server
from tests.lmarena_mirror import HubMirror

CATEGORIES, MODELS = 20, 250


def main() -> None:
    """Backfill the synthetic history into a new SQLite file and print rows per second."""
    dates = scaled(24, minimum=2)
    content = synthetic_full(dates, CATEGORIES, MODELS)
    rows, seconds = asyncio.run(_backfill(content))
    assert rows == dates * CATEGORIES * MODELS, (rows, dates)
    print(
        f"backfill of {dates} dates, {rows:,} rows: {seconds:.2f} s, {rows / seconds:,.0f} rows/s"
    )
    record(Result(f"backfill lmarena ({rows:,} rows) into SQLite", rows / seconds, "rows/s"))


async def _backfill(content: bytes) -> tuple[int, float]:
    folder = Path(tempfile.mkdtemp(prefix="podium-bench-"))
    async with loopback_server() as server:
        mirror = HubMirror(server)
        mirror.publish("text/full-00000-of-00001.parquet", content)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            PODIUM_DATABASE_URL=f"sqlite+aiosqlite:///{folder / 'backfill.sqlite3'}",
            PODIUM_BUNDLED_DATA=False,
            PODIUM_SOURCE_LMARENA_URL=mirror.url,
        )
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            start = time.perf_counter()
            report = await services.loading.backfill("lmarena")
            seconds = time.perf_counter() - start
            assert report.refused == (), report.refused
    return _stored_rows(folder / "backfill.sqlite3"), seconds


def _stored_rows(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute("SELECT count(*) FROM entries").fetchone()
    return int(count)


if __name__ == "__main__":
    main()
