"""What the benchmarks share: timing statistics, the results table, a bundled database.

Every benchmark adds its figures to ``RESULTS`` with ``record``; ``python -m bench`` prints them
at the end as one Markdown table (the README's results table is a copy of it).

``PODIUM_BENCH_SCALE`` (default 1) scales the synthetic sizes and repetition counts, so a quick
run on a slow machine is ``PODIUM_BENCH_SCALE=0.2 make bench``.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.services import open_services
from bot.settings import Settings

SCALE = float(os.environ.get("PODIUM_BENCH_SCALE", "1"))


def scaled(count: int, minimum: int = 1) -> int:
    """``count`` times ``PODIUM_BENCH_SCALE``, at least ``minimum``."""
    return max(minimum, round(count * SCALE))


@dataclass(frozen=True, slots=True)
class Result:
    """One row of the results table: our figure, the baseline's (if any) and the target."""

    what: str
    ours: float
    unit: str
    target: float | None = None
    baseline: float | None = None
    baseline_label: str = ""

    @property
    def met(self) -> str:
        """Whether the target is met (lower is better for every figure here)."""
        if self.target is None:
            return ""
        return "yes" if self.ours <= self.target else "**no**"

    def cells(self) -> list[str]:
        """The Markdown cells of this row."""
        ratio = f"{self.ours / self.baseline:.2g}x" if self.baseline else ""
        baseline = f"{_figure(self.baseline, self.unit)} {self.baseline_label}".strip()
        target = f"<= {_figure(self.target, self.unit)}" if self.target is not None else ""
        return [
            self.what,
            _figure(self.ours, self.unit),
            baseline if self.baseline is not None else "",
            ratio,
            target,
            self.met,
        ]


RESULTS: list[Result] = []


def record(result: Result) -> None:
    """Add a row to the results table and print it at once."""
    RESULTS.append(result)
    print("  -> " + " | ".join(cell for cell in result.cells() if cell))


def results_table(results: Iterable[Result]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| what | Podium | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(result.cells()) + " |" for result in results]
    return "\n".join(lines)


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f} {unit}"
    if value >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Median and 99th percentile."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * len(ordered)))]


def time_ms(call: Callable[[], object]) -> float:
    """Wall time of one call, in milliseconds."""
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


async def atime_ms(call: Callable[[], Awaitable[object]]) -> float:
    """Wall time of one awaited call, in milliseconds."""
    start = time.perf_counter()
    await call()
    return (time.perf_counter() - start) * 1000


def settings_for(database: Path, *, bundled: bool = True) -> Settings:
    """Settings on a SQLite file, ignoring the environment's ``.env``."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        PODIUM_DATABASE_URL=f"sqlite+aiosqlite:///{database}",
        PODIUM_BUNDLED_DATA=bundled,
    )


@dataclass(frozen=True, slots=True)
class FirstStart:
    """A SQLite file holding every bundled snapshot, and how long loading it took."""

    database: Path
    seconds: float
    progress_lines: int


@cache
def bundled_database() -> FirstStart:
    """Load the bundled data into a new SQLite file (once per run): Podium's first start."""
    folder = Path(tempfile.mkdtemp(prefix="podium-bench-"))
    database = folder / "bundled.sqlite3"
    lines: list[str] = []

    async def first_start() -> None:
        async with open_services(settings_for(database), announce=lines.append):
            pass

    start = time.perf_counter()
    asyncio.run(first_start())
    return FirstStart(database, time.perf_counter() - start, len(lines))


def run_probe(module: str, *args: str) -> dict[str, float]:
    """Run ``python -m <module> args`` in a fresh process; it prints one JSON object."""
    found = subprocess.run(
        [sys.executable, "-m", module, *args], check=True, capture_output=True, text=True
    )
    return dict(json.loads(found.stdout.strip().splitlines()[-1]))
