"""The result of reading a file: a staging table of text cells, and the rows the reader refused."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

REJECT_COLUMNS = ("__row", "err_col", "err_value", "err_reason")


@dataclass(frozen=True)
class Staged:
    table: str  # name of the staging table in the connection
    rows: int  # data rows read: staged, plus those the reader refused (not totals, not blank rows)
    columns: dict[str, int]  # column name → header position
    headers: list[str]
    header_row: int = 1  # the header's line or row
    rejected: int = 0  # rows the reader refused (in ``<table>_rejects``)
    notes: tuple[str, ...] = ()  # what the reader skipped, for the import's notes
    sheet: str | None = None  # the sheet read, for a workbook
    units: dict[str, str] = field(default_factory=dict)  # amount column → the unit its header gives (元, 万元)


def rejects_table(name: str) -> str:
    return f"{name}_rejects"


def store_rejects(con: duckdb.DuckDBPyConnection, name: str, rows: list[tuple[int, str, str, str]]) -> None:
    """TEMP TABLE ``<name>_rejects`` of (row, column label, value shown, reason): the rows the reader refused."""
    arrow = pa.table(
        {
            "__row": pa.array([r[0] for r in rows], pa.int64()),
            **{c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(REJECT_COLUMNS[1:], 1)},
        }
    )
    con.register("__read_rejects", arrow)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {rejects_table(name)} AS SELECT * FROM __read_rejects")
    con.unregister("__read_rejects")


def store_rows(con: duckdb.DuckDBPyConnection, name: str, arrow: pa.Table) -> None:
    """TEMP TABLE ``name`` of the staged rows, from Arrow."""
    con.register("__read_rows", arrow)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM __read_rows")
    con.unregister("__read_rows")
