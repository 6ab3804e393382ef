"""Property test: whatever the board and the query, every answer fits Discord's limits.

Real boards (mid-2024 files plus the Arena's 58 category boards of 2025-12-11) and
hypothesis-made queries and names (long, markdown, CJK, emoji, control characters) go
through the renderers; every embed must pass ``commands.limits.fits``, and every message must
hold at most 10 embeds and 6000 characters in total, the command line in the footer included.
Every test runs once per locale Podium speaks (the ``locale`` fixture).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

import discord
import pytest
import pytest_asyncio
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.services import open_services
from bot.settings import Settings
from commands.about import About
from commands.about.cog import about_embed
from commands.boards.cog import boards_embeds
from commands.compare.cog import compare_embed
from commands.embeds import error_embed, message_size
from commands.errors import PROBLEMS, error_text
from commands.history.cog import history_embed
from commands.i18n import current_locale, speaking
from commands.limits import EMBEDS_PER_MESSAGE, TOTAL, add_fields, fits
from commands.parsing import BadOption
from commands.rank.cog import rank_embed
from commands.search.cog import search_embed
from commands.state import attach
from commands.text import COMMANDS, Invocation
from commands.top.cog import top_embed
from commands.views import pick_embed
from data.domain.categories import categories_of
from data.domain.compare import compare_board
from data.domain.errors import QueryProblem
from data.domain.filters import top_page
from data.domain.locales import LOCALES, Locale
from data.domain.types import (
    AboutInfo,
    BoardInfo,
    BoardStanding,
    BoardSummary,
    Candidate,
    Comparison,
    History,
    HistoryPoint,
    HistorySeries,
    ModelChoice,
    Neighbour,
    RankResult,
    Row,
    SearchResult,
    SourceFreshness,
    TopFilters,
)
from data.sources import board_facts
from data.store.repositories import LeaderboardRepository
from data.store.session import create_engine, create_session_factory
from tests.datasets import MID_2024, load

#: The tests that read the real boards share one database, on the module's event loop.
ON_DATABASE = pytest.mark.asyncio(loop_scope="module")

LIMITS_DATA = (
    *MID_2024,
    ("lmarena", ("lmarena/arenacatalog_leaderboard-text_2025-12-11.json",)),
    ("lmarena", ("lmarena/arenacatalog_leaderboard-text-style-control_2025-12-11.json",)),
)
#: Names and texts at their worst: long, markdown, mentions, CJK, emoji, control characters.
ODD = st.text(min_size=1, max_size=300) | st.sampled_from(
    [
        "x" * 300,
        "**bold** `code` ||spoiler|| __under__ ~~strike~~ > quote # head",
        "@everyone <@4000000000000000004> https://example.org/" + "a" * 200,
        "文心一言4.0(API)" * 20,
        "🥇" * 150,
        "line\nbreak\r\n\ttab\u200b\u202e",
    ]
)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    # Renderers are checked on what is drawn; how many draws ``assume`` rejects (it depends on
    # the boards loaded) says nothing about them and must not fail the suite.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
        HealthCheck.too_slow,
    ],
)


@pytest.fixture(autouse=True, params=LOCALES)
def locale(request: pytest.FixtureRequest) -> Iterator[Locale]:
    """Render in each locale in turn: a translation may be longer than the English."""
    with speaking(request.param):
        yield request.param


@dataclass(frozen=True)
class Board:
    """A real board with its current rows."""

    info: BoardInfo
    as_of: date
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Catalogue:
    boards: dict[str, Board]
    summaries: list[BoardSummary]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def catalogue(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Catalogue]:
    """Every board's current rows, read once from a SQLite database of real files."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('limits') / 'podium.sqlite3'}"
    settings_ = Settings(
        _env_file=None,  # type: ignore[call-arg]
        PODIUM_DATABASE_URL=url,
        PODIUM_BUNDLED_DATA=False,
        PODIUM_MAX_VANISHED_SHARE=1.0,
    )
    async with open_services(settings_) as services:
        await load(services, LIMITS_DATA)
        engine = create_engine(url)  # the test reads the store directly
        try:
            async with create_session_factory(engine)() as session:
                repo = LeaderboardRepository(session)
                infos = await repo.boards()
                boards = {
                    s.board_id: Board(infos[s.board_id], s.as_of, tuple(await repo.rows(s.id)))
                    for s in await repo.current_snapshots()
                }
        finally:
            await engine.dispose()
        yield Catalogue(boards, await services.leaderboards.board_summaries())


def check(*embeds: discord.Embed) -> None:
    """The message-level rules on top of each embed's own."""
    assert 1 <= len(embeds) <= EMBEDS_PER_MESSAGE
    assert all(fits(embed) for embed in embeds), [embed.to_dict() for embed in embeds]
    assert message_size(embeds) <= TOTAL


def test_the_last_field_leaves_room_for_the_footer_too() -> None:
    """Found by ``test_rank_fits_for_any_standings``: the last of 19 boards was added whatever
    its size, and the footer set after it took the embed past 6000 characters."""
    embed = discord.Embed(title="t" * 256)
    add_fields(embed, [(f"board {i}", "v" * 1000, False) for i in range(6)], "boards")
    embed.set_footer(text="f" * 190)
    assert fits(embed)
    assert embed.fields[-1].value == "and 1 more boards"


def with_command_line(embed: discord.Embed, name: str, values: list[str]) -> discord.Embed:
    """The embed as a cog sends it: the (odd, long) command line in its footer."""
    options = COMMANDS[name].options
    texts: dict[str, str] = {}
    for option, value in zip(options.names(), values, strict=False):
        try:  # odd text where the option takes text; a number or a date would be refused
            options.from_text({**texts, option: value})
        except BadOption:
            continue
        texts[option] = value
    return attach(embed, Invocation(name, options.from_text(texts)))


@ON_DATABASE
async def test_top_fits_on_every_board(catalogue: Catalogue) -> None:
    @SETTINGS
    @given(
        board=st.sampled_from(sorted(catalogue.boards)),
        per_page=st.integers(1, 25),
        page=st.integers(1, 60),
        open_weights=st.booleans(),
        organization=st.none() | ODD,
        values=st.lists(ODD, max_size=10),
    )
    def run(
        board: str,
        per_page: int,
        page: int,
        open_weights: bool,
        organization: str | None,
        values: list[str],
    ) -> None:
        chosen = catalogue.boards[board]
        filters = TopFilters(open_weights=open_weights, organization=organization)
        try:
            facts = board_facts(chosen.info.board_id)
            result = top_page(
                chosen.info, chosen.as_of, chosen.rows, filters, page, per_page, facts=facts
            )
        except QueryProblem:
            assume(False)
        check(with_command_line(top_embed(result), "top", values))

    run()


@ON_DATABASE
async def test_top_fits_with_the_longest_names(catalogue: Catalogue) -> None:
    """25 rows per page, every name replaced by a 300-character odd one."""

    @SETTINGS
    @given(
        board=st.sampled_from(sorted(catalogue.boards)),
        names=st.lists(ODD, min_size=25, max_size=25),
    )
    def run(board: str, names: list[str]) -> None:
        chosen = catalogue.boards[board]
        rows = [replace(row, name=name) for row, name in zip(chosen.rows, names, strict=False)]
        facts = board_facts(chosen.info.board_id)
        check(
            top_embed(top_page(chosen.info, chosen.as_of, rows, TopFilters(), 1, 25, facts=facts))
        )

    run()


@ON_DATABASE
async def test_rank_fits_for_any_standings(catalogue: Catalogue) -> None:
    @SETTINGS
    @given(
        picks=st.lists(
            st.tuples(st.sampled_from(sorted(catalogue.boards)), st.integers(0, 10**6)),
            min_size=1,
            max_size=90,
        ),
        query=ODD,
        name=st.none() | ODD,
    )
    def run(picks: list[tuple[str, int]], query: str, name: str | None) -> None:
        standings = []
        for board_id, index in picks:
            chosen = catalogue.boards[board_id]
            row = chosen.rows[index % len(chosen.rows)]
            if name is not None:
                row = replace(row, name=name)
            standings.append(
                BoardStanding(
                    chosen.info,
                    row,
                    chosen.as_of,
                    len(chosen.rows),
                    above=(Neighbour(name or "above", 1, 1.0),),
                    below=(Neighbour(name or "below", None, None),),
                    previous_rank=index % 50 or None,
                    tied_with=index % 4,
                )
            )
        every = RankResult(query, "match", name, tuple(standings))
        one = RankResult(query, "match", name, tuple(standings[:1]), board_filter=picks[0][0])
        check(rank_embed(every))
        check(rank_embed(one))

    run()


@ON_DATABASE
async def test_compare_fits_for_any_models_on_any_boards(catalogue: Catalogue) -> None:
    mains = sorted(b for b, board in catalogue.boards.items() if board.info.category is None)
    infos = {b: board.info for b, board in catalogue.boards.items()}

    @SETTINGS
    @given(
        boards=st.lists(st.sampled_from(mains), min_size=1, max_size=14, unique=True),
        indexes=st.lists(st.integers(0, 10**6), min_size=2, max_size=4),
        names=st.lists(ODD, min_size=4, max_size=4),
        values=st.lists(ODD, max_size=6),
    )
    def run(boards: list[str], indexes: list[int], names: list[str], values: list[str]) -> None:
        compared = []
        for board_id in boards:
            chosen = catalogue.boards[board_id]
            rows = [chosen.rows[i % len(chosen.rows)] for i in indexes]
            categories = [
                (info, len(catalogue.boards[info.board_id].rows), rows)
                for info in categories_of(chosen.info, infos)
            ]
            compared.append(
                compare_board(
                    chosen.info,
                    chosen.as_of,
                    len(chosen.rows),
                    rows,
                    categories,
                    board_facts(chosen.info.board_id),
                )
            )
        choices = tuple(ModelChoice(n, "match", n) for n in names[: len(indexes)])
        result = Comparison(choices, tuple(compared))
        check(with_command_line(compare_embed(result), "compare", values))

    run()


@SETTINGS
@given(
    names=st.lists(ODD, min_size=1, max_size=4),
    counts=st.lists(st.integers(1, 80), min_size=4, max_size=4),
    label=ODD,
    chosen=st.booleans(),
)
def test_history_fits(names: list[str], counts: list[int], label: str, chosen: bool) -> None:
    board = BoardInfo("lmarena", "lmarena", label, label, label[:100], "https://lmarena.ai")
    series = tuple(
        HistorySeries(
            name,
            tuple(
                HistoryPoint(
                    date(2024, 1, 1) + timedelta(days=day), day + 1, 1000.5 + day, 300, name, label
                )
                for day in range(count)
            ),
        )
        for name, count in zip(names, counts, strict=False)
    )
    choices = tuple(ModelChoice(name, "match", name) for name in names)
    check(history_embed(History(choices, board, series, chosen)))


@SETTINGS
@given(
    query=ODD,
    status=st.sampled_from(["match", "ambiguous", "none"]),
    candidates=st.lists(st.tuples(ODD, ODD, ODD), max_size=80),
    values=st.lists(ODD, max_size=2),
)
def test_search_and_the_which_model_prompt_fit(
    query: str, status: str, candidates: list[tuple[str, str, str]], values: list[str]
) -> None:
    found = tuple(Candidate(board[:64], name, model, 90.0) for board, name, model in candidates)
    result = SearchResult(query, status, found, board_filter=values[0][:64] if values else None)  # type: ignore[arg-type]
    check(with_command_line(search_embed(result), "search", values))
    check(with_command_line(pick_embed(query, found, result.board_filter), "rank", values))


@ON_DATABASE
async def test_boards_fit_with_every_real_board_and_more(catalogue: Catalogue) -> None:
    """Dozens of Arena category boards, plus odd extra sources, in one message."""
    check(*boards_embeds(catalogue.summaries))

    @SETTINGS
    @given(extra=st.lists(st.tuples(ODD, ODD, st.booleans()), max_size=60))
    def run(extra: list[tuple[str, str, bool]]) -> None:
        summaries = list(catalogue.summaries)
        for index, (title, text, category) in enumerate(extra):
            source = f"source{index % 4}"
            info = BoardInfo(
                f"{source}_{index}" if category else source,
                source,
                title,
                text,
                "Score",
                "https://example.org",
                category=title if category else None,
            )
            summaries.append(
                BoardSummary(info, date(2024, 1, 1), 10, text, text, source_title=title)
            )
        check(*boards_embeds(summaries))

    run()


@SETTINGS
@given(text=ODD, count=st.integers(0, 30))
def test_about_and_errors_fit(text: str, count: int) -> None:
    sources = tuple(
        SourceFreshness(f"{text[:20]}{i}", text, "https://example.org", i, None)
        for i in range(count)
    )
    check(about_embed(About(text[:50], AboutInfo(sources, count, count))))
    for reason in PROBLEMS:
        check(error_embed(error_text(QueryProblem(reason, text, (text,) * count))))


@ON_DATABASE
async def test_each_test_renders_in_its_locale(catalogue: Catalogue, locale: Locale) -> None:
    """The locale fixture reaches the renderers of database-backed (async) tests too."""
    assert current_locale() == locale


@SETTINGS
@given(st.just(0))
def test_each_property_renders_in_its_locale(locale: Locale, _: int) -> None:
    """... and of hypothesis properties."""
    assert current_locale() == locale
