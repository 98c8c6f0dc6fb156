"""A data file read and checked without a workspace: for a quick calculation over a list
(资助参保测算, a batch of settlements) where nothing is stored.

The rows are checked exactly as an import checks them; bad rows are counted, never used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from medaid.ingest.columns import TABLES
from medaid.ingest.read import stage
from medaid.ingest.validate import validate
from medaid.store import engine


@contextmanager
def checked_file(path: Path, kind: str) -> Iterator[tuple[duckdb.DuckDBPyConnection, int]]:
    """An in-memory database whose TEMP TABLE ``checked`` holds the file's rows, and the count of bad rows."""
    table = TABLES[kind]
    with engine.connect() as con:
        staged = stage(con, path, table)
        validate(con, table, staged.table, staged.columns)
        rejected = int(con.execute("SELECT count(*) FROM checked WHERE err_reason IS NOT NULL").fetchall()[0][0])
        yield con, rejected


def recipients_in_year(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, list[str]]:
    """身份证号 → the categories a good row lists for the person at some time of the year."""
    rows = con.execute(
        "SELECT id_number, list(DISTINCT category) FROM checked WHERE err_reason IS NULL "
        "AND valid_from <= ? AND coalesce(valid_to, DATE '9999-12-31') >= ? GROUP BY id_number",
        [dt.date(year, 12, 31), dt.date(year, 1, 1)],
    ).fetchall()
    return {str(i): [str(c) for c in cats] for i, cats in rows}


def claims_table(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """TEMP TABLE ``claims`` of the good settlement rows in the policy engine's shape; their first date."""
    con.execute(
        "CREATE TEMP TABLE claims AS SELECT settlement_id, id_number AS person_key, settle_date, visit_type, "
        "CAST(hospital_level AS VARCHAR) AS hospital_level, CAST(category AS VARCHAR) AS category, total, "
        "in_scope, coalesce(CAST(referred AS BOOLEAN), true) AS referred FROM checked WHERE err_reason IS NULL"
    )
    first = con.execute("SELECT min(settle_date) FROM claims").fetchall()[0][0]
    return first if isinstance(first, dt.date) else None
