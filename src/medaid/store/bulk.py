"""Bulk tables as Parquet files partitioned by year and month, beside the store; the store records them.

```
DIR/tables/settlements/year=2024/month=3/g<stamp>-<uuid>.parquet
```

The DuckDB file keeps what is small. A bulk table's rows are in Parquet files that DuckDB and Spark
read alike (plain types: VARCHAR, DATE, BIGINT, INTEGER, BOOLEAN). Which files are the table is
said by the store's table ``bulk_files``, never by the folder: a write puts its rows in new files,
flushes them to disk, and records them in the transaction that records the rest of the import; the
COMMIT is the switch. A kill before it leaves the files recorded before in force, and the new ones
unrecorded: :func:`sweep` removes those (never a recorded file) the next time the workspace is opened
or written. Files an import replaced are removed once it has committed: at once, or in a server process
after a grace period for the requests still reading them (``store.bulk_life``). Writers of one process
take turns (``bulk_life.turn``).

Every connection of the workspace sees a bulk table by its name, as a TEMP VIEW over its recorded
files (:func:`show`, from ``Workspace.connect``): paths are absolute, made from where the store is
now, so a workspace folder can be moved or copied. A table with no file yet is a typed empty view.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from medaid.store.bulk_life import Written, kept, turn
from medaid.store.scratch import PRIVATE_DIR, PRIVATE_FILE, private_dir

TABLES_DIR = "tables"
FILES = "bulk_files"
COMPACT_AT = 8  # files in one month: the next write to it merges them into one
FILES_DDL = (
    f"CREATE TABLE IF NOT EXISTS {FILES} (table_name VARCHAR NOT NULL, year INTEGER NOT NULL, "
    "month INTEGER NOT NULL, file VARCHAR NOT NULL, rows BIGINT NOT NULL, PRIMARY KEY (table_name, file))"
)


@dataclass(frozen=True)
class Bulk:
    """A bulk table: its columns (name, type) in stored order, its key, the date it is partitioned by."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: str
    date: str

    def names(self) -> str:
        return ", ".join(c for c, _ in self.columns)

    def typed(self, source: str = "") -> str:
        """The columns cast to their stored types (from ``source``, an alias and a dot, or none)."""
        return ", ".join(f"CAST({source}{c} AS {t}) AS {c}" for c, t in self.columns)


_MONEY = ("total", "out_of_scope", "in_scope", "basic_paid", "critical_paid", "large_paid", "assistance_paid",
          "tilted_paid", "other_paid", "fund_paid", "self_paid")  # fmt: skip
_SETTLEMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("settlement_id", "VARCHAR"), ("person_key", "VARCHAR"), ("visit_type", "VARCHAR"),
    ("hospital_level", "VARCHAR"), ("institution_code", "VARCHAR"), ("settle_date", "DATE"),
    *((m, "BIGINT") for m in _MONEY),
    ("referred", "BOOLEAN"), ("out_of_area", "BOOLEAN"), ("one_stop", "BOOLEAN"),
    ("import_id", "INTEGER"), ("source_row", "INTEGER"), ("service_date", "DATE"),
)  # fmt: skip
SETTLEMENTS = Bulk("settlements", _SETTLEMENT_COLUMNS, key="settlement_id", date="settle_date")
TABLES: dict[str, Bulk] = {SETTLEMENTS.name: SETTLEMENTS}


def root_of(con: duckdb.DuckDBPyConnection) -> Path:
    """The workspace folder of a store connection (the folder of its file)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    if not row or not row[0][0]:
        raise LookupError("bulk tables need a store file, not an in-memory database")
    return Path(str(row[0][0])).resolve().parent


def has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether the store file itself holds ``table`` (a bulk table does before schema 5 only)."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' "
        "AND table_name = ?",
        [table],
    ).fetchall()
    return bool(found[0][0])


def recorded(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[int, int, str]]:
    """(year, month, file relative to the workspace) of the files that are ``table`` now."""
    rows = con.execute(
        f"SELECT year, month, file FROM {FILES} WHERE table_name = ? ORDER BY year, month, file", [table]
    ).fetchall()
    return [(int(y), int(m), str(f)) for y, m, f in rows]


def bulk_files(con: duckdb.DuckDBPyConnection, table: str) -> list[Path]:
    """The Parquet files that are ``table`` now, absolute (for Spark: ``spark.read.option("basePath",
    str(root / "tables" / table)).parquet(*map(str, files))``; none for an empty table)."""
    root = root_of(con)
    return [root / f for _, _, f in recorded(con, table)] if has_table(con, FILES) else []


def _view_sql(spec: Bulk, files: list[Path]) -> str:
    if not files:
        return f"SELECT {', '.join(f'CAST(NULL AS {t}) AS {c}' for c, t in spec.columns)} WHERE false"
    listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    return f"SELECT {spec.names()} FROM read_parquet([{listed}])"


def show(con: duckdb.DuckDBPyConnection) -> None:
    """Make each bulk table readable by its name in this connection (a TEMP VIEW over its files). A
    store of the older layout (the table still in the DuckDB file) or not yet made is left as it is.
    Two queries and a view per table, whatever the store (a served request opens a connection each time)."""
    names = ", ".join(f"'{t}'" for t in (FILES, *TABLES))
    [(path, present)] = con.execute(
        "SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()), list(table_name) "
        "FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' "
        f"AND table_name IN ({names})"
    ).fetchall()
    present = set(present or ())
    if FILES not in present or not path:
        return
    root = Path(str(path)).resolve().parent
    listed: dict[str, list[Path]] = {}
    for table, file in con.execute(f"SELECT table_name, file FROM {FILES} ORDER BY table_name, year, month, file"
                                   ).fetchall():  # fmt: skip
        listed.setdefault(str(table), []).append(root / str(file))
    for spec in TABLES.values():
        if spec.name not in present:  # else a store from before schema 5, the table still in the file
            con.execute(f"CREATE OR REPLACE TEMP VIEW {spec.name} AS {_view_sql(spec, listed.get(spec.name, []))}")


def sweep(con: duckdb.DuckDBPyConnection) -> list[Path]:
    """Remove the Parquet files no transaction recorded (a killed or failed write left them, or a write
    replaced them) but those this process still writes or keeps for its readers; returns them.
    Call it with the store open (no other process then writes) and never inside a write's transaction."""
    if not has_table(con, FILES):
        return []
    root = root_of(con)
    removed: list[Path] = []
    with turn(root):  # no write of this process between its files' COPY and their being pending
        recorded_now = {root / str(r[0]) for r in con.execute(f"SELECT file FROM {FILES}").fetchall()}
        for spec in TABLES.values():
            folder = root / TABLES_DIR / spec.name
            if not folder.is_dir():
                continue
            for path in folder.rglob("*.parquet"):
                if path not in recorded_now and not kept(path):
                    path.unlink(missing_ok=True)
                    removed.append(path)
    return removed


def _flush(paths: list[Path]) -> None:
    """The files and their folders on disk before the transaction that records them commits; owner-only
    whatever the umask (the month folders are DuckDB's)."""
    for path in paths:
        path.chmod(PRIVATE_FILE)
        handle = os.open(path, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
    if os.name == "posix":
        for folder in {p.parent for p in paths} | {p.parent.parent for p in paths}:
            folder.chmod(PRIVATE_DIR)
            handle = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)


def _quoted(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def store(
    con: duckdb.DuckDBPyConnection, table: str, rows: str, removed: str | None = None, *, everything: bool = False
) -> Written:
    """Add the rows of query ``rows`` to bulk table ``table``, taking out first the stored rows whose key is
    in query ``removed``; inside the caller's transaction. Only the files holding a removed key are
    rewritten (and a month's files merged once it has ``COMPACT_AT``); the new rows go to new files.
    ``everything``: the rows replace the whole table (every file is replaced).
    The caller calls :meth:`Written.settle` after COMMIT, :meth:`Written.abandon` after ROLLBACK."""
    spec = TABLES[table]
    root = root_of(con)
    current = recorded(con, table)
    paths = {f: root / f for _, _, f in current}
    touched: set[str] = set(paths) if everything else set()
    if removed is not None and current and not everything:
        hits = con.execute(
            f"SELECT DISTINCT filename FROM read_parquet({_quoted(list(paths.values()))}, filename = true) "
            f"WHERE {spec.key} IN ({removed})"
        ).fetchall()
        by_path = {str(p): f for f, p in paths.items()}
        touched = {by_path[str(h[0])] for h in hits}
    months = {(int(y), int(m)) for y, m in con.execute(
        f"SELECT DISTINCT year({spec.date}), month({spec.date}) FROM ({rows})").fetchall()}  # fmt: skip
    for month in months:
        files = [f for y, m, f in current if (y, m) == month]
        if len(files) + 1 >= COMPACT_AT:
            touched.update(files)
    written = Written(root, replaced=[paths[f] for f in sorted(touched)])
    kept = ""
    if touched and not everything:
        unless = f" WHERE {spec.key} NOT IN ({removed})" if removed is not None else ""
        kept = f" UNION ALL SELECT {spec.names()} FROM read_parquet({_quoted(written.replaced)}){unless}"
    folder = str(private_dir(root / TABLES_DIR / table)).replace("'", "''")
    stamp = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    out = con.execute(
        f"COPY (SELECT {spec.typed()}, year({spec.date}) AS year, month({spec.date}) AS month "
        f"FROM (SELECT {spec.names()} FROM ({rows}){kept})) TO '{folder}' "
        f"(FORMAT parquet, PARTITION_BY (year, month), APPEND, FILENAME_PATTERN 'g{stamp}-{{uuid}}', "
        "RETURN_FILES true)"
    ).fetchall()
    written.pending([Path(str(p)) for p in (out[0][1] if out else [])])
    try:
        _flush(written.new)
        _record(con, table, root, written)
    except BaseException:
        written.abandon()
        raise
    return written


def _record(con: duckdb.DuckDBPyConnection, table: str, root: Path, written: Written) -> None:
    """The new files recorded in place of the replaced ones, and the view of this connection changed."""
    gone = [str(p.relative_to(root)) for p in written.replaced]
    if gone:
        con.execute(f"DELETE FROM {FILES} WHERE table_name = ? AND list_contains(?, file)", [table, gone])
    if written.new:
        counts = con.execute(
            f"SELECT file_name, num_rows FROM parquet_file_metadata({_quoted(written.new)})"
        ).fetchall()
        rows = {str(f): int(n) for f, n in counts}
        for path in written.new:
            year, month = (int(part.split("=", 1)[1]) for part in (path.parent.parent.name, path.parent.name))
            con.execute(f"INSERT INTO {FILES} VALUES (?, ?, ?, ?, ?)",
                        [table, year, month, str(path.relative_to(root)), rows.get(str(path), 0)])  # fmt: skip
    show(con)


def rekey(con: duckdb.DuckDBPyConnection, table: str, keymap: str) -> tuple[int, Written | None]:
    """Every row of ``table`` to its person's new key by TEMP TABLE ``keymap`` (old_key, new_key), all its
    files rewritten, inside the caller's transaction. Returns the rows mapped, and what was written —
    nothing when a row's person is not in ``keymap`` (the caller refuses the rotation: fewer mapped than
    ``count(person_key)``)."""
    keyed = int(con.execute(f"SELECT count(person_key) FROM {table}").fetchall()[0][0])
    mapped = int(con.execute(f"SELECT count(*) FROM {table} t JOIN {keymap} m ON t.person_key = m.old_key"
                             ).fetchall()[0][0])  # fmt: skip
    if mapped != keyed or not keyed:
        return mapped, None
    rows = (f"SELECT t.* REPLACE (coalesce(m.new_key, t.person_key) AS person_key) FROM {table} t "
            f"LEFT JOIN {keymap} m ON t.person_key = m.old_key")  # fmt: skip
    return mapped, store(con, table, rows, everything=True)


def migrate(con: duckdb.DuckDBPyConnection) -> bool:
    """Move the rows of bulk tables still in the DuckDB file (an older store) into Parquet, one table per
    transaction; True when a table was moved (its rows stay in the file's freed blocks until it is
    rewritten: ``engine.rewrite``). A kill midway leaves the table in the file and removes nothing."""
    con.execute(FILES_DDL)
    moved = False
    for spec in TABLES.values():
        if not has_table(con, spec.name):
            continue
        with turn(root_of(con)):
            sweep(con)
            con.execute("BEGIN TRANSACTION")
            try:
                written = store(con, spec.name, f"SELECT {spec.names()} FROM main.{spec.name}")
                con.execute(f"DROP TABLE main.{spec.name}")
                show(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            written.settle()
        moved = True
    return moved


__all__ = ["COMPACT_AT", "FILES", "SETTLEMENTS", "TABLES", "TABLES_DIR", "Bulk", "Written", "bulk_files",
           "migrate", "recorded", "rekey", "root_of", "show", "store", "sweep"]  # fmt: skip
