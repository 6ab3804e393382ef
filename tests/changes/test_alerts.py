"""``plan_alerts``: who hears about which change, merging per destination, the cap."""

from __future__ import annotations

import pytest

from data.domain.alerts import PlannedAlert, SubscriptionRule, plan_alerts
from data.domain.names import identify
from data.domain.types import Row
from tests.changes import board, real_board

# Hand-made board, previous -> current (top 10, moves of 3 unless a rule says otherwise):
#   B 2 -> 1 takes the lead from A (1 -> 2); K 11 -> 4 enters the top (and the top 5, which E
#   leaves 5 -> 6); J 10 -> 12 leaves the top 10; O 15 -> 19 moves far below it; P arrives at
#   11 and Q at 16; Z (16) disappears.
PREVIOUS = board(
    *((key, rank) for rank, key in enumerate("ABCDEFGHIJKLMNO", start=1)),
    ("Z", 16),
)
CURRENT = board(
    ("B", 1),
    ("A", 2),
    ("C", 3),
    ("K", 4),
    ("D", 5),
    ("E", 6),
    ("F", 7),
    ("G", 8),
    ("H", 9),
    ("I", 10),
    ("P", 11),
    ("J", 12),
    ("L", 13),
    ("M", 14),
    ("N", 15),
    ("Q", 16),
    ("O", 19),
)


def model_of(row: Row) -> str:
    """Models are lower-cased keys; a ``-web`` row is the same model as its plain row."""
    return row.key.lower().removesuffix("-web")


def rule(
    subscription_id: int = 1,
    destination: str = "channel:1",
    model: str | None = None,
    top_n: int = 10,
    min_move: int = 3,
    board_id: str = "b",
) -> SubscriptionRule:
    """A subscription rule with test defaults."""
    return SubscriptionRule(subscription_id, destination, board_id, model, top_n, min_move)


def plan(*rules: SubscriptionRule, max_changes: int = 20) -> list[PlannedAlert]:
    """Alerts for the hand-made board."""
    return plan_alerts("b", PREVIOUS, CURRENT, rules, model_of, max_changes=max_changes)


def told(alert: PlannedAlert) -> list[tuple[str, str]]:
    """(kind, key) of each change of an alert, in order."""
    return [(change.kind, change.key) for change in alert.changes]


SINGLE_RULES: list[tuple[str, SubscriptionRule, list[tuple[str, str]]]] = [
    (
        "board, top 10: leader, top crossings, moves touching the top; not O, P, Q, Z",
        rule(),
        [("new_leader", "B"), ("entered_top", "K"), ("left_top", "J"), ("moved", "K")],
    ),
    (
        "board, top 5: its own top",
        rule(top_n=5),
        [("new_leader", "B"), ("entered_top", "K"), ("left_top", "E"), ("moved", "K")],
    ),
    (
        "board, top 12: a new model inside it is news, P at 11; L drops to 13",
        rule(top_n=12, min_move=10),
        [("new_leader", "B"), ("entered_top", "P"), ("left_top", "L"), ("new_model", "P")],
    ),
    ("model moving far down the board", rule(model="o"), [("moved", "O")]),
    ("model moving less than asked", rule(model="o", min_move=5), []),
    ("model that lost first place hears who took it", rule(model="a"), [("new_leader", "B")]),
    ("model taking first place", rule(model="b"), [("new_leader", "B")]),
    ("model entering the top and moving", rule(model="k"), [("entered_top", "K"), ("moved", "K")]),
    ("model outside the subscriber's top 3", rule(model="k", top_n=3), [("moved", "K")]),
    ("model leaving the top by two places", rule(model="j"), [("left_top", "J")]),
    ("new model, outside the top", rule(model="q"), [("new_model", "Q")]),
    ("removed model", rule(model="z"), [("removed", "Z")]),
    ("model that did not change", rule(model="c"), []),
    ("model that is on no board", rule(model="unknown"), []),
    ("rules of other boards are ignored", rule(board_id="other"), []),
]


@pytest.mark.parametrize(
    ("subscription", "expected"),
    [case[1:] for case in SINGLE_RULES],
    ids=[case[0] for case in SINGLE_RULES],
)
def test_what_each_rule_hears(
    subscription: SubscriptionRule, expected: list[tuple[str, str]]
) -> None:
    alerts = plan(subscription)
    if not expected:
        assert alerts == []
        return
    (alert,) = alerts
    assert (alert.destination, alert.board_id, alert.subscription_ids) == ("channel:1", "b", (1,))
    assert told(alert) == expected
    assert alert.omitted == 0


def test_first_snapshot_alerts_no_one() -> None:
    assert plan_alerts("b", (), CURRENT, [rule(), rule(2, model="b")], model_of) == []


def test_one_alert_per_destination_merging_and_deduplicating() -> None:
    alerts = plan(
        rule(1, "channel:1", top_n=10),
        rule(2, "channel:1", top_n=5),
        rule(3, "user:7", model="o", min_move=5),  # asks for nothing that happened
        rule(4, "user:7"),
        rule(5, "channel:2", model="z"),
    )
    assert [alert.destination for alert in alerts] == ["channel:1", "channel:2", "user:7"]
    merged, removed, direct = alerts
    assert merged.subscription_ids == (1, 2)
    # B's lead and K's move appear once; K entered both tops, and "the top 5" is kept.
    assert told(merged) == [
        ("new_leader", "B"),
        ("entered_top", "K"),
        ("left_top", "E"),
        ("left_top", "J"),
        ("moved", "K"),
    ]
    assert [change.top_n for change in merged.changes[1:4]] == [5, 5, 10]
    assert (removed.subscription_ids, told(removed)) == ((5,), [("removed", "Z")])
    assert direct.subscription_ids == (4,)


def test_the_larger_top_is_kept_for_a_model_leaving_both() -> None:
    previous = board(("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5), ("F", 6))
    current = board(("B", 1), ("C", 2), ("D", 3), ("E", 4), ("F", 5), ("A", 6))
    (alert,) = plan_alerts("b", previous, current, [rule(1, top_n=2), rule(2, top_n=5)], model_of)
    left = [(change.key, change.top_n) for change in alert.changes if change.kind == "left_top"]
    assert left == [("A", 5)]


def test_followed_models_come_first_then_the_cap_keeps_the_most_important() -> None:
    (alert,) = plan(
        rule(1, "user:7"),
        rule(2, "user:7", model="o"),
        rule(3, "user:7", model="z"),
        max_changes=3,
    )
    assert alert.subscription_ids == (1, 2, 3)
    assert told(alert) == [("moved", "O"), ("removed", "Z"), ("new_leader", "B")]
    assert alert.omitted == 3  # entered_top K, left_top J, moved K


def test_a_followed_model_stays_first_when_its_crossing_is_merged() -> None:
    (alert,) = plan(rule(1, "user:7", top_n=5), rule(2, "user:7", model="k"))
    # K entered the top 10 (model rule) and the top 5 (board rule): one change, still first.
    assert told(alert) == [
        ("entered_top", "K"),
        ("moved", "K"),
        ("new_leader", "B"),
        ("left_top", "E"),
    ]
    assert alert.changes[0].top_n == 5


def test_every_row_of_a_followed_model_counts() -> None:
    previous = board(("A", 1), ("X", 2), ("X-web", 3), ("C", 4), ("D", 5))
    current = board(("A", 1), ("C", 2), ("D", 3), ("X", 4), ("X-web", 6))
    (alert,) = plan_alerts("b", previous, current, [rule(model="x", min_move=2)], model_of)
    assert told(alert) == [("moved", "X"), ("moved", "X-web")]


def test_a_renamed_leader_is_not_dethroned() -> None:
    previous = board(("Model-A", 1), ("B", 2), ("C", 3))
    current = board(("model-a", 1), ("B", 1), ("C", 3))
    rules = [rule(1, "user:1", model="model-a"), rule(2, "user:2", model="b")]
    # B joins first place; Model-A, only re-spelt, still holds it: its follower hears nothing.
    (alert,) = plan_alerts("b", previous, current, rules, model_of)
    assert (alert.destination, told(alert)) == ("user:2", [("new_leader", "B")])


@pytest.mark.parametrize("destination", ["guild:1", "channel:", "user:me", "1234"])
def test_rules_refuse_destinations_the_bot_cannot_deliver_to(destination: str) -> None:
    with pytest.raises(ValueError, match="destination"):
        rule(destination=destination)


def test_rules_and_planner_refuse_meaningless_numbers() -> None:
    with pytest.raises(ValueError, match="top_n"):
        rule(top_n=0)
    with pytest.raises(ValueError, match="min_move"):
        rule(min_move=0)
    with pytest.raises(ValueError, match="max_changes"):
        plan(rule(), max_changes=0)


# --- real files ----------------------------------------------------------------------------------


def slug(row: Row) -> str:
    """The production model identity of a row, as ingestion computes it."""
    return identify(row.name, row.key).slug


def test_arena_july_to_august_2024_alerts() -> None:
    previous = real_board("lmarena", "lmarena", "lmarena/fboulnois_lmsys_2024-07-07.csv")
    current = real_board("lmarena", "lmarena", "lmarena/fboulnois_lmsys_2024-08-14.csv")
    rules = [
        rule(1, "channel:10", board_id="lmarena"),
        rule(2, "user:20", model="gpt-4o-0513", board_id="lmarena"),
        rule(3, "user:21", model="claude-3.5-sonnet-0620", board_id="lmarena"),
        rule(4, "user:22", model="claude-3.5-sonnet-0620", min_move=2, board_id="lmarena"),
    ]
    channel, dethroned, claude = plan_alerts("lmarena", previous, current, rules, slug)
    # Read from the two CSVs (renamed rows such as Gemini-Advanced-0514 -> "Gemini Advanced
    # App (2024-05-14)" followed by model): one new leader, 5 models in and 5 out of the top
    # 10, 6 moves of 3+ places touching it, and the same 5 newcomers: 22 changes, 20 sent.
    assert channel.destination == "channel:10"
    assert channel.omitted == 2
    kinds = [change.kind for change in channel.changes]
    assert (
        kinds
        == ["new_leader"]
        + ["entered_top"] * 5
        + ["left_top"] * 5
        + ["moved"] * 6
        + ["new_model"] * 3
    )
    entered = [change.key for change in channel.changes if change.kind == "entered_top"]
    assert entered == [
        "ChatGPT-4o-latest (2024-08-08)",
        "Gemini-1.5-Pro-Exp-0801",
        "GPT-4o-mini-2024-07-18",
        "Meta-Llama-3.1-405b-Instruct",
        "Gemini-1.5-Pro-001",
    ]
    moved = {(c.key, c.old_rank, c.new_rank) for c in channel.changes if c.kind == "moved"}
    assert moved == {
        ("GPT-4-Turbo-2024-04-09", 4, 7),
        ("Gemini-1.5-Pro-Preview-0409", 4, 7),
        ("Claude 3 Opus", 7, 11),
        ("GPT-4-1106-preview", 7, 11),
        ("GPT-4-0125-preview", 7, 12),
        ("Yi-Large-preview", 9, 14),
    }
    # GPT-4o-2024-05-13 went 1 -> 3: not a 3-place move, but its follower hears who took #1.
    assert dethroned.destination == "user:20"
    assert told(dethroned) == [("new_leader", "ChatGPT-4o-latest (2024-08-08)")]
    # Claude 3.5 Sonnet went 2 -> 4: only the follower asking for 2-place moves hears it.
    assert claude.destination == "user:22"
    assert [(c.kind, c.old_rank, c.new_rank) for c in claude.changes] == [("moved", 2, 4)]
