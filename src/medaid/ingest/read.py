"""Read a data file into a staging table of text columns, whatever its form.

CSV (``ingest.csvread``) in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16 with a BOM, with
commas, tabs or semicolons; XLSX/XLS/ODS (``ingest.excel``) read with python-calamine, the sheet
chosen by its header or by name. Before anything is parsed the file must be a readable regular
file, and a zip archive must not inflate beyond its limits (``ingest.limits``).

The staging table ``name`` has ``__row`` (the line of a CSV, the row of a sheet, as a person
counts them) and one VARCHAR column per recognised column, named as in ``columns.py``. Rows the
reader itself refuses (a malformed CSV line, bytes that are not UTF-8) are in
``<name>_rejects`` (``__row``, ``err_col``, ``err_value``, ``err_reason``), which ``validate``
adds to its ``checked`` table, so that they reach the rejects file and the counts as any bad row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from medaid.errors import InputFileError, Location
from medaid.ingest.columns import Table
from medaid.ingest.csvread import stage_csv
from medaid.ingest.excel import stage_excel
from medaid.ingest.limits import check_regular
from medaid.ingest.staged import Staged
from medaid.store.scratch import detached

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


@contextmanager
def _private(scratch: Path | None) -> Iterator[Path]:
    if scratch is not None:
        yield scratch
        return
    with detached() as folder:  # until every caller passes its own private directory
        yield folder


def stage(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: Table,
    name: str = "stage",
    *,
    scratch: Path | None = None,
    sheet: str | None = None,
    notes: list[str] | None = None,
) -> Staged:
    """Stage ``path`` as TEMP TABLE ``name`` (and ``<name>_rejects``).

    ``scratch``: a private (owner-only) directory for transcoded copies — personal data never goes
    to ``$TMPDIR``; without it a detached private directory is made and removed. ``sheet``: the
    sheet of a workbook to read (by default the first whose header matches the table). ``notes``:
    a list (the import summary's) to which what the reader skipped is added, as in ``Staged.notes``.
    Raises InputFileError when the file cannot be read at all.
    """
    check_regular(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        staged = stage_excel(con, path, table, name, sheet=sheet)
    elif sheet is not None:
        raise InputFileError(
            "CSV 文件没有工作表，不能指定工作表",
            where=Location(file=str(path)),
            fix="请去掉工作表参数，或导入 Excel 文件",
        )
    else:
        with _private(scratch) as folder:
            staged = stage_csv(con, path, table, name, folder)
    if notes is not None:
        notes.extend(staged.notes)
    return staged


__all__ = ["EXCEL_SUFFIXES", "Staged", "stage"]
