"""Cases in the app database: open one, add its bills and documents, move it through the workflow.

Every function works in the caller's session (one transaction): a transition writes the case's new
state, one ``case_events`` row and one audit-trail entry (``救助案件``), or nothing. The audit trail
gets masked identities only. Who may act on which case (area, department) is the services' scope;
which role may take which action is :mod:`medaid.cases.workflow`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from medaid.cases.model import (
    Application,
    ApplicationError,
    Assessed,
    Bill,
    Document,
    Payment,
    Sealed,
    check_application,
    check_bill,
    check_document,
    check_money,
    seal,
)
from medaid.cases.records import back_dated
from medaid.cases.workflow import CLOSED, MOVES, OPENERS, PUBLICITY_DAYS, SETTLING, Situation, WorkflowError, check
from medaid.errors import Forbidden, Location
from medaid.roles import role_label
from medaid.store import app as _tables  # noqa: F401  (first: its tables, audit_trail's Base among them)
from medaid.store.audit_trail import append
from medaid.store.cases import Case, CaseBill, CaseDocument, CaseEvent, CaseMember
from medaid.store.crypto import KeyRing
from medaid.vocab import CASE_ACTIONS

AUDIT_ACTION = "救助案件"  # the audit trail's action for every step of a case
AUDIT_MATERIAL = "救助案件材料"  # … and for bills and documents added to it
BACK_DATER = "clerk"  # the only role that may give a step's time (补录), and only unlimited (see _may_back_date)
BILL_STATES = frozenset({"applied", "accepted"})  # bills may be added until 审核 has decided


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _dumps(value: dict[str, object]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def open_case(session: Session, ring: KeyRing, application: Application, *, workspace: str, actor: str, role: str,
              applicant: Sealed | None = None, warning_id: int | None = None,
              at: dt.datetime | None = None, limited: bool = False) -> Case:  # fmt: skip
    """Record an application (申请): the case in state ``applied``, its household and bills, one event and one
    audit entry. ``applicant``: already sealed (from the workspace's persons). ``at``: when it happened, for a
    case recorded afterwards (补录: only by a clerk not ``limited`` to an area or a department; the event and the
    audit trail keep when it was recorded); now when None."""
    if role not in OPENERS:
        raise Forbidden(f"{role_label(role)}账户不能登记申请", fix="申请由医保经办或部门、乡镇账户登记")
    _may_back_date(at, role, limited=limited)
    app = check_application(application)
    who = applicant or seal(ring, app.applicant, where="申请人")
    members = [(seal(ring, m.person, where=f"家庭成员（{m.relation}）"), m.relation) for m in app.members]
    keys = [who.person_key, *(s.person_key for s, _ in members)]
    if len(set(keys)) != len(keys):
        raise ApplicationError("家庭成员中有重复的人（或与申请人相同）", where=Location(key="家庭成员"),
                               fix="每位家庭成员只填一次，申请人本人不必列入家庭成员")  # fmt: skip
    now = at or _now()
    d = app.declaration
    case = Case(workspace=workspace, state="applied", category=app.category, area=app.area, department=app.department,
                person_key=who.person_key, id_cipher=who.id_cipher, name_cipher=who.name_cipher,
                id_masked=who.id_masked, name_masked=who.name_masked, applied_on=app.applied_on, warning_id=warning_id,
                income_fen=d.income_fen, assets_fen=d.assets_fen, assets_note=d.assets_note, opened_by=actor,
                opened_at=now, updated_at=now)  # fmt: skip
    case.members = [
        CaseMember(person_key=s.person_key, id_cipher=s.id_cipher, name_cipher=s.name_cipher, id_masked=s.id_masked,
                   name_masked=s.name_masked, relation=r)
        for s, r in members
    ]  # fmt: skip
    case.bills = [_bill(b, actor, now) for b in app.bills]
    session.add(case)
    session.flush()
    detail: dict[str, object] = {"applied_on": app.applied_on.isoformat(), "category": app.category,
                                 "household": 1 + len(members), "bills": len(app.bills),
                                 "warning_id": warning_id}  # fmt: skip
    _event(
        session, case, "open", None, "applied", actor=actor, role=role, reason=None, note=None, detail=detail, at=now
    )
    return case


def _bill(b: Bill, actor: str, at: dt.datetime) -> CaseBill:
    return CaseBill(settlement_id=b.settlement_id, bill_date=b.day, total_fen=b.total_fen, in_scope_fen=b.in_scope_fen,
                    self_pay_fen=b.self_pay_fen, hospital=b.hospital, added_by=actor, added_at=at)  # fmt: skip


def add_bills(session: Session, case: Case, bills: list[Bill], *, actor: str, role: str) -> list[CaseBill]:
    """Add bills to an application that 审核 has not decided yet; a settlement already on the case is refused."""
    if case.state not in BILL_STATES:
        raise WorkflowError(f"案件 {case.id} 已过审核，不能再补充票据", where=Location(key="案件编号"),
                            fix="如需补充，请在公示期间登记异议并退回重新审核，或另行登记新的申请")  # fmt: skip
    if role not in OPENERS:
        raise Forbidden(f"{role_label(role)}账户不能补充票据", fix="票据由医保经办或部门、乡镇账户录入")
    linked = {b.settlement_id for b in case.bills if b.settlement_id}
    for bill in bills:
        check_bill(bill)
        if bill.settlement_id and bill.settlement_id in linked:
            raise ApplicationError(f"结算 {bill.settlement_id} 已在案件 {case.id} 的票据中",
                                   where=Location(key="结算编号"),
                                   fix="同一笔结算只计一次；请删去重复的结算编号")  # fmt: skip
        linked.add(bill.settlement_id or "")
    now = _now()
    rows = [_bill(b, actor, now) for b in bills]
    case.bills.extend(rows)
    case.updated_at = now
    session.flush()
    append(session, actor=actor, action=AUDIT_MATERIAL, workspace=case.workspace,
           detail={"case": case.id, "role": role, "bills": [b.settlement_id or b.bill_date.isoformat() for b in rows],
                   "self_pay_fen": sum(b.self_pay_fen for b in rows)})  # fmt: skip
    return rows


def neutral_name(kind: str, document_id: int | None, file_name: str) -> str:
    """The name a document is shown and stored under in clear: ``{kind}-{id}`` and the uploaded name's extension
    when it is a plain short one (``.pdf``, ``.jpg``); the uploaded name (often the person's name or ID number)
    is kept only encrypted."""
    suffix = PurePath(file_name).suffix
    ext = suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,5}", suffix) else ""
    return f"{kind}-{document_id if document_id is not None else 0}{ext}"


def original_name(ring: KeyRing, row: CaseDocument) -> str:
    """The document's uploaded file name, decrypted: only for the roles that may open the document."""
    return ring.decrypt(row.name_cipher)


def add_document(session: Session, ring: KeyRing, case: Case, doc: Document, *, actor: str, role: str) -> CaseDocument:
    """Keep an uploaded document with the case: its bytes and uploaded name encrypted, a neutral name
    (:func:`neutral_name`) and their SHA-256 in clear (and in the audit trail)."""
    check_document(doc)
    if case.state == "archived":
        raise WorkflowError(f"案件 {case.id} 已归档，不能再上传材料", where=Location(key="案件编号"),
                            fix="归档案件的材料不再变动；如有新情况请另行登记申请")  # fmt: skip
    if role not in OPENERS:
        raise Forbidden(f"{role_label(role)}账户不能上传材料", fix="材料由医保经办或部门、乡镇账户上传")
    now = _now()
    sealed = ring.encrypt(base64.b64encode(doc.content).decode("ascii"))
    row = CaseDocument(kind=doc.kind, file_name=neutral_name(doc.kind, None, doc.file_name),
                       name_cipher=ring.encrypt(doc.file_name), size=len(doc.content), sha256=doc.sha256,
                       content=sealed, added_by=actor, added_at=now)  # fmt: skip
    case.documents.append(row)
    case.updated_at = now
    session.flush()
    row.file_name = neutral_name(doc.kind, row.id, doc.file_name)
    session.flush()
    append(session, actor=actor, action=AUDIT_MATERIAL, workspace=case.workspace,
           detail={"case": case.id, "role": role, "document": row.id, "kind": doc.kind, "sha256": doc.sha256,
                   "size": row.size})  # fmt: skip
    return row


def document_bytes(ring: KeyRing, row: CaseDocument) -> bytes:
    """A document's bytes, decrypted; ApplicationError when they no longer match their SHA-256."""
    import hashlib

    content = base64.b64decode(ring.decrypt(row.content))
    if hashlib.sha256(content).hexdigest() != row.sha256:
        raise ApplicationError(f"材料“{row.file_name}”的内容与登记时的 SHA-256 不符",
                               where=Location(file=row.file_name),
                               fix="材料可能被改动过：请从原件重新扫描上传，并查看审计日志")  # fmt: skip
    return content


def open_objections(case: Case) -> int:
    """Objections recorded during the current publication and not yet settled."""
    count = 0
    for event in case.events:
        if event.action == "publish":
            count = 0
        elif event.action == "object":
            count += 1
        elif event.action in SETTLING:
            count = max(count - 1, 0)
    return count


def act(session: Session, case: Case, action: str, *, actor: str, role: str, today: dt.date,
        reason: str | None = None, note: str | None = None, assessment: Assessed | None = None,
        publicity_days: int = PUBLICITY_DAYS, payment: Payment | None = None,
        at: dt.datetime | None = None, limited: bool = False) -> CaseEvent:  # fmt: skip
    """Take one action on a case (see :mod:`medaid.cases.workflow`): refused with the reason, or done with its
    event and audit entry. 审核 stores the eligibility assessment; 公示 opens a publication of ``publicity_days``
    calendar days from ``today``; 发放 records the payment (amount in fen and its trace). ``limited``: the actor's
    account is limited to an area or a department (it may only take 受理 or refuse it)."""
    _may_back_date(at, role, limited=limited)
    situation = Situation(open_objections(case), case.publicity_until)
    target = check(case.id, case.state, action, role, reason, situation, today, limited=limited)
    detail: dict[str, object] = {}
    if action == "review":
        _review(case, assessment, reason)
    if action in ("review", "fail_review") and assessment is not None:
        case.eligibility = _dumps(assessment.as_dict())
        detail["eligibility"] = assessment.as_dict()
    if action == "publish":
        if publicity_days < 1:
            raise WorkflowError(
                f"公示天数“{publicity_days}”无效", where=Location(key="公示天数"), fix="公示至少 1 天，通常为 7 天"
            )
        case.publicity_from, case.publicity_until = today, today + dt.timedelta(days=publicity_days - 1)
        detail["publicity"] = [case.publicity_from.isoformat(), case.publicity_until.isoformat()]
    elif action == "pay":
        if payment is None:
            raise WorkflowError(
                "发放须给出救助金额", where=Location(key="救助金额"), fix="请填写经政策测算的救助金额（分）及其计算过程"
            )
        check_money(payment.amount_fen, "救助")
        if case.publicity_until is not None and payment.paid_on <= case.publicity_until:
            raise WorkflowError(f"发放日期 {payment.paid_on.isoformat()} 在公示期（至 {case.publicity_until}）内",
                                where=Location(key="发放日期"), fix="发放日期须在公示期满之后")  # fmt: skip
        case.amount_fen, case.amount_trace, case.paid_on = payment.amount_fen, _dumps(payment.trace), payment.paid_on
        detail.update(amount_fen=payment.amount_fen, paid_on=payment.paid_on.isoformat())
    elif action == "reopen":
        case.publicity_from = case.publicity_until = None
    return _event(session, case, action, case.state, target, actor=actor, role=role, reason=reason, note=note,
                  detail=detail or None, at=at)  # fmt: skip


def _may_back_date(at: dt.datetime | None, role: str, *, limited: bool) -> None:
    """Only a clerk not limited to an area or a department may record a step at an earlier time (补录 of paper
    files): the timeliness metrics count from these times. The real time is kept beside it (``recorded_at``)."""
    if at is not None and (role != BACK_DATER or limited):
        who = f"限于区划或部门的{role_label(role)}" if limited else role_label(role)
        raise Forbidden(f"{who}账户不能补录办理时间",
                        fix="请留空办理时间（按现在记录）；补录历史案件请由医保经办的全局账户办理")  # fmt: skip


def _review(case: Case, assessment: Assessed | None, reason: str | None) -> None:
    if assessment is None:
        raise WorkflowError(f"案件 {case.id} 尚未测算救助资格，不能审核通过", where=Location(key="案件编号"),
                            fix="审核时先按数据和本地政策测算资格（自付费用、家庭人均收入），再作结论")  # fmt: skip
    result = assessment.as_dict()
    if result.get("eligible") is False and not (reason or "").strip():
        raise WorkflowError("资格测算结果为不符合条件，审核通过须写明理由", where=Location(key="理由"),
                            fix="请写明依据（如：有未计入的大额自付票据，见补充材料），或选择“审核不通过”")  # fmt: skip


def _event(session: Session, case: Case, action: str, before: str | None, after: str, *, actor: str, role: str,
           reason: str | None, note: str | None, detail: dict[str, object] | None,
           at: dt.datetime | None = None) -> CaseEvent:  # fmt: skip
    recorded = _now()
    now = at or recorded
    if now - recorded > dt.timedelta(minutes=1):  # a minute's grace for clocks read a moment apart
        raise WorkflowError(f"“{CASE_ACTIONS[action]}”的办理时间 {now:%Y-%m-%d %H:%M} 晚于现在",
                            where=Location(key="办理时间"),
                            fix="补录只能填写已经发生的时间；当天办理的请留空")  # fmt: skip
    last = case.events[-1].at if case.events else None
    if last is not None and now < last:
        raise WorkflowError(f"“{CASE_ACTIONS[action]}”的办理时间 {now:%Y-%m-%d %H:%M} 早于上一步"
                            f"（{last:%Y-%m-%d %H:%M}）", where=Location(key="办理时间"),
                            fix="请按实际办理的先后顺序补录，时间不能倒序")  # fmt: skip
    event = CaseEvent(action=action, from_state=before, to_state=after, reason=(reason or "").strip() or None,
                      note=(note or "").strip() or None, detail=None if detail is None else _dumps(detail),
                      actor=actor, role=role, at=now, recorded_at=recorded)  # fmt: skip
    case.events.append(event)
    case.state, case.updated_at = after, max(now, case.updated_at or now)
    session.flush()
    append(session, actor=actor, action=AUDIT_ACTION, workspace=case.workspace,
           detail={"case": case.id, "action": action, "label": CASE_ACTIONS[action], "from": before, "to": after,
                   "role": role, "reason": event.reason, "note": event.note, "applicant": case.id_masked,
                   "at": now.isoformat(), "recorded_at": recorded.isoformat(), "back_dated": back_dated(now, recorded),
                   **(detail or {})})  # fmt: skip
    return event


def find(session: Session, workspace: str, case_id: int) -> Case | None:
    return session.scalars(select(Case).where(Case.workspace == workspace, Case.id == case_id)).first()


__all__ = ["AUDIT_ACTION", "CLOSED", "MOVES", "act", "add_bills", "add_document", "find", "open_case"]
