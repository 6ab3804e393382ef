"""The 2023 boards as published in the GitHub README: pipe tables under markdown headings."""

from __future__ import annotations

import re

from data.sources.superclue.tables import Table, clean_cell, header_cell


def markdown_tables(text: str) -> list[Table]:
    """Every pipe table of the README, with the markdown heading it sits under."""
    tables: list[Table] = []
    heading = ""
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith("|"):
            block.append(stripped)
            continue
        if block:
            tables.extend(_pipe_table(heading, block))
            block = []
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
    return tables


def _pipe_table(heading: str, lines: list[str]) -> list[Table]:
    cells = [_split_row(line) for line in lines]
    separator = [cell.strip() for cell in cells[1]] if len(cells) > 1 else []
    if not separator or not all(re.fullmatch(r":?-+:?", cell) for cell in separator if cell):
        return []
    header = [header_cell(cell) for cell in cells[0]]
    rows = [[clean_cell(cell) for cell in row] for row in cells[2:]]
    return [Table(heading, header, rows)]


def _split_row(line: str) -> list[str]:
    inner = line[1:] if line.startswith("|") else line
    inner = inner[:-1] if inner.endswith("|") else inner
    return inner.split("|")
