"""Run every benchmark of this package: each ``*_bench`` module's ``main()``, by name order.

Adding a benchmark is adding a module ``bench/<topic>_bench.py`` with a ``main()``.
"""

from __future__ import annotations

import importlib
import pkgutil
import time

import bench
from bench.common import RESULTS, SCALE, results_table


def main() -> None:
    """Run the benchmarks one after another, each under a heading with its wall time, then
    print every recorded figure as one table."""
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.endswith("_bench")
    )
    for name in names:
        print(f"\n=== {name} ===")
        start = time.perf_counter()
        importlib.import_module(f"bench.{name}").main()
        print(f"--- {name}: {time.perf_counter() - start:.1f} s")
    print(f"\n=== results (PODIUM_BENCH_SCALE={SCALE:g}) ===")
    print(results_table(RESULTS))


if __name__ == "__main__":
    main()
