"""The safe workbook every medaid spreadsheet is written with.

Cells are strings or numbers, never formulas or links, so a value that starts with =, +, -
or @ cannot run in a spreadsheet program; such text also carries Excel's quote prefix
(shown as typed, and still text when someone edits the cell). Numbers are stored as
numbers, so people can sum and filter them: 元 as '#,##0.00', counts as integers, 得分率
as a fraction shown '0.00%', dates as dates 'yyyy-mm-dd'; identifiers stay text. Every sheet
prints on A4, one page wide, with its header row on each page and 第 N 页，共 M 页 below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from medaid.celltext import FORMULA_START

A4 = 9  # Excel's paper code
FOOTER = "&C第 &P 页，共 &N 页"  # &P: this page, &N: the number of pages


@dataclass(frozen=True)
class Styles:
    title: Format
    head: Format
    money: Format  # 元: 1,234.50
    cell: Format  # text, or a plain number (分值, 得分)
    quoted: Format  # text that a spreadsheet would otherwise take for a formula
    count: Format  # a whole number: 序号, 笔数
    rate: Format  # a fraction shown as a percentage: 0.9714 → 97.14%
    date: Format  # yyyy-mm-dd


@dataclass(frozen=True)
class Score:
    """A plain number such as a 分值 or 得分 (not money): shown as it is, without a fixed number of decimals."""

    value: Decimal


@dataclass(frozen=True)
class Rate:
    """A share stored as the fraction (0.9714) and shown as a percentage (97.14%)."""

    value: Decimal


@contextmanager
def safe_workbook(path: Path) -> Iterator[tuple[xlsxwriter.Workbook, Styles]]:
    """Open ``path`` for writing (parents created); the file is closed even on error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # in memory: XlsxWriter would otherwise keep each sheet in a temporary file in $TMPDIR (identities in clear)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True})
    try:
        yield (
            book,
            Styles(
                title=book.add_format({"bold": True, "font_size": 14}),
                head=book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
                money=book.add_format({"num_format": "#,##0.00", "border": 1}),
                cell=book.add_format({"border": 1}),
                quoted=book.add_format({"border": 1, "quote_prefix": True}),
                count=book.add_format({"num_format": "0", "border": 1}),
                rate=book.add_format({"num_format": "0.00%", "border": 1}),
                date=book.add_format({"num_format": "yyyy-mm-dd", "border": 1}),
            ),
        )
    finally:
        book.close()


def write_row(sheet: Worksheet, row: int, values: Sequence[object], styles: Styles, *, first_col: int = 0) -> None:
    """One row by type: Decimal as money (元), Score as a plain number, Rate as a percentage, int as a count,
    a date as a date, None as blank, anything else as text."""
    for col, value in enumerate(values, start=first_col):
        if isinstance(value, Decimal):
            sheet.write_number(row, col, float(value), styles.money)
        elif isinstance(value, Score):
            sheet.write_number(row, col, float(value.value), styles.cell)
        elif isinstance(value, Rate):
            sheet.write_number(row, col, float(value.value), styles.rate)
        elif isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, col, value, styles.count)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, styles.date)
        else:
            write_text(sheet, row, col, "" if value is None else str(value), styles)


def write_text(sheet: Worksheet, row: int, col: int, text: str, styles: Styles, style: Format | None = None) -> None:
    """A text cell; one that starts like a formula gets the quote prefix (OWASP: CSV/formula injection)."""
    sheet.write_string(row, col, text, styles.quoted if text.startswith(FORMULA_START) else (style or styles.cell))


def write_header(sheet: Worksheet, row: int, names: Sequence[str], styles: Styles) -> None:
    for col, name in enumerate(names):
        sheet.write_string(row, col, name, styles.head)


def print_setup(sheet: Worksheet, *, header_row: int, landscape: bool) -> None:
    """A4, one page wide (as many pages down as needed), ``header_row`` repeated on every printed page,
    narrow margins and a centred 第 N 页，共 M 页 footer."""
    sheet.set_paper(A4)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.repeat_rows(header_row)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    sheet.set_footer(FOOTER, margin=0.3)


def data_table(sheet: Worksheet, *, header_row: int, last_row: int, last_col: int) -> None:
    """Freeze the panes below ``header_row`` and put filter buttons on it over the rows down to ``last_row``."""
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, max(last_row, header_row), last_col)
