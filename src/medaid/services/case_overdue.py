"""Overdue lists (依申请救助 issue 15 item 2): the open cases whose waiting step is past its due day (逾期) or
due within a few working days (即将到期), for the dashboard, scoped as the list of cases is (a department or
an area account sees its own).

A case waits for the step after its state (``workflow.next_step``), counted from the day it entered that
state (``deadlines.entered_on``: the day of its last event moving into it, the application's date for
受理), under the ``deadlines`` of the region's policy in force on the application day and the working-day
calendar (``cases.deadlines``), exactly as the case page and the 逾期率 count it. A step without a limit
is not listed. When the calendar does not know a year (or no policy is in force), the case is listed
as 期限无法计算 with the reason: never a guessed date, never a crash.
Order: 逾期 (latest first), then 期限无法计算, then 即将到期 (soonest first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import MedaidError
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from medaid.cases.calendar import WorkCalendar
    from medaid.policy.model import Deadlines
    from medaid.store.cases import Case

LATE, SOON, UNKNOWN = "逾期", "即将到期", "期限无法计算"
SOON_DAYS = 3  # working days: 即将到期 when the due day is at most this far


@dataclass(frozen=True)
class Waiting:
    """One open case on the list: its waiting step and how it stands against the step's deadline."""

    case_id: int
    state: str  # the state's label
    step: str  # the waiting step's Chinese name
    category: str
    area: str | None
    department: str | None
    id_masked: str
    name_masked: str
    entered_on: dt.date
    status: str  # 逾期, 即将到期 or 期限无法计算
    due: dt.date | None = None
    days_late: int = 0  # working (or calendar) days after the due day
    days_left: int | None = None  # working (or calendar) days to the due day (0: due today)
    rule: str = ""  # the limit in words with its source, or why it cannot be computed
    unit: str = "个工作日"  # of days_late and days_left: 个工作日, or 天 for a limit in calendar days

    def to_dict(self) -> dict[str, object]:
        return {"case_id": self.case_id, "url": f"/cases/{self.case_id}", "state": self.state, "step": self.step,
                "category": self.category, "area": self.area, "department": self.department,
                "id_masked": self.id_masked, "name_masked": self.name_masked, "entered_on": self.entered_on.isoformat(),
                "status": self.status, "due": self.due.isoformat() if self.due else None, "days_late": self.days_late,
                "days_left": self.days_left, "unit": self.unit, "rule": self.rule}  # fmt: skip


@dataclass
class OverdueList:
    today: dt.date
    soon_days: int
    cases: list[Waiting] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for c in self.cases if c.status == status)

    def to_dict(self) -> dict[str, object]:
        return {"today": self.today.isoformat(), "soon_days": self.soon_days,
                "counts": {s: self.count(s) for s in (LATE, SOON, UNKNOWN)},
                "cases": [c.to_dict() for c in self.cases]}  # fmt: skip


def _entered(case: Case) -> dt.date:
    """The day the case entered its state (``deadlines.entered_on``: the application's date for 受理)."""
    from medaid.cases.deadlines import entered_on

    return entered_on(case.applied_on, [(e.from_state, e.to_state, e.at.date()) for e in case.events])


def _base(case: Case, step: str, entered: dt.date) -> Waiting:
    from medaid.vocab import CASE_STATES

    return Waiting(case.id, CASE_STATES[case.state], step, case.category, case.area, case.department,
                   case.id_masked, case.name_masked, entered, UNKNOWN)  # fmt: skip


def _standing(case: Case, rules: Deadlines | None, calendar: WorkCalendar, today: dt.date,
              soon: int) -> Waiting | None:  # fmt: skip
    """The case on the list, or None when its step has no limit or is neither late nor due soon."""
    from medaid.cases.calendar import CalendarError
    from medaid.cases.deadlines import deadline, limit, step_name
    from medaid.cases.workflow import next_step

    waiting = next_step(case.state)
    if waiting is None:
        return None
    entered = _entered(case)
    step_limit = limit(waiting, rules)
    calendar_days = step_limit is not None and step_limit.unit == "calendar"
    base = replace(_base(case, step_name(waiting), entered), unit="天" if calendar_days else "个工作日")
    try:
        found = deadline(waiting, entered, rules, calendar, today=today)
        if found.due is None:
            return None
        if found.overdue:
            return replace(base, status=LATE, due=found.due, days_late=found.days_late, rule=found.rule)
        left = (found.due - today).days if calendar_days else calendar.working_days_between(today, found.due)
    except CalendarError as err:  # a year the calendar does not know: say so, never guess a date
        return replace(base, status=UNKNOWN, rule=f"{err.what}；{err.fix}" if err.fix else err.what)
    if left > soon:
        return None
    return replace(base, status=SOON, due=found.due, days_left=left, rule=found.rule)


def overdue_cases(root: Path, *, today: dt.date | None = None, soon: int = SOON_DAYS, actor: str | None = None,
                  role: str = "clerk", scope: Scope = EVERYTHING) -> OverdueList:  # fmt: skip
    """The open cases in the actor's scope that are late (逾期), due within ``soon`` working days (即将到期), or
    whose deadline cannot be computed (期限无法计算, with the reason)."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from medaid.cases.calendar import default_calendar
    from medaid.cases.deadlines import step_name
    from medaid.cases.retroactive import in_force
    from medaid.cases.workflow import READERS, next_step
    from medaid.roles import role_label
    from medaid.services.case_list import _conditions
    from medaid.services.cases import desk, who
    from medaid.services.retroactive import policies_of
    from medaid.store.accounts import AccessDenied
    from medaid.store.cases import Case
    from medaid.vocab import CASE_STATES
    from medaid.workspace import Workspace

    me = who(actor, role, scope)
    if me.role not in READERS:
        raise AccessDenied(f"{role_label(me.role)}账户不能查看救助案件",
                           fix="救助案件由医保经办、部门、财政和评价人员查看")  # fmt: skip
    day = today or dt.date.today()
    found = OverdueList(day, max(soon, 0))
    missing: MedaidError | None = None
    try:  # every dated file once; each case under the one in force on its application day
        policies = policies_of(Workspace.open(root).settings.policy or "default")
    except MedaidError as err:
        policies, missing = [], err
    calendar = default_calendar()
    rules: dict[dt.date, Deadlines | MedaidError | None] = {}
    open_states = [s for s in CASE_STATES if next_step(s) is not None]
    with desk(root) as d:
        where = [*_conditions(d.workspace, scope, None, None, None, None), Case.state.in_(open_states)]
        query = select(Case).where(*where).order_by(Case.id).options(selectinload(Case.events))
        for case in d.session.scalars(query):
            if case.applied_on not in rules:
                try:
                    rules[case.applied_on] = missing or in_force(policies, case.applied_on).deadlines
                except MedaidError as err:
                    rules[case.applied_on] = err
            got = rules[case.applied_on]
            if isinstance(got, MedaidError):
                step = step_name(next_step(case.state) or "")
                found.cases.append(replace(_base(case, step, _entered(case)), rule=f"政策参数无法确定：{got.what}"))
                continue
            standing = _standing(case, got, calendar, day, found.soon_days)
            if standing is not None:
                found.cases.append(standing)
    order = {LATE: 0, UNKNOWN: 1, SOON: 2}
    found.cases.sort(key=lambda c: (order[c.status], -c.days_late, c.days_left or 0, c.case_id))
    return found
