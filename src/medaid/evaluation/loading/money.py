"""The money block of a 自评表 (项目资金 / 预算执行情况 / 资金投入情况), as exports print it::

    项目资金（万元）      |                   | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
                          | 年度资金总额      | 466        | 466        | 466        | 10   | 100%   | 10
    预算执行情况(10分)    | 年度预算数(万元)  | 年初预算   | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因
    预算执行情况（万元）（20分） |            | 预算数(A)  | 执行数(B)  | 执行率(B/A) | 得分(20分*执行率)

The denominator of 执行率 is the 全年/调整后 budget (预算数(A)), never the 年初 one: Sichuan's form
says 预算执行率 = 预算执行数 ÷ 调整后预算数, and prints 年初 0.00 beside it. The scored row
(年度资金总额, 总额, 年度财政资金总额) becomes the 预算执行率 indicator with weight = its 分值/权重,
or the points in the label ("(20分)"); its score rule is the form's: 分值 × 执行率, capped at
the weight — written in the header ("得分(20分*执行率)"), or the convention of the central
template when the header says nothing (then a printed score that differs is a warning, since
forms round it to whole points). A block without a weight gives figures only. Each 其中 row
gives figures (its sums, and its 执行率 = 执行数 ÷ 预算数 when the budget is not 0; 0 ÷ 0 is
printed 100% or 0.00% and not checked), and the total's sums are checked as the sum of the
rows below it. Amounts may carry "万" (3359.62万) in a 万元 block; a rate under "执行率(%)" is a
bare number of percent, and a bare fraction elsewhere (0.99) is an XLSX percentage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from medaid.evaluation.loading.cells import header_key, key, suffix_points
from medaid.evaluation.numbers import HUNDRED, fmt, to_decimal
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import BudgetExecution

BUDGET_NAME = "预算执行率"
LABELS = ("项目资金", "预算执行情况", "资金投入情况", "预算资金情况", "资金情况")
TOTAL_ROWS = ("年度资金总额", "总额", "年度财政资金总额", "资金总额")
FUND: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算"),
    "annual": ("全年预算数", "全年预算", "调整后预算数", "调整后预算", "预算数"),
    "executed": ("全年执行数", "全年执行", "实际执行数", "预算执行数", "执行数"),
    "weight": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
    "note": ("原因", "偏差原因", "说明"),
}
ROW_NAMES = ("年度预算数", "资金来源", "资金类别", "资金构成")  # the sub-header over the rows' names
SUMS = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}
_INSTRUCTION = re.compile(r"预算执行率\s*=|需说明|应说明|应单独说明")
_FAR = 10**6  # the last column of a block runs to the table's edge

Span = tuple[int, int, str]  # first column, column after the last, field
Cells = list[tuple[int, str]]


def is_label(text: str) -> bool:
    return header_key(text)[0].rstrip(":：").startswith(LABELS)


def is_row_name(text: str) -> bool:
    """A money row's name that may stand in the label column (a label cell spanning two columns)."""
    name = key(text).rstrip(":：")
    return name in TOTAL_ROWS or name.startswith("其中")


@dataclass
class FundHeader:
    """The block's label row: its columns, and what its label and headers say."""

    spans: list[Span]
    unknown: list[str]
    points: str | None = None  # "预算执行情况(10分)", "得分(20分*执行率)"
    formula: str | None = None  # the score header when it states the rule, as printed
    percent: bool = False  # "执行率(%)"


def fund_header(cells: Cells) -> FundHeader:
    label_points = suffix_points(header_key(cells[0][1])[1])
    known: list[tuple[int, str]] = []
    unknown: list[str] = []
    formula, percent, points = None, False, label_points
    for i, text in cells[1:]:
        name, suffixes = header_key(text)
        found = next((f for f, names in FUND.items() if name.rstrip(":：") in names), None)
        if found is None:
            if name not in ROW_NAMES:
                unknown.append(text)
            continue
        known.append((i, found))
        if found == "rate" and "%" in suffixes:
            percent = True
        if found == "score" and suffix_points(suffixes) and "执行率" in "".join(suffixes):
            formula, points = text, points or suffix_points(suffixes)
    ends = [i for i, _ in known[1:]] + [_FAR] * bool(known)
    spans = [(i, end, f) for (i, f), end in zip(known, ends, strict=True)]
    return FundHeader(spans, unknown, points, formula, percent)


def _amount(text: str) -> str:
    """ "3359.62万" or "3359.62万元" in a 万元 block → "3359.62"."""
    stripped = re.sub(r"\s*万元?$", "", text.strip())
    return stripped if to_decimal(stripped) is not None else text


def _rate(text: str, percent: bool) -> str:
    """A rate as a percentage text: "100" under 执行率(%) → "100%"; an XLSX fraction 0.99 → "99%"."""
    quantity = parse_quantity(text)
    if quantity is None or quantity.value is None or quantity.unit:
        return text
    if percent or quantity.value > 1:
        return f"{text}%"
    return f"{fmt(quantity.value * HUNDRED)}%"


@dataclass
class FundRow:
    index: int
    name: str
    values: dict[str, str]


@dataclass
class Fund:
    """What the block gives: the scored row as an indicator mapping, figures, and what was skipped."""

    budget: dict[str, Any] | None = None
    figures: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[int, Cells, str]] = field(default_factory=list)


def place(spans: list[Span], cells: Cells) -> tuple[dict[str, str], list[str]]:
    """Each cell under the sub-header whose columns cover it; the cells none covers, or a second
    cell under one sub-header, are returned apart."""
    placed: dict[str, str] = {}
    left: list[str] = []
    for i, text in cells:
        name = next((f for start, end, f in spans if start <= i < end), None)
        if name is None or name in placed:
            left.append(text)
        else:
            placed[name] = text
    return placed, left


def fund_row(head: FundHeader, index: int, cells: Cells, fund: Fund) -> FundRow | None:
    """One row of the block: its name and values, or None (recorded as skipped)."""
    first = head.spans[0][0]
    names = [t for i, t in cells if i < first]
    values, left = place(head.spans, [(i, t) for i, t in cells if i >= first])
    if len(names) != 1 or left:
        why = "项目资金栏的这一行没有唯一的资金名称，或有数字不在表头的列下，未读取"
        fund.skipped.append((index, cells, why))
        return None
    name = names[0]
    for field_name, label in SUMS.items():
        if field_name in values:
            values[field_name] = _amount(values[field_name])
            if to_decimal(values[field_name]) is None:
                text = values.pop(field_name)
                fund.skipped.append((index, [(0, name), (0, label), (0, text)], "不是数字，未读取"))
    if "rate" in values:
        values["rate"] = _rate(values["rate"], head.percent)
    return FundRow(index, name, values)


def read_fund(head: FundHeader, rows: list[FundRow], fund: Fund) -> None:
    """The block's rows: the scored total as the budget indicator, the rest as figures."""
    total = next((r for r in rows if key(r.name).rstrip(":：") in TOTAL_ROWS), None)
    weight = (total.values.get("weight") if total else None) or head.points
    if total is not None and head.points and to_decimal(weight) != to_decimal(head.points):
        why = f"与栏名中的 {head.points} 分不同，按该行的分值 {weight} 计"
        fund.skipped.append((total.index, [(0, total.name), (0, "分值"), (0, head.points)], why))
    for row in rows:
        if row is total and weight:
            _budget(head, row, weight, fund)
        else:
            _marks(row, fund)
            _figures(row, fund)
    if total is not None:
        _parts(total, [r for r in rows if r is not total], weight is None, fund)


def _budget(head: FundHeader, row: FundRow, weight: str, fund: Fund) -> None:
    values = row.values
    sums = {f: values[f] for f in ("initial", "annual", "executed", "rate") if f in values}
    rule = BudgetExecution(text=head.formula, implied=head.formula is None)
    budget: dict[str, Any] = {"name": BUDGET_NAME, "weight": weight, "budget": sums, "__row__": row.index,
                              "__rule__": rule}  # fmt: skip
    if values.get("score"):
        budget["score"] = values["score"]
    note = values.get("note")
    if note and not _INSTRUCTION.search(note):
        budget["note"] = note
    fund.budget = budget


def _marks(row: FundRow, fund: Fund) -> None:
    for marks, label in (("weight", "分值"), ("score", "得分")):
        if row.values.get(marks):
            why = "只有年度资金总额一行计分，其他资金行的" + label + "未读取"
            fund.skipped.append((row.index, [(0, row.name), (0, label), (0, row.values[marks])], why))


def figure_name(row: str) -> str:
    text = key(row).rstrip(":：").removeprefix("其中").lstrip(":：")
    return "项目资金" + "".join(ch for ch in text if ch.isidentifier() or ch.isdigit())


def _figures(row: FundRow, fund: Fund) -> None:
    """A 资金 row without a 分值: its sums and its 执行率 (checked: 全年执行数 ÷ 全年预算数) as figures."""
    base, values = figure_name(row.name), row.values
    for field_name, label in SUMS.items():
        if field_name in values:
            fund.figures.append({"name": base + label, "value": values[field_name], "unit": "万元",
                                 "where": f"项目资金 {row.name} {label}", "__row__": row.index})  # fmt: skip
    rate = values.get("rate")
    if rate is None:
        return
    quantity = parse_quantity(rate)
    if quantity is None or quantity.value is None or not quantity.is_percent:
        fund.skipped.append((row.index, [(0, row.name), (0, "执行率"), (0, rate)], "不是百分数，未读取"))
        return
    figure: dict[str, Any] = {"name": base + "执行率", "value": rate, "where": f"项目资金 {row.name} 执行率",
                              "__row__": row.index}  # fmt: skip
    if to_decimal(values.get("annual")) and to_decimal(values.get("executed")) is not None:
        figure["formula"] = f"{base}全年执行数 / {base}全年预算数"
    fund.figures.append(figure)


def _parts(total: FundRow, parts: list[FundRow], listed: bool, fund: Fund) -> None:
    """年度资金总额 = the sum of the rows below it (其中：当年财政拨款, 上年结转资金, 其他资金), each
    sum the total row states; a second 其中 (a breakdown of a part) is not summed."""
    if sum(key(p.name).startswith("其中") for p in parts) > 1:
        return
    base = figure_name(total.name)
    for field_name, label in SUMS.items():
        given = [p for p in parts if field_name in p.values]
        if field_name not in total.values or not given:
            continue
        formula = " + ".join(figure_name(p.name) + label for p in given)
        if listed:  # the unscored total is a figure already: give it its formula
            for figure in fund.figures:
                if figure["name"] == base + label:
                    figure["formula"] = formula
            continue
        fund.figures.append({"name": base + label, "value": total.values[field_name], "unit": "万元",
                             "formula": formula, "where": f"项目资金 {total.name} {label}（其下各行之和）",
                             "__row__": total.index})  # fmt: skip
