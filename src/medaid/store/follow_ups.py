"""The follow-up of each verification finding (核查发现的整改), in the app database.

A finding is known by its workspace, settlement and reason: the same settlement found wrong
for the same reason by a later run of the month is the same finding, and keeps its history.
Every change of state is one row here (append-only) and one entry of the audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import CheckConstraint, DateTime, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from medaid.store.app import Base
from medaid.store.audit_trail import append
from medaid.vocab import FINDING_STATES

STATE_CHECK = "state IN ({})".format(", ".join(f"'{s}'" for s in FINDING_STATES))


class FindingFollowUp(Base):
    __tablename__ = "finding_follow_ups"
    __table_args__ = (CheckConstraint(STATE_CHECK, name="state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace: Mapped[str] = mapped_column(String(200), index=True)
    month: Mapped[str] = mapped_column(String(7))
    settlement_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime)


FOLLOW_ACTION = "核查整改"  # the audit trail's action for a change of a finding's follow-up


@dataclass(frozen=True)
class FollowUpRecord:
    """One recorded follow-up of a finding: its state from then on, why, who, when."""

    month: str
    settlement_id: str
    reason: str
    state: str
    note: str
    actor: str
    at: dt.datetime

    @staticmethod
    def of(row: FindingFollowUp) -> FollowUpRecord:
        return FollowUpRecord(row.month, row.settlement_id, row.reason, row.state, row.note, row.actor, row.at)

    def to_dict(self) -> dict[str, object]:
        return {"month": self.month, "settlement_id": self.settlement_id, "reason": self.reason, "state": self.state,
                "state_label": FINDING_STATES[self.state], "note": self.note, "actor": self.actor,
                "at": self.at.isoformat()}  # fmt: skip


def current(session: Session, workspace: str) -> dict[tuple[str, str], FollowUpRecord]:
    """The latest follow-up of every finding of a workspace that has one, by (settlement id, reason)."""
    newest = (
        select(func.max(FindingFollowUp.id))
        .where(FindingFollowUp.workspace == workspace)
        .group_by(FindingFollowUp.settlement_id, FindingFollowUp.reason)
    )
    rows = session.scalars(select(FindingFollowUp).where(FindingFollowUp.id.in_(newest)))
    return {(r.settlement_id, r.reason): FollowUpRecord.of(r) for r in rows}


def history(session: Session, workspace: str, settlement_id: str, reason: str) -> list[FollowUpRecord]:
    """Every follow-up of one finding, oldest first."""
    this = (FindingFollowUp.workspace == workspace, FindingFollowUp.settlement_id == settlement_id,
            FindingFollowUp.reason == reason)  # fmt: skip
    query = select(FindingFollowUp).where(*this).order_by(FindingFollowUp.id)
    return [FollowUpRecord.of(r) for r in session.scalars(query)]


def record(
    session: Session, *, workspace: str, month: str, settlement_id: str, reason: str, state: str, note: str,
    actor: str,
) -> FollowUpRecord:  # fmt: skip
    """Append a follow-up and its audit-trail entry, in the caller's transaction (both or neither)."""
    before = history(session, workspace, settlement_id, reason)
    previous = before[-1].state if before else "open"
    row = FindingFollowUp(workspace=workspace, month=month, settlement_id=settlement_id, reason=reason, state=state,
                          note=note, actor=actor, at=dt.datetime.now().replace(microsecond=0))  # fmt: skip
    session.add(row)
    session.flush()
    append(session, actor=actor, action=FOLLOW_ACTION, workspace=workspace,
           detail={"month": month, "settlement_id": settlement_id, "reason": reason, "from": previous, "to": state,
                   "note": note})  # fmt: skip
    return FollowUpRecord.of(row)
