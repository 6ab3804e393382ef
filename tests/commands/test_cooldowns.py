"""``Cooldowns``: per user and per kind, on an injected clock; off at 0; memory bounded.
``WorkLine``: charts drawn in a separate process."""

from __future__ import annotations

import asyncio
import os

import pytest

from commands.cooldowns import (
    LARGE_BOARD_ROWS,
    Cooldowns,
    SlowDown,
    WorkLine,
    compare_kind,
    top_kind,
)
from commands.errors import error_text


class Ticks:
    """A monotonic clock tests move by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_user_waits_out_the_cooldown_of_one_kind_only() -> None:
    clock = Ticks()
    cooldowns = Cooldowns(15, clock)
    cooldowns.check("history", 1)
    cooldowns.spend("history", 1)
    clock.now += 14.2
    with pytest.raises(SlowDown) as caught:
        cooldowns.check("history", 1)
    assert error_text(caught.value) == "Slow down: try again in 1 s."
    cooldowns.check("history", 2)  # another user
    cooldowns.check("compare4", 1)  # another kind
    clock.now += 0.8
    cooldowns.check("history", 1)


def test_the_wait_is_rounded_up_to_whole_seconds() -> None:
    clock = Ticks()
    cooldowns = Cooldowns(15, clock)
    cooldowns.spend("top_filtered", 7)
    clock.now += 0.5
    with pytest.raises(SlowDown) as caught:
        cooldowns.check("top_filtered", 7)
    assert caught.value.seconds == 15


def test_zero_turns_cooldowns_off() -> None:
    cooldowns = Cooldowns(0, Ticks())
    cooldowns.spend("history", 1)
    cooldowns.check("history", 1)


def test_expired_entries_are_forgotten_when_many_users_came_by() -> None:
    clock = Ticks()
    cooldowns = Cooldowns(1, clock)
    for user in range(5000):
        cooldowns.spend("history", user)
        clock.now += 0.01
    assert len(cooldowns._until) < 5000


def test_what_counts_as_expensive() -> None:
    assert [compare_kind(n) for n in (2, 3, 4)] == [None, None, "compare4"]
    assert top_kind(True, LARGE_BOARD_ROWS) == "top_filtered"
    assert top_kind(True, LARGE_BOARD_ROWS - 1) is None
    assert top_kind(False, 10 * LARGE_BOARD_ROWS) is None


def pid_of(_: object) -> int:
    """Which process ran this (drawn by reference in the drawing process)."""
    return os.getpid()


async def test_charts_are_drawn_in_another_process_once_it_has_started() -> None:
    """The first chart is drawn in a thread while the drawing process starts; then there."""
    line = WorkLine()
    try:
        assert await line.draw(pid_of, None) == os.getpid()
        for _ in range(600):  # starting means importing matplotlib: seconds on a busy machine
            if line._drawing_process() is not None:
                break
            await asyncio.sleep(0.05)
        assert await line.draw(pid_of, None) != os.getpid()
    finally:
        line.close()
