"""``/compare`` in Discord: the cog and the embed."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.autocomplete import board_choices, model_choices
from commands.compare import COMPARE, MODELS, CompareOptions, compared_date
from commands.cooldowns import Expensive, compare_kind
from commands.embeds import (
    BEST_MARK,
    code_fields,
    colour,
    footer,
    literal,
    table,
)
from commands.i18n import t, tn
from commands.limits import DESCRIPTION, TITLE, add_fields, clip
from commands.parsing import optional_date
from commands.resolution import choice_text
from commands.responding import compute, send
from commands.spec import Options
from commands.text import Invocation
from commands.translator import english
from commands.views import (
    ask_which,
)
from data.domain.types import BoardComparison, CompareCell, CompareLine, Comparison

#: Models are columns ``A``..``D`` in tables; the description says which is which.
LETTERS = "ABCD"


class CompareCommands(commands.Cog):
    """Two to four models, board by board."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="compare", description=english("compare"))
    @app_commands.describe(
        model1=english("compare", "model1"),
        model2=english("compare", "model2"),
        model3=english("compare", "model3"),
        model4=english("compare", "model4"),
        board=english("compare", "board"),
        as_of=english("compare", "as_of"),
    )
    async def compare(
        self,
        interaction: discord.Interaction,
        model1: app_commands.Range[str, 1, 200],
        model2: app_commands.Range[str, 1, 200],
        model3: app_commands.Range[str, 1, 200] | None = None,
        model4: app_commands.Range[str, 1, 200] | None = None,
        board: app_commands.Range[str, 1, 100] | None = None,
        as_of: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        """Answer with the comparison; an ambiguous name asks which model was meant."""
        options = CompareOptions(
            model1, model2, model3, model4, board, optional_date(as_of)
        ).normalized()
        kind = _cost(options)
        if kind is not None:
            self.services.cooldowns.check(kind, interaction.user.id)
        await self.answer(interaction, options)

    async def answer(
        self, interaction: discord.Interaction, options: Options, *, update: bool = False
    ) -> None:
        """``/compare`` for ``options``: typed, or with a model picked from the candidates."""
        mine = COMPARE.own(options).normalized()
        result = await compute(interaction, COMPARE.run(self.services, mine))
        if result.status == "match":
            kind = _cost(mine)
            if kind is not None:
                self.services.cooldowns.spend(kind, interaction.user.id)
            await send(interaction, embed=compare_embed(result))
            return
        index, choice = next((i, c) for i, c in enumerate(result.choices) if c.status != "match")
        if choice.status == "ambiguous":
            slot = (MODELS[index], None)
            invocation = Invocation(COMPARE.name, mine)
            await ask_which(interaction, invocation, slot, choice.query, choice.candidates)
        else:
            text = choice_text(choice, literal)
            await send(interaction, content=text, ephemeral=True)

    @compare.autocomplete("model1")
    @compare.autocomplete("model2")
    @compare.autocomplete("model3")
    @compare.autocomplete("model4")
    async def _model_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return model_choices(self.services, current, getattr(interaction.namespace, "board", None))

    @compare.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)


def _cost(options: CompareOptions) -> Expensive | None:
    """The cooldown a comparison of these (spread) options falls under, if any."""
    return compare_kind(len(options.models()))


def compare_embed(result: Comparison) -> discord.Embed:
    """One field per board: each model's rank and score, then categories and metrics in an
    aligned table; on Arena boards the expected win rate of the leader."""
    models = result.models
    title = clip(t("compare.vs").join(models), TITLE)
    first = result.boards[0].board.source_id if result.boards else None
    embed = discord.Embed(title=title, colour=colour(first))
    legend = "\n".join(
        t("compare.legend", letter=letter, model=literal(model, 80))
        for letter, model in zip(LETTERS, models, strict=False)
    )
    intro = tn("compare.intro", len(result.boards))
    if any(compared.details for compared in result.boards):
        intro += " " + t("compare.table_note", mark=BEST_MARK)
    embed.description = clip(f"{legend}\n{intro}", DESCRIPTION)
    fields: list[tuple[str, str, bool]] = []
    for compared in result.boards:
        fields.extend(_board_fields(compared, models))
    add_fields(embed, fields, "boards")
    dates = [c.as_of for c in result.boards]
    embed.set_footer(
        text=footer(
            t("compare.snapshots", span=wording.dates_span(dates)),
            t("compare.as_of", date=result.as_of.isoformat()) if result.as_of else "",
            wording.not_live([c.state for c in result.boards]),
            t("compare.sources_hint"),
        )
    )
    return embed


def _board_fields(
    compared: BoardComparison, models: tuple[str, ...]
) -> list[tuple[str, str, bool]]:
    board = compared.board
    name = f"{wording.board_title(board)} · {compared_date(compared)}"
    versions = compared.versions or (None,) * len(models)
    lines = [
        _overall_line(letter, cell, compared.overall.board_size)
        + (" · " + t("rank.version", version=f"`{clip(version, 100)}`") if version else "")
        for letter, cell, version in zip(LETTERS, compared.overall.cells, versions, strict=False)
    ]
    odds = _odds_lines(compared, models)
    fields = [(name, clip("\n".join(lines + odds), 1024), False)]
    if compared.details:
        header, rows = _detail_table(compared.details, len(models))
        fields.extend(
            code_fields(t("compare.details", board=wording.board_title(board)), rows, header)
        )
    return fields


def _overall_line(letter: str, cell: CompareCell | None, size: int | None) -> str:
    if cell is None:
        return f"`{letter}` {t('compare.no_figure')}"
    # One submission run with two compared models is one result: one trophy, at its first cell.
    mark = "🏆 " if cell.best and cell.same_as is None else ""
    rank = wording.cell_rank(cell.rank, cell.rank_note)
    of = t("compare.of", size=size) if size and cell.rank is not None else ""
    line = f"`{letter}` {mark}**{rank}**{of} · {wording.number(cell.value)}"
    if cell.cost_per_question is not None:
        line += f" · {wording.cost(cell.cost_per_question)}"
    if cell.submission_models:
        line += (
            f" · {literal(clip(cell.name, 80))}{wording.submission_models(cell.submission_models)}"
        )
    if cell.same_as is not None:
        line += " · " + t("compare.same_submission", letter=f"`{LETTERS[cell.same_as]}`")
    return line


def _odds_lines(compared: BoardComparison, models: tuple[str, ...]) -> list[str]:
    if compared.leader is None:
        return []
    leader = compared.leader
    return [
        t("compare.odds", leader=LETTERS[leader], other=LETTERS[i], share=wording.percent(odds))
        for i, odds in enumerate(compared.leader_odds)
        if odds is not None
    ]


def _detail_table(lines: tuple[CompareLine, ...], count: int) -> tuple[str, list[str]]:
    """Category and metric lines as an aligned table: a label, then one column per model."""
    rows = [["", *(f"{letter} " for letter in LETTERS[:count])]]
    rows += [[clip(line.label, 16), *(_value(cell) for cell in line.cells)] for line in lines]
    aligned = table(rows, [False] + [True] * count)
    return aligned[0], aligned[1:]


def _value(cell: CompareCell | None) -> str:
    # Every value keeps one column for the mark, so the numbers stay right-aligned.
    if cell is None:
        return "– "
    return wording.number(cell.value) + (BEST_MARK if cell.best else " ")
