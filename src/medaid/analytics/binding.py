"""Compute a workspace's metrics for a year and bind them to a framework's indicators.

An indicator that names a ``metric`` gets the metric's value as its actual (实际完成值);
its target and rule stay as the framework wrote them, so the framework scores itself.
A metric name medaid does not know is an error naming the nearest one — never a silently
unscored indicator.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from medaid.analytics.metric_defs import BY_NAME, METRICS
from medaid.analytics.metrics import Sources, Value, compute_many
from medaid.analytics.registry import latest_registry, latest_snapshot
from medaid.errors import Location, MedaidError
from medaid.evaluation.case_metric_names import CASE_METRICS, HOW_TO_FILL_CASES
from medaid.evaluation.model import Framework
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.survey_metrics import HOW_TO_FILL, SURVEY_METRICS
from medaid.money import to_fen
from medaid.policy.model import Policy
from medaid.progress import SILENT, Progress
from medaid.store import engine
from medaid.suggest import nearest
from medaid.workspace import Workspace

if TYPE_CHECKING:
    from ibis.backends import BaseBackend


class BindingError(MedaidError):
    """A framework names a metric medaid does not have."""


def policies_of(workspace: Workspace, year: int) -> tuple[Policy, ...]:
    """The policy files in force during the year (a mid-year change gives two), latest last."""
    from medaid.policy.params import resolve_year

    return tuple(resolve_year(workspace.settings.policy or "default", year))


def source_tables(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, str]:
    """What :func:`sources` reads, for the engine factory (``engine.analytics``): the year's rows of each
    table (the metrics see no other) and the latest registry snapshot."""
    snapshot, y = latest_snapshot(con), int(year)
    return {
        "settlements": f"SELECT * FROM settlements WHERE year(settle_date) = {y}",
        "subsidies": f"SELECT * FROM subsidies WHERE year = {y}",
        "fund": f"SELECT * FROM fund WHERE year(entry_date) = {y}",
        "verification_runs": f"SELECT * FROM verification_runs WHERE starts_with(month, '{y}-')",
        "registry_snapshots": f"SELECT * FROM registry_snapshots WHERE import_id = {snapshot or -1}",
    }


def sources(
    con: duckdb.DuckDBPyConnection, workspace: Workspace, year: int, backend: BaseBackend | None = None
) -> tuple[Sources, dict[str, object]]:
    """The year's tables on ``backend`` (default: DuckDB over ``con``), and the inputs the metrics cite."""
    backend = backend if backend is not None else engine.backend(con)
    settlements = backend.table("settlements")
    subsidies = backend.table("subsidies")
    fund = backend.table("fund")
    runs = backend.table("verification_runs")
    settings = workspace.settings
    policies = policies_of(workspace, year)
    of_year = {
        "settlements": settlements.filter(settlements.settle_date.year() == year),
        "subsidies": subsidies.filter(subsidies.year == year),
        "fund": fund.filter(fund.entry_date.year() == year),
    }
    counted = [  # one query: each table's rows of the year, and the imports they came from
        t.aggregate(**{f"{name}_rows": t.count(), f"{name}_imports": t.import_id.collect(distinct=True)})
        for name, t in of_year.items()
    ]
    row = functools.reduce(lambda a, b: a.cross_join(b), counted).to_pyarrow().to_pylist()[0]
    found = {name: {"rows": row[f"{name}_rows"], "imports": row[f"{name}_imports"]} for name in of_year}
    src = Sources(
        year=year,
        settlements=of_year["settlements"],
        subsidies=of_year["subsidies"],
        fund=of_year["fund"],
        registry=latest_registry(backend, con),
        planned={k: to_fen(v) for k, v in settings.budget_planned.items()},
        opening_balance=None if settings.opening_balance is None else to_fen(settings.opening_balance),
        policies=policies,
        rows={name: int(f["rows"]) for name, f in found.items()},
        runs=runs.filter(runs.month.startswith(f"{year}-")),
    )

    def imports(table: str) -> list[int]:  # the imports that brought rows of the year
        return sorted(int(i) for i in found[table]["imports"] or [])

    inputs: dict[str, object] = {
        "year": year,
        "registry_snapshot": latest_snapshot(con),
        "settlement_imports": imports("settlements"),
        "subsidy_imports": imports("subsidies"),
        "fund_imports": imports("fund"),
        "policy": [f"{p.region} {p.valid_from.isoformat()}（{p.source}）" for p in policies],
    }
    return src, inputs


@contextmanager
def opened(workspace: Workspace, year: int) -> Iterator[tuple[Sources, dict[str, object]]]:
    """The year's :func:`sources` on the analytics engine the workspace's settings choose, for as long as
    the block runs (the workspace's connection is closed after it)."""
    with (
        workspace.connect(read_only=True) as con,
        engine.analytics(
            con, workspace.settings, scratch=workspace.scratch(), tables=source_tables(con, year)
        ) as backend,
    ):
        yield sources(con, workspace, year, backend)


def compute_all(
    workspace: Workspace, year: int, names: list[str] | None = None, progress: Progress = SILENT
) -> list[Value]:
    chosen = [BY_NAME[n] for n in names] if names else list(METRICS)
    with opened(workspace, year) as (src, inputs):
        return compute_many(chosen, src, inputs, progress)


@dataclass
class Binding:
    framework: Framework
    values: dict[str, Value]
    bound: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)  # path, metric, actual
    unavailable: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)  # path, metric, why


def check_metric_names(framework: Framework) -> None:
    """Refuse a ``metric`` that is neither computed from data or cases nor filled by a survey."""
    known = sorted({*BY_NAME, *CASE_METRICS, *SURVEY_METRICS})
    for node in framework.walk():
        if node.metric and node.metric not in known:
            guess = nearest(node.metric, known)
            hint = f"是否应为 {guess}？" if guess else ""
            raise BindingError(
                f"未知的数据指标“{node.metric}”" + (f"：{hint}" if hint else ""),
                where=Location(file=framework.file, path=node.path, key="metric"),
                fix=f"可用的指标名称：{'、'.join(known)}（见 medaid metrics）",
            )


def bind(
    framework: Framework,
    workspace: Workspace,
    year: int,
    *,
    computed: list[Value] | None = None,
    progress: Progress = SILENT,
) -> Binding:
    """A copy of the framework whose metric-bound indicators carry the computed actuals.

    ``computed``: metrics of the same workspace and year already computed (not computed again), among them the
    cases' (``services.case_metrics.year_values``: the app database's, which this module does not read).
    The indicators a survey fills are listed as unavailable, saying how to give the survey; those of the cases
    when their values were not given, saying how to record cases.
    """
    check_metric_names(framework)
    bound = copy.deepcopy(framework)
    wanted = sorted({n.metric for n in bound.walk() if n.metric and n.metric in BY_NAME})
    have = {v.metric.name: v for v in computed or []}
    missing = [n for n in wanted if n not in have]
    values = {n: have[n] for n in wanted if n in have}
    values |= {n.metric: have[n.metric] for n in bound.walk() if n.metric in CASE_METRICS and n.metric in have}
    if missing:
        values |= {v.metric.name: v for v in compute_all(workspace, year, missing, progress)}
    values = dict(sorted(values.items()))  # by name, however they came
    result = Binding(bound, values)
    for node in bound.walk():
        if not node.metric:
            continue
        value = values.get(node.metric)
        if value is None:
            how = HOW_TO_FILL_CASES if node.metric in CASE_METRICS else HOW_TO_FILL
            result.unavailable.append((node.path, node.metric, how))
            continue
        text = value.text()
        if text is None:
            why = value.note or "无数据"
            if node.metric in CASE_METRICS:  # no case counted yet: say how cases come in
                why = f"{why}（{HOW_TO_FILL_CASES}）"
            result.unavailable.append((node.path, node.metric, why))
            continue
        node.actual = parse_quantity(text)
        node.score = None  # scored from the rule and the data, not from a stale entry
        result.bound.append((node.path, node.metric, text))
    return result
