"""Follow-up visits in the app database: make a plan from a frame, record visits, read them back masked.

Each write works in the caller's session (one transaction) and appends one audit-trail entry: ``回访计划``
for a plan (its frame, size, seed: enough to redo the draw) and ``回访`` for each visit recorded (masked
identity only). Who may plan and record: the clerks (医保经办); departments, finance and evaluators read.
Which targets an area or department account sees is the services' scope.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from medaid.cases.visits import (
    Candidate,
    Frame,
    Outcome,
    Sample,
    Scale,
    Seen,
    VisitError,
    check_outcome,
    check_plan,
    draw,
)
from medaid.cases.workflow import READERS as CASE_READERS
from medaid.errors import Forbidden, Location
from medaid.roles import role_label
from medaid.store import app as _tables  # noqa: F401  (first: its tables, audit_trail's Base among them)
from medaid.store.audit_trail import append
from medaid.store.crypto import KeyRing
from medaid.store.visits import METHODS, NEED_KINDS, POPULATIONS, VISIT_MODES, VISIT_OUTCOMES, VisitPlan, VisitRecord
from medaid.store.visits import VisitTarget as Target

PLAN_ACTION = "回访计划"  # the audit trail's action for a plan
VISIT_ACTION = "回访"  # … and for each visit recorded
PLANNERS = frozenset({"clerk"})
RECORDERS = frozenset({"clerk"})
READERS = CASE_READERS  # who reads visits: who reads cases (a department and an area account: in their scope)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _joined(values: tuple[str, ...]) -> str | None:
    return "、".join(values) or None


def make_plan(session: Session, *, workspace: str, name: str, period: tuple[dt.date, dt.date], frame: Frame,
              candidates: list[Candidate], size: int, sample: Sample | None, ring: KeyRing, actor: str, role: str,
              at: dt.datetime | None = None) -> VisitPlan:  # fmt: skip
    """A plan visiting ``size`` people of the frame (all of it without ``sample``), drawn by the sample's seed."""
    if role not in PLANNERS:
        raise Forbidden(f"{role_label(role)}账户不能制定回访计划", fix="回访计划由医保经办制定")
    method = "all" if sample is None else "sample"
    title = check_plan(name, period, frame, len(candidates))
    now = at or _now()
    chosen = draw(candidates, size, None if sample is None else sample.seed, ring)
    plan = VisitPlan(workspace=workspace, name=title, period_from=period[0], period_until=period[1],
                     population=frame.population, frame=json.dumps(frame.as_dict(), ensure_ascii=False, sort_keys=True),
                     frame_text=frame.describe(), frame_size=len(candidates), method=method,
                     margin=None if sample is None else str(sample.margin),
                     confidence=None if sample is None else str(sample.confidence),
                     seed=None if sample is None else sample.seed, planned=len(chosen), planned_by=actor, role=role,
                     planned_at=now)  # fmt: skip
    plan.targets = [
        Target(position=i, person_key=c.person_key, id_cipher=c.id_cipher, name_cipher=c.name_cipher,
               id_masked=c.id_masked, name_masked=c.name_masked, category=_joined(c.categories),
               departments=_joined(c.departments), area=c.area, case_id=c.case_id)
        for i, c in enumerate(chosen, start=1)
    ]  # fmt: skip
    session.add(plan)
    session.flush()
    append(session, actor=actor, action=PLAN_ACTION, workspace=workspace,
           detail={"plan": plan.id, "name": title, "role": role, "period": [d.isoformat() for d in period],
                   "frame": frame.as_dict(), "frame_text": plan.frame_text, "frame_size": plan.frame_size,
                   "method": method, "margin": plan.margin, "confidence": plan.confidence, "seed": plan.seed,
                   "planned": plan.planned})  # fmt: skip
    return plan


def record_visit(session: Session, plan: VisitPlan, target: Target, outcome: Outcome, scale: Scale, *, actor: str,
                 role: str, today: dt.date, at: dt.datetime | None = None) -> VisitRecord:  # fmt: skip
    """Record one attempt to visit a target of the plan, checked (:func:`check_outcome`), with its audit entry."""
    if role not in RECORDERS:
        raise Forbidden(f"{role_label(role)}账户不能登记回访", fix="回访结果由医保经办登记")
    o = check_outcome(outcome, scale, today=today)
    if o.visited_on < plan.period_from:
        raise VisitError(f"回访日期 {o.visited_on.isoformat()} 早于计划“{plan.name}”的开始日期 "
                        f"{plan.period_from.isoformat()}", where=Location(key="回访日期"),
                        fix="请填写本计划期间内的回访日期；计划开始前的回访不计入本计划")  # fmt: skip
    row = VisitRecord(outcome=o.outcome, reason=o.reason, visited_on=o.visited_on, visitor=o.visitor, mode=o.mode,
                      needs=",".join(o.needs) or None, needs_text=o.needs_text, satisfaction=o.satisfaction,
                      note=o.note, recorded_by=actor, role=role, recorded_at=at or _now())  # fmt: skip
    target.records.append(row)
    session.flush()
    append(session, actor=actor, action=VISIT_ACTION, workspace=plan.workspace,
           detail={"plan": plan.id, "target": target.id, "record": row.id, "person": target.id_masked,
                   "outcome": o.outcome, "label": VISIT_OUTCOMES[o.outcome], "visited_on": o.visited_on.isoformat(),
                   "visitor": o.visitor, "mode": o.mode, "needs": list(o.needs), "satisfaction": o.satisfaction,
                   "reason": o.reason, "role": role})  # fmt: skip
    return row


def find_plan(session: Session, workspace: str, plan_id: int) -> VisitPlan | None:
    return session.scalars(select(VisitPlan).where(VisitPlan.workspace == workspace, VisitPlan.id == plan_id)).first()


def seen(target: Target) -> Seen:
    last = target.records[-1] if target.records else None
    if last is None:
        return Seen(None)
    return Seen(last.outcome, last.satisfaction, tuple(last.needs.split(",")) if last.needs else ())


@dataclass(frozen=True)
class PlanRecord:
    """A plan as the services hand it out."""

    id: int
    name: str
    period: tuple[dt.date, dt.date]
    population: str
    frame: dict[str, object]
    frame_text: str
    frame_size: int
    method: str
    margin: str | None
    confidence: str | None
    seed: str | None
    planned: int
    planned_by: str
    role: str
    planned_at: dt.datetime

    @staticmethod
    def of(p: VisitPlan) -> PlanRecord:
        return PlanRecord(p.id, p.name, (p.period_from, p.period_until), p.population, dict(json.loads(p.frame)),
                          p.frame_text, p.frame_size, p.method, p.margin, p.confidence, p.seed, p.planned,
                          p.planned_by, p.role, p.planned_at)  # fmt: skip

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "period": [d.isoformat() for d in self.period],
                "population": self.population, "population_label": POPULATIONS[self.population],
                "frame": self.frame, "frame_text": self.frame_text, "frame_size": self.frame_size,
                "method": self.method, "method_label": METHODS[self.method], "margin": self.margin,
                "confidence": self.confidence, "seed": self.seed, "planned": self.planned,
                "planned_by": self.planned_by, "role": self.role, "role_label": role_label(self.role),
                "planned_at": self.planned_at.isoformat()}  # fmt: skip


@dataclass(frozen=True)
class VisitView:
    """One visit record, as shown."""

    outcome: str
    reason: str | None
    visited_on: dt.date
    visitor: str
    mode: str
    needs: tuple[str, ...]
    needs_text: str | None
    satisfaction: str | None
    note: str | None
    recorded_by: str
    recorded_at: dt.datetime

    @staticmethod
    def of(r: VisitRecord) -> VisitView:
        needs = tuple(r.needs.split(",")) if r.needs else ()
        return VisitView(r.outcome, r.reason, r.visited_on, r.visitor, r.mode, needs, r.needs_text, r.satisfaction,
                         r.note, r.recorded_by, r.recorded_at)  # fmt: skip

    def to_dict(self) -> dict[str, object]:
        return {"outcome": self.outcome, "outcome_label": VISIT_OUTCOMES[self.outcome], "reason": self.reason,
                "visited_on": self.visited_on.isoformat(), "visitor": self.visitor, "mode": self.mode,
                "mode_label": VISIT_MODES[self.mode], "needs": [NEED_KINDS[n] for n in self.needs],
                "needs_text": self.needs_text, "satisfaction": self.satisfaction, "note": self.note,
                "recorded_by": self.recorded_by, "recorded_at": self.recorded_at.isoformat()}  # fmt: skip


@dataclass(frozen=True)
class TargetView:
    """A person of a plan, masked, with every visit recorded (the latest is the outcome)."""

    id: int
    position: int
    id_masked: str
    name_masked: str | None
    category: str | None
    departments: str | None
    area: str | None
    case_id: int | None
    visits: tuple[VisitView, ...]

    @staticmethod
    def of(t: Target) -> TargetView:
        return TargetView(t.id, t.position, t.id_masked, t.name_masked, t.category, t.departments, t.area, t.case_id,
                          tuple(VisitView.of(r) for r in t.records))  # fmt: skip

    @property
    def outcome(self) -> str | None:
        return self.visits[-1].outcome if self.visits else None

    def to_dict(self) -> dict[str, object]:
        outcome = self.outcome
        return {"id": self.id, "position": self.position, "id_masked": self.id_masked,
                "name_masked": self.name_masked, "category": self.category, "departments": self.departments,
                "area": self.area, "case_id": self.case_id, "outcome": outcome,
                "outcome_label": "待回访" if outcome is None else VISIT_OUTCOMES[outcome],
                "visits": [v.to_dict() for v in self.visits]}  # fmt: skip


__all__ = ["PLAN_ACTION", "VISIT_ACTION", "PlanRecord", "TargetView", "VisitView", "find_plan", "make_plan",
           "record_visit", "seen"]  # fmt: skip
