"""What an application records (依申请救助), as the services hand it over: checked here, sealed here.

People are given with their 身份证号 and name in clear only on the way in: :func:`seal` turns them into
the keyed hash, the SM4-GCM ciphertexts and the masked forms, and only those are stored. Money is in fen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Protocol

from medaid.errors import Location, MedaidError
from medaid.ingest.idnumber import mask, mask_name, normalize, problem
from medaid.store.crypto import KeyRing
from medaid.vocab import CASE_DOCUMENTS, DEPARTMENTS, Vocabulary, lookup, require

MAX_DOCUMENT_BYTES = 20 << 20  # a scanned document; larger files are refused with the fix
RELATIONS: tuple[str, ...] = ("配偶", "子女", "父母", "兄弟姐妹", "祖父母", "孙子女", "其他")


class ApplicationError(MedaidError):
    """An application, a bill or a document is not complete or not consistent."""


class Assessed(Protocol):
    """An eligibility assessment (``medaid.cases.eligibility.assess``): stored as its JSON."""

    def as_dict(self) -> dict[str, object]: ...


@dataclass(frozen=True)
class Person:
    """A person as written on the application: in clear, until :func:`seal`."""

    id_number: str
    name: str


@dataclass(frozen=True)
class Sealed:
    """A person as stored: keyed hash, ciphertexts, masked forms."""

    person_key: str
    id_cipher: bytes
    name_cipher: bytes
    id_masked: str
    name_masked: str


@dataclass(frozen=True)
class Member:
    """A member of the applicant's household and their relation to the applicant."""

    person: Person
    relation: str


@dataclass(frozen=True)
class Bill:
    """A medical bill: a settlement of the data (``settlement_id``), or one entered from a paper bill."""

    day: dt.date
    total_fen: int
    self_pay_fen: int
    in_scope_fen: int | None = None
    hospital: str | None = None
    settlement_id: str | None = None


@dataclass(frozen=True)
class Declaration:
    """Income of the household over the last 12 months and financial assets, as declared (fen)."""

    income_fen: int
    assets_fen: int = 0
    assets_note: str | None = None


@dataclass(frozen=True)
class Document:
    """An uploaded document: what it is, the name it came with, its bytes."""

    kind: str
    file_name: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Application:
    """An application for assistance, as received (申请)."""

    applicant: Person
    category: str
    applied_on: dt.date
    declaration: Declaration
    members: tuple[Member, ...] = ()
    bills: tuple[Bill, ...] = ()
    area: str | None = None
    department: str | None = None


@dataclass(frozen=True)
class Payment:
    """What 发放 pays: the amount in fen, how it was computed (the policy engine's trace), the day."""

    amount_fen: int
    trace: dict[str, object]
    paid_on: dt.date


def seal(ring: KeyRing, person: Person, *, where: str) -> Sealed:
    """The stored form of a person; ApplicationError when the 身份证号 is not valid or the name is empty."""
    found = problem(person.id_number)
    if found is not None:
        raise ApplicationError(f"{where}的身份证号无效：{found}", where=Location(key=f"{where}身份证号"),
                               fix="请核对身份证原件后重新填写 18 位身份证号")  # fmt: skip
    name = "".join(person.name.split())
    if not name:
        raise ApplicationError(f"{where}的姓名为空", where=Location(key=f"{where}姓名"), fix="请填写身份证上的姓名")
    number = normalize(person.id_number)
    return Sealed(ring.person_key(number), ring.encrypt(number), ring.encrypt(name), mask(number), mask_name(name))


def check_application(app: Application) -> Application:
    """The application with canonical category and department; ApplicationError naming what is wrong."""
    category = require(Vocabulary.CATEGORY, app.category, where=Location(key="救助类别"))
    department = None
    if app.department and app.department.strip():
        department = lookup(Vocabulary.DEPARTMENT, app.department)
        if department is None:
            raise ApplicationError(f"未知的认定部门“{app.department}”", where=Location(key="认定部门"),
                                   fix=f"可填：{'、'.join(DEPARTMENTS)}")  # fmt: skip
    area = (app.area or "").strip() or None
    if area is not None and not (area.isdigit() and 2 <= len(area) <= 12):
        raise ApplicationError(f"区划代码“{area}”无效", where=Location(key="区划"),
                               fix="请填写 2 至 12 位数字的行政区划代码，如 450222")  # fmt: skip
    check_money(app.declaration.income_fen, "家庭收入")
    check_money(app.declaration.assets_fen, "家庭金融资产")
    for member in app.members:
        if member.relation not in RELATIONS:
            raise ApplicationError(f"家庭成员关系“{member.relation}”无效", where=Location(key="与申请人关系"),
                                   fix=f"可填：{'、'.join(RELATIONS)}")  # fmt: skip
    for bill in app.bills:
        check_bill(bill)
    return Application(app.applicant, category, app.applied_on, app.declaration, app.members, app.bills, area,
                       department)  # fmt: skip


def check_money(fen: int, what: str) -> None:
    if isinstance(fen, bool) or not isinstance(fen, int) or fen < 0:
        raise ApplicationError(f"{what}金额“{fen}”无效", where=Location(key=what),
                               fix="金额须为不小于 0 的整数（单位：分）")  # fmt: skip


def check_bill(bill: Bill) -> None:
    where = f"票据 {bill.settlement_id}" if bill.settlement_id else f"{bill.day.isoformat()} 的票据"
    check_money(bill.total_fen, f"{where}总费用")
    check_money(bill.self_pay_fen, f"{where}个人自付")
    if bill.in_scope_fen is not None:
        check_money(bill.in_scope_fen, f"{where}政策范围内费用")
    if bill.self_pay_fen > bill.total_fen:
        raise ApplicationError(f"{where}的个人自付大于总费用", where=Location(key="个人自付"),
                               fix="请按票据核对：个人自付不超过医疗费用总额")  # fmt: skip


def check_document(doc: Document) -> None:
    if doc.kind not in CASE_DOCUMENTS:
        raise ApplicationError(f"材料类别“{doc.kind}”无效", where=Location(key="材料类别"),
                               fix=f"可填：{'、'.join(CASE_DOCUMENTS)}")  # fmt: skip
    if not doc.content:
        raise ApplicationError("上传的材料是空文件", where=Location(key="材料"),
                               fix="请重新扫描或选择正确的文件")  # fmt: skip
    if len(doc.content) > MAX_DOCUMENT_BYTES:
        raise ApplicationError(f"上传的材料超过 {MAX_DOCUMENT_BYTES >> 20} MB",
                               where=Location(key="材料"), fix="请降低扫描分辨率或分成几份上传")  # fmt: skip
