"""The rows above the indicator header of a 项目支出绩效自评表 (its preamble), as filled forms
print it (../shared/FORMATS.md) and as medaid writes it (``medaid.reports.self_table``)::

    项目支出绩效自评表（2021年度）                          ← a caption, in the table or above it
    项目名称 | 城乡医疗救助
    主管部门 | 浮梁县医疗保障局 | 实施单位 | 浮梁县医疗保险事业服务中心
    项目资金（万元） |                  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
                     | 年度资金总额      | 466 | 466 | 466 | 10 | 100% | 10
                     | 其中：当年财政拨款 | 466 | 466 | 466 | —  | 100% | —
    年度总体目标     | 预期目标 | 实际完成情况
                     | 目标 1、…  | 目标 1、…
    (绩效指标) | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | …

A row whose first cell is filled starts a block (its label); a row whose first cell is empty or
continues a merged cell belongs to the block above. Read:

- 项目名称 (转移支付(项目)名称), 主管部门 (地方主管部门), 实施单位 (项目实施单位, 资金使用单位,
  实施单位(盖章)): the framework's title, department and unit;
- 项目资金 / 预算执行情况 / 资金投入情况: the money block (``money``): the 年度资金总额 row is the
  budget indicator (``BUDGET_NAME`` unless the indicator rows name one, e.g. a 一级指标 row
  预算执行率) with its weight, score, the form's score rule and ``budget`` = 年初预算数, 全年预算数,
  全年执行数, 执行率, so the audit checks 执行率 = 执行数 ÷ 预算数 and the total. Without a weight
  it, like each 其中 row, gives figures;
- 年度总体目标 (总体目标完成情况, 项目基本情况) under 预期目标 (项目年度目标, 总体目标) and 实际完成情况
  (全年实际完成情况, 年度目标完成情况): the framework's goal;
- the caption: 自评 makes the kind ``self`` (so does a 项目资金 block with a 得分 column), and
  "（2021年度）" the year.

Anything else (a row of another label, a cell the block's columns do not place, a number that
is not one, a 其中 row's 分值 or 得分) is listed as unread, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from medaid.evaluation.loading.cells import clean, header_key, key
from medaid.evaluation.loading.money import (
    BUDGET_NAME,
    Fund,
    FundHeader,
    FundRow,
    fund_header,
    fund_row,
    is_label,
    is_row_name,
    place,
    read_fund,
)
from medaid.evaluation.loading.vocabulary import split_weight
from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.published import Place, Unread

__all__ = ["BUDGET_NAME", "Preamble", "read_preamble"]

TOTAL_ROW = "年度资金总额"
_LABELS = {
    "项目名称": "title", "转移支付(项目)名称": "title", "主管部门": "department", "地方主管部门": "department",
    "实施单位": "unit", "项目实施单位": "unit", "资金使用单位": "unit",
}  # fmt: skip
_GOAL = {
    "expected": ("预期目标", "项目年度目标", "总体目标", "年度目标"),
    "achieved": ("实际完成情况", "实际完成", "全年实际完成情况", "年度目标完成情况", "目标完成情况"),
}
_GOAL_LABELS = ("年度总体目标", "总体目标", "总体目标完成情况", "项目基本情况")
_CAPTIONS = ("年度绩效指标完成情况", "绩效指标完成情况", "分解目标自评")  # a caption row over the indicators
_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
_COLON = re.compile(r"[:：]")
_NUMBERED = re.compile(r"^\d+[.．、]")  # "1.项目年度目标完成情况": a sub-label of 项目基本情况

Span = tuple[int, int, str]  # first column, column after the last, field


@dataclass
class Preamble:
    """What a 自评表's preamble says, each read thing with its row (an index into ``places``)."""

    places: list[Place]
    fields: dict[str, str] = field(default_factory=dict)  # title, department, unit
    goal: dict[str, str] = field(default_factory=dict)  # expected, achieved
    year: int | None = None
    is_self: bool = False
    recognized: bool = False  # a 自评表 label was found (else the rows are a score table's caption)
    budget: dict[str, Any] | None = None  # the indicator mapping of the 年度资金总额 row
    figures: list[dict[str, Any]] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    rows_unread: list[int] = field(default_factory=list)  # the row of each unread, to keep them in order

    def skip(self, index: int, cells: list[tuple[int, str]], why: str) -> None:
        shown = " ".join(t for _, t in cells)
        shown = shown if len(shown) <= 30 else shown[:30] + "…"
        self.unread.append(Unread(f"“{shown}”", why, self.places[index]))
        self.rows_unread.append(index)

    def apply(self, raw: dict[str, Any], offset: int) -> list[Unread]:
        """Put what was read into ``raw`` (a framework mapping whose indicators are built from the
        rows below the header); a row's ``__row__`` is ``offset`` + its index here. Returns what
        could not be placed."""
        raw.update({k: v for k, v in self.fields.items() if v})
        if self.goal:
            raw["goal"] = dict(self.goal)
        if self.year is not None:
            raw["year"] = self.year
        if self.is_self:
            raw["kind"] = "self"
        figures = [{**f, "__row__": f["__row__"] + offset} for f in self.figures]
        raw["figures"] = [*raw.get("figures", []), *figures]
        if self.budget is None:
            return []
        budget = {**self.budget, "__row__": self.budget["__row__"] + offset}
        roots: list[dict[str, Any]] = raw["indicators"]
        named = next((r for r in roots if "执行率" in key(split_weight(str(r["name"]))[0])), None)
        if named is None:
            roots.insert(0, budget)
            return []
        named["budget"] = budget["budget"]  # the indicator rows name it: the block is its budget
        if not named.get("rule"):
            named["__rule__"] = budget["__rule__"]
        out = []
        for name, label in (("weight", "分值"), ("score", "得分")):
            if named.get(name) in (None, ""):
                named[name] = budget.get(name)
            elif budget.get(name) not in (None, "") and to_decimal(budget[name]) != to_decimal(named[name]):
                why = f"项目资金栏的{label}与指标行“{named['name']}”的{label}不同，未核对哪一个对"
                out.append(Unread(f"“{TOTAL_ROW} {label} {budget[name]}”", why, self.places[self.budget["__row__"]]))
        return out


def _cells(row: list[str | None]) -> list[tuple[int, str]]:
    """The filled cells with their columns; "项目名称：城乡医疗救助" in one cell is two."""
    out = []
    for i, c in enumerate(row):
        text = clean(c)
        head, *tail = _COLON.split(text, maxsplit=1)
        if tail and tail[0].strip() and _label(head) in _LABELS:
            out.extend([(i, head.strip()), (i, tail[0].strip())])
        elif text:
            out.append((i, text))
    return out


def _label(text: str) -> str:
    """A label cell compared: no spaces, no trailing colon, no bracketed suffix ("实施单位(盖章)")."""
    whole = key(text).rstrip(":：")
    return whole if whole in _LABELS else header_key(whole)[0].rstrip(":：")


def _goal_spans(cells: list[tuple[int, str]]) -> tuple[list[Span], list[str]]:
    """The columns 预期目标 and 实际完成情况 cover; a numbered sub-label before them is passed over."""
    known = [(i, f) for i, t in cells for f, aliases in _GOAL.items() if _label(t) in aliases]
    unknown = [t for i, t in cells if all(i != j for j, _ in known) and not _NUMBERED.match(key(t))]
    ends = [i for i, _ in known[1:]] + [10**6] * bool(known)
    return [(i, end, f) for (i, f), end in zip(known, ends, strict=True)], unknown


def read_preamble(rows: list[list[str | None]], places: list[Place], title: str | None) -> Preamble:
    """The preamble of a table whose indicator header comes after ``rows``; ``title`` is the
    document's (its caption, when the caption is a paragraph above the table)."""
    pre = Preamble(places)
    captions = [title or ""]
    block: str | None = None
    spans: list[Span] = []
    fund_head: FundHeader | None = None
    fund_rows: list[FundRow] = []
    fund = Fund()
    for index, row in enumerate(rows):
        cells = _cells(row)
        if not cells:
            continue
        label = _label(cells[0][1])
        if block == "fund" and fund_head is not None and (cells[0][0] > 0 or is_row_name(cells[0][1])):
            if fund_head.spans and (read := fund_row(fund_head, index, cells, fund)) is not None:
                fund_rows.append(read)
            elif not fund_head.spans:
                pre.skip(index, cells, "自评表表头部分的这一行未能识别，未读取")
            continue
        if cells[0][0] > 0:  # the first cell is empty or a merged cell going on: the block above
            _block_row(pre, block, spans, index, cells)
            continue
        block, spans = None, []
        if label in _LABELS:
            pre.recognized = True
            _labelled(pre, index, cells)
        elif is_label(cells[0][1]):
            pre.recognized, block = True, "fund"
            fund_head = fund_header(cells)
            pre.is_self = pre.is_self or any(f == "score" for _, _, f in fund_head.spans)
            if fund_head.unknown:
                pre.skip(index, cells, "项目资金栏的表头有未知的列：" + "、".join(fund_head.unknown) + "，未读取")
        elif label.startswith(_GOAL_LABELS):
            pre.recognized, block = True, "goal"
            spans, unknown = _goal_spans(cells[1:])
            if unknown or not spans:
                pre.skip(index, cells, "年度总体目标没有分“预期目标”“实际完成情况”两栏，未读取")
                block = None
        elif len({t for _, t in cells}) == 1 and key(cells[0][1]) in _CAPTIONS:
            continue  # "年度绩效指标完成情况": the caption of the indicators below
        elif len({t for _, t in cells}) == 1 and not pre.recognized:
            captions.append(cells[0][1])  # the table's caption
        else:
            pre.skip(index, cells, "自评表表头部分的这一行未能识别，未读取")
    if fund_head is not None and fund_head.spans:
        read_fund(fund_head, fund_rows, fund)
    pre.budget, pre.figures = fund.budget, fund.figures
    for index, cells, why in fund.skipped:
        pre.skip(index, cells, why)
    order = sorted(range(len(pre.unread)), key=lambda i: pre.rows_unread[i])
    pre.unread, pre.rows_unread = [pre.unread[i] for i in order], [pre.rows_unread[i] for i in order]
    for caption in captions:
        if "自评" in caption:
            pre.is_self = True
    if pre.is_self:
        years = [m.group(1) for c in captions if (m := _YEAR.search(c))]
        pre.year = int(years[-1]) if years else None
    return pre


def _labelled(pre: Preamble, index: int, cells: list[tuple[int, str]]) -> None:
    """项目名称 | X; 主管部门 | X | 实施单位 | Y: each label takes the cell after it."""
    left: list[str] = []
    position = 0
    while position < len(cells):
        name = _LABELS.get(_label(cells[position][1]))
        value = cells[position + 1][1] if position + 1 < len(cells) else None
        if name is not None and value is not None and _label(value) not in _LABELS:
            pre.fields[name] = value
            position += 2
            continue
        if name is None:
            left.append(cells[position][1])
        position += 1
    if left:
        pre.skip(index, cells, "这一行中“" + "、".join(left) + "”未能对应到项目名称、主管部门或实施单位，未读取")


def _block_row(pre: Preamble, block: str | None, spans: list[Span], index: int, cells: list[tuple[int, str]]) -> None:
    if block == "goal":
        placed, left = place(spans, cells)
        if left:
            pre.skip(index, cells, "年度总体目标中有不在“预期目标”“实际完成情况”栏下的文字，未读取")
            return
        for name, text in placed.items():
            pre.goal[name] = f"{pre.goal[name]}\n{text}" if name in pre.goal else text
        return
    pre.skip(index, cells, "自评表表头部分的这一行未能识别，未读取")
