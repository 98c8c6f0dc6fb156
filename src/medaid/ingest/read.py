"""Read a data file into a staging table of text columns, whatever its form.

CSV in UTF-8 (with or without BOM) is read by DuckDB as it is; GBK/GB18030 is first
transcoded to UTF-8 in a streaming pass (DuckDB's wheel has no encodings extension).
XLSX/XLS/ODS are read with python-calamine. The staging table has ``__row`` (the row
number a person sees in the file: the header is row 1) and one VARCHAR column per
recognised column, named as in ``columns.py``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from medaid.errors import InputFileError, Location
from medaid.ingest.columns import Table, match_headers

CHUNK = 1 << 20
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


@dataclass(frozen=True)
class Staged:
    table: str  # name of the staging table in the connection
    rows: int
    columns: dict[str, int]  # column name → header position
    headers: list[str]


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _transcode(path: Path, target: Path) -> None:
    """GB18030 (a superset of GBK) to UTF-8, streaming."""
    decoder = codecs.getincrementaldecoder("gb18030")()
    with path.open("rb") as source, target.open("w", encoding="utf-8", newline="") as out:
        try:
            while chunk := source.read(CHUNK):
                out.write(decoder.decode(chunk))
            out.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError as err:
            raise InputFileError(
                "无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030）",
                where=Location(file=str(path)),
                fix="请用 Excel 或记事本“另存为”UTF-8 编码的 CSV 后再导入",
            ) from err


def _header_line(path: Path) -> list[str]:
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            if any(cell.strip() for cell in row):
                return row
    return []


def _cell_text(value: object) -> str:
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


def _check_headers(table: Table, headers: list[str], file: str) -> dict[str, int]:
    if not any(h.strip() for h in headers):
        raise InputFileError("文件是空的，没有表头", where=Location(file=file), fix="请确认导出了完整的表格")
    columns, missing = match_headers(table, headers)
    if table.kind == "settlements" and "hospital_level" not in columns and "institution_code" not in columns:
        missing.append("医院等级（或机构编码）")
    if missing:
        raise InputFileError(
            f"{table.label}缺少必需的列：{'、'.join(missing)}",
            where=Location(file=file, row=1),
            fix=f"表头应包含 {'、'.join(c.label for c in table.columns if c.required)}；可用的别名见 docs/data.md",
        )
    return columns


def _select(columns: dict[str, int], prefix: str) -> str:
    return ", ".join(f'{prefix}{index} AS "{name}"' for name, index in columns.items())


def stage_csv(con: duckdb.DuckDBPyConnection, path: Path, table: Table, name: str) -> Staged:
    file = str(path)
    source = path
    temp: Path | None = None
    if path.stat().st_size == 0:
        raise InputFileError("文件是空的", where=Location(file=file), fix="请确认导出了完整的表格")
    try:
        if not _is_utf8(path):
            handle = tempfile.NamedTemporaryFile(suffix=".csv", delete=False)  # noqa: SIM115
            handle.close()
            temp = Path(handle.name)
            _transcode(path, temp)
            source = temp
        headers = _header_line(source)
        columns = _check_headers(table, headers, file)
        names = [f"c{i}" for i in range(len(headers))]
        try:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {name} AS "
                f"SELECT row_number() OVER () + 1 AS __row, {_select(columns, 'c')} FROM read_csv(?, "
                "all_varchar = true, header = false, skip = 1, null_padding = true, quote = '\"', "
                "escape = '\"', delim = ',', names = ?, ignore_errors = false)",
                [str(source), names],
            )
        except duckdb.Error as err:
            raise InputFileError(
                f"CSV 文件无法解析（{str(err).splitlines()[0]}）",
                where=Location(file=file),
                fix="请检查文件是否完整、分隔符是否为英文逗号、引号是否成对",
            ) from err
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    rows = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0]
    return Staged(name, int(rows[0]) if rows else 0, columns, headers)


def stage_excel(con: duckdb.DuckDBPyConnection, path: Path, table: Table, name: str) -> Staged:
    file = str(path)
    try:
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_path(file).get_sheet_by_index(0)
        rows: list[list[object]] = [list(r) for r in sheet.to_python(skip_empty_area=False)]
    except FileNotFoundError as err:
        raise InputFileError("文件不存在", where=Location(file=file), fix="请检查文件路径") from err
    except Exception as err:  # calamine raises its own types for damaged files
        raise InputFileError(
            "无法读取 Excel 文件：文件已损坏，或不是 Excel 格式",
            where=Location(file=file),
            fix="文件可能已损坏或未保存完整，请用 Excel 打开后重新保存为 .xlsx",
        ) from err
    while rows and not any(_cell_text(c).strip() for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise InputFileError("文件是空的", where=Location(file=file), fix="请确认导出了完整的表格")
    headers = [_cell_text(c) for c in rows[0]]
    columns = _check_headers(table, headers, file)
    data = {"__row": pa.array(range(2, len(rows) + 1), pa.int64())}
    for column, index in columns.items():
        data[column] = pa.array([_cell_text(r[index]) if index < len(r) else "" for r in rows[1:]], pa.string())
    arrow = pa.table(data)
    con.register("__excel_stage", arrow)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM __excel_stage")
    con.unregister("__excel_stage")
    return Staged(name, arrow.num_rows, columns, headers)


def stage(con: duckdb.DuckDBPyConnection, path: Path, table: Table, name: str = "stage") -> Staged:
    if not path.exists():
        raise InputFileError("文件不存在", where=Location(file=str(path)), fix="请检查文件路径")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return stage_excel(con, path, table, name)
    return stage_csv(con, path, table, name)
