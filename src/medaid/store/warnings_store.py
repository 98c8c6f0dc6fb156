"""High-cost warnings in the app database: ``warnings`` (state and amounts, identities masked) and
``warning_events`` (the audit log of every change), re-exported by ``store.app``.

A warning belongs to one workspace (``warnings.workspace``: the store's ``workspace_id``, as
``cases.workspace``): several workspaces may share one app database (``MEDAID_APP_URL``), and each sees,
follows up and counts its own warnings only. A person is warned once a year per workspace.

Warnings stored before 0.18 (migration 0010) have no workspace unless the migration could tell it (a case
opened from the warning, a follow-up in the audit trail, all of one workspace). :func:`adopt` gives the
rest to the workspace whose own SQLite file holds them (one workspace per file); on a shared database
they stay unassigned, counted by :func:`unassigned` (docs/decisions/0024-warnings-per-workspace.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column, relationship

from medaid.money import yuan_float
from medaid.store.app_base import Base
from medaid.vocab import WARNING_STATES


class AppWarning(Base):
    """One high-cost warning: one person, one year (``workspace_year`` is the as-of date's year), one workspace."""

    __tablename__ = "warnings"
    __table_args__ = (
        UniqueConstraint("workspace", "person_key", "workspace_year", name="uq_warnings_workspace_person_year"),
        CheckConstraint("state IN ('pushed', 'confirmed', 'rejected')", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace: Mapped[str | None] = mapped_column(String(200), index=True)  # None: stored before 0.18, unassigned
    workspace_year: Mapped[int] = mapped_column(Integer, index=True)
    as_of: Mapped[dt.date] = mapped_column(Date)  # the as-of date of the first push
    person_key: Mapped[str] = mapped_column(String(128))
    id_masked: Mapped[str] = mapped_column(String(32), index=True)
    name_masked: Mapped[str | None] = mapped_column(String(64))
    group: Mapped[str] = mapped_column(String(32))
    departments: Mapped[str] = mapped_column(String(200))  # '、'-joined
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    threshold_fen: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="pushed")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    events: Mapped[list[WarningEvent]] = relationship(
        back_populates="warning", order_by="WarningEvent.id", cascade="all, delete-orphan"
    )


class WarningEvent(Base):
    """One line of the audit log: a warning created, its amount updated, or its state changed."""

    __tablename__ = "warning_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    warning_id: Mapped[int] = mapped_column(ForeignKey("warnings.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime)

    warning: Mapped[AppWarning] = relationship(back_populates="events")


def of_workspace(workspace: str) -> ColumnElement[bool]:
    """The condition of the warnings of ``workspace`` (a store's ``workspace_id``)."""
    return AppWarning.workspace == workspace


def find(session: Session, warning_id: int, workspace: str) -> AppWarning | None:
    """The warning ``warning_id`` if it is one of ``workspace``'s; another workspace's is None, as a missing one."""
    found = session.get(AppWarning, warning_id)
    return found if found is not None and found.workspace == workspace else None


def adopt(session: Session, root: Path, workspace: str) -> int:
    """Give the unassigned warnings to ``workspace`` when the app database is the workspace's own SQLite file
    (``DIR/app.sqlite``: one workspace per file), except a person's year the workspace already has a warning
    for; on any other database nothing. One indexed query when there is nothing to adopt. Returns the rows adopted."""
    from medaid.store.app import default_url, url_for

    if url_for(root) != default_url(root):
        return 0
    if session.scalar(select(AppWarning.id).where(AppWarning.workspace.is_(None)).limit(1)) is None:
        return 0
    other = aliased(AppWarning)
    taken = (
        select(other.id)
        .where(
            other.workspace == workspace,
            other.person_key == AppWarning.person_key,
            other.workspace_year == AppWarning.workspace_year,
        )
        .exists()
    )
    query = update(AppWarning).where(AppWarning.workspace.is_(None), ~taken).values(workspace=workspace)
    done = session.execute(query.execution_options(synchronize_session=False))
    return int(getattr(done, "rowcount", 0) or 0)


def unassigned(session: Session) -> int:
    """How many warnings belong to no workspace (stored before 0.18 on a shared app database)."""
    return int(session.scalar(select(func.count()).where(AppWarning.workspace.is_(None))) or 0)


@dataclass(frozen=True)
class WarningRecord:
    """A stored warning, identities masked."""

    id: int
    year: int
    as_of: dt.date
    id_masked: str
    name_masked: str | None
    group: str
    departments: tuple[str, ...]
    amount_fen: int
    threshold_fen: int
    reason: str
    state: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def of(w: AppWarning) -> WarningRecord:
        departments = tuple(d for d in w.departments.split("、") if d)
        return WarningRecord(w.id, w.workspace_year, w.as_of, w.id_masked, w.name_masked, w.group, departments,
                             w.amount_fen, w.threshold_fen, w.reason, w.state, w.created_at, w.updated_at)  # fmt: skip

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "id_masked": self.id_masked,
            "name_masked": self.name_masked,
            "group": self.group,
            "departments": list(self.departments),
            "amount": yuan_float(self.amount_fen),
            "threshold": yuan_float(self.threshold_fen),
            "reason": self.reason,
            "state": self.state,
            "state_label": WARNING_STATES[self.state],
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True)
class EventRecord:
    """One line of a warning's audit log."""

    warning_id: int
    from_state: str | None
    to_state: str
    note: str | None
    actor: str
    at: dt.datetime

    @staticmethod
    def of(e: WarningEvent) -> EventRecord:
        return EventRecord(e.warning_id, e.from_state, e.to_state, e.note, e.actor, e.at)

    def to_dict(self) -> dict[str, object]:
        return {"warning_id": self.warning_id, "from_state": self.from_state, "to_state": self.to_state,
                "note": self.note, "actor": self.actor, "at": self.at.isoformat()}  # fmt: skip
