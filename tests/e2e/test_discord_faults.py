"""Discord misbehaving while Podium answers: 429s (per route and global) and 5xx on the
interaction callback and on the edit that fills a deferred answer; a dropped gateway. Every
user still gets exactly one answer and the bot keeps going. (Alert messages under 429/5xx are
in ``test_alerts.py``.)
"""

from __future__ import annotations

import asyncio

import pytest

from bot.client import PodiumBot
from commands.charts import PNG_SIGNATURE
from tests.datasets import MID_2024

from .fake_discord import FakeDiscord, FakeUser

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

#: The Arena page CSVs of 2024-07-07 and 2024-08-14.
DATA = MID_2024[:2]

CALLBACK = "/interactions/*/callback"
BOB = FakeUser(4000000000000000005, "bob", "Bob")


def statuses(fake: FakeDiscord, path: str) -> list[int | None]:
    return [r.status for r in fake.requests if r.method == "POST" and r.path.endswith(path)]


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ({"status": 429, "retry_after": 0.2}, [429, 200]),
        ({"status": 429, "retry_after": 0.2, "global_limit": True}, [429, 200]),
        ({"status": 500}, [500, 200]),
    ],
    ids=["429-route", "429-global", "500"],
)
async def test_a_refused_callback_is_retried_and_answered_once(
    bot: PodiumBot, fake_discord: FakeDiscord, fault: dict[str, object], expected: list[int]
) -> None:
    """discord.py waits out a 429 (per route or global) and retries a 500 itself, within the
    3 s Discord allows the first answer."""
    fake_discord.fail_next("POST", CALLBACK, **fault)  # type: ignore[arg-type]
    interaction = await fake_discord.send_command("rank", {"model": "qwen2"})
    final = await interaction.wait_final()
    assert final.embeds[0]["title"] == "Qwen2-72B-Instruct"
    assert statuses(fake_discord, "/callback") == expected
    assert len([c for c in interaction.callbacks if c.accepted]) == 1


async def test_a_global_429_holds_every_route_then_everyone_is_answered(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """While the bot-wide limit lasts, a second user's answer waits too; both arrive once."""
    fake_discord.fail_next("POST", CALLBACK, status=429, retry_after=0.5, global_limit=True)
    first = await fake_discord.send_command("rank", {"model": "qwen2"})
    second = await fake_discord.send_command("rank", {"model": "claude 3.5 sonnet"}, user=BOB)
    answers = await asyncio.gather(first.wait_final(), second.wait_final())
    assert answers[0].embeds[0]["title"] == "Qwen2-72B-Instruct"
    assert answers[1].embeds[0]["title"].startswith("Claude 3.5 Sonnet")
    assert statuses(fake_discord, "/callback").count(429) == 1
    assert [len([c for c in i.callbacks if c.accepted]) for i in (first, second)] == [1, 1]


async def test_a_5xx_on_the_deferred_answer_is_retried_and_the_chart_arrives_once(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """/history defers, then Discord answers 503 to the edit carrying the chart: the edit is
    tried again (discord.py's webhook requests retry 5xx) and the chart arrives, once."""
    edit = "/webhooks/*/*/messages/@original"
    fake_discord.fail_next("PATCH", edit, status=503)
    interaction = await fake_discord.send_command("history", {"models": "qwen2 72b instruct"})
    final = await interaction.wait_final()
    assert final.files and final.files[0].data.startswith(PNG_SIGNATURE)
    edits = [r.status for r in fake_discord.requests if r.method == "PATCH"]
    assert edits == [503, 200]
    assert interaction.followups == []


async def test_a_dropped_gateway_resumes_and_commands_are_answered(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    await fake_discord.drop_connection()
    await fake_discord.wait_for_resume()
    interaction = await fake_discord.send_command("rank", {"model": "qwen2"})
    assert (await interaction.wait_final()).embeds[0]["title"] == "Qwen2-72B-Instruct"
