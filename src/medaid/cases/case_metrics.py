"""Timeliness and outcome metrics of 依申请救助 cases over a period, from the app database; the queries
(with their parameters) are their provenance, as in ``cases.visit_metrics``.

Which cases count, metric by metric (``:workspace``, ``:start``, ``:end`` are the query parameters):

- 申请至发放天数 (median, 90th percentile): cases **paid** in the period (``paid_on``), calendar days from
  ``applied_on`` to ``paid_on``. Paid in the period, not applied in it: the year's payments are what an evaluation
  judges, and a cohort of applications would leave out exactly the slow cases not paid yet and count none of the
  old ones paid this year (Liucheng: 2021–2022 assistance paid in 2023). Percentiles are Excel's PERCENTILE.INC
  (:func:`percentile_inc`: linear interpolation between closest ranks, rank ``p × (n − 1)``), so an evaluator
  reproduces them in a spreadsheet; the median is PERCENTILE.INC at 0.5, that is MEDIAN.
- 逾期率 of a step: each time a case went through the step (a case reopened after an objection goes through
  审核 again) whose step was **done** in the period, plus each case still **waiting** on the step on ``on`` (the
  period's end, or the day of the computation when earlier) whose due day falls in the period and is past: the
  share done after the due day, or still waiting past it (``cases.deadlines``, working-day calendar). A step is
  done by the action that moves the case out of the state waiting for it, a refusal included (不予受理 does
  受理); a withdrawal or an objection's outcome interrupts the step (neither done nor late). A step the policy
  file names no limit for has no rate (None), never a guess. A step recorded more than a day after the day it
  claims (补录, ``records.back_dated``: a history file's, or a clerk's late entry) counts on its claimed day, and
  the passes done so in the period are counted apart (``back_dated``): their timeliness is as told.
- 跨年支付占比: cases **paid** in the period with at least one bill: paid in a later calendar year than their
  **latest** bill. The latest, not the earliest: an application looks back 12 months, so the earliest bill of a
  January application is of the year before in the normal course; a payment is the previous year's assistance
  paid late only when even its latest bill is of an earlier year.
- 申请至审批通过工作日数 (median, P90, PERCENTILE.INC): cases whose (last) 审批通过 is in the period, working days
  after the application day up to that day, for the indicators 依申请救助审批办结时限 (≤20个工作日).
- 审批通过率: cases **applied** in the period, by their state now: approved (审批通过 or later: approved,
  publicised, paid, archived) ÷ decided (those plus rejected at 受理, 审核, 审批 or on an upheld objection).
  Withdrawn cases and cases still before 审批 are left out.
- 预警登记申请率 and 预警转化案件发放率 (not the warnings page's 预警转化率, 已认定 ÷ pushed): warnings whose
  first push (``warnings.as_of``) is in the period. Counted by warning: those with at least one case opened from
  them ÷ those pushed; those with a paid case ÷ those with a case. Only the workspace's warnings count
  (``warnings.workspace``, migration 0010; docs/decisions/0024).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from medaid.cases.deadlines import due, entered_days
from medaid.cases.records import back_dated
from medaid.cases.workflow import MOVES, next_step
from medaid.evaluation import case_metric_names as names
from medaid.evaluation.case_metric_names import TIMED_STEPS, overdue_rate
from medaid.policy.model import Deadlines
from medaid.vocab import CASE_STEPS

__all__ = [
    "CaseMetric",
    "Query",
    "cohort_metrics",
    "overdue_metrics",
    "payment_metrics",
    "percentile_inc",
    "step_overdue",
    "step_spans",
]

PAID_DAYS = ("SELECT id, applied_on, paid_on FROM cases WHERE workspace = :workspace "
             "AND paid_on BETWEEN :start AND :end ORDER BY id")  # fmt: skip
EVENTS = ("SELECT c.id, c.applied_on, c.state, e.action, e.from_state, e.to_state, e.at, e.recorded_at FROM cases c "
          "JOIN case_events e ON e.case_id = c.id WHERE c.workspace = :workspace AND c.applied_on <= :end "
          "ORDER BY c.id, e.id")  # fmt: skip
LATEST_BILLS = ("SELECT c.id, c.paid_on, max(b.bill_date) FROM cases c JOIN case_bills b ON b.case_id = c.id "
                "WHERE c.workspace = :workspace AND c.paid_on BETWEEN :start AND :end GROUP BY c.id, c.paid_on "
                "ORDER BY c.id")  # fmt: skip
_APPLIED = "SELECT count(*) FROM cases WHERE workspace = :workspace AND applied_on BETWEEN :start AND :end"
APPROVED = f"{_APPLIED} AND state IN ('approved', 'publicised', 'paid', 'archived')"
DECIDED = f"{_APPLIED} AND state IN ('approved', 'publicised', 'paid', 'archived', 'rejected')"
WARNED = "SELECT count(*) FROM warnings WHERE workspace = :workspace AND as_of BETWEEN :start AND :end"
_FROM_WARNINGS = ("SELECT count(DISTINCT c.warning_id) FROM cases c JOIN warnings w ON w.id = c.warning_id "
                  "WHERE c.workspace = :workspace AND w.workspace = :workspace "
                  "AND w.as_of BETWEEN :start AND :end")  # fmt: skip
CONVERTED = _FROM_WARNINGS
CONVERTED_PAID = f"{_FROM_WARNINGS} AND c.paid_on IS NOT NULL"


@dataclass(frozen=True)
class Query:
    """A query on the app database and the parameters it was run with: re-running it gives the same rows."""

    sql: str
    params: dict[str, object]

    def to_dict(self) -> dict[str, object]:
        shown = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in self.params.items()}
        return {"sql": self.sql, "params": shown}


@dataclass(frozen=True)
class CaseMetric:
    """One metric's value with its terms: numerator and denominator, or the values a percentile is taken of
    (``values``), its unit, the formula in words, the queries that give it, the policy keys it used, and a note
    (why there is no value, when there is none)."""

    name: str
    label: str
    unit: str
    formula: str
    value: float | None
    numerator: int | None
    denominator: int | None
    queries: tuple[Query, ...]
    values: tuple[int, ...] = ()
    policy: tuple[str, ...] = ()
    note: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "label": self.label, "unit": self.unit, "formula": self.formula,
                "value": None if self.value is None else round(self.value, 4), "numerator": self.numerator,
                "denominator": self.denominator, "values": list(self.values),
                "queries": [q.to_dict() for q in self.queries], "policy": list(self.policy), "note": self.note,
                **self.extra}  # fmt: skip


def percentile_inc(values: Sequence[float], p: float) -> float:
    """Excel's PERCENTILE.INC (and numpy's default 'linear'): the value at rank ``p × (n − 1)`` of the sorted
    values (0-based), interpolated linearly between the two closest ranks (:func:`percentile_exact`, as a float)."""
    if not values or not 0 <= p <= 1:
        raise ValueError("percentile_inc needs values and 0 <= p <= 1")
    return float(percentile_exact([Fraction(v) for v in values], Fraction(str(p))))


def percentile_exact(values: Sequence[Fraction | int], p: Fraction) -> Fraction:
    """PERCENTILE.INC in exact arithmetic, so that rounding it half-up is exact (62.65 is not 62.6499…)."""
    ordered = sorted(Fraction(v) for v in values)
    rank = p * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (rank - low) * (ordered[high] - ordered[low])


def _day(value: Any) -> dt.date:
    """A date as the database driver returns it (SQLite: ISO text; PostgreSQL: date or datetime)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _moment(value: Any) -> dt.datetime:
    """A time as the database driver returns it (SQLite: ISO text; PostgreSQL: datetime)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _rate(top: int, bottom: int) -> float | None:
    return top / bottom * 100 if bottom else None


def _count(session: Session, sql: str, params: dict[str, object]) -> int:
    return int(session.execute(text(sql), params).scalar_one())


@dataclass(frozen=True)
class Span:
    """One pass of a case through a step: the day it entered it, the day it was done (None: still waiting)."""

    case_id: int
    applied_on: dt.date
    step: str
    entered_on: dt.date
    done_on: dt.date | None
    back_dated: bool = False  # the action that did it was recorded more than a day after its day (补录)


def step_spans(rows: Sequence[Sequence[Any]]) -> list[Span]:
    """The passes through each step, from the rows of :data:`EVENTS` (case, applied_on, state, action, from, to,
    at), in the order of the history: 受理 entered on the application day, each next step on the day the one
    before was done (``deadlines.entered_days``, as the case page and the overdue list count); the step a case
    waits for now is a pass not done."""
    spans: list[Span] = []
    by_case: dict[int, list[Sequence[Any]]] = {}
    for row in rows:
        by_case.setdefault(int(row[0]), []).append(row)
    for case_id, events in by_case.items():
        applied_on, state = _day(events[0][1]), str(events[0][2])
        entered = entered_days(applied_on, [(e[4], e[5], _day(e[6])) for e in events])
        for (_, _, _, action, source, target, at, recorded), since in zip(events, entered[:-1], strict=True):
            move = MOVES.get(str(action))
            if move is None or source is None or source == target:
                continue  # the opening, an objection recorded or dismissed: the case stays where it is
            if move.step is not None and next_step(str(source)) == move.step:
                told = back_dated(_moment(at), _moment(recorded))
                spans.append(Span(case_id, applied_on, move.step, since, _day(at), told))
        waiting = next_step(state)
        if waiting is not None:
            spans.append(Span(case_id, applied_on, waiting, entered[-1], None))
    return spans


def step_overdue(spans: Sequence[Span], step: str, rules_for: Callable[[dt.date], Deadlines | None],
                 start: dt.date, end: dt.date, on: dt.date) -> tuple[int, int, int]:  # fmt: skip
    """(late, counted, without a limit) passes through ``step``: done in [start, end], or waiting on ``on`` with
    a due day in [start, end] before ``on``; the limit of the policy in force on each case's application day."""
    late = counted = free = 0
    for span in (s for s in spans if s.step == step):
        rules = rules_for(span.applied_on)
        last = due(step, span.entered_on, rules)
        if span.done_on is not None and not start <= span.done_on <= end:
            continue
        if last is None:
            free += 1
            continue
        if span.done_on is None and not (start <= last <= end and last < on):
            continue
        counted += 1
        late += (span.done_on or on) > last
    return late, counted, free


def cohort_metrics(session: Session, params: dict[str, object]) -> list[CaseMetric]:
    """审批通过率, 预警登记申请率 and 预警转化案件发放率: counts in SQL, the queries as they are."""
    out = []
    for name, label, formula, top_sql, bottom_sql in (
        (names.APPROVAL_RATE, "依申请救助审批通过率",
         "申请日期在期内的案件中，审批通过（含其后环节）件数 ÷ 已作决定件数"
         "（审批通过及以后 + 不予救助；撤回、尚未审批的不计）× 100%",
         APPROVED, DECIDED),
        (names.WARNING_CONVERSION, "高额费用预警登记申请率",
         "期内首次推送的预警中，已据以登记救助申请的预警数 ÷ 期内推送的预警数 × 100%", CONVERTED, WARNED),
        (names.WARNING_PAID, "预警转化案件发放率",
         "期内首次推送且已登记申请的预警中，已发放救助的预警数 ÷ 已登记申请的预警数 × 100%", CONVERTED_PAID,
         CONVERTED),
    ):  # fmt: skip
        top, bottom = _count(session, top_sql, params), _count(session, bottom_sql, params)
        out.append(CaseMetric(name, label, "%", formula, _rate(top, bottom), top, bottom,
                              (Query(top_sql, params), Query(bottom_sql, params)),
                              note=None if bottom else "分母为 0，无法计算"))  # fmt: skip
    return out


def payment_metrics(session: Session, params: dict[str, object]) -> list[CaseMetric]:
    """申请至发放天数 (median and P90, PERCENTILE.INC) and 跨年支付占比, from rows fetched by SQL."""
    rows = session.execute(text(PAID_DAYS), params).all()
    days = tuple((_day(r[2]) - _day(r[1])).days for r in rows)
    query = (Query(PAID_DAYS, params),)
    note = None if days else "期内没有发放的案件"
    out = [
        CaseMetric(name, label, "天",
                   f"期内发放的案件，发放日期 − 申请日期（自然日）的{what}（Excel PERCENTILE.INC({p})）",
                   percentile_inc(days, p) if days else None, None, len(days), query, values=days, note=note,
                   extra={"percentile": p, "percentile_function": "percentile_inc"})
        for name, label, what, p in ((names.PAYMENT_MEDIAN_DAYS, "申请至发放天数（中位数）", "中位数", 0.5),
                                     (names.PAYMENT_P90_DAYS, "申请至发放天数（第90百分位数）",
                                      "第 90 百分位数", 0.9))
    ]  # fmt: skip
    bills = session.execute(text(LATEST_BILLS), params).all()
    late = sum(_day(r[1]).year > _day(r[2]).year for r in bills)
    out.append(CaseMetric(names.CROSS_YEAR_SHARE, "跨年支付占比", "%",
                          "期内发放且有票据的案件中，发放年度晚于其最晚一张票据年度的件数 ÷ 件数 × 100%",
                          _rate(late, len(bills)), late, len(bills), (Query(LATEST_BILLS, params),),
                          note=None if bills else "期内没有发放且有票据的案件"))  # fmt: skip
    return out


def overdue_metrics(session: Session, params: dict[str, object], rules_for: Callable[[dt.date], Deadlines | None],
                    on: dt.date, policy: tuple[str, ...]) -> list[CaseMetric]:  # fmt: skip
    """逾期率 of each step after 申请, from the cases' histories fetched by :data:`EVENTS`."""
    start, end = _day(params["start"]), _day(params["end"])
    spans = step_spans(session.execute(text(EVENTS), params).all())
    query = (Query(EVENTS, params),)
    out = []
    for step in TIMED_STEPS:
        name = CASE_STEPS[step]
        late, counted, free = step_overdue(spans, step, rules_for, start, end, on)
        told = sum(s.step == step and s.back_dated and s.done_on is not None and start <= s.done_on <= end
                   for s in spans)  # fmt: skip
        if counted == 0 and free:
            note: str | None = f"政策文件未规定“{name}”环节的办理时限，不计算逾期率"
        else:
            note = None if counted else f"期内没有完成或逾期待办的“{name}”环节"
        formula = (f"期内完成“{name}”的（及截至 {on.isoformat()} 仍待办且已过期限的）环节中，晚于期限完成或仍未完成的"
                   f"个数 ÷ 个数 × 100%；期限按工作日历自上一环节完成之日起算")  # fmt: skip
        out.append(CaseMetric(overdue_rate(step), f"“{name}”环节逾期率", "%", formula,
                              _rate(late, counted) if counted else None, late, counted, query, policy=policy,
                              note=note, extra={"step": name, "without_limit": free, "back_dated": told}))  # fmt: skip
    return out


def approval_days_metrics(session: Session, params: dict[str, object]) -> list[CaseMetric]:
    """申请至审批通过的工作日数 (median, P90; PERCENTILE.INC): cases whose (last) 审批通过 is in the period, working
    days after the application day up to the approval day (``WorkCalendar.working_days_between``)."""
    from medaid.cases.calendar import default_calendar

    start, end, calendar = _day(params["start"]), _day(params["end"]), default_calendar()
    approved: dict[int, tuple[dt.date, dt.date]] = {}
    for case_id, applied_on, _, action, *_, at, _ in session.execute(text(EVENTS), params).all():
        if action == "approve":
            approved[int(case_id)] = (_day(applied_on), _day(at))
    days = tuple(calendar.working_days_between(a, b) for a, b in approved.values() if start <= b <= end)
    return [
        CaseMetric(name, label, "个工作日",
                   f"期内审批通过的案件，申请日期至审批通过日期的工作日数（按工作日历，申请当日不计）的{what}"
                   f"（Excel PERCENTILE.INC({p})）", percentile_inc(days, p) if days else None, None, len(days),
                   (Query(EVENTS, params),), values=days, note=None if days else "期内没有审批通过的案件",
                   extra={"percentile": p, "percentile_function": "percentile_inc"})
        for name, label, what, p in ((names.APPROVAL_MEDIAN_WORKING_DAYS, "申请至审批通过工作日数（中位数）",
                                      "中位数", 0.5),
                                     (names.APPROVAL_P90_WORKING_DAYS,
                                      "申请至审批通过工作日数（第90百分位数）", "第 90 百分位数", 0.9))
    ]  # fmt: skip
