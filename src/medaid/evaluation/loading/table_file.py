"""Read the flat indicator table (CSV or XLSX) that reports print and provincial 预算管理一体化
systems export (contract 1; the layouts in docs/formats.md).

The header and the rows are read by ``flat_rows``, the same builder the tables of a Word or
PDF report go through; the rows above the header by ``self_table`` (项目名称, 主管部门, the
money block and its 预算执行率, 年度总体目标), as for a Word or PDF 自评表. A table that prints no
分值 is read as targets and actuals (Anhui's 绩效目标自评表, Hunan's table): its rows are not
scored and no weight is invented; one that prints 得分 but no 分值 needs the points of its block
("年度绩效目标（80分）") or of its names ("相关性(5分)"). What is not read (a preamble row, a
contradictory 指标性质, text below 合计) is listed as unread, with its row. Errors name the file,
the row and the column as printed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

from medaid.errors import InputFileError, Location, MedaidError
from medaid.evaluation.loading.build import Builder, InvalidFramework
from medaid.evaluation.loading.flat_rows import Header, build_rows, clean, find_header
from medaid.evaluation.loading.money import SUMS
from medaid.evaluation.loading.self_table import read_preamble
from medaid.evaluation.loading.text import read_text
from medaid.evaluation.loading.weights import mark_weights
from medaid.evaluation.model import Framework
from medaid.evaluation.published import Place, Published, Unread

HEADER_ROWS = 40  # the 自评表's preamble (labels, money block, goal, 资金管理情况) comes first


def read_rows(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls", ".ods"}:
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(str(path))
            sheet = book.get_sheet_by_index(0)
            rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
            return rows
        except FileNotFoundError as err:
            raise InputFileError("文件不存在", where=Location(file=str(path)), fix="请检查文件路径") from err
        except Exception as err:  # calamine raises its own types for damaged files
            raise InputFileError(
                "无法读取 Excel 文件：文件已损坏，或不是 Excel 格式",
                where=Location(file=str(path)),
                fix="文件可能已损坏或未保存完整，请用 Excel 打开后重新保存为 .xlsx",
            ) from err
    text = read_text(path)
    return [list(r) for r in csv.reader(io.StringIO(text))]


def _header(rows: list[list[Any]], file: str) -> Header:
    header = find_header(rows, limit=HEADER_ROWS)
    if header is None:
        raise InputFileError(
            f"找不到表头：前 {HEADER_ROWS} 行中没有“一级指标”等列",
            where=Location(file=file),
            fix="评分表应有“一级指标、二级指标、三级指标、分值、得分……”表头",
        )
    return header


def _column(problem: MedaidError, header: Header) -> MedaidError:
    """A problem of a row names the column as the table prints it ("得分" rather than score)."""
    where = problem.where
    name = header.labels.get(where.key or "") or SUMS.get(where.key or "")
    if where.row is None or name is None:
        return problem
    return MedaidError(problem.what, where=replace(where, column=name, key=None), fix=problem.fix)


def load_table_framework(path: Path) -> Framework:
    file = str(path)
    rows = read_rows(path)
    if not any(any(clean(c) for c in r) for r in rows):
        raise InputFileError("文件是空的", where=Location(file=file), fix="请确认导出了完整的评分表")
    header = _header(rows, file)
    title = path.stem
    for row in rows[: header.first]:
        first = next((clean(c) for c in row if clean(c)), "")
        if first:
            title = first
            break
    start = header.index + 1
    numbers = range(start + 1, len(rows) + 1)  # the sheet's own row numbers, 1-based
    table = build_rows(rows[start:], header, numbers, lambda n: Location(file=file, row=n))
    weighted = mark_weights(table, header, Location(file=file, row=header.first + 1))
    places = [Place(row=i + 1) for i in range(header.first)]
    preamble = read_preamble(rows[: header.first], places, None)
    raw: dict[str, Any] = {"title": title, "indicators": table.roots, "claimed": {"total": table.total}}
    if not weighted:
        raw["partial"] = True  # targets and actuals only: nothing to total
    unread = [*preamble.unread, *preamble.apply(raw, offset=1)]
    raw["figures"] = [*raw.get("figures", []), *table.figures]
    unread += [Unread(note.what, note.why, Place(row=note.row)) for note in table.unread]
    try:
        framework = Builder(file=file).framework(raw)
    except InvalidFramework as err:
        raise InvalidFramework([_column(p, header) for p in err.problems]) from err
    if unread:
        framework.published = Published(format=path.suffix.lower().lstrip("."), unread=unread)
    return framework
