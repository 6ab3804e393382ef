"""``/rank`` end to end: the real PodiumBot, through the loopback fake Discord, on real data."""

from __future__ import annotations

import pytest

from bot.client import PodiumBot
from tests.datasets import MID_2024

from .fake_discord import EPHEMERAL, GUILD_ID, FakeDiscord

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

#: The Arena page CSVs of 2024-07-07 and 2024-08-14.
DATA = MID_2024[:2]


async def test_commands_are_synced_once_to_the_dev_guild(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """setup_hook synced /rank (with its options) to the dev guild, not globally."""
    commands = {c["name"]: c for c in fake_discord.synced_commands(guild_id=GUILD_ID)}
    assert "rank" in commands
    assert [o["name"] for o in commands["rank"]["options"]] == ["model", "board", "as_of"]
    assert commands["rank"]["options"][0]["autocomplete"] is True
    assert fake_discord.synced_commands() == []


async def test_rank_answers_with_the_standing_on_the_board(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """Qwen2-72B-Instruct was #20 (1187) on 2024-07-07 and is found on 2024-08-14's board."""
    interaction = await fake_discord.send_command("rank", {"model": "qwen2"})
    final = await interaction.wait_final()
    assert not final.ephemeral
    [embed] = final.embeds
    assert embed["title"] == "Qwen2-72B-Instruct"
    [field] = embed["fields"]
    assert field["name"].endswith("LMArena Text")
    assert "of 128" in field["value"]
    # Imported 2024 data, asked about today: the board's date says it is stale.
    assert "⚠ stale: newest data 2024-08-14" in field["value"]
    assert "2024-08-14" in embed["footer"]["text"] and "⚠" in embed["footer"]["text"]
    callback = interaction.response
    assert callback is not None and callback.data.get("allowed_mentions") == {"parse": []}
    assert not fake_discord.unknown_routes


async def test_rank_on_one_board_shows_neighbours_and_what_the_rank_means(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """With board:, the embed has rank, score, CI, votes and the rows above and below."""
    interaction = await fake_discord.send_command(
        "rank", {"model": "Qwen2-72B-Instruct", "board": "lmarena", "as_of": "2024-07-10"}
    )
    [embed] = (await interaction.wait_final()).embeds
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Rank"].startswith("**#20")
    assert fields["Rank"].endswith("of 115")
    assert fields["Arena score"] == "1,187"
    assert fields["95% CI"] == "+4/-4"
    assert fields["Votes"] == "27,021"
    assert "→ **#20 Qwen2-72B-Instruct" in fields["Neighbours"]
    assert "Rank (UB)" in embed["description"]
    assert embed["footer"]["text"] == "LMArena Text · snapshot 2024-07-07"


async def test_unknown_model_gets_a_short_ephemeral_answer(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """No guess presented as an answer; never 'The application did not respond'."""
    interaction = await fake_discord.send_command("rank", {"model": "gpt-9"})
    final = await interaction.wait_final()
    assert final.flags & EPHEMERAL
    assert final.content.startswith("No model matches 'gpt-9'")
    assert not final.embeds


async def test_mentions_in_a_query_are_never_echoed_or_pinged(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """`@everyone` and user mentions are stripped from the echo, and nothing may ping."""
    interaction = await fake_discord.send_command(
        "rank", {"model": "@everyone <@4000000000000000004>"}
    )
    final = await interaction.wait_final()
    assert "@everyone" not in final.content and "<@" not in final.content
    assert interaction.response is not None
    assert interaction.response.data.get("allowed_mentions") == {"parse": []}


async def test_a_bad_date_is_explained(bot: PodiumBot, fake_discord: FakeDiscord) -> None:
    """as_of must be YYYY-MM-DD; the tree's error boundary says so, ephemerally."""
    interaction = await fake_discord.send_command("rank", {"model": "qwen2", "as_of": "July"})
    final = await interaction.wait_final()
    assert final.flags & EPHEMERAL
    assert "as_of" in final.embeds[0]["description"]


async def test_autocomplete_offers_known_names_within_limits(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """At most 25 non-empty choices, Qwen2-72B-Instruct among them for 'qwen2 72'."""
    choices = await fake_discord.autocomplete("rank", {"model": "qwen2 72"}, focused="model")
    names = [choice["name"] for choice in choices]
    assert 0 < len(names) <= 25
    assert "Qwen2-72B-Instruct" in names
    assert all(name and len(name) <= 100 for name in names)


async def test_after_a_slow_answer_deferred_publicly_a_miss_is_still_private(
    bot: PodiumBot, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the answer took long enough to defer ("thinking…", public), 'no model matches'
    must not fill that public message: the placeholder goes, the answer is ephemeral."""
    monkeypatch.setattr("commands.responding.DEFER_AFTER_S", 0)
    miss = await fake_discord.send_command("rank", {"model": "gpt-9"})
    assert (await miss.wait_response()).type == 5
    final = await miss.wait_final()
    assert final.flags & EPHEMERAL and final.content.startswith("No model matches 'gpt-9'")
    assert miss.original is not None and miss.original.deleted

    hit = await fake_discord.send_command("rank", {"model": "qwen2"})
    answer = await hit.wait_final()
    assert not answer.ephemeral and answer.embeds[0]["title"] == "Qwen2-72B-Instruct"
    assert hit.original is answer and not answer.deleted
