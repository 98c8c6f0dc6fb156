"""Bulk tables as Parquet files partitioned by year and month, beside the store; the store records them.

```
DIR/tables/settlements/year=2024/month=3/g<stamp>-<write>-<uuid>.parquet
```

The DuckDB file keeps what is small. A bulk table's rows are in Parquet files that DuckDB and Spark
read alike (plain types: VARCHAR, DATE, BIGINT, INTEGER, BOOLEAN). Which files are the table is
said by the store's table ``bulk_files``, never by the folder: a write puts its rows in new files,
flushes them to disk, and records them in the transaction that records the rest of the import; the
COMMIT is the switch. A kill before it leaves the files recorded before in force, and the new ones
unrecorded: :func:`sweep` removes those (never a recorded file) the next time the workspace is opened
or written. Files an import replaced are removed once it has committed: at once, or in a server process
after a grace period for the requests still reading them (``store.bulk_life``). Writers of one process
take turns (``bulk_life.turn``). An exception after the write began (even one after COMMIT returned:
a Ctrl-C) goes through :func:`undo`, which removes only files the store does not list.

Every connection of the workspace sees a bulk table by its name, as a TEMP VIEW over its recorded
files (:func:`show`, from ``Workspace.connect``): paths are absolute, made from where the store is
now, so a workspace folder can be moved or copied. A table with no file yet is a typed empty view; a
recorded file missing on disk is refused when the connection opens (:class:`MissingFileError`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from pathlib import Path

import duckdb

from medaid.errors import Location, MedaidError
from medaid.store.bulk_life import Written, flush, kept, turn, undo
from medaid.store.bulk_spec import FILES, FILES_DDL, SETTLEMENTS, TABLES, BadRowsError, Bulk, check
from medaid.store.scratch import private_dir

TABLES_DIR = "tables"
COMPACT_AT = 8  # files in one month: the next write to it merges them into one


class MissingFileError(MedaidError):
    """A file the store records as part of a bulk table is not on disk (a partial backup, a manual delete)."""


def root_of(con: duckdb.DuckDBPyConnection) -> Path:
    """The workspace folder of a store connection (the folder of its file)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    if not row or not row[0][0]:
        raise LookupError("bulk tables need a store file, not an in-memory database")
    return Path(str(row[0][0])).resolve().parent


def _catalogue(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> tuple[str, set[str]]:
    """The store file's path ('' in memory) and which of ``tables`` it holds itself, in one query."""
    [(path, present)] = con.execute(
        "SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()), list(table_name) "
        "FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' "
        "AND list_contains(?, table_name)",
        [list(tables)],
    ).fetchall()
    return str(path or ""), set(present or ())


def has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """Whether the store file itself holds ``table`` (a bulk table does before schema 5 only)."""
    return table in _catalogue(con, (table,))[1]


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
    return _present(root, [root / f for _, _, f in recorded(con, table)]) if has_table(con, FILES) else []


def _present(root: Path, files: list[Path]) -> list[Path]:
    """``files``, refused (:class:`MissingFileError`) when one is not on disk: DuckDB and Spark would say
    so in English, and a table read without it would be short of its rows."""
    for path in files:
        if not path.is_file():
            raise MissingFileError(
                f"结算明细文件缺失：{path.relative_to(root)}（工作区在 {FILES} 中记录了它，磁盘上却没有）",
                where=Location(file=str(path)),
                fix="请从包含 tables/ 文件夹的完整备份恢复整个工作区文件夹（store.duckdb 与 tables/ "
                "须来自同一次备份）；切勿单独删除或复制 tables/ 中的文件",
            )
    return files


def _view_sql(spec: Bulk, files: list[Path]) -> str:
    if not files:
        return f"SELECT {', '.join(f'CAST(NULL AS {t}) AS {c}' for c, t in spec.columns)} WHERE false"
    return f"SELECT {spec.names()} FROM read_parquet({_quoted(files)})"


def show(con: duckdb.DuckDBPyConnection) -> None:
    """Make each bulk table readable by its name in this connection (a TEMP VIEW over its files). A
    store of the older layout (the table still in the DuckDB file) or not yet made is left as it is.
    Two queries and a view per table, whatever the store (a served request opens a connection each time)."""
    path, present = _catalogue(con, (FILES, *TABLES))
    if FILES not in present or not path:
        return
    root = Path(path).resolve().parent
    listed: dict[str, list[Path]] = {}
    for table, file in con.execute(f"SELECT table_name, file FROM {FILES} ORDER BY table_name, year, month, file"
                                   ).fetchall():  # fmt: skip
        listed.setdefault(str(table), []).append(root / str(file))
    for spec in TABLES.values():
        if spec.name not in present:  # else a store from before schema 5, the table still in the file
            files = _present(root, listed.get(spec.name, []))
            con.execute(f"CREATE OR REPLACE TEMP VIEW {spec.name} AS {_view_sql(spec, files)}")


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


def _quoted(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def store(
    con: duckdb.DuckDBPyConnection, table: str, rows: str, removed: str | None = None, *, everything: bool = False
) -> Written:
    """Add the rows of query ``rows`` to bulk table ``table``, taking out first the stored rows whose key is
    in query ``removed``; inside the caller's transaction. Only the files holding a removed key are
    rewritten (and a month's files merged once it has ``COMPACT_AT``); the new rows go to new files.
    ``everything``: the rows replace the whole table (every file is replaced). Rows written without their
    key or a required column, or repeating a key, are refused first (:class:`BadRowsError`).
    The caller calls :meth:`Written.settle` after COMMIT, and :func:`undo` on any exception (it rolls back)."""
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
    if touched and not everything:  # an anti-join: NOT IN would drop a row whose key is NULL
        unless = (f" AS o WHERE NOT EXISTS (SELECT 1 FROM ({removed}) AS r(k) WHERE r.k = o.{spec.key})"
                  if removed is not None else "")  # fmt: skip
        kept = f" UNION ALL SELECT {spec.names()} FROM read_parquet({_quoted(written.replaced)}){unless}"
    whole = f"SELECT {spec.names()} FROM ({rows}){kept}"
    check(con, spec, whole)  # one more read of the rows, not a copy of them (a re-keying writes them all)
    target = private_dir(root / TABLES_DIR / table)
    folder = str(target).replace("'", "''")
    prefix = f"g{dt.datetime.now().strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"  # this write's own
    try:
        out = con.execute(
            f"COPY (SELECT {spec.typed()}, year({spec.date}) AS year, month({spec.date}) AS month "
            f"FROM ({whole})) TO '{folder}' (FORMAT parquet, PARTITION_BY (year, month), APPEND, "
            f"FILENAME_PATTERN '{prefix}-{{uuid}}', RETURN_FILES true)"
        ).fetchall()
    except BaseException:  # a COPY that failed midway (disk full): what it wrote is this write's alone
        for path in target.glob(f"year=*/month=*/{prefix}-*.parquet"):
            path.unlink(missing_ok=True)
        raise
    written.pending([Path(str(p)) for p in (out[0][1] if out else [])])
    try:
        flush(written.new)
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
            written: Written | None = None
            con.execute("BEGIN TRANSACTION")
            try:
                written = store(con, spec.name, f"SELECT {spec.names()} FROM main.{spec.name}")
                con.execute(f"DROP TABLE main.{spec.name}")
                show(con)
                con.execute("COMMIT")
            except BaseException:
                undo(con, [written])
                raise
            written.settle()
        moved = True
    return moved


__all__ = ["COMPACT_AT", "FILES", "FILES_DDL", "SETTLEMENTS", "TABLES", "TABLES_DIR", "BadRowsError", "Bulk",
           "MissingFileError", "Written", "bulk_files", "has_table", "migrate", "recorded", "rekey", "root_of",
           "show", "store", "sweep", "undo"]  # fmt: skip
