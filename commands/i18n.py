"""The message catalogue: every user-facing text, by key, in each locale Podium speaks.

The texts live in gettext catalogues, ``commands/locales/<ll_CC>/LC_MESSAGES/podium.po``, one
per locale, keyed by message ids such as ``alert.title`` (not by the English text: English is
a locale like any other, and a test can say which keys a locale lacks or no code uses). Texts
use named ``{placeholders}``; a count that changes the wording is a gettext plural (English
has two forms, Chinese one). Babel compiles each ``.po`` into a ``.mo`` in memory the first
time a locale is used, so the package ships only its own sources and nothing is generated at
build time.

Which locale speaks is the caller's context (``speaking``): the command tree sets it for an
interaction (its user's locale, else the server's, else English), the alert worker for each
subscriber, the console from ``--locale``. Renderers just ask ``t(key, ...)``, so they stay
pure functions of their inputs and the current locale.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from decimal import Decimal
from functools import cache
from importlib import resources

from babel import dates, numbers
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from data.domain.locales import DEFAULT_LOCALE, Locale

DOMAIN = "podium"

#: The locale the current task speaks; each asyncio task (interaction) has its own.
_speaking: ContextVar[Locale] = ContextVar("podium_locale", default=DEFAULT_LOCALE)


def babel_name(locale: Locale) -> str:
    """The catalogue directory (and Babel locale) of ``locale``: ``zh-CN`` -> ``zh_CN``."""
    return locale.replace("-", "_")


@cache
def catalogue(locale: Locale) -> Catalog:
    """The parsed ``.po`` catalogue of ``locale`` (read once per process)."""
    path = resources.files("commands") / "locales" / babel_name(locale) / "LC_MESSAGES"
    with (path / f"{DOMAIN}.po").open("rb") as source:
        return read_po(source, locale=babel_name(locale), domain=DOMAIN)


@cache
def translations(locale: Locale) -> Translations:
    """``locale``'s catalogue compiled to a ``.mo`` in memory, as gettext reads it."""
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(locale))
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def current_locale() -> Locale:
    """The locale of the answer being rendered."""
    return _speaking.get()


@contextmanager
def speaking(locale: Locale) -> Iterator[Locale]:
    """Render in ``locale`` inside the ``with`` block."""
    token = _speaking.set(locale)
    try:
        yield locale
    finally:
        _speaking.reset(token)


def speak(locale: Locale) -> None:
    """Render in ``locale`` for the rest of the current task (an interaction's own task)."""
    _speaking.set(locale)


def t(key: str, /, **values: object) -> str:
    """The text of ``key`` in the current locale, its ``{placeholders}`` filled."""
    return translations(current_locale()).gettext(key).format(**values)


def tn(key: str, count: int, /, **values: object) -> str:
    """The text of plural ``key`` for ``count`` in the current locale; ``{count}`` and the
    other placeholders filled."""
    text = translations(current_locale()).ngettext(key, key, count)
    return text.format(count=count, **values)


def t_in(locale: Locale, key: str, /, **values: object) -> str:
    """``t`` in a given locale, whatever the current one (command names and descriptions)."""
    with speaking(locale):
        return t(key, **values)


def has_key(locale: Locale, key: str) -> bool:
    """Whether ``locale``'s catalogue has ``key`` (autocomplete labels may have none)."""
    return bool(key) and key in catalogue(locale)


def decimal(value: float, places: int = 2) -> str:
    """``value`` with at most ``places`` decimals, no trailing zeros, grouped by the locale's
    rules (Babel): ``1,187``, ``57.46``. Rounded as Python rounds the float, so every locale
    shows the same figure."""
    rounded = Decimal(f"{value:.{places}f}")
    pattern = "#,##0." + "#" * places if places else "#,##0"
    text = numbers.format_decimal(rounded, format=pattern, locale=babel_name(current_locale()))
    return "0" if text == "-0" else text


def moment(when: datetime) -> str:
    """A time of day in the locale's pattern (``format.datetime``, through Babel):
    ``2026-12-01 14:00`` / ``2026年12月1日 14:00``, in the time's own zone (UTC)."""
    pattern = t("format.datetime")
    return dates.format_datetime(
        when, pattern, tzinfo=when.tzinfo, locale=babel_name(current_locale())
    )
