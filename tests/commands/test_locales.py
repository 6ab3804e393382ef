"""Which locale an answer speaks: Discord's locale strings, the fallbacks, the settings."""

from __future__ import annotations

from types import SimpleNamespace

import discord
import pytest
from pydantic import ValidationError

from bot.cli import main
from bot.settings import Settings
from commands.i18n import current_locale, speaking, t
from commands.translator import interaction_locale
from data.domain.locales import parse_locale


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("zh-CN", "zh-CN"),
        ("zh", "zh-CN"),
        ("zh_CN.UTF-8", "zh-CN"),
        ("zh-Hans-CN", "zh-CN"),
        ("zh-TW", None),  # Traditional Chinese is not Simplified
        ("en-US", "en-US"),
        ("en-GB", "en-US"),
        ("EN", "en-US"),
        ("fr", None),
        ("", None),
        (None, None),
    ],
)
def test_locale_spellings(given: str | None, expected: str | None) -> None:
    """Discord's, POSIX and BCP 47 spellings of the two locales; anything else is None."""
    assert parse_locale(given) == expected


def interaction(user: str, guild: str | None) -> discord.Interaction:
    return SimpleNamespace(  # type: ignore[return-value]
        locale=discord.Locale(user), guild_locale=discord.Locale(guild) if guild else None
    )


@pytest.mark.parametrize(
    ("user", "guild", "expected"),
    [
        ("zh-CN", "en-US", "zh-CN"),  # the user's own locale first
        ("en-GB", "zh-CN", "en-US"),
        ("fr", "zh-CN", "zh-CN"),  # a locale Podium does not speak: the server's
        ("fr", None, "en-US"),  # in a DM: English
        ("zh-TW", "de", "en-US"),
    ],
)
def test_an_interaction_is_answered_in_the_users_then_the_servers_locale(
    user: str, guild: str | None, expected: str
) -> None:
    """interaction.locale, else interaction.guild_locale, else English."""
    assert interaction_locale(interaction(user, guild)) == expected


def test_speaking_is_scoped() -> None:
    """Inside ``speaking`` the catalogue answers in that locale, and only there."""
    assert current_locale() == "en-US"
    with speaking("zh-CN"):
        assert t("alert.title_many") == "排名变化"
    assert t("alert.title_many") == "Ranking changes"


def test_podium_locale_accepts_common_spellings_and_refuses_others() -> None:
    """PODIUM_LOCALE=zh_CN is zh-CN; an unknown locale fails at start."""
    assert Settings(_env_file=None, PODIUM_LOCALE="zh_CN").locale == "zh-CN"  # type: ignore[call-arg]
    assert Settings(_env_file=None).locale == "en-US"  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Settings(_env_file=None, PODIUM_LOCALE="klingon")  # type: ignore[call-arg]


def test_an_unknown_locale_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """``podium ask --locale xx`` exits 2 naming the locales Podium speaks."""
    assert main(["ask", "--locale", "xx", "/about"]) == 2
    assert "en-US, zh-CN" in capsys.readouterr().err
