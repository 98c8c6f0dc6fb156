"""The flat indicator table of contract 1, from rows of any source: a CSV or XLSX sheet, or a
table of a Word or PDF report. One header finder (``columns``) and one row builder for all.

Columns: 一级指标, 二级指标, 三级指标, 四级指标 (as many as present), 分值, 得分, 得分率,
指标值/年度指标值 (or 指标性质 | 指标值 | 度量单位), 实际完成值, 评分标准, 扣分说明/偏差原因分析….
An empty level cell left of a filled one repeats the cell above (as merged cells do);
empty level cells right of the last filled one make the row an indicator at that
shallower level. A row named 合计 or 总分 gives the claimed total; text below it in the label
column (评价结论, 存在问题) is not an indicator and is listed unread, as is a level named without
anything in it or under it. A template's empty lines ("指标2：", "……", a lone "/") are skipped;
"指标1：" before a name is the template's numbering and is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.cells import clean, header_key, key
from medaid.evaluation.loading.columns import ALIASES, LEVELS, Header, find_header
from medaid.evaluation.loading.targets import coefficient, is_placeholder, join, strip_numbering
from medaid.evaluation.loading.vocabulary import split_weight
from medaid.evaluation.numbers import fmt, round2, to_decimal

__all__ = ["ALIASES", "LEVELS", "TOTALS", "FlatTable", "Header", "RowNote", "build_rows", "clean", "find_header", "key"]

TOTALS = {"合计", "总分", "总计"}
_LEAF_FIELDS = ("weight", "score", "target", "actual", "rule", "note", "unit")
_VALUE_FIELDS = tuple(f for f in ALIASES if f not in ("explain", "core"))

# Where a row came from, for an error message: its number → a Location.
Where = Callable[[int], Location]
Index = dict[tuple[str, ...], dict[str, Any]]  # an indicator's path of plain names → its mapping


@dataclass(frozen=True)
class RowNote:
    """Something of a row that was not read: what (as printed), why, and the row's number."""

    row: int
    what: str
    why: str


@dataclass
class FlatTable:
    """The indicator mappings a flat table gives (for ``Builder.framework``) and its 合计 row."""

    roots: list[dict[str, Any]]
    total: str | None = None  # the 得分 of the 合计/总分 row, as printed
    total_weight: str | None = None
    total_row: int | None = None  # its number
    unread: list[RowNote] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)  # a 得分 beside its 分值 × 得分系数


def _block_name(header_block: tuple[str, Decimal] | None) -> str | None:
    return f"{header_block[0]}({fmt(header_block[1])}分)" if header_block else None


def _repeated_block(row: Sequence[Any], header: Header) -> str | None:
    """A header repeated further down may open another block ("年度绩效目标2(40分)")."""
    for i in header.label_columns:
        if i < len(row):
            name, weight = split_weight(key(row[i]))
            if weight is not None and name:
                return f"{name}({fmt(weight)}分)"
    return None


def _names(row: Sequence[Any], header: Header, number: int) -> list[str]:
    """The level cells of a row: numbering dropped, a name that is only points ("(50分)", whose
    name was lost in print) named after its place."""
    out = []
    for depth, i in enumerate(header.levels):
        name = strip_numbering(clean(row[i])) if i < len(row) else ""
        plain, weight = split_weight(name)
        if name and not plain and weight is not None:
            name = f"未命名{LEVELS[min(depth, len(LEVELS) - 1)]}（第{number}行）({fmt(weight)}分)"
        out.append(name)
    return out


def build_rows(rows: Sequence[Sequence[Any]], header: Header, numbers: Sequence[int], where: Where) -> FlatTable:
    """Indicator mappings from the data rows below a header; ``numbers`` names each row for
    ``__row__`` and for errors (``where``)."""
    columns, level_cols = header.columns, header.levels
    roots: list[dict[str, Any]] = []
    index: Index = {}
    carried: list[str] = [""] * len(level_cols)
    table = FlatTable(roots)
    last_leaf: tuple[str, ...] | None = None
    block = _block_name(header.block)

    def cell(row: Sequence[Any], field_name: str) -> str:
        i = columns.get(field_name)
        return clean(row[i]) if i is not None and i < len(row) else ""

    for number, row in zip(numbers, rows, strict=True):
        names = _names(row, header, number)
        values = {f: cell(row, f) for f in ALIASES}
        beside = [clean(row[i]) for i in header.label_columns if i < len(row)]
        if not any(names) and not any(values.values()) and not any(beside):
            continue
        label = key(next((n for n in names if n), "") or (row[0] if row else ""))
        if header_key(label)[0] in LEVELS:
            block = _repeated_block(row, header) or block
            continue  # the header again, as tables repeat it after a page break
        if label in TOTALS or (not any(names) and key(next((b for b in beside if b), "")) in TOTALS):
            table.total, table.total_weight, table.total_row = values["score"] or None, values["weight"] or None, number
            continue
        filled = [i for i, n in enumerate(names) if n]
        has_values = any(values[f] for f in _VALUE_FIELDS)
        if table.total_row is not None and any(beside):
            shown = " ".join(t for t in (*beside, *names) if t)
            why = "合计行之后的文字（如评价结论、存在问题），不是指标，未读取"
            table.unread.append(RowNote(number, f"“{shown[:30]}”", why))
            continue
        if filled and not has_values and is_placeholder(names[filled[-1]]):
            for i in filled[:-1]:
                carried[i] = names[i]
            continue  # a template's empty line
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
        if block is not None and filled:
            row_path = (block, *row_path)
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
        leaf["__empty__"] = not has_values
        _fill(leaf, row, values, header, number, table)
        _level_weights(row, header, key_path, index, block is not None and bool(filled), number, table)
        last_leaf = row_path
    table.roots[:] = _prune(roots, table)
    for node in index.values():
        node.pop("__filled__", None)
        node.pop("__empty__", None)
        if not node["children"]:
            del node["children"]
    return table


def _fill(
    leaf: dict[str, Any], row: Sequence[Any], values: dict[str, str], header: Header, number: int, table: FlatTable
) -> None:
    """The row's values on its indicator: the target and actual joined from their parts."""
    numeric = frozenset(
        f
        for f in ("target", "actual")
        if (i := header.columns.get(f)) is not None and i < len(row) and isinstance(row[i], float)
    )
    joined = join(values, header.percent, numeric)
    values = {**values, "target": joined.target or "", "actual": joined.actual or ""}
    if joined.refused is not None:
        column, why = joined.refused
        shown = header.labels.get("nature") or header.labels.get("direction") or column
        table.unread.append(RowNote(number, f"“{shown}”列", f"{why}，未读取该行的指标值；请改正后重新导入"))
    for field_name in _LEAF_FIELDS:
        if values[field_name]:
            leaf[field_name] = values[field_name]
    if values["rate"]:
        leaf["claimed"] = {"rate": values["rate"]}
    if values["coefficient"]:
        _coefficient(leaf, values, header, number, table)
    if values["core"]:
        leaf["core"] = values["core"]


def _coefficient(leaf: dict[str, Any], values: dict[str, str], header: Header, number: int, table: FlatTable) -> None:
    """得分 = 分值 × 得分系数: the score when the row prints none, else a figure to check."""
    factor = coefficient(values["coefficient"])
    column = header.labels.get("coefficient", "得分系数")
    if factor is None:
        why = "得分系数应为 0 到 1 之间的小数（如 0.95）或百分数（如 95%），未读取"
        table.unread.append(RowNote(number, f"“{column}”列“{values['coefficient']}”", why))
        return
    weight = to_decimal(values["weight"]) if values["weight"] else split_weight(str(leaf["name"]))[1]
    if weight is None:
        return
    if not values["score"]:
        leaf["score"] = str(round2(weight * factor))
        return
    table.figures.append({
        "name": f"第{number}行得分", "value": values["score"], "formula": f"{fmt(weight)} * {fmt(factor)}",
        "where": f"第{number}行：得分 = 分值 × {column}", "__row__": number,
    })  # fmt: skip


def _level_weights(
    row: Sequence[Any],
    header: Header,
    key_path: tuple[str, ...],
    index: Index,
    in_block: bool,
    number: int,
    table: FlatTable,
) -> None:
    """A 权重 beside a level column weighs that level's indicator (when 分值 weighs the rows)."""
    for column, depth in header.level_weights.items():
        text = clean(row[column]) if column < len(row) else ""
        depth += in_block
        if not text or depth >= len(key_path):
            continue
        node = index[key_path[: depth + 1]]
        if node is index[key_path]:
            continue  # the row is that level's own indicator: its 分值 weighs it
        if node.get("weight") in (None, ""):
            node["weight"] = text
        elif to_decimal(node["weight"]) != to_decimal(text):
            why = f"与上面行的权重 {node['weight']} 不同，未读取"
            table.unread.append(RowNote(number, f"“{header_key(row[column])[0] or '权重'}”列“{text}”", why))


def _prune(nodes: list[dict[str, Any]], table: FlatTable) -> list[dict[str, Any]]:
    """Drop a level named without anything under it or in it (an empty 经济效益指标 row, 评价结论
    below 合计 in a table without a label column): listed as unread, not an indicator."""
    out = []
    for node in nodes:
        node["children"] = _prune(node["children"], table)
        if node.get("__empty__") and not node["children"] and split_weight(str(node["name"]))[1] is None:
            why = "只有名称，没有指标值、分值或得分，也没有下级指标，未作为指标读取"
            table.unread.append(RowNote(node["__row__"], f"“{str(node['name'])[:30]}”", why))
            continue
        out.append(node)
    return out
