"""The languages Podium speaks, named as Discord names locales (``en-US``, ``zh-CN``).

Pure: the data layer stores a subscriber's locale with these values, the command layer picks
its catalogue by them. Anything else a client reports (``fr``, ``zh-TW``) is not a Podium
locale: whoever asks falls back to the next choice (the server's locale, then English).
"""

from __future__ import annotations

from typing import Literal

Locale = Literal["en-US", "zh-CN"]
LOCALES: tuple[Locale, ...] = ("en-US", "zh-CN")
DEFAULT_LOCALE: Locale = "en-US"

#: Spellings of Simplified Chinese: Discord's ``zh-CN``, POSIX ``zh_CN``, BCP 47 ``zh-Hans``.
_SIMPLIFIED = ("zh", "zh-cn", "zh-sg", "zh-hans")


def parse_locale(value: str | None) -> Locale | None:
    """``value`` as a Podium locale, or None when Podium does not speak it.

    ``zh-CN``, ``zh``, ``zh_CN``, ``zh-Hans-CN`` → ``zh-CN`` (Traditional Chinese ``zh-TW``
    is not Simplified: None); ``en``, ``en-US``, ``en-GB``, ``en_US.UTF-8`` → ``en-US``.
    """
    if not value:
        return None
    tag = value.split(".")[0].replace("_", "-").strip().lower()
    if tag == "en" or tag.startswith("en-"):
        return "en-US"
    if tag in _SIMPLIFIED or tag.startswith("zh-hans"):
        return "zh-CN"
    return None
