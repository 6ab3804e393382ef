"""Pausing Python's cyclic garbage collector while a read model is built.

Building a view allocates some hundred thousand long-lived objects (rows, shapes, index lists)
and frees almost nothing. CPython's collector runs a pass every few hundred allocations, and
its full passes walk every live object: for the bundled boards that was ~1 s of the ~2.4 s of
CPU a build took (measured with ``gc.disable()``). Nothing in a build makes reference cycles,
so pausing the collector loses nothing; it runs as usual once the last build in progress ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_builds = 0  # builds in progress (views can be built in several threads at once)
_resume = False  # whether the collector was running when the first of them started


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector paused (restored as it was afterwards)."""
    global _builds, _resume
    with _lock:
        if _builds == 0:
            _resume = gc.isenabled()
            gc.disable()
        _builds += 1
    try:
        yield
    finally:
        with _lock:
            _builds -= 1
            if _builds == 0 and _resume:
                gc.enable()
