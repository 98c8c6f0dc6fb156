"""Follow-up visits (回访, issue 15) in the app database: a plan, the people it drew, and what each visit found.

A plan (``visit_plans``) keeps how its people were chosen so that the choice can be redone and audited: the
population and its filters (``frame``, JSON), the frame's size, and for a sample the margin, the confidence and
the seed of the draw. Its people (``visit_targets``) are kept as the workspace keeps them — keyed hash and the
SM4-GCM ciphertexts copied from the workspace (or from the case), with masked forms for lists. Each attempt to
visit is one append-only row of ``visit_records``; a target's outcome is its latest record.

The codes of outcomes and modes are defined here, at the lowest layer that needs them (the CHECK constraints);
their Chinese labels beside them. Not to be confused with ``vocab.VISIT_TYPES`` (就诊类型 of a settlement).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from medaid.store.app import Base

VISIT_OUTCOMES: dict[str, str] = {"visited": "已回访", "unreached": "未联系上", "refused": "拒绝回访"}
VISIT_MODES: dict[str, str] = {"home": "入户", "phone": "电话"}
# what a visit may find (free text beside it): the screenings Hefei's report names (未参保、自付超过 1 万、
# 慢特病证办理) and what a 回访 form usually asks
NEED_KINDS: dict[str, str] = {
    "insurance": "未参保或断缴",
    "medical_cost": "医疗费用负担重",
    "chronic_card": "慢特病证待办理",
    "assistance": "待申请医疗救助",
    "living": "基本生活困难",
    "care": "护理照料",
    "policy": "政策咨询",
    "other": "其他",
}
POPULATIONS: dict[str, str] = {"recipients": "救助对象名册", "paid_cases": "已发放的依申请救助案件"}
METHODS: dict[str, str] = {"all": "全部回访", "sample": "抽样回访"}


def _among(column: str, codes: Iterable[str]) -> str:
    return "{} IN ({})".format(column, ", ".join(f"'{c}'" for c in codes))


class VisitPlan(Base):
    """A plan of visits: its name and period, the frame it drew from, how, how many, who planned it."""

    __tablename__ = "visit_plans"
    __table_args__ = (
        CheckConstraint(_among("population", POPULATIONS), name="population"),
        CheckConstraint(_among("method", METHODS), name="method"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace: Mapped[str] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(200))
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_until: Mapped[dt.date] = mapped_column(Date)
    population: Mapped[str] = mapped_column(String(16))
    frame: Mapped[str] = mapped_column(Text)  # JSON: the filters and the as-of day the frame was read with
    frame_text: Mapped[str] = mapped_column(Text)  # the frame in words (抽样框)
    frame_size: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(8))
    margin: Mapped[str | None] = mapped_column(String(16))  # a sample: ± margin (decimal text, e.g. "0.05")
    confidence: Mapped[str | None] = mapped_column(String(16))  # … and its confidence level ("0.95")
    seed: Mapped[str | None] = mapped_column(String(64))  # … and the seed of the draw
    planned: Mapped[int] = mapped_column(Integer)
    planned_by: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    planned_at: Mapped[dt.datetime] = mapped_column(DateTime)

    targets: Mapped[list[VisitTarget]] = relationship(order_by="VisitTarget.position", cascade="all, delete-orphan")


class VisitTarget(Base):
    """One person a plan drew, in the order of the draw; identified by keyed hash and ciphertext only."""

    __tablename__ = "visit_targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("visit_plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1 = first drawn
    person_key: Mapped[str] = mapped_column(String(128), index=True)
    id_cipher: Mapped[bytes] = mapped_column(LargeBinary)
    name_cipher: Mapped[bytes | None] = mapped_column(LargeBinary)
    id_masked: Mapped[str] = mapped_column(String(32))
    name_masked: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(64))  # 救助类别 (several joined by "、")
    departments: Mapped[str | None] = mapped_column(String(200))  # 认定部门 (several joined by "、")
    area: Mapped[str | None] = mapped_column(String(32), index=True)  # 区划
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"))

    records: Mapped[list[VisitRecord]] = relationship(order_by="VisitRecord.id", cascade="all, delete-orphan")


class VisitRecord(Base):
    """One attempt to visit a target (append-only): outcome, day, visitor, mode, needs, satisfaction, note."""

    __tablename__ = "visit_records"
    __table_args__ = (
        CheckConstraint(_among("outcome", VISIT_OUTCOMES), name="outcome"),
        CheckConstraint(_among("mode", VISIT_MODES), name="mode"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("visit_targets.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)  # why not reached, or why refused
    visited_on: Mapped[dt.date] = mapped_column(Date)
    visitor: Mapped[str] = mapped_column(String(100))  # who went or called
    mode: Mapped[str] = mapped_column(String(8))
    needs: Mapped[str | None] = mapped_column(String(200))  # NEED_KINDS codes joined by ","
    needs_text: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[str | None] = mapped_column(String(16))  # the survey's answer (非常满意…不满意), or None
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
