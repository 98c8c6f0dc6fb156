"""The metrics of 依申请救助 over a period (issue 15): 申请至发放天数 (median, P90), 逾期率 per step, 跨年支付占比,
审批通过率, 预警登记申请率, and 回访率 / 回访满意率 (those two from ``cases.visit_metrics``, not computed again).

Each comes with the queries on the app database that give it, with their parameters, and the policy keys it used
(the ``deadlines`` of the region's policy file in force on each case's application day: file, date and 文号). The
definitions (which cases count for which metric) are in ``medaid.cases.case_metrics``. Whole workspace only.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.evaluation.case_metric_names import VISIT_RATE, VISIT_SATISFACTION
from medaid.services.cases import desk, who
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from medaid.analytics.metrics import Value
    from medaid.cases.case_metrics import CaseMetric
    from medaid.policy.model import Deadlines, Policy

VISIT_METRICS = (VISIT_RATE, VISIT_SATISFACTION)  # the 回访 metrics reported with the cases'


class _Deadlines:
    """The ``deadlines`` of the workspace's policy in force on a day, each file read once, and the keys used."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.files: dict[str, Policy | None] = {}
        self.used: dict[str, str] = {}

    def __call__(self, on: dt.date) -> Deadlines | None:
        from medaid.policy.params import policy_in_force

        key = on.isoformat()
        if key not in self.files:
            self.files[key] = policy_in_force(self.name, on)
        policy = self.files[key]
        if policy is None:
            return None
        rules = policy.deadlines
        where = f"{policy.region}政策参数文件 {Path(policy.file).name}（{policy.valid_from.isoformat()} 起施行）"
        self.used[where] = (f"{where}：deadlines，依据 {rules.source.describe()}" if rules is not None
                            else f"{where}：未设 deadlines（各环节未规定时限）")  # fmt: skip
        return rules


def case_metrics(root: Path, start: dt.date, end: dt.date, *, today: dt.date | None = None, actor: str | None = None,
                 role: str = "clerk", scope: Scope = EVERYTHING) -> list[CaseMetric]:  # fmt: skip
    """The metrics of the cases over [start, end] (see ``medaid.cases.case_metrics`` for which cases each counts);
    a step still waiting counts as late when its due day is past on ``today`` (the period's end when later or None)."""
    from medaid.cases.case_metrics import (
        CaseMetric,
        Query,
        approval_days_metrics,
        cohort_metrics,
        overdue_metrics,
        payment_metrics,
    )
    from medaid.cases.visit_metrics import compute, definitions
    from medaid.cases.workflow import READERS
    from medaid.errors import Location, MedaidError
    from medaid.roles import role_label
    from medaid.services.visits import SCALE
    from medaid.store.accounts import AccessDenied
    from medaid.workspace import Workspace

    me = who(actor, role, scope)
    if me.role not in READERS:
        raise AccessDenied(f"{role_label(me.role)}账户不能查看救助案件指标",
                           fix="救助案件指标由医保经办、部门、财政和评价人员查看")  # fmt: skip
    if scope.limited:
        raise AccessDenied(f"救助案件指标按整个工作区计算，本账户限于{scope.describe()}",
                           fix="请在案件列表中查看本范围的案件")  # fmt: skip
    if end < start:
        raise MedaidError(f"期间的结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}",
                          where=Location(key="期间"),
                          fix="请把开始日期写在前、结束日期写在后，如 2023-01-01 至 2023-12-31")  # fmt: skip
    on = min(end, today) if today is not None else end
    rules = _Deadlines(Workspace.open(root).settings.policy or "default")
    with desk(root) as d:
        params: dict[str, object] = {"workspace": d.workspace, "start": start, "end": end}
        out = payment_metrics(d.session, params) + approval_days_metrics(d.session, params)
        overdue = overdue_metrics(d.session, params, rules, on, ())
        policy = tuple(rules.used.values())
        out += [_with_policy(m, policy) for m in overdue]
        out += cohort_metrics(d.session, params)
        for m in definitions(SCALE.options, SCALE.satisfied):
            if m.name not in VISIT_METRICS or m.denominator is None:
                continue
            top, bottom = compute(d.session, m, workspace=d.workspace, start=start, end=end)
            out.append(CaseMetric(m.name, m.label, m.unit, m.formula + "（回访计划期间起始日在期内）",
                                  top / bottom * 100 if bottom else None, top, bottom,
                                  (Query(m.numerator, params), Query(m.denominator, params)),
                                  note=None if bottom else "分母为 0，无法计算"))  # fmt: skip
    return out


def _with_policy(metric: CaseMetric, policy: tuple[str, ...]) -> CaseMetric:
    from dataclasses import replace

    return replace(metric, policy=policy)


DAY_UNITS = frozenset({"天", "个工作日"})  # percentiles of day counts: shown to one decimal


def year_values(root: Path, year: int, *, today: dt.date | None = None) -> list[Value]:
    """The cases' metrics of a calendar year as the evaluation's metric values (``analytics.metrics.Value``), so
    that a framework binds them by name like the metrics of the programme data and a report lists them: each with
    its numerator and denominator (or the day counts a percentile is taken of), the period, the deadlines' source
    and its queries on the app database with their parameters (its provenance). Read as the evaluator reads
    them (the whole workspace); a step still waiting counts as late on ``today`` (default: the day it runs)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    found = case_metrics(root, start, end, today=today or dt.date.today(), role="evaluator")
    return [_value(m, start, end) for m in found]


def _value(metric: CaseMetric, start: dt.date, end: dt.date) -> Value:
    from decimal import ROUND_HALF_UP, Decimal

    from medaid.analytics.metrics import Metric, Value

    places = 1 if metric.unit in DAY_UNITS else 2
    definition = Metric(metric.name, metric.label, metric.unit, metric.formula, _not_a_batch_metric, None,
                        places=places, needs="cases", missing=metric.note or "没有可计算的数据")  # fmt: skip
    value = None
    if metric.value is not None:
        exact = _exact(metric)
        value = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
    inputs: dict[str, object] = {"period": f"{start.isoformat()} 至 {end.isoformat()}", "source": "依申请救助案件"}
    if metric.values:
        inputs["values"] = list(metric.values)
    if metric.policy:
        inputs["policy"] = list(metric.policy)
    inputs |= {k: v for k, v in metric.extra.items() if k != "percentile_function"}

    def number(x: int | None) -> Decimal | None:
        return None if x is None else Decimal(x)

    queries = [_shown(q.to_dict()) for q in metric.queries]
    return Value(definition, value, number(metric.numerator), number(metric.denominator), queries, inputs,
                 metric.note)  # fmt: skip


def _exact(metric: CaseMetric) -> Fraction:
    """The metric's value in exact arithmetic, from its terms (a rate from its counts, a percentile from its day
    counts), so that half-up rounding is exact: 23 ÷ 160 is 14.375 %, shown 14.38 %, not the float's 14.37 %."""
    from medaid.cases.case_metrics import percentile_exact

    p = metric.extra.get("percentile")
    if metric.values and isinstance(p, float | int):
        return percentile_exact(list(metric.values), Fraction(str(p)))
    if metric.unit == "%" and metric.numerator is not None and metric.denominator:
        return Fraction(metric.numerator * 100, metric.denominator)
    return Fraction(str(metric.value))


def _shown(query: dict[str, object]) -> str:
    """A query on the app database with the parameters it ran with, as one text (the report's provenance)."""
    params = query.get("params") or {}
    said = "，".join(f":{k} = {v}" for k, v in params.items()) if isinstance(params, dict) else ""
    return f"{query['sql']}（参数：{said}）" if said else str(query["sql"])


def _not_a_batch_metric(_: object) -> None:
    raise TypeError("依申请救助指标由应用数据库计算（services.case_metrics），不构成批处理表达式")
