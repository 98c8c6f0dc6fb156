"""回访 as forms and command lines give it: plain texts (days, numbers, lists) turned into the domain's frame
and outcome, then the calls of ``services.visits``. Faces cannot build ``medaid.cases`` objects; every check,
the masking and the audit trail stay in the services they call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.services.common import parse_date
from medaid.services.follow_ups import EVERYTHING, Scope

if TYPE_CHECKING:
    from medaid.cases.visit_ledger import PlanRecord, TargetView

POPULATION_NAMES = {"recipients": "救助对象名册", "paid_cases": "已发放的依申请救助案件"}
METHOD_NAMES = {"all": "全部回访", "sample": "抽样回访"}


def may_plan(role: str) -> bool:
    """Whether this role plans and records visits (the services' rule: 医保经办 only)."""
    from medaid.cases.visit_ledger import PLANNERS, RECORDERS

    return role in PLANNERS and role in RECORDERS


def vocabularies() -> dict[str, dict[str, str]]:
    """Codes and labels a form offers: outcomes, modes, needs; and the satisfaction scale's answers."""
    from medaid.services.visits import SCALE
    from medaid.store.visits import NEED_KINDS, VISIT_MODES, VISIT_OUTCOMES

    return {"outcomes": dict(VISIT_OUTCOMES), "modes": dict(VISIT_MODES), "needs": dict(NEED_KINDS),
            "satisfaction": {o: o for o in SCALE.options}, "populations": dict(POPULATION_NAMES),
            "methods": dict(METHOD_NAMES)}  # fmt: skip


def _code(text: str, table: dict[str, str], what: str) -> str:
    value = text.strip()
    found = value if value in table else next((c for c, label in table.items() if label == value), None)
    if found is None:
        raise MedaidError(f"未知的{what}“{text}”", where=Location(key=what),
                          fix=f"可填：{'、'.join(f'{c}（{n}）' for c, n in table.items())}")  # fmt: skip
    return found


def _decimal(text: str, what: str) -> Decimal:
    try:
        return Decimal(text.strip().rstrip("%")) / (100 if text.strip().endswith("%") else 1)
    except InvalidOperation as err:
        raise MedaidError(f"{what}“{text}”不是数", where=Location(key=what),
                          fix="写小数或百分数，如 0.05 或 5%") from err  # fmt: skip


@dataclass(frozen=True)
class PlanForm:
    """A plan as a form gives it: texts. ``population``/``method`` take codes or their Chinese names."""

    name: str
    period_from: str
    period_until: str
    population: str = "recipients"
    as_of: str | None = None  # the day the frame is read on (default: the first day of the period)
    department: str | None = None
    category: str | None = None
    area: str | None = None
    method: str = "all"
    margin: str = "0.05"
    confidence: str = "0.95"
    seed: str | None = None


@dataclass(frozen=True)
class VisitForm:
    """One visit as a form gives it: outcome, day, visitor, mode, needs (codes or labels), satisfaction."""

    outcome: str
    visited_on: str
    visitor: str
    mode: str = "home"
    needs: tuple[str, ...] = ()
    needs_text: str | None = None
    satisfaction: str | None = None
    reason: str | None = None
    note: str | None = None


def plan(root: Path, form: PlanForm, *, actor: str | None = None, role: str = "clerk", scope: Scope = EVERYTHING,
         at: dt.datetime | None = None) -> PlanRecord:  # fmt: skip
    """制定回访计划 from a form's texts."""
    from medaid.cases.visits import Frame
    from medaid.services.visits import plan_visits

    start = parse_date(form.period_from, option="回访期间开始")
    end = parse_date(form.period_until, option="回访期间结束")
    as_of = parse_date(form.as_of, option="总体日期") if form.as_of and form.as_of.strip() else start
    population = _code(form.population, POPULATION_NAMES, "回访总体")
    frame = Frame(population, as_of, form.department, form.category, form.area)
    method = _code(form.method, METHOD_NAMES, "回访范围")
    return plan_visits(root, form.name, (start, end), frame, method=method, margin=_decimal(form.margin, "误差界"),
                       confidence=_decimal(form.confidence, "置信水平"), seed=form.seed, actor=actor, role=role,
                       scope=scope, at=at)  # fmt: skip


def record(root: Path, plan_id: int, target_id: int, form: VisitForm, *, actor: str | None = None,
           role: str = "clerk", scope: Scope = EVERYTHING, at: dt.datetime | None = None,
           today: dt.date | None = None) -> TargetView:  # fmt: skip
    """登记回访结果 from a form's texts."""
    from medaid.cases.visits import Outcome
    from medaid.services.visits import record_visit

    needs = tuple(n for part in form.needs for n in part.replace("，", ",").replace("、", ",").split(",") if n.strip())
    outcome = Outcome(form.outcome, parse_date(form.visited_on, option="回访日期"), form.visitor, form.mode,
                      tuple(n.strip() for n in needs), form.needs_text, (form.satisfaction or "").strip() or None,
                      form.reason, form.note)  # fmt: skip
    return record_visit(root, plan_id, target_id, outcome, actor=actor, role=role, scope=scope, today=today, at=at)
