"""依申请救助 cases as forms give them: plain texts (dates, amounts in 元) turned into the domain's
application and bills, the actions a role may take now, and a step by its action code with what it needs.

The web (and any face that cannot build ``medaid.cases`` objects) calls these; they call the services of
``services.cases`` and ``services.case_steps``, so every check, the masking and the audit trail stay there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from medaid.cases.model import Bill
    from medaid.cases.records import CaseRecord, EventRecord


@dataclass(frozen=True)
class MemberForm:
    relation: str
    id_number: str
    name: str


@dataclass(frozen=True)
class BillForm:
    """A paper bill: its date, amounts in 元 as written, the hospital."""

    day: str
    total: str
    self_pay: str
    in_scope: str | None = None
    hospital: str | None = None


@dataclass(frozen=True)
class ApplicationForm:
    """An application as a form gives it: 身份证号 and name in clear (sealed at once by the service)."""

    id_number: str
    name: str
    category: str
    applied_on: str
    income: str
    assets: str = "0"
    assets_note: str | None = None
    area: str | None = None
    department: str | None = None
    warning_id: int | None = None
    members: tuple[MemberForm, ...] = ()
    bills: tuple[BillForm, ...] = ()
    at: str | None = None  # when it was received, for an application recorded afterwards (补录)


@dataclass(frozen=True)
class Choice:
    """An action a role may take on a case now, with what it asks for."""

    action: str
    label: str
    needs_reason: bool

    def to_dict(self) -> dict[str, object]:
        return {"action": self.action, "label": self.label, "needs_reason": self.needs_reason}


@dataclass
class Caller:
    """Who acts, as every service here takes it."""

    actor: str | None = None
    role: str = "clerk"
    scope: Scope = field(default_factory=lambda: EVERYTHING)


def _day(text: str, what: str) -> dt.date:
    from medaid.services.common import parse_date

    return parse_date(text.strip(), option=what)


def _fen(text: str | None, what: str) -> int:
    from medaid.money import MoneyError, to_fen

    try:
        return to_fen((text or "").strip() or "0")
    except MoneyError as err:
        raise MedaidError(f"{what}“{text}”不是有效的金额：{err}", where=Location(key=what),
                          fix="请填写以元为单位的金额，如 1234.50") from err  # fmt: skip


def moment(text: str | None) -> dt.datetime | None:
    """When a step recorded afterwards (补录) happened: a date and time no later than now; None when not given."""
    given = (text or "").strip()
    if not given:
        return None
    try:
        when = dt.datetime.fromisoformat(given)
    except ValueError as err:
        raise MedaidError(f"办理时间“{given}”无效", where=Location(key="办理时间"),
                          fix="请写成 2026-03-02 09:30（补录时填实际办理时间，当天办理的留空）") from err  # fmt: skip
    if when.tzinfo is not None:  # a time with its UTC offset: to this machine's local time, as times are stored
        when = when.astimezone()
    when = when.replace(tzinfo=None, microsecond=0)
    if when > dt.datetime.now():
        raise MedaidError(f"办理时间 {when:%Y-%m-%d %H:%M} 晚于现在", where=Location(key="办理时间"),
                          fix="补录只能填写已经发生的时间；当天办理的请留空")  # fmt: skip
    return when


def bills_of(forms: tuple[BillForm, ...] | list[BillForm]) -> list[Bill]:
    from medaid.cases.model import Bill

    return [Bill(day=_day(b.day, "票据日期"), total_fen=_fen(b.total, "总费用"),
                 self_pay_fen=_fen(b.self_pay, "个人自付"),
                 in_scope_fen=None if not (b.in_scope or "").strip() else _fen(b.in_scope, "政策范围内费用"),
                 hospital=(b.hospital or "").strip() or None) for b in forms]  # fmt: skip


def open_application(root: Path, form: ApplicationForm, caller: Caller) -> CaseRecord:
    """登记申请 (from a warning when ``form.warning_id`` is given); the answer shows masked forms only."""
    from medaid.cases.model import Application, Declaration, Member, Person
    from medaid.services.cases import open_case, open_from_warning

    application = Application(
        applicant=Person(form.id_number, form.name), category=form.category,
        applied_on=_day(form.applied_on, "申请日期"),
        declaration=Declaration(_fen(form.income, "家庭收入"), _fen(form.assets, "家庭金融资产"),
                                (form.assets_note or "").strip() or None),
        members=tuple(Member(Person(m.id_number, m.name), m.relation) for m in form.members),
        bills=tuple(bills_of(form.bills)), area=form.area, department=form.department,
    )  # fmt: skip
    if form.warning_id is not None:
        return open_from_warning(root, form.warning_id, application, actor=caller.actor, role=caller.role,
                                 scope=caller.scope, at=moment(form.at))  # fmt: skip
    return open_case(root, application, actor=caller.actor, role=caller.role, scope=caller.scope, at=moment(form.at))


def add_paper_bills(root: Path, case_id: int, forms: list[BillForm], caller: Caller) -> CaseRecord:
    from medaid.services.cases import add_bills

    if not forms:
        raise MedaidError("没有填写票据", where=Location(key="票据"), fix="请至少填写一张票据的日期、总费用和个人自付")
    return add_bills(root, case_id, bills_of(forms), actor=caller.actor, role=caller.role, scope=caller.scope)


def choices(state: str, role: str, scope: Scope) -> list[Choice]:
    """What ``role`` (limited by ``scope``) may do on a case in ``state`` now, in the workflow's order."""
    from medaid.cases.workflow import LIMITED_ACTIONS, MOVES, possible

    allowed = [a for a in possible(state, role) if not scope.limited or a in LIMITED_ACTIONS]
    return [Choice(a, MOVES[a].label, MOVES[a].needs_reason) for a in allowed]


def step(root: Path, case_id: int, action: str, caller: Caller, *, reason: str | None = None,
         note: str | None = None, days: int | None = None, amount: str | None = None,
         basis: str | None = None, paid_on: str | None = None, at: str | None = None) -> EventRecord:  # fmt: skip
    """One action by its code: 审核通过 assesses eligibility from the data first; 发放 takes the amount (元),
    how it was computed (``basis``) and the payment day. ``at``: when it happened, for a step recorded
    afterwards (补录 of a paper file); now when None."""
    from medaid.services import case_steps

    reason, note = (reason or "").strip() or None, (note or "").strip() or None
    who: case_steps.Who = {"actor": caller.actor, "role": caller.role, "scope": caller.scope, "at": moment(at)}
    if action == "review" and _may(root, case_id, action, caller):  # else ``take`` refuses it, with its reason
        return case_steps.review_case(root, case_id, reason=reason, note=note, **who)
    if action == "pay":
        day = _day(paid_on or "", "发放日期") if (paid_on or "").strip() else None
        if not (amount or "").strip():  # 由政策引擎计算（追溯救助，与发放在同一事务中记录）
            return case_steps.pay_case(root, case_id, paid_on=day, note=note, **who)
        trace: dict[str, object] = {"依据": (basis or "").strip() or "未填写"}
        return case_steps.pay_case(root, case_id, _fen(amount, "救助金额"), trace, paid_on=day, note=note, **who)
    return case_steps.take(root, case_id, action, reason=reason, note=note, publicity_days=days, **who)


def _may(root: Path, case_id: int, action: str, caller: Caller) -> bool:
    """Whether ``action`` is one the caller may take on the case now (before assessing eligibility for it)."""
    from medaid.services.cases import get_case

    state = get_case(root, case_id, actor=caller.actor, role=caller.role, scope=caller.scope).state
    return action in {c.action for c in choices(state, caller.role, caller.scope)}


def assessment(root: Path, case_id: int, caller: Caller) -> dict[str, object]:
    """审核's eligibility from the data and the region's policy, as JSON (nothing is recorded)."""
    from medaid.services.case_data import assess_case

    return assess_case(root, case_id, actor=caller.actor, role=caller.role, scope=caller.scope).as_dict()


def waiting_deadline(root: Path, case: CaseRecord, history: list[EventRecord],
                     today: dt.date | None = None) -> dict[str, object] | None:  # fmt: skip
    """The deadline of the step an open case waits for (from the region's policy in force on the application
    day and the working-day calendar), counted from the day it entered its state (``deadlines.entered_on``: the
    application's date for 受理); None when closed or the
    policy sets no limit for that step."""
    from medaid.cases.calendar import CalendarError
    from medaid.cases.deadlines import deadline, entered_on, step_name
    from medaid.cases.workflow import next_step
    from medaid.policy.params import resolve
    from medaid.workspace import Workspace

    waiting = next_step(case.state)
    if waiting is None:
        return None
    entered = entered_on(case.applied_on, [(e.from_state, e.to_state, e.at.date()) for e in history])
    rules = resolve(Workspace.open(root).settings.policy or "default", case.applied_on).deadlines
    try:
        found = deadline(waiting, entered, rules, today=today or dt.date.today())
    except CalendarError as err:  # a year the calendar does not know: say so on the page, never guess a date
        return {"step": step_name(waiting), "due": None, "overdue": False, "unknown": f"{err.what}；{err.fix}"}
    return None if found.due is None else found.to_dict()
