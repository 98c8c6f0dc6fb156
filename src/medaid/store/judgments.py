"""Judged scores (评价人员评分) in the app database: who scored which indicator, when, why,
with which evidence files — and overrides of automatic scores, which need a reason too.

A workspace's judgments are keyed by its id (several workspaces may share one PostgreSQL
database), the evaluation year and the indicator path. Nothing is updated in place: a new
judgment of the same indicator is a new row, and the latest one counts; the history stays.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, Numeric, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from medaid.store.app import Base
from medaid.store.audit_trail import append


class JudgmentRow(Base):
    __tablename__ = "judgments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)  # JSON list of indicator names, 一级 first
    score: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime)

    evidence: Mapped[list[EvidenceRow]] = relationship(
        back_populates="judgment", order_by="EvidenceRow.id", cascade="all, delete-orphan"
    )


class EvidenceRow(Base):
    """A file kept with a judgment: its name, where the workspace keeps it, and its SHA-256."""

    __tablename__ = "judgment_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    judgment_id: Mapped[int] = mapped_column(ForeignKey("judgments.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    stored: Mapped[str] = mapped_column(Text)  # relative to the workspace folder
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)

    judgment: Mapped[JudgmentRow] = relationship(back_populates="evidence")


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    stored: str
    sha256: str
    size: int

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "stored": self.stored, "sha256": self.sha256, "size": self.size}


@dataclass(frozen=True)
class JudgmentRecord:
    id: int
    year: int
    path: tuple[str, ...]
    score: Decimal
    reason: str
    actor: str
    at: dt.datetime
    evidence: tuple[EvidenceFile, ...]

    @staticmethod
    def of(row: JudgmentRow) -> JudgmentRecord:
        files = tuple(EvidenceFile(e.name, e.stored, e.sha256, e.size) for e in row.evidence)
        path = tuple(str(p) for p in json.loads(row.path))
        return JudgmentRecord(row.id, row.year, path, Decimal(row.score), row.reason, row.actor, row.at, files)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "year": self.year, "path": list(self.path), "score": float(self.score),
                "reason": self.reason, "actor": self.actor, "at": self.at.isoformat(),
                "evidence": [e.to_dict() for e in self.evidence]}  # fmt: skip


def path_key(path: tuple[str, ...]) -> str:
    return json.dumps(list(path), ensure_ascii=False)


def record(
    session: Session,
    *,
    workspace: str,
    year: int,
    path: tuple[str, ...],
    score: Decimal,
    reason: str,
    actor: str,
    evidence: list[EvidenceFile],
) -> JudgmentRecord:
    files = [EvidenceRow(name=e.name, stored=e.stored, sha256=e.sha256, size=e.size) for e in evidence]
    row = JudgmentRow(workspace=workspace, year=year, path=path_key(path), score=score, reason=reason, actor=actor,
                      at=dt.datetime.now().replace(microsecond=0), evidence=files)  # fmt: skip
    session.add(row)
    session.flush()
    append(session, actor=actor, action="评价人员评分", workspace=workspace,
           detail={"year": year, "path": list(path), "score": str(score), "reason": reason,
                   "evidence": [e.sha256 for e in evidence]})  # fmt: skip
    return JudgmentRecord.of(row)


def history(session: Session, workspace: str, year: int) -> list[JudgmentRecord]:
    """Every judgment of the workspace's year, oldest first."""
    query = select(JudgmentRow).where(JudgmentRow.workspace == workspace, JudgmentRow.year == year)
    return [JudgmentRecord.of(r) for r in session.scalars(query.order_by(JudgmentRow.id))]


def current(session: Session, workspace: str, year: int) -> dict[tuple[str, ...], JudgmentRecord]:
    """The judgment in force for each indicator: the latest."""
    return {r.path: r for r in history(session, workspace, year)}
