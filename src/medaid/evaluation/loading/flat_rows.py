"""The flat indicator table of contract 1, from rows of any source: a CSV or XLSX sheet, or a
table of a Word or PDF report. One header finder and one row builder for all of them.

Columns: 一级指标, 二级指标, 三级指标, 四级指标 (as many as present), 分值, 得分, 得分率,
指标值/年度指标值, 实际完成值, 评分标准, 扣分说明/评分说明/偏差原因分析及改进措施.
An empty level cell left of a filled one repeats the cell above (as merged cells do);
empty level cells right of the last filled one make the row an indicator at that
shallower level. A row named 合计 or 总分 gives the claimed total.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.build import split_weight

LEVELS = ("一级指标", "二级指标", "三级指标", "四级指标", "五级指标")
ALIASES: dict[str, tuple[str, ...]] = {
    "weight": ("分值", "权重", "满分", "标准分值", "指标分值", "分数"),
    "score": ("得分", "评分", "评价得分", "实际得分", "自评得分", "评定得分"),
    "rate": ("得分率",),
    "target": ("指标值", "年度指标值", "目标值", "年度目标值", "绩效目标值", "年初设定目标"),
    "actual": ("实际完成值", "全年完成值", "实际值", "完成值", "全年实际值", "实际完成情况"),
    "rule": ("评分标准", "评分规则", "计分方法", "评分方法", "评分办法"),
    "note": (
        "扣分说明",
        "评扣分说明",
        "评分说明",
        "得分说明",
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
TOTALS = {"合计", "总分", "总计"}

# Where a row came from, for an error message: its number → a Location.
Where = Callable[[int], Location]


def clean(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    return "" if unicodedata.normalize("NFKC", text) in _EMPTY else text


def key(cell: object) -> str:
    """A header or label cell compared without spaces and width differences ("一级\\n指标" → 一级指标)."""
    return "".join(unicodedata.normalize("NFKC", clean(cell)).split())


@dataclass(frozen=True)
class Header:
    """The header row of a flat table: its index, the field of each known column, the level columns."""

    index: int
    columns: dict[str, int]
    levels: list[int]
    names: tuple[str, ...]  # every header cell as compared (joins tables with the same header)

    @property
    def has_weight(self) -> bool:
        return "weight" in self.columns


def find_header(rows: Sequence[Sequence[Any]], limit: int | None = 15) -> Header | None:
    """The first row among the first ``limit`` (None: all) with a level column (一级指标 …), or None."""
    for index, row in enumerate(rows[:limit]):
        keys = [key(c) for c in row]
        levels = [i for i, k in enumerate(keys) if k in LEVELS]
        if not levels:
            continue
        columns: dict[str, int] = {}
        for field, names in ALIASES.items():
            for i, k in enumerate(keys):
                if k in names and field not in columns:
                    columns[field] = i
        ordered = sorted(levels, key=lambda i: LEVELS.index(keys[i]))
        return Header(index, columns, ordered, tuple(keys))
    return None


@dataclass
class FlatTable:
    """The indicator mappings a flat table gives (for ``Builder.framework``) and its 合计 row."""

    roots: list[dict[str, Any]]
    total: str | None = None  # the 得分 of the 合计/总分 row, as printed
    total_weight: str | None = None
    total_row: int | None = None  # its number


def build_rows(rows: Sequence[Sequence[Any]], header: Header, numbers: Sequence[int], where: Where) -> FlatTable:
    """Indicator mappings from the data rows below a header; ``numbers`` names each row for
    ``__row__`` and for errors (``where``)."""
    columns, level_cols = header.columns, header.levels
    roots: list[dict[str, Any]] = []
    index: dict[tuple[str, ...], dict[str, Any]] = {}
    carried: list[str] = [""] * len(level_cols)
    table = FlatTable(roots)
    last_leaf: tuple[str, ...] | None = None

    def cell(row: Sequence[Any], field: str) -> str:
        i = columns.get(field)
        return clean(row[i]) if i is not None and i < len(row) else ""

    for number, row in zip(numbers, rows, strict=True):
        names = [clean(row[i]) if i < len(row) else "" for i in level_cols]
        values = {f: cell(row, f) for f in ALIASES}
        if not any(names) and not any(values.values()):
            continue
        label = key(next((n for n in names if n), "") or (row[0] if row else ""))
        if label in LEVELS:
            continue  # the header again, as tables repeat it after a page break
        if label in TOTALS:
            table.total, table.total_weight, table.total_row = values["score"] or None, values["weight"] or None, number
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
                    where=where(number),
                    fix="请填写该行左侧的上级指标名称（合并单元格取消合并后请补全）",
                )
        elif last_leaf is not None:
            suffix = values["explain"] or f"续{number}"
            row_path = (*last_leaf[:-1], f"{last_leaf[-1]}（{suffix}）")
        else:
            raise InputFileError("该行没有指标名称", where=where(number), fix="请填写一级指标等名称")
        key_path = tuple(split_weight(name)[0] for name in row_path)
        if key_path in index and index[key_path].get("__filled__"):
            # the same indicator twice: keep both rows, the second under a distinct name
            suffix = values["explain"] or f"第{number}行"
            row_path = (*row_path[:-1], f"{row_path[-1]}（{suffix}）")
            key_path = (*key_path[:-1], f"{key_path[-1]}（{suffix}）")
        for depth in range(len(row_path)):
            node_key = key_path[: depth + 1]
            label_here = row_path[depth]
            if node_key not in index:
                node: dict[str, Any] = {"name": label_here, "__row__": number, "children": []}
                index[node_key] = node
                (index[node_key[:-1]]["children"] if depth else roots).append(node)
            elif split_weight(label_here)[1] is not None and split_weight(index[node_key]["name"])[1] is None:
                index[node_key]["name"] = label_here  # "产出指标(50分)" after a plain "产出指标"
        leaf = index[key_path]
        leaf["__row__"] = number
        leaf["__filled__"] = True
        for field in ("weight", "score", "target", "actual", "rule", "note", "unit"):
            if values[field]:
                leaf[field] = values[field]
        if values["rate"]:
            leaf["claimed"] = {"rate": values["rate"]}
        last_leaf = row_path
    for node in index.values():
        node.pop("__filled__", None)
        if not node["children"]:
            del node["children"]
    return table
