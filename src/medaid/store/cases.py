"""Cases of 依申请救助 (issue 15) in the app database: the case, its household, bills, documents and
history. Personal data only as keyed hash (``person_key``) and SM4-GCM ciphertext, with masked forms
for lists; a document's bytes are kept encrypted, beside their SHA-256. ``case_events`` is append-only:
every transition is one row there and one entry of the audit trail (``medaid.cases.ledger``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medaid.store.app import Base
from medaid.vocab import CASE_ACTIONS, CASE_STATES


def _among(column: str, codes: Iterable[str]) -> str:
    return "{} IN ({})".format(column, ", ".join(f"'{c}'" for c in codes))


class Case(Base):
    """One application and where it stands; the applicant identified by keyed hash and ciphertext."""

    __tablename__ = "cases"
    __table_args__ = (CheckConstraint(_among("state", CASE_STATES), name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace: Mapped[str] = mapped_column(String(200), index=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    category: Mapped[str] = mapped_column(String(32))  # 救助类别 applied for (因病致贫重病患者, 低保边缘家庭成员…)
    area: Mapped[str | None] = mapped_column(String(12), index=True)  # 区划 code of the applicant's residence
    department: Mapped[str | None] = mapped_column(String(32))  # 认定部门 that receives it, if any
    person_key: Mapped[str] = mapped_column(String(128), index=True)
    id_cipher: Mapped[bytes] = mapped_column(LargeBinary)
    name_cipher: Mapped[bytes] = mapped_column(LargeBinary)
    id_masked: Mapped[str] = mapped_column(String(32))
    name_masked: Mapped[str] = mapped_column(String(64))
    applied_on: Mapped[dt.date] = mapped_column(Date)
    warning_id: Mapped[int | None] = mapped_column(ForeignKey("warnings.id", ondelete="SET NULL"), index=True)
    income_fen: Mapped[int] = mapped_column(BigInteger)  # household income declared, last 12 months
    assets_fen: Mapped[int] = mapped_column(BigInteger)  # financial assets declared
    assets_note: Mapped[str | None] = mapped_column(Text)  # houses, vehicles… as declared
    eligibility: Mapped[str | None] = mapped_column(Text)  # JSON of the assessment at 审核
    publicity_from: Mapped[dt.date | None] = mapped_column(Date)
    publicity_until: Mapped[dt.date | None] = mapped_column(Date)
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)  # paid at 发放
    amount_trace: Mapped[str | None] = mapped_column(Text)  # JSON: how the amount was computed
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    opened_by: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    members: Mapped[list[CaseMember]] = relationship(order_by="CaseMember.id", cascade="all, delete-orphan")
    bills: Mapped[list[CaseBill]] = relationship(order_by="CaseBill.id", cascade="all, delete-orphan")
    documents: Mapped[list[CaseDocument]] = relationship(order_by="CaseDocument.id", cascade="all, delete-orphan")
    events: Mapped[list[CaseEvent]] = relationship(order_by="CaseEvent.id", cascade="all, delete-orphan")


class CaseMember(Base):
    """A member of the applicant's household (共同生活的家庭成员), the applicant not included."""

    __tablename__ = "case_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_key: Mapped[str] = mapped_column(String(128))
    id_cipher: Mapped[bytes] = mapped_column(LargeBinary)
    name_cipher: Mapped[bytes] = mapped_column(LargeBinary)
    id_masked: Mapped[str] = mapped_column(String(32))
    name_masked: Mapped[str] = mapped_column(String(64))
    relation: Mapped[str] = mapped_column(String(16))  # 与申请人关系: 配偶, 子女, 父母…


class CaseBill(Base):
    """A medical bill of the application: a settlement of the workspace's data, or one entered by hand."""

    __tablename__ = "case_bills"
    __table_args__ = (CheckConstraint("total_fen >= 0 AND self_pay_fen >= 0", name="amounts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    settlement_id: Mapped[str | None] = mapped_column(String(64), index=True)  # None: entered from a paper bill
    bill_date: Mapped[dt.date] = mapped_column(Date)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    in_scope_fen: Mapped[int | None] = mapped_column(BigInteger)  # 政策范围内费用
    self_pay_fen: Mapped[int] = mapped_column(BigInteger)  # 个人自付 after insurance
    hospital: Mapped[str | None] = mapped_column(String(200))
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseDocument(Base):
    """An uploaded document: its bytes and its original file name encrypted with the workspace key (a scan's
    name often holds the person's name or ID number), their SHA-256 and a neutral name in clear."""

    __tablename__ = "case_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(200))  # neutral: "{kind}-{id}{.ext}", never the uploaded name
    name_cipher: Mapped[bytes] = mapped_column(LargeBinary)  # the uploaded file name, encrypted
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseEvent(Base):
    """One line of a case's history (append-only): the action, the states, who (account and role), when, why."""

    __tablename__ = "case_events"
    __table_args__ = (CheckConstraint(_among("action", CASE_ACTIONS), name="action"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(24))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)  # JSON: publication dates, amount, documents…
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # when it happened: given for a step entered afterwards (补录)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)  # when it was recorded (the real time)
