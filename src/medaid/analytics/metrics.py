"""Metrics: named Ibis expressions with a Chinese label, unit, formula text and provenance.

A metric is a numerator over an optional denominator, each an Ibis scalar over the
workspace tables of one year, so it runs on DuckDB here and on PySpark at scale. Its
result says what it is, how it was computed, from which imports and with which query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import ibis
import ibis.expr.types as ir

from medaid.policy.model import Policy


@dataclass(frozen=True)
class Sources:
    """The tables a metric may use, already restricted to the year."""

    year: int
    settlements: ir.Table
    subsidies: ir.Table
    fund: ir.Table
    registry: ir.Table  # latest merged snapshot
    planned: dict[str, int]  # fen planned by fund source, from the workspace settings
    opening_balance: int | None  # fen, from settings when the fund file has no 上年结余 line
    policies: tuple[Policy, ...]  # the policy files in force during the year, latest last
    rows: dict[str, int] = field(default_factory=dict)  # table → rows of the year (a table with none has no metric)
    runs: ir.Table | None = None  # verification runs of the year's months (核查台账)


Expr = Callable[[Sources], Any]  # returns an Ibis scalar expression


COUNT_UNITS = ("人", "人次", "笔")  # whole numbers: shown without decimals


@dataclass(frozen=True)
class Metric:
    name: str  # one name everywhere: framework `metric:`, JSON, docs
    label: str
    unit: str  # "%", "人", "人次", "笔", "元", "个月"
    formula: str  # in words, as a report would write it
    numerator: Expr
    denominator: Expr | None = None
    scale: int = 1  # 100 for a percentage
    money: bool = False  # the numerator is in fen (shown in 元)
    money_denominator: bool = False  # the denominator is in fen
    missing: str = "没有可计算的数据"  # what to say when the numerator cannot be computed
    needs: str = "settlements"  # the table whose rows of the year the metric counts or sums (see TABLE_LABELS)
    places: int | None = None  # decimals shown: 0 for counts (COUNT_UNITS), else 2

    @property
    def decimals(self) -> int:
        return self.places if self.places is not None else (0 if self.unit in COUNT_UNITS else 2)


@dataclass
class Value:
    metric: Metric
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    queries: list[str] = field(default_factory=list)
    inputs: dict[str, object] = field(default_factory=dict)
    note: str | None = None

    def text(self) -> str | None:
        """The value as a framework `actual` reads it, with thousands separators: "96.20%", "12,987人",
        "17,134,168.08元", "0.51个月"."""
        if self.value is None:
            return None
        if self.metric.decimals == 0:
            return f"{int(self.value):,}{self.metric.unit}"
        return f"{self.value:,.{self.metric.decimals}f}{self.metric.unit}"

    def to_dict(self) -> dict[str, object]:
        def num(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        return {
            "name": self.metric.name,
            "label": self.metric.label,
            "unit": self.metric.unit,
            "value": num(self.value),
            "formula": self.metric.formula,
            "numerator": num(self.numerator),
            "denominator": num(self.denominator),
            "inputs": self.inputs,
            "queries": self.queries,
            "note": self.note,
        }


def _scalar(expr: Any) -> Decimal | None:
    arrow = expr.to_pyarrow()  # not .execute(): no pandas round trip
    result = arrow[0].as_py() if hasattr(arrow, "__len__") and not hasattr(arrow, "as_py") else arrow.as_py()
    if result is None or (isinstance(result, float) and result != result):  # NaN from an empty aggregate
        return None
    return Decimal(str(result))


TABLE_LABELS = {"settlements": "结算明细", "subsidies": "资助参保", "fund": "基金收支"}


def compute(metric: Metric, sources: Sources, inputs: dict[str, object]) -> Value:
    """Evaluate one metric; a zero or missing denominator gives no value, with a note; so does a
    year without any row of the table the metric is about (no data is not zero)."""
    if sources.rows.get(metric.needs, 1) == 0:
        label = TABLE_LABELS[metric.needs]
        return Value(metric, None, None, None, [], inputs, f"{sources.year} 年没有{label}数据：请先导入")
    num_expr = metric.numerator(sources)
    queries = [str(ibis.to_sql(num_expr))]
    numerator = _scalar(num_expr)
    denominator: Decimal | None = None
    if metric.denominator is not None:
        den_expr = metric.denominator(sources)
        queries.append(str(ibis.to_sql(den_expr)))
        denominator = _scalar(den_expr)
    if metric.money and numerator is not None:
        numerator /= 100
    if metric.money_denominator and denominator is not None:
        denominator /= 100
    if numerator is None:
        return Value(metric, None, None, denominator, queries, inputs, metric.missing)
    if metric.denominator is None:
        value = numerator * metric.scale
    elif not denominator:
        return Value(metric, None, numerator, denominator, queries, inputs, "分母为零或缺失，无法计算")
    else:
        value = numerator / denominator * metric.scale
    return Value(metric, value.quantize(Decimal("0.0001"), ROUND_HALF_UP), numerator, denominator, queries, inputs)
