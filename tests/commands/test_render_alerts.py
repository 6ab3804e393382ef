"""Alert, notice and refresh rendering: the wording, and Discord's limits whatever the size."""

from __future__ import annotations

from datetime import date

from commands.admin import refresh_embed, report_lines
from commands.i18n import speaking
from commands.limits import TOTAL, fits
from commands.render_alerts import alert_messages, change_lines, notice_embed
from commands.subscriptions import subscribed_text
from data.domain.delivery import AlertSection, Notice, OutboxItem, Subscription, nonce
from data.domain.types import BoardInfo, BoardOutcome, LoadReport, RankChange

ARENA = BoardInfo("lmarena", "lmarena", "LMArena Text", "", "Arena score", "https://lmarena.ai")
LEADER = RankChange(
    "lmarena", "new_leader", "c", "ChatGPT-4o-latest", None, 1, None, 1316.0, "GPT-4o"
)
ENTERED = RankChange(
    "lmarena", "entered_top", "c", "ChatGPT-4o-latest", None, 1, None, 1316.0, top_n=5
)
ARRIVED = RankChange("lmarena", "new_model", "c", "ChatGPT-4o-latest", None, 1, None, 1316.0)
FELL = RankChange("lmarena", "moved", "q", "Qwen2-72B-Instruct", 20, 31, 1187.0, 1187.0)
LEFT = RankChange("lmarena", "left_top", "g", "Gemini_1.5*Pro", 3, None, 1261.0, None, top_n=5)


def test_a_models_changes_share_one_line() -> None:
    """Ranks once, then what they mean; names as published."""
    assert change_lines([LEADER, ENTERED, FELL, ARRIVED, LEFT]) == [
        "ChatGPT-4o-latest: new at #1 · new #1 (before: GPT-4o) · enters the top 5"
        " · new on the board",
        "Qwen2-72B-Instruct: #20 → #31 ▼11",
        "Gemini_1.5*Pro: was #3 · leaves the top 5",
    ]


def test_an_alert_is_one_embed_with_a_field_per_board_and_escaped_names() -> None:
    """Markdown in names is escaped, the board and date head the field."""
    section = AlertSection(ARENA, date(2024, 8, 14), (FELL, LEFT), omitted=3)
    [[embed]] = alert_messages(OutboxItem(1, "user:1", 1, sections=(section,)))
    data = embed.to_dict()
    assert data["title"] == "LMArena Text: ranking changes"
    [field] = data["fields"]
    assert field["name"] == "LMArena Text · as of 2024-08-14"
    assert field["value"].splitlines() == [
        "**Qwen2-72B-Instruct**: #20 → #31 ▼11",
        r"**Gemini\_1.5\*Pro**: was #3 · leaves the top 5",
        "… and 3 more",
    ]
    assert "2024-08-14" in data["footer"]["text"]


def test_the_previous_leader_is_escaped_like_every_other_name() -> None:
    """``(before: …)`` names a model too: Markdown in it is escaped in embeds, kept as
    published on terminals; scores show up to two decimals, no trailing zeros."""
    leader = RankChange(
        "lmarena", "new_leader", "c", "GPT_4o*", None, 1, None, 57.5, "Gemini_1.5*Pro"
    )
    score = RankChange("lmarena", "score_change", "c", "GPT_4o*", 1, 1, 57.46, 57.5)
    section = AlertSection(ARENA, date(2024, 8, 14), (leader, score))
    [[embed]] = alert_messages(OutboxItem(1, "user:1", 1, sections=(section,)))
    assert embed.to_dict()["fields"][0]["value"] == (
        r"**GPT\_4o\***: now #1 · new #1 (before: Gemini\_1.5\*Pro) · score 57.46 → 57.5"
    )
    assert change_lines([leader]) == ["GPT_4o*: now #1 · new #1 (before: Gemini_1.5*Pro)"]


def test_a_huge_alert_is_split_into_messages_that_each_fit() -> None:
    """Dozens of boards with long names: every message within the 6000 shared characters."""
    long_name = "Very-Long-Model-Name-" * 8
    changes = tuple(
        RankChange("b", "moved", f"k{i}", f"{long_name}{i}", i, i + 5, None, None)
        for i in range(20)
    )
    sections = tuple(
        AlertSection(
            BoardInfo(f"b{n}", "lmarena", f"Board {n}", "", "s", ""), date(2024, 1, 1), changes
        )
        for n in range(12)
    )
    messages = alert_messages(OutboxItem(1, "channel:5", 1, sections=sections))
    assert len(messages) > 1
    for embeds in messages:
        assert sum(len(embed) for embed in embeds) <= TOTAL
        assert all(fits(embed) for embed in embeds)
    shown = [f["value"] for embeds in messages for e in embeds for f in e.to_dict()["fields"]]
    assert sum(value.count("\n") + 1 for value in shown) == 12 * 20  # nothing dropped
    assert nonce(1, len(messages) - 1) != nonce(1, 0)


def test_a_notice_says_what_failed_and_what_is_paused() -> None:
    """Channel mentions never ping; the subscription and the way back are named."""
    subscription = Subscription(4, 9, 10, "channel:100", "lmarena", None, None, 10, 3)
    embed = notice_embed(Notice("channel:100", "forbidden", (subscription,)))
    text = embed.to_dict()["description"]
    assert "<#100>" in text and "missing permissions" in text
    assert "top of `lmarena` → <#100>" in text and "/subscribe" in text
    dm = notice_embed(Notice("user:7", "not_found", ()))
    assert "<@7>" in (dm.description or "")


def test_the_refresh_summary_shows_progress_then_outcomes_and_changes() -> None:
    """Waiting sources, new snapshots with their changes, refusals with the reason."""
    new = LoadReport(
        "lmarena",
        "u",
        "new",
        (
            BoardOutcome("lmarena", "new", 128, date(2024, 8, 14), (FELL,)),
            BoardOutcome("lmarena_coding", "new", 120, date(2024, 8, 14)),
        ),
    )
    refused = LoadReport("open_llm", "u", "refused", reason="most models vanished")
    titles = {"lmarena": "LMArena Text"}
    running = refresh_embed(
        ["lmarena", "open_llm"], {"open_llm": "fetching"}, {"lmarena": new}, titles
    )
    assert "Refreshing 2" in (running.description or "")
    assert [f.name for f in running.fields] == ["lmarena", "open_llm"]
    assert running.fields[1].value == "⏬ downloading…"
    done = refresh_embed(["lmarena", "open_llm"], {}, {"lmarena": new, "open_llm": refused}, titles)
    assert done.description == "Done: 1 with new data, 0 unchanged, 1 with problems."
    assert report_lines(new, titles) == [
        "✅ new snapshot",
        "**LMArena Text `lmarena`: 128 rows, as of 2024-08-14**",
        "**Qwen2-72B-Instruct**: #20 → #31 ▼11",
        "+ 1 category board updated",
    ]
    assert done.fields[1].value == "⛔ refused: most models vanished"
    assert fits(done)


def test_subscription_confirmations_say_what_will_happen() -> None:
    """DM for a model, the channel for a board."""
    model = Subscription(1, 1, 10, "user:1", None, "qwen-2", "Qwen2-72B-Instruct", 10, 3)
    assert subscribed_text(model).startswith("You will get a DM when **Qwen2-72B-Instruct** moves")
    assert "every main board" in subscribed_text(model)
    board = Subscription(2, 9, 10, "channel:100", "lmarena", None, None, 5, 3)
    assert subscribed_text(board) == "Changes in the top 5 of `lmarena` will be posted in <#100>."


def test_a_refresh_that_joined_a_wider_run_reports_only_its_sources() -> None:
    """/refresh open_llm joining a run of every source: done when open_llm is, counting it alone."""
    other = LoadReport(
        "lmarena", "u", "new", (BoardOutcome("lmarena", "new", 128, date(2024, 8, 14)),)
    )
    mine = LoadReport("open_llm", "u", "unchanged")
    running = refresh_embed(["open_llm"], {"lmarena": "done"}, {"lmarena": other}, {})
    assert running.description == "Refreshing 1 source…"
    assert [f.name for f in running.fields] == ["open_llm"]
    done = refresh_embed(["open_llm"], {}, {"lmarena": other, "open_llm": mine}, {})
    assert done.description == "Done: 0 with new data, 1 unchanged, 0 with problems."


def test_a_chinese_alert_is_worded_in_chinese_with_the_same_figures() -> None:
    """In zh-CN the title, the field, the changes and the footer are Chinese; names, ranks,
    movement and dates stay as they are."""
    section = AlertSection(ARENA, date(2024, 8, 14), (LEADER, ENTERED, FELL, LEFT), omitted=3)
    with speaking("zh-CN"):
        [[embed]] = alert_messages(OutboxItem(1, "user:1", 1, sections=(section,)))
    data = embed.to_dict()
    assert data["title"] == "LMArena Text：排名变化"
    [field] = data["fields"]
    assert field["name"] == "LMArena Text · 截至 2024-08-14"
    assert field["value"].splitlines() == [
        "**ChatGPT-4o-latest**：现为第 1 名 · 新的第 1 名（此前：GPT-4o） · 进入前 5 名",
        "**Qwen2-72B-Instruct**：第 20 名 → 第 31 名 ▼11",
        r"**Gemini\_1.5\*Pro**：原为第 3 名 · 跌出前 5 名",
        "…… 另有 3 项",
    ]
    assert data["footer"]["text"].startswith("快照 2024-08-14 · 用 /我的订阅 查看")


def test_a_chinese_notice_says_what_stopped_in_chinese() -> None:
    """A paused DM subscription is explained in zh-CN, its label too."""
    paused = Subscription(7, 1, None, "user:1", "lmarena", "qwen2", "Qwen2-72B-Instruct", 10, 3)
    notice = Notice("user:1", "forbidden", (paused,))
    with speaking("zh-CN"):
        embed = notice_embed(notice)
    assert embed.title == "提醒已暂停"
    assert embed.description is not None
    assert "Podium 无法向 <@1> 发送私信" in embed.description
    assert "`lmarena` 上的 Qwen2-72B-Instruct → 私信" in embed.description
