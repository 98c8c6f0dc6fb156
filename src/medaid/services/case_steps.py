"""The steps of a case (依申请救助), one function per action a user takes: 受理, 审核, 审批, 公示 and its
objections, 发放, 归档, and the refusals and withdrawal. Each checks the actor's role and scope, lets
``medaid.cases.workflow`` refuse an illegal move with its reason, and records the step with who and
when in the case's history and in the audit trail. ``at``: when the step happened, for a step recorded
afterwards (a historical case); now when None."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from medaid.services.cases import desk, fetch, who
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from medaid.cases.model import Assessed
    from medaid.cases.records import EventRecord


class Who(TypedDict, total=False):
    """Who takes a step, as every step function takes it: the account (None: the OS user), its role, its
    scope, and when the step happened (None: now)."""

    actor: str | None
    role: str
    scope: Scope
    at: dt.datetime | None


def take(root: Path, case_id: int, action: str, *, actor: str | None = None, role: str = "clerk",
         scope: Scope = EVERYTHING, reason: str | None = None, note: str | None = None,
         assessment: Assessed | None = None, publicity_days: int | None = None, amount_fen: int | None = None,
         trace: dict[str, object] | None = None, paid_on: dt.date | None = None,
         at: dt.datetime | None = None) -> EventRecord:  # fmt: skip
    """Any action of the workflow by its code (``vocab.CASE_ACTIONS``); the functions below name each one.
    发放 goes through :func:`pay_case` (``amount_fen`` None: the policy engine computes it)."""
    if action == "pay":
        return pay_case(root, case_id, amount_fen, trace, paid_on=paid_on, note=note, actor=actor, role=role,
                        scope=scope, at=at)  # fmt: skip
    from medaid.cases.ledger import act
    from medaid.cases.model import Payment
    from medaid.cases.records import EventRecord
    from medaid.cases.workflow import PUBLICITY_DAYS

    me = who(actor, role, scope)
    when = at or dt.datetime.now().replace(microsecond=0)
    payment = None if amount_fen is None else Payment(amount_fen, trace or {}, paid_on or when.date())
    with desk(root) as d:
        case = fetch(d, case_id, me)
        event = act(d.session, case, action, actor=me.name, role=me.role, today=when.date(), reason=reason, note=note,
                    assessment=assessment, publicity_days=publicity_days or PUBLICITY_DAYS, payment=payment,
                    at=at, limited=me.scope.limited)  # fmt: skip
        return EventRecord.of(event)


def accept_case(root: Path, case_id: int, *, note: str | None = None, **who_: Unpack[Who]) -> EventRecord:
    """受理: the application is complete and within what the assistance covers."""
    return take(root, case_id, "accept", note=note, **who_)


def refuse_case(root: Path, case_id: int, reason: str, *, note: str | None = None, **who_: Unpack[Who]) -> EventRecord:
    """不予受理, with the reason told to the applicant."""
    return take(root, case_id, "refuse", reason=reason, note=note, **who_)


def review_case(root: Path, case_id: int, assessment: Assessed | None = None, *, reason: str | None = None,
                note: str | None = None, **who_: Unpack[Who]) -> EventRecord:  # fmt: skip
    """审核通过, with the eligibility assessed from the data and the region's policy (``services.case_data.
    assess_case`` when ``assessment`` is None), stored with the case; passing an applicant the assessment finds
    not eligible needs a reason."""
    if assessment is None:
        from medaid.services.case_data import assess_case

        assessment = assess_case(root, case_id, actor=who_.get("actor"), role=who_.get("role", "clerk"),
                                 scope=who_.get("scope", EVERYTHING))  # fmt: skip
    return take(root, case_id, "review", assessment=assessment, reason=reason, note=note, **who_)


def fail_review(root: Path, case_id: int, reason: str, *, assessment: Assessed | None = None,
                note: str | None = None, **who_: Unpack[Who]) -> EventRecord:  # fmt: skip
    """审核不通过, with the reason (and the assessment, when one was made, kept with the case)."""
    return take(root, case_id, "fail_review", reason=reason, assessment=assessment, note=note, **who_)


def approve_case(root: Path, case_id: int, *, note: str | None = None, **who_: Unpack[Who]) -> EventRecord:
    """审批通过."""
    return take(root, case_id, "approve", note=note, **who_)


def deny_case(root: Path, case_id: int, reason: str, *, note: str | None = None, **who_: Unpack[Who]) -> EventRecord:
    """审批不通过, with the reason."""
    return take(root, case_id, "deny", reason=reason, note=note, **who_)


def publish_case(root: Path, case_id: int, *, days: int | None = None, note: str | None = None,
                 **who_: Unpack[Who]) -> EventRecord:  # fmt: skip
    """公示: the publication runs ``days`` calendar days from the day of the step (7 when None)."""
    return take(root, case_id, "publish", publicity_days=days, note=note, **who_)


def record_objection(root: Path, case_id: int, objection: str, *, note: str | None = None,
                     **who_: Unpack[Who]) -> EventRecord:  # fmt: skip
    """登记异议 received during the publication: what was objected (the objector may stay anonymous)."""
    return take(root, case_id, "object", reason=objection, note=note, **who_)


def dismiss_objection(root: Path, case_id: int, reason: str, *, note: str | None = None,
                      **who_: Unpack[Who]) -> EventRecord:  # fmt: skip
    """异议不成立: the oldest open objection is settled; the publication goes on."""
    return take(root, case_id, "dismiss_objection", reason=reason, note=note, **who_)


def reopen_case(root: Path, case_id: int, reason: str, *, note: str | None = None, **who_: Unpack[Who]) -> EventRecord:
    """异议成立，退回重新审核: the case goes back to 已受理，待审核; it is published again after a new approval."""
    return take(root, case_id, "reopen", reason=reason, note=note, **who_)


def overturn_case(root: Path, case_id: int, reason: str, *, note: str | None = None,
                  **who_: Unpack[Who]) -> EventRecord:  # fmt: skip
    """异议成立，不予救助: the case is rejected with the reason."""
    return take(root, case_id, "overturn", reason=reason, note=note, **who_)


def pay_case(root: Path, case_id: int, amount_fen: int | None = None, trace: dict[str, object] | None = None, *,
             paid_on: dt.date | None = None, note: str | None = None, **who_: Unpack[Who]) -> EventRecord:  # fmt: skip
    """发放, only after the publication ended without open objections. ``amount_fen`` None: the policy engine
    computes it (``services.case_payment``: the case's 追溯救助, settled once, in the same transaction as the
    payment), with its trace; given: kept as the clerk entered it (``trace``: how), the trace saying so, with
    the engine's figure and the difference."""
    from medaid.cases.ledger import act, open_objections
    from medaid.cases.model import Payment
    from medaid.cases.records import EventRecord
    from medaid.cases.workflow import Situation, check
    from medaid.services.case_payment import engine_amount, hand_trace

    me = who(who_.get("actor"), who_.get("role", "clerk"), who_.get("scope", EVERYTHING))
    at = who_.get("at")
    when = at or dt.datetime.now().replace(microsecond=0)
    with desk(root) as d:
        case = fetch(d, case_id, me)
        # an illegal 发放 is refused with the workflow's reason before anything is computed or recorded
        check(case.id, case.state, "pay", me.role, None, Situation(open_objections(case), case.publicity_until),
              when.date(), limited=me.scope.limited)  # fmt: skip
        if amount_fen is None:
            amount, computed = engine_amount(d, case, me.name)
        else:
            amount, computed = amount_fen, hand_trace(d, case, me.name, amount_fen, trace or {})
        payment = Payment(amount, computed, paid_on or when.date())
        event = act(d.session, case, "pay", actor=me.name, role=me.role, today=when.date(), note=note,
                    payment=payment, at=at, limited=me.scope.limited)  # fmt: skip
        return EventRecord.of(event)


def archive_case(root: Path, case_id: int, *, note: str | None = None, **who_: Unpack[Who]) -> EventRecord:
    """归档 a paid case."""
    return take(root, case_id, "archive", note=note, **who_)


def withdraw_case(root: Path, case_id: int, reason: str, *, note: str | None = None,
                  **who_: Unpack[Who]) -> EventRecord:  # fmt: skip
    """撤回申请 at the applicant's request, any time before the payment."""
    return take(root, case_id, "withdraw", reason=reason, note=note, **who_)
