"""What a command is, apart from Discord: its typed options and its renderings.

A command's options are a frozen dataclass (a subclass of ``Options``): the cog fills it from
Discord's typed values, the console from ``name:value`` text (``Options.from_text``), and the
footer of an answer keeps it as text (``Options.to_text``) so that buttons can rebuild it
after a restart. The same object goes to the one service call of the command, so an option
means the same everywhere, and its name is written once (the console's table is built from
these classes; the cog's signature must match them, which a test checks).

A ``Command`` ties the options to that call and to the renderings the console prints (rich)
or returns (JSON). Nothing here imports discord.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Generic, Protocol, Self, TypeVar

from rich.console import RenderableType

from commands import Services
from commands.parsing import parse_bool, parse_date, parse_int, parse_number

#: ``podium ask --json``'s answer (``json.dumps``-able).
JsonObject = dict[str, object]


class UsageError(Exception):
    """The text is not a command we can run; the message says why, in one line."""


def bounded(low: int, high: int | None = None) -> Mapping[str, int | None]:
    """Field metadata: a whole-number option's allowed range (``high`` ``None``: no limit)."""
    return {"low": low, "high": high}


@dataclass(frozen=True, slots=True)
class Options:
    """A command's options, in Discord's order (the dataclass fields); unset ones are
    ``None``. Fields are ``str``, ``int`` (``bounded`` metadata), ``float`` (billions of
    parameters), ``bool`` or ``date``; one without a default is required.

    Subclasses override ``normalized`` (``/compare`` spreads a list over its model options)
    and ``missing`` (what is still missing once normalized)."""

    #: Required options that have a default all the same (filled in at run time).
    also_required: ClassVar[tuple[str, ...]] = ()
    #: Options that say where in a result to look, not what to compute (left out of digests).
    position: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The option names, in order."""
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def required(cls) -> tuple[str, ...]:
        """The options a user must give."""
        return tuple(
            f.name
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING or f.name in cls.also_required
        )

    @classmethod
    def from_text(cls, texts: Mapping[str, str]) -> Self:
        """Options from their console form (``BadOption`` for a value that does not read);
        empty values are unset, required ones missing are left empty for ``missing``."""
        hints = _hints(cls)
        values: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            text = texts.get(f.name, "")
            if text:
                values[f.name] = _parse(hints[f.name], text, f.name, f.metadata)
            elif f.default is dataclasses.MISSING:
                values[f.name] = ""
        build: Callable[..., Self] = cls
        return build(**values).normalized()

    @classmethod
    def adopt(cls, other: Options, **changes: str) -> Self:
        """These options from another command's (those of the same name), then ``changes``:
        choosing a model in ``/search``'s menu answers ``/rank`` for it, on the same board."""
        mine = set(cls.names())
        values = {name: getattr(other, name) for name in other.names() if name in mine}
        build: Callable[..., Self] = cls
        return build(**{**values, **changes})

    def normalized(self) -> Self:
        """The options as the command reads them (by default, as they are)."""
        return self

    def missing(self) -> tuple[str, ...]:
        """The required options that are not set."""
        return tuple(name for name in self.required() if not getattr(self, name))

    def to_text(self, *, positions: bool = True) -> dict[str, str]:
        """The set options in their console form, which ``from_text`` reads back."""
        texts = {}
        for name in self.names():
            value = getattr(self, name)
            if value is None or value == "" or (not positions and name in self.position):
                continue
            texts[name] = _format(value)
        return texts


#: ``_hints`` of each options class, read once.
_HINTS: dict[type[Options], dict[str, type]] = {}


def _hints(cls: type[Options]) -> dict[str, type]:
    """Each field's type, ``X | None`` read as ``X``."""
    if cls not in _HINTS:
        hints = {}
        for name, hint in typing.get_type_hints(cls).items():
            if isinstance(hint, types.UnionType):
                hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
            hints[name] = hint
        _HINTS[cls] = hints
    return _HINTS[cls]


def _parse(kind: type, text: str, name: str, metadata: Mapping[str, object]) -> object:
    if kind is bool:
        return parse_bool(text, name)
    if kind is int:
        low, high = metadata.get("low", 1), metadata.get("high")
        assert isinstance(low, int) and (high is None or isinstance(high, int))
        return parse_int(text, name, low, high)
    if kind is float:
        return parse_number(text, name)
    if kind is date:
        return parse_date(text, name)
    return " ".join(text.split())


def _format(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value).removesuffix(".0")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


OptionsT = TypeVar("OptionsT", bound=Options)
ResultT = TypeVar("ResultT")


@dataclass(frozen=True, slots=True)
class Answer:
    """A result ready for the console: its JSON form, its rich form, its chart (if any);
    each computed only when asked for."""

    payload: Callable[[], JsonObject]
    view: Callable[[], RenderableType]
    chart: Callable[[], bytes | None]


class Runnable(Protocol):
    """A command as the console uses it, whatever its options and result types."""

    @property
    def name(self) -> str:
        """The command's name (``rank`` for ``/rank``)."""

    @property
    def options(self) -> type[Options]:
        """The command's options."""

    async def answer(self, services: Services, options: Options) -> Answer:
        """Run the command for ``options``."""


@dataclass(frozen=True, slots=True)
class Command(Generic[OptionsT, ResultT]):
    """A command: its options, the service call that answers it, and its console renderings.

    ``chart`` draws the PNG a result comes with, if any (``/history``).
    """

    name: str
    options: type[OptionsT]
    run: Callable[[Services, OptionsT], Awaitable[ResultT]]
    payload: Callable[[ResultT], JsonObject]
    view: Callable[[ResultT], RenderableType]
    chart: Callable[[ResultT], bytes | None] | None = None

    def own(self, options: Options) -> OptionsT:
        """``options``, which must be this command's (a component rebuilds them from the
        footer of an answer of this command)."""
        if not isinstance(options, self.options):
            raise TypeError(f"/{self.name} does not take {type(options).__name__}")
        return options

    async def answer(self, services: Services, options: Options) -> Answer:
        """Run the command for ``options`` (which must be this command's)."""
        result = await self.run(services, self.own(options))
        draw = self.chart
        return Answer(
            payload=lambda: self.payload(result),
            view=lambda: self.view(result),
            chart=lambda: draw(result) if draw is not None else None,
        )
