"""Every command end to end: the real PodiumBot, the loopback fake Discord, the mid-2024 files.

Each test injects an interaction and asserts on what the client posted back (callback type,
embeds, components, attachments), so discord.py's own serialisation is part of the test.
"""

from __future__ import annotations

import pytest

from bot.client import PodiumBot
from commands.charts import PNG_SIGNATURE
from commands.limits import EMBEDS_PER_MESSAGE, TOTAL

from .fake_discord import EPHEMERAL, GUILD_ID, FakeDiscord, FakeMessage

#: The interaction callback that edits the message a component is on (closes a menu).
UPDATE_MESSAGE = 7

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

DEFER = 5
DEFERRED_UPDATE = 6
UPDATE = 7
MODAL = 9


def embed_text(message: FakeMessage) -> str:
    """Everything an embed shows, as one string."""
    parts = []
    for embed in message.embeds:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
        parts.append(embed.get("footer", {}).get("text", ""))
    return "\n".join(parts)


async def shows(fake: FakeDiscord, message: FakeMessage, page: str) -> None:
    """Wait until ``message``'s footer shows ``page``: at once when the page was answered in
    place (type 7), or with the edit that follows a deferred update (type 6) on a busy machine."""
    footer = await fake.wait_for(
        lambda: (text := message.embeds[0]["footer"]["text"]) and page in text and text,
        what=f"{page} in the footer",
    )
    assert page in footer


def button(message: FakeMessage, role: str) -> str:
    """The custom_id of a page button by role: f(irst), p(revious), n(ext), l(ast), j(ump)."""
    return next(cid for cid in message.custom_ids if cid.endswith(f":{role}"))


async def test_every_command_is_synced_with_its_options(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    synced = {c["name"]: c for c in fake_discord.synced_commands(guild_id=GUILD_ID)}
    assert {"rank", "compare", "top", "history", "search", "boards", "about"} <= set(synced)
    options = [o["name"] for o in synced["compare"]["options"]]
    assert options == ["model1", "model2", "model3", "model4", "board", "as_of"]
    assert all(o["autocomplete"] for o in synced["compare"]["options"][:4])


async def test_compare_shows_both_models_and_the_expected_win_rate(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """2024-07-07: Qwen2 #20 (1187) vs Claude 3.5 Sonnet #2 (1272), a 62 % expected win rate."""
    interaction = await fake_discord.send_command(
        "compare",
        {"model1": "Qwen2-72B-Instruct", "model2": "Claude 3.5 Sonnet", "as_of": "2024-07-10"},
    )
    message = await interaction.wait_final()
    assert not message.ephemeral
    [embed] = message.embeds
    arena = next(f for f in embed["fields"] if f["name"] == "LMArena Text · 2024-07-07")
    assert "`A` **#20** of 115 · 1,187" in arena["value"]
    assert "`B` 🏆 **#2** of 115 · 1,272" in arena["value"]
    assert "B would beat A in 62% of battles" in arena["value"]
    assert "2024-07-07" in embed["footer"]["text"]
    assert interaction.response is not None
    # The answer's payload: the reply, or (deferred on a busy machine) the one filling it in.
    deferred = interaction.response.type == DEFER
    sent = message.edits[-1] if deferred else interaction.response.data
    assert sent["allowed_mentions"] == {"parse": []}


async def test_an_ambiguous_model_asks_which_then_answers_as_if_typed(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """'claude' fits several models: an ephemeral menu; choosing one runs /compare with it."""
    interaction = await fake_discord.send_command(
        "compare", {"model1": "qwen2 72b instruct", "model2": "claude"}
    )
    prompt = await interaction.wait_final()
    assert prompt.ephemeral
    [custom_id] = prompt.custom_ids
    assert custom_id.startswith("pick:compare:model2:")
    menu = prompt.component(custom_id)
    values = [option["value"] for option in menu["options"]]
    assert len(values) > 1 and all(len(v) <= 100 for v in values)
    chosen = next(v for v in values if v.startswith("Claude 3.5 Sonnet"))
    pick = await fake_discord.click(prompt, custom_id, values=[chosen])
    [answer] = await pick.wait_followups(1)
    assert not answer.ephemeral and answer is not prompt
    assert pick.callbacks[0].type == UPDATE_MESSAGE and not prompt.custom_ids  # menu closed
    assert answer.embeds[0]["title"] == f"Qwen2-72B-Instruct vs {chosen}"


async def test_rank_ambiguity_offers_the_candidates(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    interaction = await fake_discord.send_command("rank", {"model": "claude"})
    prompt = await interaction.wait_final()
    assert prompt.flags & EPHEMERAL
    assert prompt.embeds[0]["title"].startswith("Which model did you mean")
    [custom_id] = prompt.custom_ids
    chosen = prompt.component(custom_id)["options"][0]["value"]
    [answer] = await (await fake_discord.click(prompt, custom_id, values=[chosen])).wait_followups()
    assert answer.embeds[0]["title"] == chosen
    assert not prompt.custom_ids  # a menu closes once used


async def test_top_pages_with_buttons_and_a_go_to_dialog(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """Next edits the message to page 2; "Go to…" opens a dialog whose answer shows page 5."""
    interaction = await fake_discord.send_command("top", {"board": "lmarena", "n": 5})
    message = await interaction.wait_final()
    assert "page 1/26" in message.embeds[0]["footer"]["text"]  # 128 rows, 5 a page
    assert message.component(button(message, "p"))["disabled"] is True
    assert button(message, "n").startswith("top:lmarena:2:")
    click = await fake_discord.click(message, button(message, "n"))
    assert (await click.wait_response()).type in (UPDATE, DEFERRED_UPDATE)
    await shows(fake_discord, message, "page 2/26")
    assert "🥇" not in message.embeds[0]["description"]  # ranks 6-10 are not on the podium
    jump = await fake_discord.click(message, button(message, "j"))
    dialog = await jump.wait_response()
    assert dialog.type == MODAL
    [field] = [c["custom_id"] for row in dialog.data["components"] for c in row["components"]]
    submit = await fake_discord.submit_modal(jump, {field: "5"})
    assert (await submit.wait_response()).type in (UPDATE, DEFERRED_UPDATE)
    await shows(fake_discord, message, "page 5/26")


async def test_top_with_filters_and_a_category(bot: PodiumBot, fake_discord: FakeDiscord) -> None:
    interaction = await fake_discord.send_command(
        "top", {"board": "lmarena", "open_weights": True, "organization": "alibaba"}
    )
    text = embed_text(await interaction.wait_final())
    assert "Filters: open weights · organisation “alibaba”" in text
    assert "Qwen2-72B-Instruct" in text and "GPT-4o" not in text
    category = await fake_discord.send_command("top", {"board": "livebench", "category": "coding"})
    assert (await category.wait_final()).embeds[0]["title"] == "Top of LiveBench: Coding"


async def test_top_filter_a_board_cannot_answer_is_an_ephemeral_error(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    interaction = await fake_discord.send_command(
        "top", {"board": "alpacaeval", "open_weights": True}
    )
    message = await interaction.wait_final()
    assert message.ephemeral
    assert "does not publish licences" in message.embeds[0]["description"]


async def test_history_defers_then_attaches_the_chart(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """The callback is a "thinking" defer; the answer carries chart.png shown in the embed."""
    interaction = await fake_discord.send_command(
        "history", {"models": "Qwen2-72B-Instruct, claude 3.5 sonnet", "board": "lmarena"}
    )
    message = await interaction.wait_final()
    assert interaction.callbacks[0].type == DEFER
    [embed] = message.embeds
    assert embed["image"]["url"] == "attachment://chart.png"
    [chart] = message.files
    assert chart.filename == "chart.png" and chart.data.startswith(PNG_SIGNATURE)
    assert "#20" in embed_text(message) and "2024-08-14" in embed["footer"]["text"]


async def test_search_lists_the_spellings_and_offers_the_candidates(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    found = await fake_discord.send_command("search", {"text": "qwen2 72b instruct"})
    text = embed_text(await found.wait_final())
    assert "“Qwen2 72B Instruct”" in text and "`alpacaeval`" in text
    ambiguous = await fake_discord.send_command("search", {"text": "claude"})
    message = await ambiguous.wait_final()
    [custom_id] = message.custom_ids
    assert custom_id.startswith("pick:rank:model:")
    value = message.component(custom_id)["options"][0]["value"]
    [answer] = await (await fake_discord.click(message, custom_id, values=[value])).wait_followups()
    assert answer.embeds[0]["title"] == value  # /rank of the chosen model


async def test_boards_and_about_fit_one_message(bot: PodiumBot, fake_discord: FakeDiscord) -> None:
    boards = await (await fake_discord.send_command("boards")).wait_final()
    assert 1 <= len(boards.embeds) <= EMBEDS_PER_MESSAGE
    assert len(embed_text(boards)) <= TOTAL  # Discord counts the same parts (and fewer newlines)
    assert "LiveBench" in embed_text(boards) and "6 categories" in embed_text(boards)
    about = await (await fake_discord.send_command("about")).wait_final()
    assert about.embeds[0]["title"].startswith("Podium ")
    assert "Newest snapshot 2024-08-14" in embed_text(about)


async def test_autocomplete_for_lists_and_categories(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """A comma list completes its last name; categories are the chosen board's."""
    choices = await fake_discord.autocomplete(
        "history", {"models": "claude 3.5 sonnet, qwen2 72"}, focused="models"
    )
    assert "claude 3.5 sonnet, Qwen2-72B-Instruct" in [c["value"] for c in choices]
    categories = await fake_discord.autocomplete(
        "top", {"board": "livebench", "category": "co"}, focused="category"
    )
    assert [c["value"] for c in categories] == ["Coding"]


async def test_a_button_whose_answer_changed_is_refused_politely(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """The digest in the custom_id must match the command line in the footer: a mismatch
    (an edited or foreign message) gets a short ephemeral note, and the message is left alone."""
    message = await (await fake_discord.send_command("top", {"n": 5})).wait_final()
    footer = message.data["embeds"][0]["footer"]
    footer["text"] = footer["text"].replace("/top n:5", "/top n:6")
    click = await fake_discord.click(message, button(message, "n"))
    note = await click.wait_final()
    assert note.ephemeral and "older answer" in note.embeds[0]["description"]
    assert "page 1/" in message.embeds[0]["footer"]["text"]


async def test_history_of_a_picked_model_still_defers_and_attaches(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """The second name of the list is ambiguous; picking it draws the chart for both."""
    interaction = await fake_discord.send_command(
        "history", {"models": "qwen2 72b instruct, claude", "board": "lmarena"}
    )
    prompt = await interaction.wait_final()
    [custom_id] = prompt.custom_ids
    assert custom_id.startswith("pick:history:models.1:")
    options = prompt.component(custom_id)["options"]
    chosen = next(o["value"] for o in options if o["value"].startswith("Claude 3.5 Sonnet"))
    pick = await fake_discord.click(prompt, custom_id, values=[chosen])
    [chart] = await pick.wait_followups()
    assert pick.callbacks[0].type == UPDATE_MESSAGE  # the menu closes, the chart follows
    assert chart.embeds[0]["title"] == f"Qwen2-72B-Instruct vs {chosen} on LMArena Text"
    assert chart.files[0].data.startswith(PNG_SIGNATURE)
