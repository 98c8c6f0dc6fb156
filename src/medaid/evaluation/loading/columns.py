"""The indicator header of a flat table: which column holds what, as provincial exports name it.

A header cell is matched as printed, then without its bracketed suffixes ("全年完成值(B)",
"实际完成值(%)"); a suffix "(%)" makes the column's bare numbers percentages. Two header rows
(Yunnan: 年度指标值 over 指标性质 | 指标值 | 度量单位) are merged column by column, the lower
row's name winning. A label left of the levels that carries points ("绩效指标(90分)",
"年度绩效目标（80分）") is the weight of the block of indicators below it. Where a table has both
权重 and 分值, 分值 is the row's weight and a 权重 column right of a level column is that
level's weight (Jiangxi's 部门整体 table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from medaid.evaluation.loading.cells import header_key, key
from medaid.evaluation.loading.vocabulary import split_weight

LEVELS = ("一级指标", "二级指标", "三级指标", "四级指标", "五级指标")
# Names of the indicator column of tables that name fewer levels (Hunan: 一级, 二级, 指标内容).
NAME_COLUMNS = ("指标内容", "指标名称")
ALIASES: dict[str, tuple[str, ...]] = {
    "weight": ("分值", "权重", "满分", "标准分值", "指标分值", "分数"),
    "score": ("得分", "评分", "评价得分", "实际得分", "自评得分", "评定得分"),
    "rate": ("得分率",),
    "target": (
        "指标值", "年度指标值", "目标值", "年度目标值", "绩效目标值", "年初设定目标", "指标(目标)值",
        "年初目标值", "全年指标值",
    ),
    "initial_target": ("年初指标值",),
    "adjusted_target": ("调整指标值", "调整后指标值"),
    "actual": (
        "实际完成值", "全年完成值", "实际值", "完成值", "全年实际值", "实际完成情况", "全年实际完成值",
        "实际完成数",
    ),
    "rule": ("评分标准", "评分规则", "计分方法", "评分方法", "评分办法"),
    "note": (
        "扣分说明", "评扣分说明", "评分说明", "得分说明", "偏差原因分析及改进措施", "偏差原因分析",
        "偏差及原因分析", "备注", "说明", "未完成原因分析", "未完成原因和改进措施", "未完成原因分析及改进措施",
        "偏差原因及改进措施",
    ),
    "explain": ("指标解释", "指标说明", "评价要点"),
    "unit": ("单位", "计量单位", "度量单位"),
    "nature": ("指标性质",),
    "direction": ("指标方向",),
    "coefficient": ("得分系数",),
    "core": ("是否核心指标",),
}  # fmt: skip
_FIELD_OF = {name: f for f, names in ALIASES.items() for name in names}
_LEVEL_WEIGHT = "权重"


def field_of(cell: object) -> tuple[str | None, tuple[str, ...]]:
    """The field a header cell names (or None) and the suffixes it carries."""
    whole = key(cell)
    if whole in _FIELD_OF:
        return _FIELD_OF[whole], ()
    name, suffixes = header_key(cell)
    return _FIELD_OF.get(name), suffixes


def _level(cell: object) -> str | None:
    name = header_key(cell)[0]
    return name if name in LEVELS or name in NAME_COLUMNS else None


@dataclass(frozen=True)
class Header:
    """The header of a flat table: the index of its last row, the field of each known column,
    the level columns (shallowest first) and what the header rows say besides."""

    index: int
    columns: dict[str, int]
    levels: list[int]
    names: tuple[str, ...]  # every header cell as compared (joins tables with the same header)
    start: int | None = None  # the first header row, when the header has two
    labels: dict[str, str] = field(default_factory=dict)  # field → the header cell as printed
    percent: frozenset[str] = frozenset()  # fields whose header says "(%)"
    block: tuple[str, Decimal] | None = None  # "绩效指标(90分)": the block's name and weight
    level_weights: dict[int, int] = field(default_factory=dict)  # column → depth of the level it weighs

    @property
    def has_weight(self) -> bool:
        return "weight" in self.columns

    @property
    def first(self) -> int:
        return self.index if self.start is None else self.start

    @property
    def label_columns(self) -> range:
        """The columns left of the level columns (a 绩效指标 label, merged down the table)."""
        return range(min(self.levels)) if self.levels else range(0)


def _known(cell: object) -> bool:
    return field_of(cell)[0] is not None or _level(cell) is not None


def _subheader(row: Sequence[Any]) -> bool:
    """A second header row: every filled cell names a field (指标性质 | 指标值 | 度量单位)."""
    filled = [c for c in row if key(c)]
    return len(filled) >= 2 and all(field_of(c)[0] is not None for c in filled)


def _upper_header(row: Sequence[Any], lower: Sequence[Any]) -> bool:
    """A header row above the level row: no levels, every filled cell but a leading label names
    a field, and two of them sit over empty cells of the level row."""
    filled = [(i, c) for i, c in enumerate(row) if key(c)]
    if not filled or any(_level(c) for _, c in filled):
        return False
    rest = filled[1:] if field_of(filled[0][1])[0] is None else filled
    if any(field_of(c)[0] is None for _, c in rest):
        return False
    over_empty = [i for i, _ in rest if i >= len(lower) or not key(lower[i])]
    return len(over_empty) >= 2


def _merge(upper: Sequence[Any], lower: Sequence[Any]) -> list[Any]:
    width = max(len(upper), len(lower))
    out: list[Any] = []
    for i in range(width):
        low = lower[i] if i < len(lower) else None
        high = upper[i] if i < len(upper) else None
        out.append(low if key(low) and (_known(low) or not key(high)) else high)
    return out


def find_header(rows: Sequence[Sequence[Any]], limit: int | None = 15) -> Header | None:
    """The header among the first ``limit`` rows (None: all): the first row with a level column
    (一级指标 …), merged with a second header row below or above it; None if there is none."""
    for index, row in enumerate(rows[:limit]):
        if not any(header_key(c)[0] in LEVELS for c in row):
            continue
        start = None
        cells: Sequence[Any] = row
        if index + 1 < len(rows) and _subheader(rows[index + 1]):
            cells, start, index = _merge(row, rows[index + 1]), index, index + 1
        elif index > 0 and _upper_header(rows[index - 1], row):
            cells, start = _merge(rows[index - 1], row), index - 1
        return _read(cells, index, start)
    return None


def _read(cells: Sequence[Any], index: int, start: int | None) -> Header:
    keys = [key(c) for c in cells]
    levels = sorted(
        (i for i, c in enumerate(cells) if _level(c)),
        key=lambda i: LEVELS.index(lvl) if (lvl := _level(cells[i])) in LEVELS else len(LEVELS),
    )
    found: dict[str, list[int]] = {}
    percent: set[str] = set()
    for i, c in enumerate(cells):
        name, suffixes = field_of(c)
        if name is not None:
            found.setdefault(name, []).append(i)
            if "%" in suffixes and found[name][0] == i:
                percent.add(name)
    columns = {f: cols[0] for f, cols in found.items()}
    level_weights: dict[int, int] = {}
    weights = found.get("weight", [])
    if len(weights) > 1:
        per_row = [i for i in weights if header_key(cells[i])[0] != _LEVEL_WEIGHT]
        if per_row:
            columns["weight"] = per_row[0]
            for i in weights:
                if header_key(cells[i])[0] == _LEVEL_WEIGHT and i - 1 in levels:
                    level_weights[i] = levels.index(i - 1)
    labels = {f: str(cells[i]).strip() for f, i in columns.items()}
    block = _block(cells, levels)
    return Header(index, columns, levels, tuple(keys), start, labels, frozenset(percent), block, level_weights)


def _block(cells: Sequence[Any], levels: list[int]) -> tuple[str, Decimal] | None:
    """The name and points of a label left of the levels: "绩效指标(90分)", "年度绩效目标（80分）"."""
    for cell in cells[: min(levels) if levels else 0]:
        name, weight = split_weight(key(cell))
        if weight is not None and name and not field_of(name)[0]:
            return name, weight
    return None
