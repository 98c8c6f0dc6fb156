"""Metrics: named Ibis expressions with a Chinese label, unit, formula text and provenance.

A metric is a numerator over an optional denominator, each an Ibis scalar over the
workspace tables of one year, so it runs on DuckDB here and on PySpark at scale. Its
result says what it is, how it was computed, from which imports and with which query.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir

from medaid.analytics import scans
from medaid.policy.batch import Origin, origin
from medaid.policy.model import Policy
from medaid.progress import SILENT, Progress

T = TypeVar("T")


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
    sql: list[str] | Callable[[], list[str]] = field(default_factory=list, repr=False)  # see ``queries``
    inputs: dict[str, object] = field(default_factory=dict)
    note: str | None = None

    @property
    def queries(self) -> list[str]:
        """The queries of the numerator and the denominator (provenance), compiled the first time they are
        asked for: a report that only prints values does not compile them."""
        if callable(self.sql):
            self.sql = self.sql()
        return self.sql

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


def _decimal(result: Any) -> Decimal | None:
    if result is None or (isinstance(result, float) and result != result):  # NaN from an empty aggregate
        return None
    return Decimal(str(result))


def per_run(build: Callable[[Sources], T]) -> Callable[[Sources], T]:
    """``build(sources)`` once per :class:`Sources`: the metrics of a run share one expression (and a
    table computed eagerly, such as the settled year, is computed once)."""
    cache: dict[int, tuple[weakref.ref[Sources], T]] = {}

    @functools.wraps(build)
    def shared(src: Sources) -> T:
        hit = cache.get(id(src))
        if hit is not None and hit[0]() is src:
            return hit[1]
        result = build(src)
        key = id(src)
        cache[key] = (weakref.ref(src, lambda _gone: cache.pop(key, None)), result)
        return result

    return shared


TABLE_LABELS = {"settlements": "结算明细", "subsidies": "资助参保", "fund": "基金收支"}


def compute(metric: Metric, sources: Sources, inputs: dict[str, object]) -> Value:
    """Evaluate one metric; a zero or missing denominator gives no value, with a note; so does a
    year without any row of the table the metric is about (no data is not zero)."""
    return compute_many([metric], sources, inputs)[0]


def compute_many(
    metrics: Sequence[Metric], sources: Sources, inputs: dict[str, object], progress: Progress = SILENT
) -> list[Value]:
    """:func:`compute` for each metric, the metrics that read the same table computed in one query
    (``scans``); each value keeps its own queries as provenance."""
    label = f"计算 {sources.year} 年指标"
    with progress.task(label, total=len(metrics)) as task:
        exprs: list[Any] = []
        parts: list[tuple[int, int | None] | None] = []  # per metric: where its numerator and denominator are
        for metric in metrics:
            if sources.rows.get(metric.needs, 1) == 0:
                parts.append(None)
                continue
            task.describe(f"{label}：{metric.label}")  # building one may take long (救助标准执行率 settles the year)
            exprs.append(metric.numerator(sources))
            if metric.denominator is not None:
                exprs.append(metric.denominator(sources))
            parts.append((len(exprs) - 2, len(exprs) - 1) if metric.denominator else (len(exprs) - 1, None))
        task.describe(label)
        planned = scans.plan(exprs)
        needed = [{planned.slots[i][0] for i in p if i is not None} if p else set() for p in parts]
        task.advance(sum(1 for n in needed if not n))

        def ran(index: int) -> None:  # a query has run: the metrics it completes are done
            for waiting in needed:
                if index in waiting:
                    waiting.discard(index)
                    if not waiting:
                        task.advance()

        results = [_decimal(r) for r in planned.run(ran)]
    texts = _Texts()
    out = []
    for metric, p in zip(metrics, parts, strict=True):
        if p is None:
            out.append(_value(metric, None, None, None, sources, inputs))
            continue
        num, den = p
        mine = [exprs[num]] + ([] if den is None else [exprs[den]])
        settled = list(dict.fromkeys(came for expr in mine for came in _settled(expr).values()))
        cited = inputs if not settled else inputs | {"settlement": _kernels(settled)}
        queries = functools.partial(texts.of, mine)
        out.append(_value(metric, queries, results[num], None if den is None else results[den], sources, cited))
    return out


class _Texts:
    """The queries of one run's expressions, each compiled once (several metrics share an expression),
    when a value's queries are first asked for."""

    def __init__(self) -> None:
        self.compiled: dict[Any, str] = {}

    def of(self, exprs: Sequence[Any]) -> list[str]:
        for expr in exprs:
            if expr.op() not in self.compiled:
                self.compiled[expr.op()] = _query(expr)
        return [self.compiled[expr.op()] for expr in exprs]


def _settled(expr: Any) -> dict[str, Origin]:
    """The tables the policy engine settled that ``expr`` reads, by table name."""
    found: dict[str, Origin] = {}
    for table in expr.op().find(ops.DatabaseTable):
        came = origin(table)
        if came is not None:
            found.setdefault(table.name, came)
    return found


def _query(expr: Any) -> str:
    """An expression's query. A table the policy engine settled is a temporary table that no query can
    read again: it is called ``settled`` instead, and the text first says how it came about — the claims
    query, which can be run again, settled by the kernel under the policy files named (``batch.Origin``)."""
    text = str(ibis.to_sql(expr))
    found = _settled(expr)
    if not found:
        return text
    said = []
    for i, (name, came) in enumerate(found.items()):
        readable = "settled" if i == 0 else f"settled_{i + 1}"
        text = text.replace(name, readable)
        said.append(came.describe(readable))
    return "\n".join([*said, "-- 指标查询（读 settled）：", text])


def _kernels(settled: list[Origin]) -> object:
    """What a metric over settled tables cites: the kernel and the policy files of each."""
    cited = [came.kernel() for came in settled]
    return cited[0] if len(cited) == 1 else cited


def _value(
    metric: Metric,
    queries: list[str] | Callable[[], list[str]] | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    sources: Sources,
    inputs: dict[str, object],
) -> Value:
    if queries is None:
        label = TABLE_LABELS[metric.needs]
        return Value(metric, None, None, None, [], inputs, f"{sources.year} 年没有{label}数据：请先导入")
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
