"""Per-user cooldowns of the expensive commands, end to end (``commands.cooldowns``).

One user asking twice in a row for a chart, a four-model comparison or a filtered page of the
largest board gets "try again in N s" the second time; other users, other commands, cheaper
variants, page turns and requests that found nothing are not held up.
"""

from __future__ import annotations

import re

import pytest

from bot.client import PodiumBot
from commands.cooldowns import LARGE_BOARD_ROWS

from .fake_discord import ALICE, FakeDiscord, FakeMessage, FakeUser

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

COOLDOWN_S = 60
BOB = FakeUser(4000000000000000005, "bob", "Bob")
CAROL = FakeUser(4000000000000000006, "carol", "Carol")
DATA = (
    ("lmarena", ("lmarena/fboulnois_lmsys_2024-07-07.csv",)),
    ("lmarena", ("lmarena/fboulnois_lmsys_2024-08-14.csv",)),
    ("open_llm", ("open_llm_leaderboard/fboulnois_huggingface_v2_2024-12-31.csv",)),
)
FOUR = {
    "model1": "Qwen2-72B-Instruct",
    "model2": "Claude 3.5 Sonnet",
    "model3": "GPT-4o-2024-05-13",
    "model4": "GPT-4o-mini-2024-07-18",
}
SLOW_DOWN = re.compile(r"Slow down: try again in (\d+) s\.")


async def ask(
    fake: FakeDiscord, name: str, options: dict[str, object], user: FakeUser
) -> FakeMessage:
    interaction = await fake.send_command(name, options, user=user)  # type: ignore[arg-type]
    return await interaction.wait_final()


def held_up(message: FakeMessage) -> bool:
    """Whether this is the private "slow down" answer, with a wait within the cooldown."""
    if not message.ephemeral or not message.embeds:
        return False
    found = SLOW_DOWN.fullmatch(message.embeds[0].get("description", ""))
    return found is not None and 1 <= int(found[1]) <= COOLDOWN_S


async def test_a_second_chart_in_a_row_waits_but_nobody_else_does(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    chart = {"models": "Qwen2-72B-Instruct", "board": "lmarena"}
    first = await ask(fake_discord, "history", chart, ALICE)
    assert first.files and not first.ephemeral
    assert held_up(await ask(fake_discord, "history", chart, ALICE))
    assert (await ask(fake_discord, "history", chart, BOB)).files  # another user
    rank = await ask(fake_discord, "rank", {"model": "qwen2 72b instruct"}, ALICE)
    assert not rank.ephemeral and "Qwen2-72B-Instruct" in rank.embeds[0]["title"]
    # A request that found nothing costs nothing.
    missing = await ask(fake_discord, "history", {"models": "no-such-model-xyz"}, CAROL)
    assert missing.ephemeral and not held_up(missing)
    assert (await ask(fake_discord, "history", chart, CAROL)).files


async def test_four_models_wait_between_comparisons_two_do_not(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    user = FakeUser(4000000000000000011, "dave", "Dave")
    assert not (await ask(fake_discord, "compare", FOUR, user)).ephemeral
    assert held_up(await ask(fake_discord, "compare", FOUR, user))
    two = {key: FOUR[key] for key in ("model1", "model2")}
    for _ in range(2):
        assert not (await ask(fake_discord, "compare", two, user)).ephemeral


async def test_filtered_pages_of_the_largest_board_wait_page_turns_do_not(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """Filtering the Open LLM Leaderboard (thousands of rows) twice in a row waits; turning
    its pages and unfiltered pages do not. (Which board a new request names is only known
    once it runs, so the wait applies to any filtered ``/top`` of that user meanwhile.)"""
    assert (await bot.services.leaderboards.top("open_llm")).board_size >= LARGE_BOARD_ROWS
    user = FakeUser(4000000000000000012, "erin", "Erin")
    filtered = {"board": "open_llm", "min_params": 7.0, "n": 5}
    first = await ask(fake_discord, "top", filtered, user)
    assert not first.ephemeral
    next_page = next(cid for cid in first.custom_ids if cid.endswith(":n"))
    turned = await (await fake_discord.click(first, next_page, user=user)).wait_final()
    assert not held_up(turned)
    assert held_up(await ask(fake_discord, "top", filtered, user))
    unfiltered = await ask(fake_discord, "top", {"board": "open_llm", "n": 5}, user)
    assert not unfiltered.ephemeral
    small = FakeUser(4000000000000000013, "frank", "Frank")
    for _ in range(2):  # the Arena's few hundred rows are not among the largest
        answer = await ask(fake_discord, "top", {"board": "lmarena", "open_weights": True}, small)
        assert not answer.ephemeral
