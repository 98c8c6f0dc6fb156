"""Read the flat indicator table (CSV or XLSX) that reports print (contract 1).

The header and the rows are read by ``flat_rows``, the same builder the tables of a Word or
PDF report go through; this module reads the sheet and names the file in errors.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.build import Builder
from medaid.evaluation.loading.flat_rows import Header, build_rows, clean, find_header
from medaid.evaluation.loading.text import read_text
from medaid.evaluation.model import Framework


def read_rows(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls", ".ods"}:
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(str(path))
            sheet = book.get_sheet_by_index(0)
            rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
            return rows
        except FileNotFoundError as err:
            raise InputFileError("文件不存在", where=Location(file=str(path)), fix="请检查文件路径") from err
        except Exception as err:  # calamine raises its own types for damaged files
            raise InputFileError(
                "无法读取 Excel 文件：文件已损坏，或不是 Excel 格式",
                where=Location(file=str(path)),
                fix="文件可能已损坏或未保存完整，请用 Excel 打开后重新保存为 .xlsx",
            ) from err
    text = read_text(path)
    return [list(r) for r in csv.reader(io.StringIO(text))]


def _header(rows: list[list[Any]], file: str) -> Header:
    header = find_header(rows)
    if header is None:
        raise InputFileError(
            "找不到表头：前 15 行中没有“一级指标”等列",
            where=Location(file=file),
            fix="评分表应有“一级指标、二级指标、三级指标、分值、得分……”表头",
        )
    if not header.has_weight:
        raise InputFileError(
            "表头缺少“分值”列",
            where=Location(file=file, row=header.index + 1),
            fix="请在表头加上“分值”列（也可写作 权重、满分）",
        )
    return header


def load_table_framework(path: Path) -> Framework:
    file = str(path)
    rows = read_rows(path)
    if not any(any(clean(c) for c in r) for r in rows):
        raise InputFileError("文件是空的", where=Location(file=file), fix="请确认导出了完整的评分表")
    header = _header(rows, file)
    title = path.stem
    for row in rows[: header.index]:
        first = next((clean(c) for c in row if clean(c)), "")
        if first:
            title = first
            break
    start = header.index + 1
    numbers = range(start + 1, len(rows) + 1)  # the sheet's own row numbers, 1-based
    table = build_rows(rows[start:], header, numbers, lambda n: Location(file=file, row=n))
    raw = {"title": title, "indicators": table.roots, "claimed": {"total": table.total}}
    return Builder(file=file).framework(raw)
