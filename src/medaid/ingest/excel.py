"""Staging a workbook (XLSX/XLSM/XLS/ODS) with python-calamine.

- A zip workbook's directory is checked before anything is inflated (``archive_guard.guard``).
- The sheet is the one named, or else the first whose header names every required column; the
  header may sit below title rows (``ingest.header``). Rows are numbered as the sheet numbers them.
- A 身份证号 that Excel stored as a number has lost its last digits (Excel keeps 15 significant
  digits): such a cell is staged in scientific notation, which ``idnumber`` refuses with the
  reason and the fix (set the column to text and export again), instead of a misleading length.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from medaid.errors import InputFileError, Location
from medaid.ingest.archive_guard import guard
from medaid.ingest.columns import Table, Type
from medaid.ingest.header import HEADER_SEARCH, Header, better, find_header, is_total_cell, refuse, total_note
from medaid.ingest.staged import Staged, store_rejects, store_rows

EXCEL_DIGITS = 15  # significant digits Excel keeps in a number
LOSSY = 10.0 ** (EXCEL_DIGITS - 1)  # a number this large in a 身份证号 cell has lost digits


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M:%S")
            if (value.hour, value.minute, value.second) != (0, 0, 0)
            else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def id_cell_text(value: object) -> str:
    """A 身份证号 cell: a number of 15 digits or more is written as Excel shows it (4.50221199001011E+17)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= LOSSY:
        mantissa, exponent = f"{float(value):.{EXCEL_DIGITS - 1}E}".split("E")
        return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent)}"
    return cell_text(value)


def _damaged(file: str) -> InputFileError:
    return InputFileError(
        "无法读取 Excel 文件：文件已损坏，或不是 Excel 格式",
        where=Location(file=file),
        fix="文件可能已损坏或未保存完整，请用 Excel 打开后重新保存为 .xlsx",
    )


def _open(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as err:  # calamine raises its own types for damaged files
        raise _damaged(str(path)) from err


def _rows(sheet: Any) -> Iterator[tuple[int, list[object]]]:
    """(row number as the sheet shows it, cells): calamine starts at the sheet's first row even when the
    used range starts lower (its columns start at the range's first column, the same for every row)."""
    for index, cells in enumerate(sheet.iter_rows(), start=1):
        yield index, list(cells)


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _choose(path: Path, table: Table, wanted: str | None) -> tuple[Any, Header]:
    file = str(path)
    book = _open(path)
    names: list[str] = list(book.sheet_names)
    if wanted is not None and wanted not in names:
        raise InputFileError(
            f"工作簿中没有名为“{wanted}”的工作表",
            where=Location(file=file),
            fix=f"现有工作表：{'、'.join(names)}",
        )
    best: tuple[Any, Header] | None = None
    for name in [wanted] if wanted is not None else names:
        try:
            sheet = book.get_sheet_by_name(name)
            head = [(n, [cell_text(c) for c in cells]) for n, cells in islice(_rows(sheet), HEADER_SEARCH)]
        except Exception as err:
            raise _damaged(file) from err
        header = find_header(table, head)
        if header is not None and not header.missing:
            return sheet, header
        if header is not None and (best is None or better(best[1], header) is header):
            best = (sheet, header)
    if best is None:
        refuse(table, None, file, sheet=wanted)
    refuse(table, best[1], file, sheet=best[0].name if len(names) > 1 or wanted else None)


def stage_excel(
    con: duckdb.DuckDBPyConnection, path: Path, table: Table, name: str, *, sheet: str | None = None
) -> Staged:
    """Stage a workbook's sheet (see the module's description)."""
    guard(path)  # a zip workbook that would inflate too much is refused before the reader opens it
    chosen, header = _choose(path, table, sheet)
    ids = {header.columns[c.name] for c in table.columns if c.type is Type.ID and c.name in header.columns}
    numbers: list[int] = []
    cells: dict[str, list[str]] = {column: [] for column in header.columns}
    totals: list[int] = []
    for row, values in _rows(chosen):  # the sheet is loaded: a damaged file failed in _choose
        if row <= header.row:
            continue
        first = next((v for v in values if _filled(v)), None)
        if first is None:
            continue  # a row of empty cells
        if isinstance(first, str) and is_total_cell(first):
            totals.append(row)
            continue
        numbers.append(row)
        for column, index in header.columns.items():
            value = values[index] if index < len(values) else None
            cells[column].append(id_cell_text(value) if index in ids else cell_text(value))
    data = {"__row": pa.array(numbers, pa.int64())} | {c: pa.array(v, pa.string()) for c, v in cells.items()}
    store_rows(con, name, pa.table(data))
    store_rejects(con, name, [])
    notes = (total_note(totals),) if totals else ()
    return Staged(name, len(numbers), header.columns, header.cells, header.row, 0, notes, chosen.name, header.units)
