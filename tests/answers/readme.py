"""The commands the README shows, as a user would copy them."""

from __future__ import annotations

import re
from pathlib import Path

from commands.text import COMMANDS

README = Path(__file__).resolve().parents[2] / "README.md"

#: ``podium> /rank qwen2`` lines and ``podium ask [--json] "/..."`` lines of the README.
_CONSOLE = re.compile(r"^podium> (/.+)$", re.MULTILINE)
_ASK = re.compile(r"podium ask (?:--json )?\"(/[^\"]+)\"")
#: Inline examples: `/compare gpt-4o, claude 3.5 sonnet` (not syntax such as `/rank <model>`).
_INLINE = re.compile(r"`(/[a-z]+ [^`<>\[\]|…]+)`")


def readme_examples(text: str | None = None) -> list[str]:
    """Every runnable example command in the README, in order, once each."""
    text = README.read_text(encoding="utf-8") if text is None else text
    found = [*_CONSOLE.findall(text), *_ASK.findall(text), *_INLINE.findall(text)]
    runnable = [c.strip() for c in found if c[1:].split(" ", 1)[0] in COMMANDS]
    return list(dict.fromkeys(runnable))
