"""Read the flat indicator table (CSV or XLSX) that reports print (contract 1).

Columns: 一级指标, 二级指标, 三级指标, 四级指标 (as many as present), 分值, 得分,
指标值/年度指标值, 实际完成值, 评分标准, 扣分说明/偏差原因分析及改进措施.
An empty level cell left of a filled one repeats the cell above (as merged cells do);
empty level cells right of the last filled one make the row an indicator at that
shallower level. A row named 合计 or 总分 gives the claimed total.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.build import Builder, split_weight
from medaid.evaluation.loading.text import read_text
from medaid.evaluation.model import Framework

LEVELS = ("一级指标", "二级指标", "三级指标", "四级指标", "五级指标")
ALIASES: dict[str, tuple[str, ...]] = {
    "weight": ("分值", "权重", "满分", "标准分值", "指标分值", "分数"),
    "score": ("得分", "评分", "评价得分", "实际得分", "自评得分", "评定得分"),
    "target": ("指标值", "年度指标值", "目标值", "年度目标值", "绩效目标值", "年初设定目标"),
    "actual": ("实际完成值", "全年完成值", "实际值", "完成值", "全年实际值", "实际完成情况"),
    "rule": ("评分标准", "评分规则", "计分方法", "评分方法", "评分办法"),
    "note": (
        "扣分说明",
        "评扣分说明",
        "偏差原因分析及改进措施",
        "偏差原因分析",
        "偏差及原因分析",
        "备注",
        "说明",
    ),
    "explain": ("指标解释", "指标说明", "评价要点"),
    "unit": ("单位", "计量单位"),
}
_EMPTY = {"", "——", "—", "-", "/", "－", "無", "无"}
_TOTAL = {"合计", "总分", "总计", "合 计", "总 分"}


def _clean(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    return "" if unicodedata.normalize("NFKC", text) in _EMPTY else text


def _key(cell: object) -> str:
    return "".join(unicodedata.normalize("NFKC", _clean(cell)).split())


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


def _header(rows: list[list[Any]], file: str) -> tuple[int, dict[str, int], list[int]]:
    for index, row in enumerate(rows[:15]):
        keys = [_key(c) for c in row]
        levels = [i for i, k in enumerate(keys) if k in LEVELS]
        if not levels:
            continue
        columns: dict[str, int] = {}
        for field, names in ALIASES.items():
            for i, k in enumerate(keys):
                if k in names and field not in columns:
                    columns[field] = i
        if "weight" not in columns:
            raise InputFileError(
                "表头缺少“分值”列",
                where=Location(file=file, row=index + 1),
                fix="请在表头加上“分值”列（也可写作 权重、满分）",
            )
        return index, columns, sorted(levels, key=lambda i: LEVELS.index(keys[i]))
    raise InputFileError(
        "找不到表头：前 15 行中没有“一级指标”等列",
        where=Location(file=file),
        fix="评分表应有“一级指标、二级指标、三级指标、分值、得分……”表头",
    )


def load_table_framework(path: Path) -> Framework:
    file = str(path)
    rows = read_rows(path)
    if not any(any(_clean(c) for c in r) for r in rows):
        raise InputFileError("文件是空的", where=Location(file=file), fix="请确认导出了完整的评分表")
    start, columns, level_cols = _header(rows, file)
    title = path.stem
    for row in rows[:start]:
        first = next((_clean(c) for c in row if _clean(c)), "")
        if first:
            title = first
            break
    roots: list[dict[str, Any]] = []
    index: dict[tuple[str, ...], dict[str, Any]] = {}
    carried: list[str] = [""] * len(level_cols)
    claimed: dict[str, Any] = {}
    last_leaf: tuple[str, ...] | None = None

    def cell(row: list[Any], field: str) -> str:
        i = columns.get(field)
        return _clean(row[i]) if i is not None and i < len(row) else ""

    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        names = [_clean(row[i]) if i < len(row) else "" for i in level_cols]
        values = {f: cell(row, f) for f in ALIASES}
        if not any(names) and not any(values.values()):
            continue
        label = _key(next((n for n in names if n), "") or (row[0] if row else ""))
        if label in LEVELS:
            continue  # the header again, as tables repeat it after a page break
        if label in {"".join(t.split()) for t in _TOTAL}:
            claimed = {"total": values["score"] or None}
            continue
        filled = [i for i, n in enumerate(names) if n]
        if filled:
            deepest = filled[-1]
            for i in range(deepest + 1):
                if names[i]:
                    carried[i] = names[i]
                    for j in range(i + 1, len(carried)):
                        carried[j] = ""
            row_path = tuple(carried[: deepest + 1])
            if any(not p for p in row_path):
                raise InputFileError(
                    "该行的上级指标为空，无法确定它属于哪个指标",
                    where=Location(file=file, row=number),
                    fix="请填写该行左侧的上级指标名称（合并单元格取消合并后请补全）",
                )
        elif last_leaf is not None:
            suffix = values["explain"] or f"续{number}"
            row_path = (*last_leaf[:-1], f"{last_leaf[-1]}（{suffix}）")
        else:
            raise InputFileError(
                "该行没有指标名称",
                where=Location(file=file, row=number),
                fix="请填写一级指标等名称",
            )
        key_path = tuple(split_weight(name)[0] for name in row_path)
        if key_path in index and index[key_path].get("__filled__"):
            # the same indicator twice: keep both rows, the second under a distinct name
            suffix = values["explain"] or f"第{number}行"
            row_path = (*row_path[:-1], f"{row_path[-1]}（{suffix}）")
            key_path = (*key_path[:-1], f"{key_path[-1]}（{suffix}）")
        for depth in range(len(row_path)):
            key = key_path[: depth + 1]
            label_here = row_path[depth]
            if key not in index:
                node: dict[str, Any] = {"name": label_here, "__row__": number, "children": []}
                index[key] = node
                (index[key[:-1]]["children"] if depth else roots).append(node)
            elif split_weight(label_here)[1] is not None and split_weight(index[key]["name"])[1] is None:
                index[key]["name"] = label_here  # "产出指标(50分)" after a plain "产出指标"
        leaf = index[key_path]
        leaf["__row__"] = number
        leaf["__filled__"] = True
        for field in ("weight", "score", "target", "actual", "rule", "note", "unit"):
            if values[field]:
                leaf[field] = values[field]
        last_leaf = row_path
    for node in index.values():
        node.pop("__filled__", None)
        if not node["children"]:
            del node["children"]
    raw = {"title": title, "indicators": roots, "claimed": claimed}
    return Builder(file=file).framework(raw)
