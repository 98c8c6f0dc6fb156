"""A stored case as the services hand it out: identities masked, money in fen (yuan in ``to_dict``)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from medaid.money import yuan_float
from medaid.roles import role_label
from medaid.store.cases import Case, CaseBill, CaseDocument, CaseEvent
from medaid.vocab import CASE_ACTIONS, CASE_STATES, CASE_STEPS


def back_dated(at: dt.datetime, recorded: dt.datetime) -> bool:
    """A step recorded more than a day after the time it claims (补录): the one rule of the history and the
    audit trail."""
    return recorded - at > dt.timedelta(days=1)


def _json(text: str | None) -> dict[str, object] | None:
    return None if text is None else dict(json.loads(text))


@dataclass(frozen=True)
class EventRecord:
    """One line of a case's history: who (account and role) did what, when, from which state to which, why."""

    case_id: int
    action: str
    from_state: str | None
    to_state: str
    reason: str | None
    note: str | None
    detail: dict[str, object] | None
    actor: str
    role: str
    at: dt.datetime
    recorded_at: dt.datetime  # when it was recorded; later than ``at`` for a step entered afterwards (补录)

    @staticmethod
    def of(e: CaseEvent) -> EventRecord:
        return EventRecord(e.case_id, e.action, e.from_state, e.to_state, e.reason, e.note, _json(e.detail), e.actor,
                           e.role, e.at, e.recorded_at)  # fmt: skip

    @property
    def back_dated(self) -> bool:
        """Recorded more than a day after the time it claims (补录): the timeliness of such a step is as told."""
        return back_dated(self.at, self.recorded_at)

    def to_dict(self) -> dict[str, object]:
        return {"case_id": self.case_id, "action": self.action, "action_label": CASE_ACTIONS[self.action],
                "from_state": self.from_state, "to_state": self.to_state,
                "to_state_label": CASE_STATES[self.to_state], "reason": self.reason, "note": self.note,
                "detail": self.detail, "actor": self.actor, "role": self.role, "role_label": role_label(self.role),
                "at": self.at.isoformat(), "recorded_at": self.recorded_at.isoformat(),
                "back_dated": self.back_dated}  # fmt: skip


@dataclass(frozen=True)
class BillRecord:
    settlement_id: str | None
    day: dt.date
    total_fen: int
    in_scope_fen: int | None
    self_pay_fen: int
    hospital: str | None

    @staticmethod
    def of(b: CaseBill) -> BillRecord:
        return BillRecord(b.settlement_id, b.bill_date, b.total_fen, b.in_scope_fen, b.self_pay_fen, b.hospital)

    def to_dict(self) -> dict[str, object]:
        return {"settlement_id": self.settlement_id, "date": self.day.isoformat(), "total": yuan_float(self.total_fen),
                "in_scope": None if self.in_scope_fen is None else yuan_float(self.in_scope_fen),
                "self_pay": yuan_float(self.self_pay_fen), "hospital": self.hospital,
                "entered": self.settlement_id is None}  # fmt: skip


@dataclass(frozen=True)
class DocumentRecord:
    """A document as listed: ``file_name`` is the neutral name (the uploaded name is kept encrypted)."""

    id: int
    kind: str
    file_name: str
    size: int
    sha256: str
    added_by: str
    added_at: dt.datetime

    @staticmethod
    def of(d: CaseDocument) -> DocumentRecord:
        return DocumentRecord(d.id, d.kind, d.file_name, d.size, d.sha256, d.added_by, d.added_at)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "file_name": self.file_name, "size": self.size,
                "sha256": self.sha256, "added_by": self.added_by, "added_at": self.added_at.isoformat()}  # fmt: skip


@dataclass(frozen=True)
class CaseRecord:
    """A case, identities masked; ``household`` counts the applicant."""

    id: int
    state: str
    category: str
    area: str | None
    department: str | None
    id_masked: str
    name_masked: str
    applied_on: dt.date
    warning_id: int | None
    household: int
    members: tuple[tuple[str, str, str], ...]  # (relation, id masked, name masked)
    income_fen: int
    assets_fen: int
    assets_note: str | None
    eligibility: dict[str, object] | None
    publicity: tuple[dt.date, dt.date] | None
    amount_fen: int | None
    amount_trace: dict[str, object] | None
    paid_on: dt.date | None
    bills: tuple[BillRecord, ...]
    documents: tuple[DocumentRecord, ...]
    opened_by: str
    opened_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def of(c: Case) -> CaseRecord:
        publicity = (c.publicity_from, c.publicity_until) if c.publicity_from and c.publicity_until else None
        members = tuple((m.relation, m.id_masked, m.name_masked) for m in c.members)
        return CaseRecord(c.id, c.state, c.category, c.area, c.department, c.id_masked, c.name_masked, c.applied_on,
                          c.warning_id, 1 + len(members), members, c.income_fen, c.assets_fen, c.assets_note,
                          _json(c.eligibility), publicity, c.amount_fen, _json(c.amount_trace), c.paid_on,
                          tuple(BillRecord.of(b) for b in c.bills), tuple(DocumentRecord.of(d) for d in c.documents),
                          c.opened_by, c.opened_at, c.updated_at)  # fmt: skip

    @property
    def income_per_person_fen(self) -> int:
        """Declared household income per person, rounded half up to the fen."""
        return (2 * self.income_fen + self.household) // (2 * self.household)

    def to_dict(self) -> dict[str, object]:
        from medaid.cases.workflow import next_step

        waiting = next_step(self.state)
        return {"id": self.id, "state": self.state, "state_label": CASE_STATES[self.state],
                "waiting_for": None if waiting is None else CASE_STEPS[waiting], "category": self.category,
                "area": self.area, "department": self.department, "id_masked": self.id_masked,
                "name_masked": self.name_masked, "applied_on": self.applied_on.isoformat(),
                "warning_id": self.warning_id, "household": self.household,
                "members": [{"relation": r, "id_masked": i, "name_masked": n} for r, i, n in self.members],
                "income": yuan_float(self.income_fen), "income_per_person": yuan_float(self.income_per_person_fen),
                "assets": yuan_float(self.assets_fen), "assets_note": self.assets_note,
                "eligibility": self.eligibility,
                "publicity": None if self.publicity is None else [d.isoformat() for d in self.publicity],
                "amount": None if self.amount_fen is None else yuan_float(self.amount_fen),
                "amount_trace": self.amount_trace,
                "paid_on": None if self.paid_on is None else self.paid_on.isoformat(),
                "bills": [b.to_dict() for b in self.bills], "documents": [d.to_dict() for d in self.documents],
                "opened_by": self.opened_by, "opened_at": self.opened_at.isoformat(),
                "updated_at": self.updated_at.isoformat()}  # fmt: skip
