"""A data file read and checked without a workspace: for a quick calculation over a list
(资助参保测算, a batch of settlements) where nothing is stored.

The rows are checked exactly as an import checks them; bad rows are counted, never used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from medaid.ingest.columns import TABLES
from medaid.ingest.read import stage
from medaid.ingest.validate import validate
from medaid.store import engine, scratch


@dataclass(frozen=True)
class Checked:
    con: duckdb.DuckDBPyConnection  # TEMP TABLE ``checked``: the file's rows, typed, bad ones with their reason
    rejected: int  # bad rows
    columns: frozenset[str]  # the columns the file has (names as in ``ingest.columns``)


@contextmanager
def checked_file(path: Path, kind: str, *, sheet: str | None = None) -> Iterator[Checked]:
    """An in-memory database holding the file's rows checked as an import checks them; transcoded
    copies and spills go to a private directory removed at the end."""
    table = TABLES[kind]
    with scratch.detached() as folder, engine.connect(temp_directory=folder / "duckdb") as con:
        staged = stage(con, path, table, scratch=folder, sheet=sheet)
        validate(con, table, staged.table, staged.columns, units=staged.units)
        rejected = int(con.execute("SELECT count(*) FROM checked WHERE err_reason IS NOT NULL").fetchall()[0][0])
        yield Checked(con, rejected, frozenset(staged.columns))


def recipients_in_year(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, list[str]]:
    """身份证号 → the categories a good row lists for the person at some time of the year."""
    rows = con.execute(
        "SELECT id_number, list(DISTINCT category) FROM checked WHERE err_reason IS NULL "
        "AND valid_from <= ? AND coalesce(valid_to, DATE '9999-12-31') >= ? GROUP BY id_number",
        [dt.date(year, 12, 31), dt.date(year, 1, 1)],
    ).fetchall()
    return {str(i): [str(c) for c in cats] for i, cats in rows}


def claims_table(con: duckdb.DuckDBPyConnection, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """TEMP TABLE ``claims`` of the good settlement rows (of ``year`` when given) in the policy engine's
    shape; the first and last settlement dates (None: no claim)."""
    con.execute(
        "CREATE TEMP TABLE claims AS SELECT settlement_id, id_number AS person_key, settle_date, visit_type, "
        "CAST(hospital_level AS VARCHAR) AS hospital_level, CAST(category AS VARCHAR) AS category, total, "
        "in_scope, coalesce(CAST(referred AS BOOLEAN), true) AS referred FROM checked WHERE err_reason IS NULL "
        "AND (CAST(? AS INTEGER) IS NULL OR year(settle_date) = ?)",
        [year, year],
    )
    first, last = con.execute("SELECT min(settle_date), max(settle_date) FROM claims").fetchall()[0]
    return (first, last) if isinstance(first, dt.date) and isinstance(last, dt.date) else None
