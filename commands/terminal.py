"""What several commands' terminal renderings (rich, for the console and ``podium ask``)
share; each command's own rendering is in its module."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from commands import wording
from commands.resolution import choice_text
from data.domain.types import ModelChoice


def choices_view(choices: tuple[ModelChoice, ...]) -> RenderableType:
    """The first unresolved query of a multi-model command, with its candidates."""
    choice = next(c for c in choices if c.status != "match")
    return Text(choice_text(choice, wording.plain), style="yellow")
