"""The XLSX the site publishes per round from 2024: sheet 总排行榜, optionally 开源排行榜."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from data.domain.errors import SourceFormatError
from data.domain.types import SourceFile
from data.sources.superclue.boards import SOURCE_ID
from data.sources.superclue.tables import Table, clean_cell, header_cell


def xlsx_tables(file: SourceFile) -> list[Table]:
    """The 总排行榜 sheet (and 开源排行榜 if present) as tables; headers found by their text."""
    # Imported here: openpyxl (with numpy) costs a start-up most commands do not need.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(file.content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SourceFormatError(SOURCE_ID, f"unreadable XLSX ({exc})", file.name) from exc
    if "总排行榜" not in workbook.sheetnames:
        raise SourceFormatError(
            SOURCE_ID,
            f"the XLSX has no 总排行榜 sheet; sheets: {', '.join(workbook.sheetnames)}",
            file.name,
        )
    tables = []
    for sheet_name, heading in (("总排行榜", "总排行榜"), ("开源排行榜", "开源排行榜")):
        if sheet_name in workbook.sheetnames:
            values = [[_xlsx_text(value) for value in row] for row in workbook[sheet_name].values]
            tables.append(_sheet_table(heading, values, file))
    workbook.close()
    return tables


def _sheet_table(heading: str, values: list[list[str]], file: SourceFile) -> Table:
    for index, row in enumerate(values[:20]):
        header = [header_cell(cell) for cell in row]
        if {"模型名称", "模型"} & set(header):
            rows = [row for row in values[index + 1 :] if any(row)]
            return Table(heading, header, rows)
    raise SourceFormatError(SOURCE_ID, f"no 模型名称 header row in sheet {heading}", file.name)


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return clean_cell(str(value))
