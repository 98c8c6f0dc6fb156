"""Metrics computed together — one query per shared table (``analytics.scans``) — give exactly what each
expression gives when it runs alone, and each metric keeps its own queries as provenance."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.operations as ops
import pytest

from medaid.analytics import scans
from medaid.analytics.binding import sources
from medaid.analytics.metric_defs import METRICS, aided, claims
from medaid.analytics.metrics import compute, compute_many
from medaid.demo.generate import generate
from medaid.policy.batch import origin
from medaid.progress import Progress, Task
from medaid.services.demo import IMPORT_ORDER
from medaid.services.imports import import_file
from medaid.workspace import Workspace
from tests import test_metrics


def own_query(expr: Any) -> str:
    """The expression's own query; a table the policy engine settled (a temporary table) is called ``settled``
    there, and the provenance says first how it came about (tests/test_metrics.py checks that part)."""
    text = str(ibis.to_sql(expr))
    for table in expr.op().find(ops.DatabaseTable):
        if origin(table) is not None:
            text = text.replace(table.name, "settled")
    return text


def alone(expr: Any) -> Any:
    """What an expression gives when it runs by itself (the way metrics were computed before ``scans``)."""
    arrow = expr.to_pyarrow()
    return arrow[0].as_py() if hasattr(arrow, "__len__") and not hasattr(arrow, "as_py") else arrow.as_py()


def fen(value: Decimal | None, money: bool) -> Any:
    return None if value is None else (value * 100 if money else value)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("county")
    generate(root / "data", 3000, seed=11)
    workspace = Workspace.init(root / "ws", year=2023)
    for kind, name in IMPORT_ORDER:
        import_file(workspace.root, kind, root / "data" / name)
    return workspace


@pytest.fixture(params=["hand-made", "generated"])
def workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Workspace:
    if request.param == "hand-made":
        return test_metrics.make_workspace(tmp_path)
    county: Workspace = request.getfixturevalue("county")
    return county


def test_every_metric_computed_together_equals_its_expressions_run_alone(workspace: Workspace) -> None:
    with workspace.connect(read_only=True) as con:
        src, inputs = sources(con, workspace, 2023)
        together = compute_many(METRICS, src, inputs)
        for metric, value in zip(METRICS, together, strict=True):
            num = metric.numerator(src)
            assert fen(value.numerator, metric.money) == alone(num), metric.name
            queries = [own_query(num)]
            if metric.denominator is not None:
                den = metric.denominator(src)
                assert fen(value.denominator, metric.money_denominator) == alone(den), metric.name
                queries.append(own_query(den))
            if metric.name == "standard_compliance_rate":  # the settled year's origin, then its own query
                assert all(q.endswith(own) for q, own in zip(value.queries, queries, strict=True)), metric.name
            else:
                assert value.queries == queries, metric.name  # provenance: each metric's own query, as before
            one = compute(metric, src, inputs)
            assert (one.value, one.numerator, one.denominator, one.note) == (
                value.value, value.numerator, value.denominator, value.note), metric.name  # fmt: skip
    assert sum(v.value is not None for v in together) >= 20


def test_the_metrics_of_the_claims_share_one_query(county: Workspace) -> None:
    with county.connect(read_only=True) as con:
        src, _ = sources(con, county, 2023)
        exprs = [e for m in METRICS for e in (m.numerator(src), m.denominator and m.denominator(src)) if e is not None]
        plan = scans.plan(exprs)
        base = claims(src).op()
        on_claims = [q for q in plan.queries if q.relation == base]
        assert len(on_claims) == 1 and len(on_claims[0].columns) >= 15  # visits, people, amounts, ratios: one scan
        assert len(plan.queries) <= 10 < len(exprs)


def test_the_tables_of_a_run_are_built_once_per_sources(county: Workspace) -> None:
    with county.connect(read_only=True) as con:
        first, _ = sources(con, county, 2023)
        second, _ = sources(con, county, 2023)
        assert aided(first) is aided(first) and claims(first) is claims(first)
        assert aided(second) is not aided(first)


def test_filters_move_into_the_aggregate_only_where_that_is_safe() -> None:
    table = ibis.memtable(
        {"k": [1, 2, 2, None, 3, 4], "x": [10, None, 5, 7, 1, 4], "cat": ["a", "b", None, "a", "b", "a"]},
        schema={"k": "int64", "x": "int64", "cat": "string"},
    )
    base = table.mutate(y=table.x * 2)
    a = base.filter(base.cat == "a")
    big = a.filter(a.x > 4)
    exprs = [
        a.count(), a.x.sum(), a.k.nunique(), big.y.mean(), big.y.sum().fill_null(0), base.count(),
        base.filter(base.cat == "zzz").x.sum(), base.filter(base.cat == "zzz").count(),  # no row: null and 0
        base.filter(base.x > base.x.mean()).count(),  # a subquery in the predicate: not moved
        table.filter(table.k > 1).count(),  # a filter of the stored table: kept on its scan
        (a.x.sum() + a.count()) * 2, ibis.literal(7, "int64"), ibis.literal(None, "int64"),
    ]  # fmt: skip
    plan = scans.plan(exprs)
    assert plan.run() == [alone(e) for e in exprs]
    grouped = [q for q in plan.queries if q.relation == base.op()]
    assert len(grouped) == 1 and len(grouped[0].columns) == 9
    assert len(plan.queries) == 5  # base; the subquery filter; the stored table's filter; two literals


class Noted(Task):
    def __init__(self, label: str, total: float | None) -> None:
        super().__init__(label, total)
        self.labels = [label]

    def describe(self, label: str) -> None:
        super().describe(label)
        self.labels.append(label)


class Recorded(Progress):
    def __init__(self) -> None:
        self.tasks: list[Noted] = []

    def task(self, label: str, total: float | None = None) -> Task:
        self.tasks.append(Noted(label, total))
        return self.tasks[-1]


def test_computing_the_metrics_reports_its_progress(county: Workspace) -> None:
    progress = Recorded()
    with county.connect(read_only=True) as con:
        src, inputs = sources(con, county, 2023)
        compute_many(METRICS, src, inputs, progress)
    [task] = progress.tasks
    assert task.label == "计算 2023 年指标" and task.total == len(METRICS) and task.done == len(METRICS)
    assert "计算 2023 年指标：救助标准执行率" in task.labels  # the long one (it settles the year) is named
