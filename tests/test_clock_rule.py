"""The suite's own rule: no test reads the clock at import or collection time.

A time computed when a module is imported (a constant, a ``parametrize`` argument, a default
argument value) is stale by the time the test runs, and a busy machine turns that into a
flaky failure. Tests take time from an injected clock (``tests/conftest.py`` ``clock``) and
compute anything relative to it inside the test body.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent

#: ``<anything>.now()`` and friends read the wall clock; so do these ``time`` functions.
_CLOCK_METHODS = {"now", "utcnow", "today"}
_TIME_FUNCTIONS = {"time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "localtime"}


def _reads_clock(node: ast.Call) -> bool:
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in _CLOCK_METHODS:
        return True
    owner = func.value
    return isinstance(owner, ast.Name) and owner.id == "time" and func.attr in _TIME_FUNCTIONS


def _evaluated_at_import(tree: ast.Module) -> Iterator[ast.AST]:
    """Every expression Python evaluates when the module is imported: statements outside
    function bodies, decorators, default argument values and class bodies."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            arguments = node.args
            pending.extend(arguments.defaults)
            pending.extend(d for d in arguments.kw_defaults if d is not None)
            if not isinstance(node, ast.Lambda):
                pending.extend(node.decorator_list)
            continue  # the body runs when called, not at import
        yield node
        pending.extend(ast.iter_child_nodes(node))


def clock_reads_at_import(source: str) -> list[int]:
    """Line numbers of wall-clock reads that run at import or collection time."""
    tree = ast.parse(source)
    return sorted(
        node.lineno
        for node in _evaluated_at_import(tree)
        if isinstance(node, ast.Call) and _reads_clock(node)
    )


def test_no_test_module_reads_the_clock_at_import_or_collection() -> None:
    """Constants, ``parametrize`` arguments and default values never call ``now()``."""
    offenders = {
        str(path.relative_to(TESTS)): lines
        for path in sorted(TESTS.rglob("*.py"))
        if (lines := clock_reads_at_import(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_rule_finds_reads_in_constants_parametrize_and_defaults_but_not_in_bodies() -> None:
    """The checker itself: what runs at import is caught, what runs inside a test is not."""
    source = """
import time
from datetime import UTC, datetime
import pytest

STARTED = datetime.now(UTC)

@pytest.mark.parametrize("when", [datetime.now(UTC)])
def test_a(when, default=time.time()):
    assert datetime.now(UTC)

class Holder:
    made = datetime.today()

pick = lambda at=time.monotonic(): at
"""
    assert clock_reads_at_import(source) == [6, 8, 9, 13, 15]
