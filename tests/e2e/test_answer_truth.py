"""Issue 10 through Discord: the real PodiumBot against the loopback fake, on real files.

The right model (never another maker's), the right board (never a silent guess), the base model
only when asked, the row a one-board answer is titled with, other versions listed beside the
answer, menus that close once used, and "not there" said as an answer.
"""

from __future__ import annotations

import pytest

from bot.client import PodiumBot
from tests.datasets import MID_2024

from .fake_discord import EPHEMERAL, FakeDiscord

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

#: Mid-2024 plus the 2025 Arena page (Kimi K2, dated GPT-4o) and LiveBench 2026 (no Qwen2).
DATA = (
    *MID_2024,
    ("lmarena", ("lmarena/fboulnois_lmarena_text_2025-08-04.csv",)),
    (
        "livebench",
        (
            "livebench/livebench_table_2026_01_08_as_of_2026-06-30.csv",
            "livebench/livebench_categories_2026_01_08.json",
        ),
    ),
)


async def _text(fake_discord: FakeDiscord, command: str, options: dict[str, str]) -> str:
    message = await (await fake_discord.send_command(command, options)).wait_final()
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']} {f['value']}" for f in embed.get("fields", [])]
    return "\n".join(parts)


async def test_kimi_k2_is_moonshots_model(bot: PodiumBot, fake_discord: FakeDiscord) -> None:
    """`/rank kimi k2` answers Moonshot's Kimi K2; autocomplete never offers LLM360's K2 as it."""
    message = await (await fake_discord.send_command("rank", {"model": "kimi k2"})).wait_final()
    [embed] = message.embeds
    assert "kimi-k2" in embed["title"].lower() and "LLM360" not in embed["title"]
    choices = await fake_discord.autocomplete("rank", {"model": "kimi k2"}, focused="model")
    names = [c["name"] for c in choices]
    assert names and "kimi" in names[0].lower()
    assert len(names) == len({n.casefold() for n in names})  # one entry per model


async def test_a_model_not_on_the_board_is_absent_with_the_reason(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """Qwen2 on SuperCLUE: not "no model matches", but where Podium looked."""
    text = await _text(fake_discord, "rank", {"model": "qwen2", "board": "superclue"})
    assert "Qwen2-72B-Instruct is not on SuperCLUE" in text
    assert "Podium has SuperCLUE" in text and "No model matches" not in text
    early = await _text(
        fake_discord, "rank", {"model": "qwen2", "board": "open_llm", "as_of": "2024-07-12"}
    )
    assert "no Open LLM Leaderboard v2 snapshot before 2024-07-13" in early


async def test_one_board_answer_is_titled_with_the_row_it_shows(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """`/rank gpt-4 board:superclue`: titled with the row shown; the other GPT4 row is also."""
    message = await (
        await fake_discord.send_command("rank", {"model": "gpt-4", "board": "superclue"})
    ).wait_final()
    [embed] = message.embeds
    shown = next(name for name in ("GPT4(网页)", "GPT4(API)") if name in embed["title"])
    other = ({"GPT4(网页)", "GPT4(API)"} - {shown}).pop()
    assert f"also: {other}" in embed["description"]


async def test_family_and_size_mean_the_chat_model(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """`qwen2 72b` on the Open LLM board is the Instruct model; `base` asks for the base one."""
    chat = await _text(fake_discord, "rank", {"model": "qwen2 72b", "board": "open_llm"})
    assert "Qwen/Qwen2-72B-Instruct" in chat and "also: Qwen/Qwen2-72B" in chat
    base = await _text(fake_discord, "rank", {"model": "qwen2 72b base", "board": "open_llm"})
    assert "Qwen/Qwen2-72B on" in base


async def test_boards_by_nickname_and_never_a_silent_guess(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """`chatbot arena` is LMArena; `models` is no board: suggestions, not SuperCLUE."""
    arena = await _text(fake_discord, "rank", {"model": "qwen2", "board": "chatbot arena"})
    assert "on LMArena Text" in arena
    message = await (
        await fake_discord.send_command("rank", {"model": "qwen2", "board": "models"})
    ).wait_final()
    assert message.flags & EPHEMERAL
    assert "No board called 'models'; did you mean" in (
        message.content or message.embeds[0]["description"]
    )


async def test_nonsense_and_finetunes(bot: PodiumBot, fake_discord: FakeDiscord) -> None:
    """`@here hi` matches nothing; DeepSeek V2 on Arena-Hard is absent, not DeepSeek-Coder-V2."""
    nonsense = await _text(fake_discord, "rank", {"model": "@here hi"})
    assert "No model matches" in nonsense
    sibling = await _text(fake_discord, "rank", {"model": "deepseek v2", "board": "arena_hard"})
    assert "is not on Arena-Hard-Auto" in sibling and "coder" not in sibling.lower()


async def test_dated_versions_are_listed_beside_the_answer(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """`/rank gpt-4o` on the Arena answers one snapshot and lists the others."""
    text = await _text(fake_discord, "rank", {"model": "gpt-4o", "board": "lmarena"})
    assert "also:" in text and "GPT-4o-2024-08-06" in text


async def test_history_on_a_board_uses_its_past_snapshots(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """Qwen2 is not in LiveBench's 2026 release; its 2024 points still chart."""
    interaction = await fake_discord.send_command(
        "history", {"models": "qwen2", "board": "livebench"}
    )
    message = await interaction.wait_final()
    [embed] = message.embeds
    assert "LiveBench" in embed["title"] and "Qwen2-72B-Instruct" in embed["title"]


async def test_a_menu_shows_board_titles_and_closes_once_used(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """`claude` asks which model (board titles, not ids); the menu goes once a model is picked."""
    prompt = await (await fake_discord.send_command("rank", {"model": "claude"})).wait_final()
    [custom_id] = prompt.custom_ids
    options = prompt.component(custom_id)["options"]
    assert all("_" not in option["description"] for option in options)  # titles, not ids
    pick = await fake_discord.click(prompt, custom_id, values=[options[0]["value"]])
    [answer] = await pick.wait_followups()
    assert answer.embeds[0]["title"] == options[0]["value"]
    assert not prompt.custom_ids
