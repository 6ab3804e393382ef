"""Each command's options (as text, the way the console types them and Discord's values are
passed on) turned into the one service call the command makes.

Discord cogs, component callbacks and the console all run commands through these functions,
so an option means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import metadata

from commands import Services
from commands.parsing import (
    BadOption,
    parse_bool,
    parse_date,
    parse_int,
    parse_number,
    split_models,
)
from data.domain.filters import DEFAULT_PER_PAGE, MAX_PER_PAGE
from data.domain.types import (
    AboutInfo,
    BoardSummary,
    Comparison,
    History,
    RankResult,
    SearchResult,
    TopFilters,
    TopPage,
)

Options = dict[str, str]
#: The options of ``/compare`` that name models, in order.
COMPARE_MODELS = ("model1", "model2", "model3", "model4")
#: Most models ``/compare`` and ``/history`` take.
MAX_MODELS = len(COMPARE_MODELS)


@dataclass(frozen=True, slots=True)
class About:
    """``/about``: the running version and the data's freshness."""

    version: str
    info: AboutInfo


def compare_options(options: Options) -> Options:
    """``model1..model4`` with any list (``gpt-4o, claude``) spread over the following slots,
    so that every model option holds one name."""
    names = [name for key in COMPARE_MODELS for name in split_models(options.get(key, ""))]
    if len(names) > MAX_MODELS:
        raise BadOption("models", "expect.at_most_models", count=MAX_MODELS)
    rest = {key: value for key, value in options.items() if key not in COMPARE_MODELS}
    return {**dict(zip(COMPARE_MODELS, names, strict=False)), **rest}


def history_models(options: Options) -> list[str]:
    """The models of ``/history``'s ``models`` option (one name or a list)."""
    names = split_models(options.get("models", ""))
    if not 1 <= len(names) <= MAX_MODELS:
        raise BadOption("models", "expect.model_list", count=MAX_MODELS)
    return names


async def rank(services: Services, options: Options) -> RankResult:
    """``/rank model [board] [as_of]``."""
    return await services.leaderboards.rank(options["model"], options.get("board"), _date(options))


async def compare(services: Services, options: Options) -> Comparison:
    """``/compare model1 model2 [model3] [model4] [board] [as_of]``."""
    spread = compare_options(options)
    models = [spread[key] for key in COMPARE_MODELS if key in spread]
    return await services.leaderboards.compare(models, spread.get("board"), _date(options))


async def top(services: Services, options: Options) -> TopPage:
    """``/top [board] [n] [category] [filters...] [page] [as_of]``; a page past the end shows
    the last one (a board's size is only known once it is read)."""
    filters = TopFilters(
        open_weights=parse_bool(options["open_weights"], "open_weights")
        if "open_weights" in options
        else False,
        organization=options.get("organization") or None,
        license=options.get("license") or None,
        min_params=_number(options, "min_params"),
        max_params=_number(options, "max_params"),
    )
    return await services.leaderboards.top(
        options.get("board"),
        category=options.get("category") or None,
        filters=filters,
        page=parse_int(options["page"], "page", 1) if "page" in options else 1,
        per_page=parse_int(options["n"], "n", 1, MAX_PER_PAGE)
        if "n" in options
        else DEFAULT_PER_PAGE,
        as_of=_date(options),
    )


async def history(services: Services, options: Options) -> History:
    """``/history models [board]``."""
    return await services.leaderboards.history(history_models(options), options.get("board"))


async def search(services: Services, options: Options) -> SearchResult:
    """``/search text [board]``."""
    return await services.leaderboards.search(options["text"], options.get("board"))


async def boards(services: Services, options: Options) -> list[BoardSummary]:
    """``/boards``."""
    return await services.leaderboards.board_summaries()


async def about(services: Services, options: Options) -> About:
    """``/about``."""
    return About(version(), await services.leaderboards.about())


def version() -> str:
    """Podium's installed version."""
    try:
        return metadata.version("podium")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def _date(options: Options) -> date | None:
    return parse_date(options["as_of"]) if options.get("as_of") else None


def _number(options: Options, option: str) -> float | None:
    return parse_number(options[option], option) if options.get(option) else None


def options_of(**values: str | int | float | bool | None) -> Options:
    """Typed Discord option values as the text options the runners read (unset ones left out)."""
    options: Options = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            options[name] = "yes" if value else "no"
        elif isinstance(value, float):
            options[name] = f"{value:g}"
        else:
            options[name] = str(value)
    return options
