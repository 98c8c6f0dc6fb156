"""Compute a workspace's metrics for a year and bind them to a framework's indicators.

An indicator that names a ``metric`` gets the metric's value as its actual (实际完成值);
its target and rule stay as the framework wrote them, so the framework scores itself.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb
import ibis

from medaid.analytics.metric_defs import BY_NAME, METRICS
from medaid.analytics.metrics import Metric, Sources, Value, compute
from medaid.analytics.registry import latest_snapshot
from medaid.evaluation.model import Framework
from medaid.evaluation.quantity import parse_quantity
from medaid.workspace import Workspace


def sources(con: duckdb.DuckDBPyConnection, workspace: Workspace, year: int) -> tuple[Sources, dict[str, object]]:
    backend = ibis.duckdb.from_connection(con)
    settlements = backend.table("settlements")
    subsidies = backend.table("subsidies")
    fund = backend.table("fund")
    registry = backend.table("registry_snapshots")
    snapshot = latest_snapshot(con)
    registry = registry.filter(registry.import_id == (snapshot if snapshot is not None else -1))
    settings = workspace.settings
    src = Sources(
        year=year,
        settlements=settlements.filter(settlements.settle_date.year() == year),
        subsidies=subsidies.filter(subsidies.year == year),
        fund=fund.filter(fund.entry_date.year() == year),
        registry=registry,
        planned={k: int(v) for k, v in settings.budget_planned.items()},
        opening_balance=None if settings.opening_balance is None else int(settings.opening_balance * 100),
    )

    def imports(table: str) -> list[int]:
        return [int(r[0]) for r in con.execute(f"SELECT DISTINCT import_id FROM {table} ORDER BY 1").fetchall()]

    inputs: dict[str, object] = {
        "year": year,
        "registry_snapshot": snapshot,
        "settlement_imports": imports("settlements"),
        "subsidy_imports": imports("subsidies"),
        "fund_imports": imports("fund"),
    }
    return src, inputs


STANDARDS = Metric(
    "standard_compliance_rate",
    "救助标准执行率",
    "%",
    "按政策重算的救助金额与实际支付相差不超过1分的结算 ÷ 救助对象或有救助支付的结算",
    numerator=lambda s: None,
)


def standard_compliance(workspace: Workspace, year: int) -> Value:
    """救助标准执行率 from recomputing the year with the workspace's policy."""
    from medaid.analytics.standards import standards
    from medaid.policy.params import resolve_year

    policies = resolve_year(workspace.settings.policy or "default", year)
    with workspace.connect(read_only=True) as con:
        summary, _ = standards(con, policies, year)
    inputs: dict[str, object] = {"year": year, "policy": policies[-1].region, **summary.to_dict()}
    if summary.rate is None:
        return Value(STANDARDS, None, None, None, [], inputs, "没有可核对的结算")
    rate = Decimal(summary.compliant) / Decimal(summary.checked) * 100
    return Value(STANDARDS, rate.quantize(Decimal("0.0001")), Decimal(summary.compliant), Decimal(summary.checked), [],
                 inputs)  # fmt: skip


def compute_all(workspace: Workspace, year: int, names: list[str] | None = None) -> list[Value]:
    chosen = [BY_NAME[n] for n in names] if names else list(METRICS)
    with workspace.connect(read_only=True) as con:
        src, inputs = sources(con, workspace, year)
        return [compute(m, src, inputs) for m in chosen]


@dataclass
class Binding:
    framework: Framework
    values: dict[str, Value]
    bound: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)  # path, metric, actual
    unavailable: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)  # path, metric, why


def bind(framework: Framework, workspace: Workspace, year: int, *, computed: list[Value] | None = None) -> Binding:
    """A copy of the framework whose metric-bound indicators carry the computed actuals.

    ``computed``: metrics of the same workspace and year already computed (not computed again).
    """
    bound = copy.deepcopy(framework)
    wanted = sorted({n.metric for n in bound.walk() if n.metric})
    have = {v.metric.name: v for v in computed or []}
    known = [n for n in wanted if n in BY_NAME and n not in have]
    values = {n: have[n] for n in wanted if n in have}
    if known:
        values |= {v.metric.name: v for v in compute_all(workspace, year, known)}
    if STANDARDS.name in wanted:
        values[STANDARDS.name] = standard_compliance(workspace, year)
    result = Binding(bound, values)
    for node in bound.walk():
        if not node.metric:
            continue
        value = values.get(node.metric)
        if value is None:
            why = "medaid 尚不能从数据计算该指标（需问卷调查），请手工填写实际完成值"
            result.unavailable.append((node.path, node.metric, why))
            continue
        text = value.text()
        if text is None:
            result.unavailable.append((node.path, node.metric, value.note or "无数据"))
            continue
        node.actual = parse_quantity(text)
        node.score = None  # scored from the rule and the data, not from a stale entry
        result.bound.append((node.path, node.metric, text))
    return result
