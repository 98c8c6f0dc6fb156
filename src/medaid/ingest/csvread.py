"""Staging a CSV file with exact line numbers: DuckDB's fast read when it is provably exact,
the careful reader (``ingest.csvlines``) otherwise.

1. The file becomes UTF-8 text (``ingest.encoding``) and the header is looked for in its first
   lines, with each delimiter (comma, tab, semicolon): the first line naming every required
   column is the header, whatever title or blank lines are above it.
2. DuckDB reads the rows below it into the staging table, strictly (any malformed line stops
   it). When it finishes and the header's line plus the rows it read is the file's last line
   with content, every line below the header was one row: row i is on line header + i. This is
   the case of almost every file, at DuckDB's speed. The read runs outside any transaction (an
   import stages its file before its transaction begins), so a read that fails costs nothing.
3. Otherwise (a malformed line, a blank line in the middle, a cell with a line break, bytes
   that are not UTF-8) the careful reader goes through the file's lines in Python, counting
   them itself, refuses each malformed row alone, and writes the others, each with its line
   number, to a private clean copy that DuckDB reads. It is slower (about 4 s for a million
   lines, against 1.7 s) and only runs for such files.

DuckDB's own reject tables (``store_rejects``) were tried and not used: their line numbers
count a quoted line break as no line, an unclosed quote swallows every row up to the next
quote in the file, and one bad line can be reported several times.
"""

from __future__ import annotations

import csv
from itertools import islice
from pathlib import Path

import duckdb

from medaid.celltext import BLANKS, char_class, sql_string
from medaid.errors import InputFileError, Location
from medaid.ingest.columns import Table
from medaid.ingest.csvlines import Problem, first_cell, physical_lines, records, shown_line, written
from medaid.ingest.encoding import Text, utf8_text
from medaid.ingest.header import (
    HEADER_SEARCH,
    Header,
    better,
    find_header,
    is_total_cell,
    refuse,
    total_note,
    total_sql,
)
from medaid.ingest.limits import MAX_LINE_BYTES
from medaid.ingest.staged import Staged, store_rejects
from medaid.store.scratch import scratch_file

DELIMITERS = (",", "\t", ";")
HEAD = 1 << 16  # bytes a header line may have


def _head(text: Text) -> list[tuple[int, str]]:
    """The first lines (number, text), for the header search; a line too long to be a header is left empty."""
    with text.path.open("rb") as handle:
        lines = islice(physical_lines(handle), HEADER_SEARCH * 2)
        return [
            (
                line.number,
                line.data.decode("utf-8", errors="replace").removeprefix("\ufeff") if line.size < HEAD else "",
            )
            for line in lines
        ]


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # not a header
        return []


def find(text: Text, table: Table, file: str) -> tuple[Header, str]:
    """The header and the delimiter that gives it (refused with a Chinese error when there is none)."""
    head = _head(text)
    found: Header | None = None
    chosen = ","
    for delimiter in DELIMITERS:
        candidate = find_header(table, ((n, _cells(line, delimiter)) for n, line in head))
        if better(found, candidate) is candidate and candidate is not found:
            found, chosen = candidate, delimiter
    if found is None or found.missing:
        refuse(table, found, file)
    return found, chosen


def _nonblank(column: str) -> str:
    return f"CASE WHEN regexp_matches({column}, {sql_string('[^' + char_class(BLANKS)[1:])}) THEN {column} END"


def _source(header: Header, delimiter: str, *, skip: int = 0, numbered: bool = False) -> str:
    """DuckDB's strict read of the rows (a parameter names the file). ``numbered``: the careful reader's
    clean copy, each line starting with its number, ended by a line feed (DuckDB's spelling: '\\n')."""
    columns = ["'__row': 'BIGINT'"] if numbered else []
    columns += [f"'c{i}': 'VARCHAR'" for i in range(len(header.cells))]
    line_end = "new_line = '\\n', " if numbered else ""
    return (
        f"read_csv(?, auto_detect = false, header = false, skip = {skip}, delim = {sql_string(delimiter)}, "
        f"quote = '\"', escape = '\"', columns = {{{', '.join(columns)}}}, {line_end}"
        f"max_line_size = {MAX_LINE_BYTES + (64 if numbered else 0)}, strict_mode = true, ignore_errors = false)"
    )


def _count(con: duckdb.DuckDBPyConnection, source: str, path: Path) -> int | None:
    """Rows of a strict read, tried in a cursor (its own transaction): a malformed line fails there and
    never aborts the import's transaction; None when it fails (DuckDB's message is never shown)."""
    trial = con.cursor()
    try:
        return int(trial.execute(f"SELECT count(*) FROM {source}", [str(path)]).fetchall()[0][0])
    except duckdb.Error:
        return None
    finally:
        trial.close()


def _fast(con: duckdb.DuckDBPyConnection, text: Text, header: Header, delimiter: str, name: str) -> list[int] | None:
    """DuckDB's read, when it provably numbers every row exactly; the total rows it skipped (None: not exact,
    or a malformed line: the careful reader then says what is wrong, in Chinese, row by row). Called outside
    any transaction (each statement its own): a malformed line fails the read alone, never an import."""
    source = _source(header, delimiter, skip=header.row)
    width = len(header.cells)
    chosen = ", ".join(f'c{i} AS "{column}"' for column, i in header.columns.items())
    first = "coalesce(" + ", ".join(_nonblank(f"c{i}") for i in range(width)) + ")"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {name} AS "
            f"SELECT row_number() OVER () + {header.row} AS __row, {chosen}, {first} AS __first FROM {source}",
            [str(text.path)],
        )
    except duckdb.Error:  # DuckDB's message is never shown
        return None
    read = int(con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0])
    if header.row + read != text.last_line:  # a blank line or a line break in a cell shifts rows
        con.execute(f"DROP TABLE {name}")
        return None
    total = total_sql("__first")
    totals = [int(r[0]) for r in con.execute(f"SELECT __row FROM {name} WHERE {total} ORDER BY __row").fetchall()]
    con.execute(f"DELETE FROM {name} WHERE __first IS NULL OR {total}")
    con.execute(f"ALTER TABLE {name} DROP COLUMN __first")
    store_rejects(con, name, [])
    return totals


def _careful(
    con: duckdb.DuckDBPyConnection, text: Text, header: Header, delimiter: str, name: str, folder: Path, file: str
) -> tuple[list[int], int]:
    """The careful reader: refuses malformed rows one by one and writes the good ones, each with its
    line number first, to a private clean copy that DuckDB then reads; (total rows skipped, rows refused)."""
    hidden = {header.columns[n]: n == "id_number" for n in ("id_number", "name") if n in header.columns}
    problems: list[tuple[int, str, str, str]] = []
    totals: list[int] = []
    with scratch_file(folder, ".csv") as clean:
        with text.path.open("rb") as source, clean.open("w", encoding="utf-8", newline="") as out:
            lines = physical_lines(source)
            for line in lines:
                if line.number == header.row:
                    break
            for item in records(lines, delimiter, len(header.cells)):
                if isinstance(item, Problem):
                    problems.append((item.line, "", shown_line(item.text, delimiter, hidden), item.reason))
                    continue
                first = first_cell(item, delimiter)
                if not first:
                    continue  # a row of empty cells
                if is_total_cell(first):
                    totals.append(item.line)
                    continue
                out.write(f"{item.line}{delimiter}{written(item, delimiter)}\n")
        source_sql = _source(header, delimiter, numbered=True)
        if _count(con, source_sql, clean) is None:  # never expected: every line written is well formed
            raise InputFileError(
                "CSV 文件无法解析", where=Location(file=file), fix="请用 Excel 打开后另存为 CSV 再导入"
            )
        chosen = ", ".join(f'c{i} AS "{column}"' for column, i in header.columns.items())
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT __row, {chosen} FROM {source_sql}", [str(clean)])
    store_rejects(con, name, problems)
    return totals, len(problems)


def stage_csv(con: duckdb.DuckDBPyConnection, path: Path, table: Table, name: str, folder: Path) -> Staged:
    """Stage a CSV file (see the module's description); ``folder`` is private, for a transcoded copy."""
    file = str(path)
    if path.stat().st_size == 0:
        raise InputFileError("文件是空的", where=Location(file=file), fix="请确认导出了完整的表格")
    with utf8_text(path, folder) as text:
        header, delimiter = find(text, table, file)
        totals = _fast(con, text, header, delimiter, name) if text.clean else None
        refused = 0
        if totals is None:
            totals, refused = _careful(con, text, header, delimiter, name, folder, file)
    staged = int(con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0])
    notes = (total_note(totals),) if totals else ()
    return Staged(name, staged + refused, header.columns, header.cells, header.row, refused, notes, units=header.units)
