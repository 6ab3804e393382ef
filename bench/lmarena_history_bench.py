"""Reading the LMArena dataset's ``full`` history: time and Python memory, against a baseline.

The real ``text/full`` file holds about 1.2 million rows (SOURCES.md §8a). ``podium backfill``
turns one publication date at a time into boards (``PastPublications``), so only one date's
rows exist as Python objects at once. The baseline is the obvious alternative: every row of
the file as Python dicts (``to_pylist``), which is what a per-row reader would hold.

The file is synthetic (no real bytes are available offline) but has the real columns and
types. ``BENCH_LMARENA_DATES`` (default 60), ``..._CATEGORIES`` (20) and ``..._MODELS`` (250)
set its size: 60 x 20 x 250 = 300,000 rows; 120 x 30 x 330 comes near the real file.
"""

from __future__ import annotations

import io
import os
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta

import pyarrow as pa
import pyarrow.parquet as pq

from data.domain.types import SourceFile
from data.sources.lmarena import LMArenaSource


def _size(name: str, default: int) -> int:
    return int(os.environ.get(f"BENCH_LMARENA_{name}", default))


def synthetic_full(dates: int, categories: int, models: int) -> bytes:
    """A ``text/full`` parquet file with ``dates x categories x models`` rows."""
    first = date(2024, 1, 9)
    days = [(first + timedelta(days=3 * i)).isoformat() for i in range(dates)]
    names = [f"model-{i:04d}" for i in range(models)]
    cats = ["overall", *(f"category_{i:02d}" for i in range(categories - 1))]
    columns: dict[str, list[object]] = {
        key: []
        for key in (
            "model_name",
            "organization",
            "license",
            "rating",
            "rating_lower",
            "rating_upper",
            "variance",
            "vote_count",
            "rank",
            "category",
            "leaderboard_publish_date",
        )
    }
    for d, day in enumerate(days):
        for c, category in enumerate(cats):
            for m, name in enumerate(names):
                rating = 1500.0 - 2.5 * m + 0.01 * d + 0.1 * c
                half = 3.0 + (m % 7)
                values = (
                    name,
                    "org",
                    "Proprietary",
                    rating,
                    rating - half,
                    rating + half,
                    (half / 1.96) ** 2,
                    float(1000 + 37 * m),
                    float(m + 1),
                    category,
                    day,
                )
                for key, value in zip(columns, values, strict=True):
                    columns[key].append(value)
    sink = io.BytesIO()
    pq.write_table(pa.table(columns), sink, compression="snappy")
    return sink.getvalue()


def measure(work: Callable[[], int]) -> tuple[float, int, int]:
    """Seconds, peak Python memory (bytes, tracemalloc) and the work's own count."""
    tracemalloc.start()
    start = time.perf_counter()
    count = work()
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak, count


def main() -> None:
    """Print time and peak Python memory of both readings, and their ratios."""
    dates, categories, models = _size("DATES", 60), _size("CATEGORIES", 20), _size("MODELS", 250)
    content = synthetic_full(dates, categories, models)
    file = SourceFile("text/full-00000-of-00001.parquet", content)
    rows = dates * categories * models
    print(f"synthetic text/full: {rows:,} rows, {len(content) / 2**20:.1f} MiB of parquet")

    def podium() -> int:
        past = LMArenaSource().parse_history([file])
        return sum(len(board.rows) for snapshot in past.snapshots for board in snapshot.boards)

    def baseline() -> int:
        return len(pq.read_table(io.BytesIO(content)).to_pylist())

    ours = measure(podium)
    base = measure(baseline)
    assert ours[2] == base[2] == rows, (ours[2], base[2], rows)
    print(f"{'':<34}{'seconds':>10}{'peak MiB':>12}")
    print(f"{'Podium, one date at a time':<34}{ours[0]:>10.2f}{ours[1] / 2**20:>12.1f}")
    print(f"{'baseline, every row as a dict':<34}{base[0]:>10.2f}{base[1] / 2**20:>12.1f}")
    print(
        f"ratios Podium/baseline: time {ours[0] / base[0]:.2f}x "
        f"(Podium also ranks every board), memory {ours[1] / base[1]:.2f}x"
    )


if __name__ == "__main__":
    main()
