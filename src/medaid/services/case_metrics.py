"""The metrics of 依申请救助 over a period (issue 15): 申请至发放天数 (median, P90), 逾期率 per step, 跨年支付占比,
审批通过率, 预警转化率, and 回访率 / 回访满意率 (those two from ``cases.visit_metrics``, not computed again).

Each comes with the queries on the app database that give it, with their parameters, and the policy keys it used
(the ``deadlines`` of the region's policy file in force on each case's application day: file, date and 文号). The
definitions (which cases count for which metric) are in ``medaid.cases.case_metrics``. Whole workspace only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.services.cases import desk, who
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from medaid.cases.case_metrics import CaseMetric
    from medaid.policy.model import Deadlines, Policy

VISIT_METRICS = ("visit_rate", "visit_satisfaction_rate")  # the 回访 metrics reported with the cases'


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
        where = f"{policy.file}（{policy.valid_from.isoformat()} 起施行）"
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
