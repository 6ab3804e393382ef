"""The pure freshness rules: a snapshot's date, a board's state at a given time, and a source's
run of failures deciding its notices."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from data.domain.freshness import (
    FAILING_CHECKS,
    FAILING_NOTICE_AFTER,
    after_check,
    board_state,
    last_new_data,
    snapshot_date,
)
from data.sources import REGISTRY

NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


@pytest.mark.parametrize(
    ("published", "last_modified", "expected"),
    [
        (date(2024, 7, 31), "Tue, 01 Dec 2026 08:30:00 GMT", (date(2024, 7, 31), "published")),
        (None, "Tue, 01 Dec 2026 08:30:00 GMT", (date(2026, 12, 1), "modified")),
        (None, "Mon, 30 Nov 2026 23:30:00 -0300", (date(2026, 12, 1), "modified")),
        (None, None, (date(2026, 12, 3), "fetched")),
        (None, "not a date", (date(2026, 12, 3), "fetched")),
        (None, "Fri, 01 Jan 2027 00:00:00 GMT", (date(2026, 12, 3), "fetched")),  # future
    ],
    ids=["published", "last-modified", "last-modified-utc", "neither", "unreadable", "future"],
)
def test_a_snapshot_is_dated_by_the_source_then_last_modified_then_the_fetch(
    published: date | None, last_modified: str | None, expected: tuple[date, str]
) -> None:
    """The source's date wins; Last-Modified (in UTC, never in the future) dates an undated
    file; otherwise the day it was fetched."""
    assert snapshot_date(published, last_modified, NOW) == expected


def test_last_new_data_is_the_fetch_for_live_data_and_the_own_date_for_history() -> None:
    """A fetched snapshot counts from when it was fetched; imported or bundled data only from
    its own date."""
    fetched = NOW - timedelta(hours=5)
    assert last_new_data(date(2024, 7, 31), "published", fetched) == fetched
    assert last_new_data(date(2024, 7, 31), "published", None) == datetime(2024, 7, 31, tzinfo=UTC)
    assert last_new_data(date(2026, 12, 3), "fetched", fetched) == fetched


@pytest.mark.parametrize(
    ("retired", "age", "failed", "expected"),
    [
        (False, timedelta(days=6), [False, False, False], "live"),
        (False, WEEK, [], "live"),
        (False, WEEK + timedelta(seconds=1), [False], "stale"),
        (False, timedelta(days=1), [True, True], "live"),
        (False, timedelta(days=1), [True] * FAILING_CHECKS, "failing"),
        (False, timedelta(days=1), [True, True, False], "live"),
        (False, timedelta(days=30), [True] * FAILING_CHECKS, "failing"),
        (True, timedelta(days=600), [True] * FAILING_CHECKS, "retired"),
    ],
)
def test_a_boards_state_at_a_given_time(
    retired: bool, age: timedelta, failed: list[bool], expected: str
) -> None:
    """Retired over failing over stale over live; stale once older than the cadence."""
    state = board_state(
        NOW, retired=retired, cadence=WEEK, newest_data=NOW - age, recent_checks_failed=failed
    )
    assert state == expected


def test_a_board_without_data_is_stale() -> None:
    """No data at all is never live."""
    assert (
        board_state(NOW, retired=False, cadence=WEEK, newest_data=None, recent_checks_failed=[])
        == "stale"
    )


def test_a_run_of_failures_gives_one_notice_past_a_day_and_one_on_recovery() -> None:
    """Fold checks every 5 hours: the first notice at the first failure past a day, none after;
    a success then announces recovery once."""
    since = notified = None
    notices = []
    start = NOW
    for step in range(10):
        now = start + timedelta(hours=5 * step)
        change = after_check(now, step < 8, since, notified)
        since, notified = change.failing_since, change.notified_at
        notices.append((step, change.notice))
    assert [(step, notice) for step, notice in notices if notice] == [
        (5, "failing"),  # 25 h after the first failure
        (8, "recovered"),
    ]
    assert timedelta(days=1) == FAILING_NOTICE_AFTER
    assert (since, notified) == (None, None)


@pytest.mark.parametrize("source_id", sorted(REGISTRY))
def test_every_adapter_states_its_expected_cadence(source_id: str) -> None:
    """Staleness is judged against each source's own rhythm, never a silent default."""
    adapter = REGISTRY[source_id]
    assert "cadence" in vars(adapter), f"{source_id} does not state its cadence"
    assert timedelta(days=1) <= adapter.cadence <= timedelta(days=365)
