"""Every adapter meets arbitrary bytes: a refusal with a reason, never an unhandled exception.

Hypothesis feeds each registered adapter random bytes under the names its real files have, and
the real files of ``tests/fixtures`` mutated (cut, bytes flipped, slices dropped, repeated or
swapped, foreign bytes inserted). Whatever comes in, ``parse`` either returns a snapshot whose
boards are sane or raises ``SourceFormatError`` naming the source and a reason; anything else
(``KeyError``, ``UnicodeDecodeError``, ``zipfile.BadZipFile``...) would reach the user as "something
went wrong" and is a bug. ``tests/ingest/test_hostile_files.py`` carries the same inputs on to
the database. Examples are bounded (count and deadline) to keep the suite fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.domain.errors import SourceFormatError
from data.domain.types import ParsedSnapshot, SourceFile
from data.sources import REGISTRY, get_source
from tests.sources.test_all_fixtures import PARSED, files_for, source_of

#: Real files small enough to mutate many times within the time budget.
SMALL = [path for path in PARSED if path.stat().st_size <= 100 * 1024]
SOURCES = sorted(REGISTRY)

FUZZ = settings(
    max_examples=40,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def names_of(source_id: str) -> list[str]:
    """The file names a source's real files have (adapters may read the format from them)."""
    return sorted({path.name for path in PARSED if source_of(path) == source_id}) or ["data.csv"]


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` after one to three mutations of the kinds a broken download or a careless
    publisher produce."""
    for _ in range(draw(st.integers(1, 3))):
        size = len(data)
        at = draw(st.integers(0, size))
        end = draw(st.integers(at, min(size, at + 4096)))
        kind = draw(st.sampled_from(["cut", "flip", "drop", "repeat", "insert", "swap"]))
        if kind == "cut":
            data = data[:at]
        elif kind == "flip" and at < size:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif kind == "drop":
            data = data[:at] + data[end:]
        elif kind == "repeat":
            data = data[:end] + data[at:end] + data[end:]
        elif kind == "insert":
            noise = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=64),
                    st.sampled_from(
                        [b"\x00", b"\xff\xfe", b'"', b"\n", b",", b"|", b"<html>", b"NaN", b"1e999"]
                    ),
                    st.text(max_size=32).map(str.encode),
                )
            )
            data = data[:at] + noise + data[at:]
        elif kind == "swap" and end < size:
            other = draw(st.integers(end, size))
            data = data[:at] + data[end:other] + data[at:end] + data[other:]
    return data


def check(parse: Callable[[], ParsedSnapshot], source_id: str) -> None:
    """The adapter's answer is a sane snapshot or a ``SourceFormatError`` with a reason."""
    try:
        snapshot = parse()
    except SourceFormatError as refusal:
        assert refusal.source_id == source_id
        assert refusal.reason.strip()
        return
    assert snapshot.source_id == source_id
    assert snapshot.boards
    for board in snapshot.boards:
        assert board.board.source_id == source_id
        for row in board.rows:
            assert row.name.strip() and row.key
            assert row.score is None or math.isfinite(row.score)
            assert row.rank is None or row.rank >= 1


@pytest.mark.parametrize("source_id", SOURCES)
@FUZZ
@given(data=st.data())
def test_random_bytes_are_refused_with_a_reason(source_id: str, data: st.DataObject) -> None:
    """Bytes of any kind (text-like or not) under a real file name of the source."""
    name = data.draw(st.sampled_from(names_of(source_id)), label="name")
    content = data.draw(
        st.one_of(
            st.binary(max_size=2048),
            st.text(max_size=512).map(str.encode),
            st.lists(
                st.text(alphabet=",;|\t\"'\n 0123456789.-abcXYZ#%", max_size=40), max_size=30
            ).map(lambda lines: "\n".join(lines).encode()),
        ),
        label="content",
    )
    source = get_source(source_id)
    check(lambda: source.parse([SourceFile(name, content)]), source_id)


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
@settings(FUZZ, max_examples=15)
@given(data=st.data())
def test_mutated_real_files_are_refused_or_parse_sanely(path: Path, data: st.DataObject) -> None:
    """Each small real file, mutated; companions (LiveBench categories) stay intact."""
    source_id = source_of(path)
    [main, *companions] = files_for(path)
    content = data.draw(mutated(main.content), label="mutated")
    source = get_source(source_id)
    check(lambda: source.parse([SourceFile(main.name, content), *companions]), source_id)


@pytest.mark.parametrize("source_id", SOURCES)
def test_no_files_or_an_empty_file_is_refused(source_id: str) -> None:
    """The degenerate inputs, for every adapter."""
    source = get_source(source_id)
    for files in ([], [SourceFile(names_of(source_id)[0], b"")]):
        with pytest.raises(SourceFormatError) as refusal:
            source.parse(files)
        assert refusal.value.reason.strip()
