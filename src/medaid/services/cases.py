"""依申请救助 cases (issue 15): one function per thing a user does, for the CLI and the web alike.

Open a case (or open it from a high-cost warning, keeping the link), add its bills (entered, or
settlements of the workspace's data) and documents, show one and its history; the workflow's steps
are in ``services.case_steps``, the list of cases in ``services.case_list``. Each call names who acts
(``actor``: the account, the operating-system user when None) and in which role; a :class:`Scope` (an
area or a department account) limits the cases it sees and acts on. Identities are masked in everything
returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.services.common import actor_name
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from medaid.cases.model import Application, Bill
    from medaid.cases.records import CaseRecord, DocumentRecord, EventRecord
    from medaid.store.app import AppWarning
    from medaid.store.cases import Case
    from medaid.store.crypto import KeyRing

READ_ACTION = "查看救助案件材料"  # the audit trail's action when a document is opened (it shows personal data)


@dataclass(frozen=True)
class Actor:
    """Who acts: the account (or OS user), its role, and the rows it may touch."""

    name: str
    role: str
    scope: Scope


@dataclass
class Desk:
    """An open session on a workspace's app database, for one operation."""

    workspace: str
    session: Session
    root: Path

    def ring(self) -> KeyRing:
        from medaid.workspace import Workspace

        return Workspace.open(self.root).key()


def who(actor: str | None, role: str, scope: Scope) -> Actor:
    from medaid.roles import ROLES

    if role not in ROLES:
        raise MedaidError(f"未知的角色“{role}”", where=Location(key="--role"), fix=f"可用：{'、'.join(ROLES)}")
    return Actor(actor_name(actor), role, scope)


@contextmanager
def desk(root: Path) -> Iterator[Desk]:
    from medaid.services.common import workspace_key
    from medaid.store.app import session_for
    from medaid.store.warnings_store import adopt
    from medaid.workspace import Workspace

    key = workspace_key(Workspace.open(root))
    with session_for(root) as session:
        adopt(session, root, key)  # the warnings of the workspace's own file stored before 0.18 (a case's link)
        yield Desk(key, session, root)


def in_scope(scope: Scope, case: Case) -> bool:
    return scope.admits((case.department,) if case.department else (), case.area)


def fetch(d: Desk, case_id: int, actor: Actor) -> Case:
    """The case, if it exists in this workspace and the actor's scope; MedaidError / AccessDenied otherwise."""
    from medaid.cases.ledger import find
    from medaid.cases.workflow import READERS
    from medaid.roles import role_label
    from medaid.store.accounts import AccessDenied

    if actor.role not in READERS:
        raise AccessDenied(
            f"{role_label(actor.role)}账户不能查看救助案件", fix="救助案件由医保经办、部门、财政和评价人员查看"
        )
    case = find(d.session, d.workspace, case_id)
    if case is None:
        raise MedaidError(f"没有编号为 {case_id} 的救助案件", where=Location(key="案件编号"),
                          fix="请在案件列表中核对案件编号")  # fmt: skip
    if not in_scope(actor.scope, case):
        raise AccessDenied(f"案件 {case_id} 不在本账户的范围（{actor.scope.describe()}）内：其区划为 "
                           f"{case.area or '未填'}，认定部门为 {case.department or '未填'}",
                           fix="部门、乡镇账户只能办理本部门、本区划的案件；其他案件请由医保经办办理")  # fmt: skip
    return case


def _scoped(application: Application, scope: Scope) -> Application:
    """An area or department account registers in its own scope: an empty area or department is its own."""
    from dataclasses import replace

    from medaid.store.accounts import AccessDenied

    area = (application.area or "").strip() or scope.area_code
    department = (application.department or "").strip() or scope.department_name
    scoped = replace(application, area=area, department=department)
    if not scope.admits((Scope(department).department_name or "",), area):
        raise AccessDenied(f"申请的区划（{area or '未填'}）或认定部门（{department or '未填'}）不在本账户的范围"
                           f"（{scope.describe()}）内", where=Location(key="区划"),
                           fix="请登记本区划、本部门的申请；其他申请请转交所在地的经办机构")  # fmt: skip
    return scoped


def open_case(root: Path, application: Application, *, actor: str | None = None, role: str = "clerk",
              scope: Scope = EVERYTHING, at: dt.datetime | None = None) -> CaseRecord:  # fmt: skip
    """登记申请: a new case in state 已申请，待受理, with its household, bills and declared income and assets."""
    from medaid.cases.ledger import open_case as record
    from medaid.cases.records import CaseRecord

    me = who(actor, role, scope)
    with desk(root) as d:
        case = record(d.session, d.ring(), _scoped(application, scope), workspace=d.workspace, actor=me.name,
                      role=me.role, at=at, limited=me.scope.limited)  # fmt: skip
        return CaseRecord.of(case)


def _warning_in_scope(d: Desk, warning_id: int, scope: Scope) -> AppWarning:
    """The warning, if it exists and is within ``scope`` by the warnings' own rule (one of its 认定部门 is the
    account's; the person's 区划 starts with the account's area, ``analytics.warnings.areas``), of the desk's
    workspace. A missing warning, another workspace's and one outside the scope get the same answer, so ids
    cannot be probed."""
    from medaid.analytics.warnings import SEPARATOR
    from medaid.store.warnings_store import find

    found = find(d.session, warning_id, d.workspace)
    if found is not None and scope.limited:
        from medaid.analytics.warnings import areas
        from medaid.workspace import Workspace

        area = areas(Workspace.open(d.root), [found.person_key]).get(found.person_key) if scope.area_code else None
        departments = [x for x in found.departments.split(SEPARATOR) if x]
        found = found if scope.admits(departments, area) else None
    if found is None:
        raise MedaidError(f"没有编号为 {warning_id} 的高额费用预警", where=Location(key="预警编号"),
                          fix="用 medaid warnings list 工作区 查看本账户范围内的预警")  # fmt: skip
    return found


def open_from_warning(root: Path, warning_id: int, application: Application, *, actor: str | None = None,
                      role: str = "clerk", scope: Scope = EVERYTHING,
                      at: dt.datetime | None = None) -> CaseRecord:  # fmt: skip
    """登记申请 for the person of a high-cost warning: the case keeps the warning's id (warning → 认定 → 发放 is
    measured from it). The applicant must be the warning's person; the warning must be within the account's
    scope (a warning outside it is answered as missing)."""
    from medaid.cases.ledger import open_case as record
    from medaid.cases.model import seal
    from medaid.cases.records import CaseRecord

    me = who(actor, role, scope)
    with desk(root) as d:
        warning = _warning_in_scope(d, warning_id, scope)
        ring = d.ring()
        applicant = seal(ring, application.applicant, where="申请人")
        if applicant.person_key != warning.person_key:
            raise MedaidError(f"申请人（{applicant.id_masked}）不是预警 {warning_id} 的对象",
                              where=Location(key="申请人身份证号"),
                              fix="请核对申请人的身份证号；为其他人申请请直接登记申请，不关联预警")  # fmt: skip
        case = record(d.session, ring, _scoped(application, scope), workspace=d.workspace, actor=me.name,
                      role=me.role, applicant=applicant, warning_id=warning_id, at=at,
                      limited=me.scope.limited)  # fmt: skip
        return CaseRecord.of(case)


def add_bills(root: Path, case_id: int, bills: list[Bill], *, settlement_ids: list[str] | None = None,
              actor: str | None = None, role: str = "clerk", scope: Scope = EVERYTHING) -> CaseRecord:  # fmt: skip
    """补充票据: entered from paper bills (date, amounts in fen, hospital) and/or the workspace's settlements
    ``settlement_ids`` (each the applicant's or a household member's), in one transaction: all or nothing."""
    from medaid.cases.ledger import add_bills as record
    from medaid.cases.records import CaseRecord
    from medaid.services.case_data import settlement_bills

    me = who(actor, role, scope)
    with desk(root) as d:
        case = fetch(d, case_id, me)
        linked: list[Bill] = []
        if settlement_ids:
            people = {case.person_key, *(m.person_key for m in case.members)}
            linked = settlement_bills(root, settlement_ids, people)
        record(d.session, case, [*linked, *bills], actor=me.name, role=me.role)
        return CaseRecord.of(case)


def link_settlements(root: Path, case_id: int, settlement_ids: list[str], *, actor: str | None = None,
                     role: str = "clerk", scope: Scope = EVERYTHING) -> CaseRecord:  # fmt: skip
    """补充票据 from the workspace's settlements: each must be the applicant's or a household member's."""
    return add_bills(root, case_id, [], settlement_ids=settlement_ids, actor=actor, role=role, scope=scope)


def add_document(root: Path, case_id: int, kind: str, file_name: str, content: bytes, *, actor: str | None = None,
                 role: str = "clerk", scope: Scope = EVERYTHING) -> DocumentRecord:  # fmt: skip
    """上传材料: kept encrypted with the case, its SHA-256 in the case and in the audit trail."""
    from medaid.cases.ledger import add_document as record
    from medaid.cases.model import Document
    from medaid.cases.records import DocumentRecord

    me = who(actor, role, scope)
    with desk(root) as d:
        case = fetch(d, case_id, me)
        row = record(d.session, d.ring(), case, Document(kind, Path(file_name).name, content), actor=me.name,
                     role=me.role)  # fmt: skip
        return DocumentRecord.of(row)


def document_content(root: Path, case_id: int, document_id: int, *, actor: str | None = None, role: str = "clerk",
                     scope: Scope = EVERYTHING) -> tuple[str, bytes]:  # fmt: skip
    """(uploaded file name, bytes) of a case's document, checked against its SHA-256; the look is in the audit
    trail. Only the roles that may open documents get the uploaded name (elsewhere: the neutral name)."""
    from medaid.cases.ledger import document_bytes, original_name
    from medaid.cases.workflow import OPENERS
    from medaid.roles import role_label
    from medaid.store.accounts import AccessDenied
    from medaid.store.audit_trail import append

    me = who(actor, role, scope)
    if me.role not in OPENERS:
        raise AccessDenied(f"{role_label(me.role)}账户不能打开申请材料（材料含个人信息）",
                           fix="申请材料由医保经办或部门、乡镇账户查看")  # fmt: skip
    with desk(root) as d:
        case = fetch(d, case_id, me)
        row = next((doc for doc in case.documents if doc.id == document_id), None)
        if row is None:
            raise MedaidError(f"案件 {case_id} 没有编号为 {document_id} 的材料", where=Location(key="材料编号"),
                              fix="在案件详情中查看其材料清单")  # fmt: skip
        ring = d.ring()
        content = document_bytes(ring, row)
        append(d.session, actor=me.name, action=READ_ACTION, workspace=d.workspace,
               detail={"case": case_id, "document": document_id, "sha256": row.sha256, "role": me.role})  # fmt: skip
        return original_name(ring, row), content


def get_case(root: Path, case_id: int, *, actor: str | None = None, role: str = "clerk",
             scope: Scope = EVERYTHING) -> CaseRecord:  # fmt: skip
    from medaid.cases.records import CaseRecord

    with desk(root) as d:
        return CaseRecord.of(fetch(d, case_id, who(actor, role, scope)))


def case_history(root: Path, case_id: int, *, actor: str | None = None, role: str = "clerk",
                 scope: Scope = EVERYTHING) -> list[EventRecord]:  # fmt: skip
    """Every step of a case, oldest first: who (account, role), what, when, from which state to which, why."""
    from medaid.cases.records import EventRecord

    with desk(root) as d:
        return [EventRecord.of(e) for e in fetch(d, case_id, who(actor, role, scope)).events]
