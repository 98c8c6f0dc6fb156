"""The series the report's charts draw, as Ibis expressions over the same sources as the
metrics (``metric_defs``), so a chart and the figure beside it cannot disagree.

All amounts are fen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ibis

from medaid.analytics.binding import sources
from medaid.analytics.metric_defs import OPENING_WORDS, claims, fund_totals
from medaid.analytics.metrics import Sources
from medaid.workspace import Workspace

NOT_LISTED = "非救助对象"


@dataclass
class ChartData:
    year: int
    income_by_subject: list[tuple[str, int]] = field(default_factory=list)  # 当年收入 by 科目, largest first
    spending_by_subject: list[tuple[str, int]] = field(default_factory=list)
    monthly_income: list[int] = field(default_factory=lambda: [0] * 12)  # 当年收入 by month (no 上年结余)
    monthly_spending: list[int] = field(default_factory=lambda: [0] * 12)
    opening: int | None = None  # 上年结余
    available: int = 0  # 上年结余 + 当年收入: the base of 支出进度
    assistance: dict[tuple[str, str], int] = field(default_factory=dict)  # (category, visit type) → 救助金额


def chart_data(workspace: Workspace, year: int) -> ChartData:
    """The year's series, read from the workspace (on DuckDB)."""
    with workspace.connect(read_only=True) as con:
        src, _ = sources(con, workspace, year)
        return charts_of(src)


def charts_of(src: Sources) -> ChartData:
    """The series over sources already open (those the metrics of the same run read)."""
    f = src.fund
    is_opening = ibis.or_(*[f.subject.contains(w) for w in OPENING_WORDS])
    lines = f.filter(~is_opening)
    by_subject = lines.group_by(["direction", "subject"]).aggregate(amount=lines.amount.sum()).to_pyarrow()
    monthly = (lines.mutate(month=lines.entry_date.month()).group_by(["direction", "month"])
               .aggregate(amount=lines.amount.sum()).to_pyarrow())  # fmt: skip
    totals = fund_totals(src).to_pyarrow().to_pylist()[0]
    c = claims(src)
    aided = c.filter(c.aid != 0).mutate(category=c.category.fill_null(NOT_LISTED))
    assistance = aided.group_by(["category", "visit_type"]).aggregate(amount=aided.aid.sum()).to_pyarrow()
    out = ChartData(src.year, opening=totals["opening"])
    out.available = int(totals["opening"] or 0) + int(totals["income"] or 0)
    rows = by_subject.to_pylist()
    for direction, target in (("收入", out.income_by_subject), ("支出", out.spending_by_subject)):
        target += sorted(((r["subject"], int(r["amount"])) for r in rows if r["direction"] == direction),
                         key=lambda pair: -pair[1])  # fmt: skip
    for r in monthly.to_pylist():
        series = out.monthly_income if r["direction"] == "收入" else out.monthly_spending
        series[int(r["month"]) - 1] += int(r["amount"])
    out.assistance = {(r["category"], r["visit_type"]): int(r["amount"]) for r in assistance.to_pylist()}
    return out
