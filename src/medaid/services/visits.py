"""Follow-up visits (回访, issue 15 item 4): one function per thing a user does, for the CLI and the web alike.

Plan visits for a frame — the recipients on the workspace's lists on a day (by 认定部门, category, area), or
the people of paid cases — all of it or a sample sized by the survey's function (``survey.stats.sample_size``)
and drawn with a recorded seed; record what each visit found; read a plan's progress and rates; redo a
plan's draw to audit it. Satisfaction uses the survey's scale (``survey.model``). Each call names who acts and
in which role; a :class:`Scope` limits the people an account sees and records (a department: its own
认定部门's people; an area account: its 区划). Identities are masked in everything returned.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.cases.visits import Frame, Outcome, Sample, Scale, Tally
from medaid.errors import Location, MedaidError
from medaid.services.cases import Actor, Desk, desk, who
from medaid.services.follow_ups import EVERYTHING, Scope
from medaid.survey.model import DEFAULT_WEIGHTS, SATISFIED
from medaid.survey.stats import Estimate, proportion

if TYPE_CHECKING:
    from medaid.cases.visit_ledger import PlanRecord, TargetView
    from medaid.store.visits import VisitPlan, VisitTarget

SCALE = Scale(tuple(DEFAULT_WEIGHTS), SATISFIED)  # the survey's answers; 满意率 counts 非常满意 and 满意


def _allowed(me: Actor, roles: frozenset[str], what: str, fix: str) -> None:
    from medaid.roles import role_label
    from medaid.store.accounts import AccessDenied

    if me.role not in roles:
        raise AccessDenied(f"{role_label(me.role)}账户不能{what}", fix=fix)


def _in_scope(scope: Scope, target: VisitTarget) -> bool:
    return scope.admits(tuple((target.departments or "").split("、")), target.area)


def _framed(frame: Frame, scope: Scope) -> Frame:
    """The frame with its names canonical and the planner's scope folded in (so that the draw can be redone)."""
    from medaid.cases.visits import check_frame
    from medaid.store.accounts import AccessDenied
    from medaid.vocab import Vocabulary, lookup

    f = check_frame(frame)
    department = f.department and (lookup(Vocabulary.DEPARTMENT, f.department) or f.department)
    category = f.category and (lookup(Vocabulary.CATEGORY, f.category) or f.category)
    department = department or scope.department_name
    area = f.area or scope.area_code
    if not scope.admits((department or "",), area):
        raise AccessDenied(f"回访总体（认定部门 {department or '全部'}，区划 {area or '全部'}）超出本账户的范围"
                           f"（{scope.describe()}）", where=Location(key="回访总体"),
                           fix="请在本账户的认定部门、区划内制定回访计划")  # fmt: skip
    return replace(f, department=department, category=category, area=area)


def plan_visits(root: Path, name: str, period: tuple[dt.date, dt.date], frame: Frame, *, method: str = "all",
                margin: Decimal = Decimal("0.05"), confidence: Decimal = Decimal("0.95"), seed: str | None = None,
                actor: str | None = None, role: str = "clerk", scope: Scope = EVERYTHING,
                at: dt.datetime | None = None) -> PlanRecord:  # fmt: skip
    """制定回访计划: all of the frame (``method="all"``), or a sample (``"sample"``) of the survey's size for ± margin
    at this confidence, drawn with ``seed`` (a new random one when None; kept with the plan)."""
    from medaid.cases.visit_ledger import PLANNERS, PlanRecord, make_plan
    from medaid.cases.visits import check_method, planned_size
    from medaid.services.visit_frames import candidates

    me = who(actor, role, scope)
    _allowed(me, PLANNERS, "制定回访计划", "回访计划由医保经办制定")
    wanted = _framed(frame, scope)
    drawn_with = (seed or "").strip() or secrets.token_hex(8)
    sample = None if check_method(method) == "all" else Sample(margin, confidence, drawn_with)
    with desk(root) as d:
        people = candidates(d, wanted)
        size = planned_size(len(people), sample)
        plan = make_plan(d.session, workspace=d.workspace, name=name, period=period, frame=wanted,
                         candidates=people, size=size, sample=sample, ring=d.ring(), actor=me.name, role=me.role,
                         at=at)  # fmt: skip
        return PlanRecord.of(plan)


def _plan(d: Desk, plan_id: int, me: Actor) -> VisitPlan:
    from medaid.cases.visit_ledger import READERS, find_plan

    _allowed(me, READERS, "查看回访", "回访由医保经办、部门、财政和评价人员查看")
    plan = find_plan(d.session, d.workspace, plan_id)
    if plan is None:
        raise MedaidError(f"没有编号为 {plan_id} 的回访计划", where=Location(key="计划编号"),
                          fix="用回访计划列表查看已制定的计划")  # fmt: skip
    return plan


def record_visit(root: Path, plan_id: int, target_id: int, outcome: Outcome, *, actor: str | None = None,
                 role: str = "clerk", scope: Scope = EVERYTHING, today: dt.date | None = None,
                 at: dt.datetime | None = None) -> TargetView:  # fmt: skip
    """登记回访结果 for one person of a plan: visited (needs, satisfaction), not reached or refused (with why)."""
    from medaid.cases.visit_ledger import RECORDERS, TargetView
    from medaid.cases.visit_ledger import record_visit as record
    from medaid.store.accounts import AccessDenied

    me = who(actor, role, scope)
    _allowed(me, RECORDERS, "登记回访", "回访结果由医保经办登记")
    with desk(root) as d:
        plan = _plan(d, plan_id, me)
        target = next((t for t in plan.targets if t.id == target_id), None)
        if target is None:
            raise MedaidError(f"回访计划 {plan_id} 中没有编号为 {target_id} 的对象", where=Location(key="对象编号"),
                              fix="在回访计划的对象名单中查看编号")  # fmt: skip
        if not _in_scope(scope, target):
            raise AccessDenied(f"对象 {target.id_masked} 不在本账户的范围（{scope.describe()}）内",
                               fix="请登记本区划、本部门对象的回访；其他对象由所在地经办登记")  # fmt: skip
        record(d.session, plan, target, outcome, SCALE, actor=me.name, role=me.role,
               today=today or dt.date.today(), at=at)  # fmt: skip
        return TargetView.of(target)


@dataclass(frozen=True)
class PlanProgress:
    """A plan, its people in the reader's scope with their visits, and the counts and rates over them."""

    plan: PlanRecord
    scope: str
    targets: tuple[TargetView, ...]
    tally: Tally
    satisfaction: Estimate | None  # the satisfaction rate with its Wilson interval (the survey's)

    def to_dict(self) -> dict[str, object]:
        return {"plan": self.plan.to_dict(), "scope": self.scope, "tally": self.tally.as_dict(),
                "satisfaction_interval": None if self.satisfaction is None else self.satisfaction.to_dict(),
                "targets": [t.to_dict() for t in self.targets]}  # fmt: skip


def plan_progress(root: Path, plan_id: int, *, actor: str | None = None, role: str = "clerk",
                  scope: Scope = EVERYTHING) -> PlanProgress:  # fmt: skip
    """回访进度: the plan's people in the reader's scope, each with its visits, and 回访率, 满意率, needs found."""
    from medaid.cases.visit_ledger import PlanRecord, TargetView, seen
    from medaid.cases.visits import tally

    me = who(actor, role, scope)
    with desk(root) as d:
        plan = _plan(d, plan_id, me)
        mine = [t for t in plan.targets if _in_scope(scope, t)]
        frame_size: int | None = plan.frame_size
        if scope.limited:  # the frame within the scope is known only when the plan took all of it
            frame_size = len(mine) if plan.method == "all" else None
        counts = tally((seen(t) for t in mine), SCALE, frame_size=frame_size)
        rate = counts.satisfaction_rate
        estimate = proportion(rate.numerator, rate.denominator) if rate.denominator else None
        return PlanProgress(PlanRecord.of(plan), scope.describe(), tuple(TargetView.of(t) for t in mine), counts,
                            estimate)  # fmt: skip


def list_plans(root: Path, *, actor: str | None = None, role: str = "clerk",
               scope: Scope = EVERYTHING) -> list[PlanRecord]:  # fmt: skip
    """回访计划 of the workspace, newest first (every reader sees the plans; their people by scope)."""
    from sqlalchemy import select

    from medaid.cases.visit_ledger import READERS, PlanRecord
    from medaid.store.visits import VisitPlan

    me = who(actor, role, scope)
    _allowed(me, READERS, "查看回访", "回访由医保经办、部门、财政和评价人员查看")
    with desk(root) as d:
        rows = d.session.scalars(
            select(VisitPlan).where(VisitPlan.workspace == d.workspace).order_by(VisitPlan.id.desc())
        )
        return [PlanRecord.of(p) for p in rows]


@dataclass(frozen=True)
class DrawCheck:
    """A plan's draw redone from its recorded frame and seed: the frame's size then and now, and whether the same
    people come out in the same order."""

    plan_id: int
    frame_size_then: int
    frame_size_now: int
    planned: int
    redrawn: int
    same: bool

    def to_dict(self) -> dict[str, object]:
        return {"plan_id": self.plan_id, "frame_size_then": self.frame_size_then,
                "frame_size_now": self.frame_size_now, "planned": self.planned, "redrawn": self.redrawn,
                "same": self.same}  # fmt: skip


def check_draw(root: Path, plan_id: int, *, actor: str | None = None, role: str = "clerk",
               scope: Scope = EVERYTHING) -> DrawCheck:  # fmt: skip
    """复核抽样: read the plan's frame again (same filters, same as-of day), size and draw it with the recorded
    seed, and compare with the people the plan holds. A different frame (data imported since for that day)
    gives a different draw, and says so."""
    from medaid.cases.visits import draw, planned_size
    from medaid.services.visit_frames import candidates, stored_frame

    me = who(actor, role, scope)
    _allowed(me, frozenset({"clerk", "evaluator", "finance"}), "复核回访抽样", "抽样复核由医保经办、评价人员或财政进行")
    with desk(root) as d:
        plan = _plan(d, plan_id, me)
        people = candidates(d, stored_frame(plan))
        sample = None if plan.seed is None else Sample(Decimal(plan.margin or "0.05"),
                                                       Decimal(plan.confidence or "0.95"), plan.seed)  # fmt: skip
        again = draw(people, planned_size(len(people), sample), plan.seed, d.ring())
        same = [c.person_key for c in again] == [t.person_key for t in plan.targets]
        return DrawCheck(plan.id, plan.frame_size, len(people), plan.planned, len(again), same)


@dataclass(frozen=True)
class MetricValue:
    """A visit metric over a period: its terms, its value, and the queries that give them (provenance)."""

    name: str
    label: str
    unit: str
    formula: str
    numerator: int
    denominator: int | None
    queries: tuple[str, ...]

    @property
    def value(self) -> float | None:
        if self.denominator is None:
            return float(self.numerator)
        return self.numerator / self.denominator * 100 if self.denominator else None

    def to_dict(self) -> dict[str, object]:
        value = self.value
        return {"name": self.name, "label": self.label, "unit": self.unit, "formula": self.formula,
                "numerator": self.numerator, "denominator": self.denominator,
                "value": None if value is None else round(value, 4), "queries": list(self.queries)}  # fmt: skip


def visit_metrics(root: Path, start: dt.date, end: dt.date, *, actor: str | None = None, role: str = "clerk",
                  scope: Scope = EVERYTHING) -> list[MetricValue]:  # fmt: skip
    """回访率, 回访覆盖率, 回访满意率 and 回访发现需求人数 over the plans whose period starts in [start, end], each with
    the queries on the app database that give it (``:workspace``, ``:start``, ``:end``). Whole workspace only."""
    from medaid.cases.visit_ledger import READERS
    from medaid.cases.visit_metrics import compute, definitions
    from medaid.store.accounts import AccessDenied

    me = who(actor, role, scope)
    _allowed(me, READERS, "查看回访", "回访由医保经办、部门、财政和评价人员查看")
    if scope.limited:
        raise AccessDenied(f"回访指标按整个工作区计算，本账户限于{scope.describe()}",
                           fix="请在回访计划中查看本范围的回访进度和比率")  # fmt: skip
    out = []
    with desk(root) as d:
        for m in definitions(SCALE.options, SCALE.satisfied):
            top, bottom = compute(d.session, m, workspace=d.workspace, start=start, end=end)
            queries = (m.numerator,) if m.denominator is None else (m.numerator, m.denominator)
            out.append(MetricValue(m.name, m.label, m.unit, m.formula, top, bottom, queries))
    return out
