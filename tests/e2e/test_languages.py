"""Answers speak the user's language: zh-CN and en-US interactions through the fake Discord.

Discord sends the user's client language (``locale``) with every interaction and, in a
server, the server's preferred one (``guild_locale``); Podium answers in the first of them it
speaks, else in English.
"""

from __future__ import annotations

import pytest

from bot.client import PodiumBot

from .fake_discord import MODERATOR_PERMISSIONS, FakeDiscord, FakeMessage

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]


def shown(message: FakeMessage) -> str:
    """The message's text and everything its embeds show."""
    parts = [message.content or ""]
    for embed in message.embeds:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
        parts.append(embed.get("footer", {}).get("text", ""))
    return "\n".join(parts)


async def answer(fake: FakeDiscord, name: str, options: dict[str, str], **context: str) -> str:
    interaction = await fake.send_command(name, options, **context)
    return shown(await interaction.wait_final())


#: One command per family, with words of each language its answer must contain (answers and
#: the messages for names and options Podium cannot use).
FAMILIES = [
    ("rank", {"model": "qwen2 72b instruct"}, {}, "Ranked on", "个榜单上有排名"),
    ("compare", {"model1": "qwen2 72b instruct", "model2": "gpt-4o"}, {}, "shared", "共同榜单"),
    ("top", {"board": "lmarena"}, {}, "Top of", "榜首"),
    ("history", {"models": "qwen2 72b instruct"}, {}, "Rank and", "排名和"),
    ("search", {"text": "qwen2 72b instruct"}, {}, "listed on", "个榜单上列出"),
    ("boards", {}, {}, "Last check", "最近检查"),
    ("about", {}, {}, "Newest snapshot", "最新快照"),
    ("rank", {"model": "zzqqxx"}, {}, "No model matches", "没有与"),
    ("compare", {"model1": "qwen2", "model2": "qwen2"}, {}, "twice", "两次"),
    ("top", {"board": "nosuchboard"}, {}, "No board called", "没有名为"),
    ("history", {"models": "zzqqxx"}, {}, "No model matches", "没有与"),
    ("search", {"text": "qwen2", "board": "nosuchboard"}, {}, "No board called", "没有名为"),
    ("subscriptions", {}, {}, "None yet", "还没有订阅"),
    ("config show", {}, {"permissions": MODERATOR_PERMISSIONS}, "Alert channel", "提醒频道"),
]


@pytest.mark.parametrize(
    ("name", "options", "context", "english", "chinese"),
    FAMILIES,
    ids=[f"{family[0]}-{index}" for index, family in enumerate(FAMILIES)],
)
async def test_a_chinese_user_gets_chinese_and_an_english_user_english(
    bot: PodiumBot,
    fake_discord: FakeDiscord,
    name: str,
    options: dict[str, str],
    context: dict[str, str],
    english: str,
    chinese: str,
) -> None:
    """The same command in zh-CN and in en-US: each answer in its user's language only."""
    zh = await answer(fake_discord, name, options, locale="zh-CN", **context)
    en = await answer(fake_discord, name, options, locale="en-US", **context)
    assert chinese in zh and english not in zh
    assert english in en and chinese not in en


async def test_a_language_podium_does_not_speak_falls_back_to_the_servers(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """A French client in a server whose preferred language is Chinese: Chinese; in a
    server preferring German: English."""
    options = {"model": "zzqqxx"}
    assert "没有与" in await answer(
        fake_discord, "rank", options, locale="fr", guild_locale="zh-CN"
    )
    assert "No model matches" in await answer(
        fake_discord, "rank", options, locale="fr", guild_locale="de"
    )
    assert "No model matches" in await answer(
        fake_discord, "rank", options, locale="en-GB", guild_locale="zh-CN"
    )


async def test_page_buttons_speak_the_language_of_whoever_asked(
    bot: PodiumBot, fake_discord: FakeDiscord
) -> None:
    """/top's buttons are labelled in the user's language; a click answers in the clicker's."""
    interaction = await fake_discord.send_command("top", {"board": "lmarena"}, locale="zh-CN")
    message = await interaction.wait_final()
    labels = [message.component(cid).get("label") for cid in message.custom_ids]
    assert "下一页 ▶" in labels and "Next ▶" not in labels
    next_page = next(cid for cid in message.custom_ids if cid.endswith(":n"))
    await fake_discord.click(message, next_page, locale="en-US")
    footer = await fake_discord.wait_for(
        lambda: (text := message.embeds[0]["footer"]["text"]) and "page 2/" in text and text,
        what="page 2 in English",
    )
    assert "page 2/" in footer and "Top of" in message.embeds[0]["title"]
