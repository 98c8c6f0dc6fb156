"""The safe workbook every medaid spreadsheet is written with.

Cells are strings or numbers, never formulas or links, so a value that starts with =, +, -
or @ cannot run in a spreadsheet program; such text also carries Excel's quote prefix
(shown as typed, and still text when someone edits the cell). The styles are shared so
ledgers look alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from medaid.celltext import FORMULA_START


@dataclass(frozen=True)
class Styles:
    title: Format
    head: Format
    money: Format
    cell: Format
    quoted: Format  # text that a spreadsheet would otherwise take for a formula


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
            ),
        )
    finally:
        book.close()


def write_row(sheet: Worksheet, row: int, values: Sequence[object], styles: Styles, *, first_col: int = 0) -> None:
    """One row by type: Decimal as money (元), int as a number, None as blank, anything else as text."""
    for col, value in enumerate(values, start=first_col):
        if isinstance(value, Decimal):
            sheet.write_number(row, col, float(value), styles.money)
        elif isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, col, value, styles.cell)
        else:
            write_text(sheet, row, col, "" if value is None else str(value), styles)


def write_text(sheet: Worksheet, row: int, col: int, text: str, styles: Styles, style: Format | None = None) -> None:
    """A text cell; one that starts like a formula gets the quote prefix (OWASP: CSV/formula injection)."""
    sheet.write_string(row, col, text, styles.quoted if text.startswith(FORMULA_START) else (style or styles.cell))


def write_header(sheet: Worksheet, row: int, names: Sequence[str], styles: Styles) -> None:
    for col, name in enumerate(names):
        sheet.write_string(row, col, name, styles.head)
