"""A published table, whatever the format it came in: heading, normalised header, cleaned cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Normalised header -> role of the column; every other column is a score or metric.
ROLES = {
    "排名": "rank",
    "模型": "model",
    "模型名称": "model",
    "机构": "organization",
    "许可": "license",
    "许可证": "license",
    "使用": "access",
    "使用方式": "access",
    "开/闭源": "open_closed",
    "属地": "region",
    "是否推理": "reasoning",
    "发布日期": "release_date",
}


@dataclass(frozen=True, slots=True)
class Table:
    """A published table: the heading above it, normalised headers and cleaned cells."""

    heading: str
    header: list[str]
    rows: list[list[str]]

    @property
    def kind(self) -> str | None:
        """Which board the heading announces (``None``: a table we do not read)."""
        if "开源" in self.heading:
            return "open_source"
        if "OPEN" in self.heading:
            return "open"
        if "OPT" in self.heading:
            return "opt"
        if "基础能力" in self.heading:
            return "dimensions"
        if "总排行榜" in self.heading or "总榜单" in self.heading:
            return "overall"
        return None

    def column(self, role: str) -> int | None:
        """Index of the column playing ``role``."""
        return next((i for i, h in enumerate(self.header) if ROLES.get(h) == role), None)

    def score_column(self) -> int | None:
        """The score: 总分 if present, else the first column that plays no role."""
        if "总分" in self.header:
            return self.header.index("总分")
        return next((i for i, h in enumerate(self.header) if h not in ROLES), None)


def clean_cell(cell: str) -> str:
    """Cell text without links, bold, line breaks, arrows and irregular spacing."""
    cell = re.sub(r"<br\s*/?>", " ", cell, flags=re.IGNORECASE)
    cell = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)
    cell = re.sub(r"<[^>]*>", "", cell)
    cell = cell.replace("↗", "").replace("**", "")
    return " ".join(cell.split())


def header_cell(cell: str) -> str:
    """A header cell as ``ROLES`` and the metric names spell it: cleaned, without spaces."""
    return "".join(clean_cell(cell).split())
