"""The header row of a table, wherever it is, and the rows that are not data.

Exports often open with a title ("XX县2023年救助对象名单"), a blank row or a note
("制表单位：…") above the header. The header is the first of the first ``HEADER_SEARCH``
rows whose cells name every required column; when none does, the row naming the most columns
is the one the error talks about. Below it, a row whose cells are all empty is skipped, and a
row whose first non-empty cell is 合计, 小计 or 总计 (a total, typically without 身份证号) is
skipped and reported in the import's notes: neither is data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NoReturn

from medaid.celltext import BLANKS, delete, delete_sql, sql_string
from medaid.errors import InputFileError, Location
from medaid.ingest.columns import Table, match_headers

HEADER_SEARCH = 30  # rows looked at for the header
TOTAL_WORDS = ("合计", "小计", "总计")
# a total row's first non-empty cell once blanks are removed: 合计, 小计：, 总计（元）…; Python re and RE2 alike
TOTAL_PATTERN = f"(?:{'|'.join(TOTAL_WORDS)})(?:[:：（(].*)?"
_TOTAL = re.compile(TOTAL_PATTERN)
_MARK = "计"  # every total word has it
assert all(_MARK in word for word in TOTAL_WORDS)
SHOWN_ROWS = 5  # row numbers listed in a note


@dataclass(frozen=True)
class Header:
    row: int  # the header's line (CSV) or row (sheet), as a person counts them
    cells: list[str]
    columns: dict[str, int]  # column name → position
    missing: list[str]  # labels of the required columns it lacks ([] for a usable header)
    units: dict[str, str] = field(default_factory=dict)  # amount column → the unit its header gives


def _match(table: Table, cells: list[str], row: int) -> Header:
    matched = match_headers(table, cells)
    missing = list(matched.missing)
    if (
        table.kind == "settlements"
        and "hospital_level" not in matched.columns
        and "institution_code" not in matched.columns
    ):
        missing.append("医院等级（或机构编码）")
    return Header(row, cells, matched.columns, missing, matched.units)


def find_header(table: Table, rows: Iterable[tuple[int, list[str]]]) -> Header | None:
    """The header among ``rows`` ((row number, cells), in order): the first complete one, else the
    one naming the most columns (the first of those); None when every row is blank."""
    best: Header | None = None
    for count, (row, cells) in enumerate(rows):
        if count >= HEADER_SEARCH:
            break
        if is_blank(cells):
            continue
        found = _match(table, cells, row)
        if not found.missing:
            return found
        if best is None or len(found.columns) > len(best.columns):
            best = found
    return best


def better(a: Header | None, b: Header | None) -> Header | None:
    """Of two candidates (two delimiters, two sheets): a complete one, the earlier; else the one naming more."""
    if a is None or b is None:
        return a or b
    if not a.missing or not b.missing:
        return a if not a.missing and (b.missing or a.row <= b.row) else b
    return a if len(a.columns) >= len(b.columns) else b


def refuse(table: Table, header: Header | None, file: str, *, sheet: str | None = None) -> NoReturn:
    """The header is missing or incomplete: say which columns, where."""
    place = f"工作表“{sheet}”" if sheet else ""
    if header is None:
        raise InputFileError(f"{place}文件是空的，没有表头", where=Location(file=file), fix="请确认导出了完整的表格")
    raise InputFileError(
        f"{place}{table.label}缺少必需的列：{'、'.join(header.missing)}",
        where=Location(file=file, row=header.row),
        fix=f"表头应包含 {'、'.join(c.label for c in table.columns if c.required)}；可用的别名见 docs/data.md"
        f"（表头可以在前 {HEADER_SEARCH} 行中的任一行，上面可以有标题行）",
    )


def is_blank(cells: Iterable[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def is_total(cells: Iterable[str]) -> bool:
    """Whether the row's first non-empty cell is 合计, 小计 or 总计."""
    return is_total_cell(next((cell for cell in cells if cell.strip()), ""))


def is_total_cell(first: str) -> bool:
    """Whether a row's first non-empty cell makes it a total (a plain test first: it runs on every row)."""
    return _MARK in first and _TOTAL.fullmatch(delete(first, BLANKS)) is not None


def total_sql(first: str) -> str:
    """SQL twin of :func:`is_total` on the row's first non-empty cell ``first``; a plain contains() first
    leaves almost no row to the regular expression."""
    return f"(contains({first}, {sql_string(_MARK)}) AND regexp_full_match({delete_sql(first, BLANKS)}, {sql_string(TOTAL_PATTERN)}))"  # noqa: E501


def total_note(rows: list[int]) -> str:
    shown = "、".join(str(r) for r in rows[:SHOWN_ROWS]) + ("等" if len(rows) > SHOWN_ROWS else "")
    return f"第 {shown} 行是{'/'.join(TOTAL_WORDS)}行，共 {len(rows)} 行，已跳过（不是数据，未导入）"
