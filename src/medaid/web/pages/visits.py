"""回访 pages: the plans (``GET /api/visits``) with the form to make one, and one plan
(``GET /api/visits/{plan_id}``): its people (masked) with their visits, the counts and rates with their
numerators and denominators, and the form to record a visit. The forms post to the JSON API with the CSRF
token (static/visits.js, static/medaid.js); refusals are the API's, logged the same way."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from medaid.vocab import DEPARTMENTS
from medaid.web.api.cases import READ, refusals_logged
from medaid.web.api.visits import PLAN_ID
from medaid.web.auth import Principal, root_of, scope_of
from medaid.web.render import page

router = APIRouter(include_in_schema=False)


def _percent(ratio: object) -> str:
    """A ratio of the tally as 百分比 with its terms: 66.7%（2 ÷ 3）; — without a denominator."""
    if not isinstance(ratio, dict):
        return "—"
    value = ratio.get("value")
    shown = "—" if value is None else f"{float(value) * 100:.1f}%"
    return f"{shown}（{ratio.get('numerator')} ÷ {ratio.get('denominator')}）"


@router.get("/visits", response_class=HTMLResponse)
def visits(request: Request, principal: Principal = READ) -> Response:
    from medaid.services.visit_forms import may_plan, vocabularies
    from medaid.services.visits import list_plans

    scope = scope_of(principal)
    with refusals_logged(request, principal):
        plans = list_plans(root_of(request), actor=principal.name, role=principal.role, scope=scope)
    today = dt.date.today()
    return page(request, "visits.html.j2", title="回访", plans=[p.to_dict() for p in plans],
                may_plan=may_plan(principal.role), choices=vocabularies(), departments=DEPARTMENTS,
                scope=scope.describe(), limited=scope.limited, today=today.isoformat(),
                until=(today + dt.timedelta(days=90)).isoformat())  # fmt: skip


@router.get("/visits/{plan_id}", response_class=HTMLResponse)
def visit_plan(request: Request, plan_id: int = PLAN_ID, principal: Principal = READ) -> Response:
    from medaid.services.visit_forms import may_plan, vocabularies
    from medaid.services.visits import plan_progress

    with refusals_logged(request, principal):
        found = plan_progress(root_of(request), plan_id, actor=principal.name, role=principal.role,
                              scope=scope_of(principal))  # fmt: skip
    shown = found.to_dict()
    tally = found.tally.as_dict()
    rates = [("回访率", "已回访人数 ÷ 计划回访人数", _percent(tally["visit_rate"])),
             ("回访覆盖率", "已回访人数 ÷ 回访总体人数（全部回访的计划）", _percent(tally["coverage"])),
             ("回访满意率", "答“非常满意”或“满意”的人数 ÷ 回答满意度的人数",
              _percent(tally["satisfaction_rate"]))]  # fmt: skip
    if found.plan.method != "all":  # a sample's visits cover a share of the frame by design: no 覆盖率
        rates = [r for r in rates if r[0] != "回访覆盖率"]
    interval = shown["satisfaction_interval"]
    return page(request, "visit_plan.html.j2", title=f"回访计划 {plan_id}", p=shown["plan"], scope=found.scope,
                targets=shown["targets"], tally=tally, rates=rates, interval=interval,
                may_record=may_plan(principal.role), choices=vocabularies(),
                today=dt.date.today().isoformat())  # fmt: skip
