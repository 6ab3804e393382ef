"""Outbox values: destinations, nonces, backoff and the JSON round trip."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from data.domain.delivery import (
    AlertSection,
    Notice,
    Subscription,
    alert_payload,
    backoff,
    destination,
    nonce,
    notice_payload,
    outbox_item,
    parse_destination,
)
from data.domain.types import BoardInfo, RankChange

BOARD = BoardInfo("lmarena", "lmarena", "LMArena Text", "about", "Arena score", "https://x")
CHANGE = RankChange("lmarena", "new_leader", "gpt-4o", "GPT-4o", 2, 1, 1280.0, 1290.5, "Claude")
SUBSCRIPTION = Subscription(7, 42, 99, "channel:5", "lmarena", None, None, 10, 3)


def test_destinations_round_trip_and_refuse_anything_else() -> None:
    """``channel:<id>`` and ``user:<id>``; nothing else is a destination."""
    assert parse_destination(destination("user", 42)) == ("user", 42)
    assert parse_destination("channel:7") == ("channel", 7)
    for text in ("guild:1", "user:", "channel:x", "42"):
        with pytest.raises(ValueError):
            parse_destination(text)


def test_nonces_are_unique_per_item_and_part_and_fit_discord() -> None:
    """Discord keeps nonces of at most 25 characters."""
    assert nonce(12, 0) != nonce(12, 1) != nonce(1, 21)
    assert len(nonce(2**53, 9)) <= 25


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(0, 30), (1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (99, 3600)]
)
def test_backoff_doubles_from_the_base_up_to_the_cap(attempts: int, seconds: int) -> None:
    """30 s, 60 s, 120 s ... never more than an hour."""
    assert backoff(attempts, timedelta(seconds=30), timedelta(hours=1)) == timedelta(
        seconds=seconds
    )


def test_alert_payload_round_trips() -> None:
    """What the outbox stores reads back as the same sections."""
    section = AlertSection(BOARD, date(2024, 8, 14), (CHANGE,), omitted=2)
    item = outbox_item(5, "user:42", 1, alert_payload([section]))
    assert item.sections == (section,) and item.notice is None
    assert (item.id, item.destination, item.attempts) == (5, "user:42", 1)


def test_notice_payload_round_trips() -> None:
    """A notice keeps the disabled subscriptions it tells about."""
    notice = Notice("channel:5", "forbidden", (SUBSCRIPTION,))
    item = outbox_item(6, "user:42", 0, notice_payload(notice))
    assert item.notice == notice and item.sections == ()


def test_a_subscription_becomes_a_planner_rule_per_board() -> None:
    """A model subscription without a board follows each main board it is planned for."""
    model = Subscription(3, 42, None, "user:42", None, "gpt-4o", "GPT-4o", 10, 5)
    rule = model.rule("lmarena_style")
    assert (rule.board_id, rule.model_slug, rule.min_move, rule.destination) == (
        "lmarena_style",
        "gpt-4o",
        5,
        "user:42",
    )
    assert model.is_dm and not SUBSCRIPTION.is_dm
