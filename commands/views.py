"""Interactive parts of answers: ``/top``'s page buttons and the "which model?" menu (with
the question it comes with, ``pick_embed``, whose candidate lines ``/search`` shares).

Both are ``DynamicItem``s registered once in ``setup_hook``: their custom_id says what they do
(``top:<board>:<page>:<digest>:<role>``, ``pick:<command>:<option>:<digest>``) and the answer's
footer holds the command it was computed from (``commands.state``), so they keep working on
old messages after a restart. Acting on them means running the command again through the cog
that owns it (``Answering``); rendering stays in the renderers, fetching in the service. The
``<board>`` of a page button only labels it (the footer says what to show): a board id too
long for Discord's 100 characters is shortened there (``board_key``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Sequence
from dataclasses import replace
from typing import Any, Protocol

import discord

from commands import wording
from commands.embeds import DEFAULT_COLOUR, error_embed, footer, literal
from commands.errors import error_message
from commands.i18n import speak, t, tn
from commands.limits import DESCRIPTION, TITLE, clip
from commands.parsing import parse_int, split_models
from commands.responding import report_error, send
from commands.spec import Options
from commands.state import attach, recover
from commands.text import COMMANDS, Invocation, digest
from commands.top import TOP
from commands.translator import interaction_locale
from data.domain.errors import QueryProblem
from data.domain.types import Candidate

PAGE_LABELS = {
    "f": "views.page.first",
    "p": "views.page.previous",
    "n": "views.page.next",
    "l": "views.page.last",
    "j": "views.page.jump",
}
#: Discord allows at most 25 options in a select menu, 100 characters per value.
SELECT_OPTIONS = 25
SELECT_TEXT = 100
#: Discord's limit on a component's custom_id.
CUSTOM_ID = 100
#: Hex digits of the hash that ends a shortened board id in a page button's custom_id.
BOARD_TAG = 8


class Answering(Protocol):
    """A cog that can answer its command for given options (typed or from a component)."""

    async def answer(
        self, interaction: discord.Interaction, options: Options, *, update: bool = False
    ) -> None:
        """Run the command for ``options`` and send (or, with ``update``, edit in) the answer."""


def answering(interaction: discord.Interaction, command: str) -> Answering:
    """The cog that owns ``/command`` in this client."""
    tree = getattr(interaction.client, "tree", None)
    found = tree.get_command(command) if tree is not None else None
    cog = getattr(found, "binding", None)
    if cog is None or not hasattr(cog, "answer"):
        raise QueryProblem("stale")
    return cog


async def guarded(interaction: discord.Interaction, work: Awaitable[None]) -> None:
    """Run a component's work with the same error boundary as commands (``bot/tree.py``):
    domain errors become short ephemeral messages, anything else is logged with an id. The
    answer speaks the language of whoever used the component."""
    speak(interaction_locale(interaction))
    try:
        await work
    except Exception as error:
        message = error_message(error, f"component {interaction.data}")
        await report_error(interaction, error_embed(message))


def _checked(interaction: discord.Interaction, command: str | None, expected: str) -> Invocation:
    """The answer's invocation, if it is the one the component was made for."""
    invocation = recover(interaction.message)
    if (command and invocation.name != command) or digest(invocation) != expected:
        raise QueryProblem("stale")
    return invocation


# --- /top pages -------------------------------------------------------------------------------


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=(
        r"top:(?P<board>[a-z0-9_]{1,90}):(?P<page>[0-9]{1,9})"
        r":(?P<digest>[0-9a-f]{8}):(?P<role>[fpnlj])"
    ),
):
    """First / previous / next / last page of a ``/top`` answer, or "go to" (role ``j``, whose
    ``page`` is the number of pages). ``board`` is the board id, or its ``board_key``."""

    def __init__(
        self, board: str, page: int, digest: str, role: str, *, disabled: bool = False
    ) -> None:
        """A button taking the answer to ``page``."""
        super().__init__(
            discord.ui.Button(
                label=t(PAGE_LABELS[role]),
                style=discord.ButtonStyle.secondary,
                custom_id=page_custom_id(board, page, digest, role),
                disabled=disabled,
            )
        )
        self.page = page
        self.digest = digest
        self.role = role

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: Any,
    ) -> PageButton:
        """Rebuild the button from a click on any message, this process's or not."""
        return cls(match["board"], int(match["page"]), match["digest"], match["role"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Show the page (editing the message), or open the "go to page" dialog."""
        await guarded(interaction, self._act(interaction))

    async def _act(self, interaction: discord.Interaction) -> None:
        invocation = _checked(interaction, "top", self.digest)
        if self.role == "j":
            await interaction.response.send_modal(JumpModal(invocation, pages=self.page))
            return
        options = replace(TOP.own(invocation.options), page=self.page)
        await answering(interaction, "top").answer(interaction, options, update=True)


class JumpModal(discord.ui.Modal):
    """Asks for a page number, then shows that page in place."""

    def __init__(self, invocation: Invocation, *, pages: int) -> None:
        """A dialog for the pages of ``invocation``'s answer."""
        super().__init__(title=t("views.jump_title"))
        self.invocation = invocation
        self.pages = pages
        self.page: discord.ui.TextInput[JumpModal] = discord.ui.TextInput(
            label=t("views.jump_label", pages=pages), max_length=len(str(pages)), required=True
        )
        self.add_item(self.page)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Show the page the user typed."""
        await guarded(interaction, self._act(interaction))

    async def _act(self, interaction: discord.Interaction) -> None:
        # Like /top's page option: past the end means the last page.
        page = min(parse_int(self.page.value, "page", 1), self.pages)
        options = replace(TOP.own(self.invocation.options), page=page)
        await answering(interaction, "top").answer(interaction, options, update=True)


def page_custom_id(board_id: str, page: int, digest: str, role: str) -> str:
    """``top:<board>:<page>:<digest>:<role>`` within Discord's ``CUSTOM_ID`` characters."""
    rest = f":{page}:{digest}:{role}"
    return f"top:{board_key(board_id, CUSTOM_ID - len('top:') - len(rest))}{rest}"


def board_key(board_id: str, room: int) -> str:
    """``board_id`` if it has at most ``room`` characters, else its first characters, ``_`` and
    ``BOARD_TAG`` hex digits of a hash of the whole id: ``room`` long, stable, still distinct."""
    if len(board_id) <= room:
        return board_id
    tag = hashlib.sha256(board_id.encode()).hexdigest()[:BOARD_TAG]
    return f"{board_id[: room - BOARD_TAG - 1]}_{tag}"


def page_view(board_id: str, page: int, pages: int, invocation: Invocation) -> discord.ui.View:
    """The page buttons of a ``/top`` answer (none are needed for a single page)."""
    view = discord.ui.View(timeout=None)
    if pages <= 1:
        return view
    key = digest(invocation)
    targets = {"f": 1, "p": max(page - 1, 1), "n": min(page + 1, pages), "l": pages, "j": pages}
    for role, target in targets.items():
        stuck = role != "j" and (page == 1 if role in "fp" else page == pages)
        view.add_item(PageButton(board_id, target, key, role, disabled=stuck))
    return view


# --- "which model did you mean?" ------------------------------------------------------------


class PickSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=(
        r"pick:(?P<command>[a-z]{1,20}):(?P<option>[a-z0-9_]{1,20})"
        r"(?:\.(?P<item>[0-9]))?:(?P<digest>[0-9a-f]{8})"
    ),
):
    """The candidates of an ambiguous model name; choosing one answers ``command`` as if that
    model had been typed in ``option`` (item ``item`` of a comma list such as ``models``)."""

    def __init__(
        self,
        command: str,
        option: str,
        item: int | None,
        digest: str,
        candidates: Sequence[Candidate] = (),
    ) -> None:
        """A menu listing ``candidates`` (empty when rebuilt from a click)."""
        slot = option if item is None else f"{option}.{item}"
        super().__init__(
            discord.ui.Select(
                custom_id=f"pick:{command}:{slot}:{digest}",
                placeholder=t("views.pick_placeholder"),
                options=_select_options(candidates) or [discord.SelectOption(label="–")],
            )
        )
        self.command = command
        self.option = option
        self.index = item
        self.digest = digest

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: Any,
    ) -> PickSelect:
        """Rebuild the menu from a choice on any message."""
        index = int(match["item"]) if match["item"] is not None else None
        return cls(match["command"], match["option"], index, match["digest"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Close the menu and answer with the chosen model, in a new message."""
        await guarded(interaction, self._act(interaction))

    async def _act(self, interaction: discord.Interaction) -> None:
        invocation = _checked(interaction, None, self.digest)
        chosen = self.item.values[0]
        if self.index is not None:  # one name of a list: the others stay
            names = split_models(getattr(invocation.options, self.option, None) or "")
            if self.index >= len(names):
                raise QueryProblem("stale")
            names[self.index] = chosen
            chosen = ", ".join(names)
        command = COMMANDS.get(self.command)
        if command is None or self.option not in command.options.names():
            raise QueryProblem("stale")
        # The same options (those the command has), with the chosen model in its place.
        options = command.options.adopt(invocation.options, **{self.option: chosen})
        # The menu has done its job: close it, then answer in a new message.
        await interaction.response.edit_message(view=None)
        await answering(interaction, self.command).answer(interaction, options)


def _select_options(candidates: Sequence[Candidate]) -> list[discord.SelectOption]:
    """One option per candidate model; the value is its canonical name, which resolves to it."""
    options: dict[str, discord.SelectOption] = {}
    for candidate in candidates:
        model = " ".join(candidate.model.split())
        if model in options or not model or len(model) > SELECT_TEXT:
            continue
        board = candidate.board_title or candidate.board_id
        example = t("views.pick_example", name=candidate.name, board=board)
        options[model] = discord.SelectOption(
            label=model, value=model, description=example[:SELECT_TEXT]
        )
    return list(options.values())[:SELECT_OPTIONS]


async def ask_which(
    interaction: discord.Interaction,
    invocation: Invocation,
    slot: tuple[str, int | None],
    query: str,
    candidates: Sequence[Candidate],
) -> None:
    """Ask, ephemerally, which of ``candidates`` the user meant by ``query`` (typed in option
    ``slot``); choosing one answers the same command with it."""
    option, item = slot
    board = getattr(invocation.options, "board", None)
    embed = attach(pick_embed(query, tuple(candidates), board), invocation)
    view = discord.ui.View(timeout=None)
    if _select_options(candidates):
        view.add_item(PickSelect(invocation.name, option, item, digest(invocation), candidates))
    await send(interaction, embed=embed, view=view, ephemeral=True)


def pick_embed(query: str, candidates: tuple[Candidate, ...], board: str | None) -> discord.Embed:
    """The ephemeral question when a model name is ambiguous; a select menu comes with it."""
    embed = discord.Embed(
        title=clip(t("views.pick_title", query=wording.sanitize(query, 80)), TITLE),
        colour=DEFAULT_COLOUR,
        description=description_lines([t("views.pick_hint"), *candidate_lines(candidates)]),
    )
    scope = t("views.scope", board=board) if board else ""
    embed.set_footer(text=footer(t("views.resolver_note"), scope))
    return embed


def candidate_lines(candidates: tuple[Candidate, ...]) -> list[str]:
    """One line per candidate model (its first listed row as the example)."""
    seen: dict[str, Candidate] = {}
    for candidate in candidates:
        seen.setdefault(candidate.model, candidate)
    return [
        t(
            "views.candidate",
            model=literal(c.model, 100),
            name=literal(c.name, 100),
            board=c.board_title or c.board_id,
        )
        for c in seen.values()
    ]


def description_lines(lines: list[str]) -> str:
    """Lines up to the description limit, then "… and N more"."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        if used + len(line) + 1 > DESCRIPTION - 40:
            kept.append(tn("list.more", len(lines) - index))
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)
