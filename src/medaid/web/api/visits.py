"""回访 (follow-up visits): the plans, one plan with its people (masked), its progress and rates with their
numerators and denominators, making a plan, recording a visit. Every call goes through the services
(``services.visits``, ``services.visit_forms``), which check the role and the scope: 医保经办 plan and record,
a township clerk only in its 区划; 部门, 财政 and 评价人员 read (a department: its own 认定部门's people). A refusal
answers 403 and is written to the audit trail. Identities are masked in every answer.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from medaid.roles import Right
from medaid.web.api.cases import READ, refusals_logged
from medaid.web.auth import Principal, require, root_of, scope_of

VISIT = Depends(require(Right.VISITS))  # plan and record 回访: the county clerks (the services say the same)
router = APIRouter(prefix="/api", tags=["回访"])
PLAN_ID = Path(ge=1, le=2**31 - 1, description="回访计划编号")
TARGET_ID = Path(ge=1, le=2**31 - 1, description="回访对象编号（见计划的 targets）")


class PlanBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="计划名称，如 2026年春季回访")
    period_from: str = Field(max_length=20, description="回访期间开始日期，如 2026-04-01")
    period_until: str = Field(max_length=20, description="回访期间结束日期，如 2026-06-30")
    population: str = Field(
        default="recipients",
        max_length=32,
        description="回访总体：recipients（救助对象名册）或 paid_cases（已发放案件）",
    )
    as_of: str | None = Field(
        default=None, max_length=20, description="名册在册或案件已发放的截止日期（默认：期间开始）"
    )
    department: str | None = Field(default=None, max_length=32, description="只回访某一认定部门的对象")
    category: str | None = Field(default=None, max_length=32, description="只回访某一救助类别的对象")
    area: str | None = Field(default=None, max_length=12, description="只回访区划代码以此开头的对象")
    method: str = Field(default="all", max_length=16, description="all（全部回访）或 sample（抽样回访）")
    margin: str = Field(default="0.05", max_length=10, description="抽样的误差界，如 0.05 或 5%")
    confidence: str = Field(default="0.95", max_length=10, description="抽样的置信水平，如 0.95")
    seed: str | None = Field(default=None, max_length=64, description="抽样种子（留空：随机生成并记入计划）")


class VisitBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str = Field(max_length=16, description="visited（已回访）、unreached（未联系上）或 refused（拒绝回访）")
    visited_on: str = Field(max_length=20, description="回访日期，如 2026-04-10")
    visitor: str = Field(min_length=1, max_length=64, description="回访人")
    mode: str = Field(default="home", max_length=16, description="home（入户）或 phone（电话）")
    needs: list[str] = Field(default_factory=list, max_length=20, description="发现的需求（代码或中文）")
    needs_text: str | None = Field(default=None, max_length=2000, description="需求的文字说明")
    satisfaction: str | None = Field(
        default=None, max_length=8, description="非常满意、满意、一般或不满意（未作答：空）"
    )
    reason: str | None = Field(default=None, max_length=2000, description="未联系上或拒绝回访的原因（须填）")
    note: str | None = Field(default=None, max_length=2000, description="备注")


@router.get("/visits", summary="回访计划列表（最新的在前）及表单可选项")
def plans(request: Request, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.visit_forms import may_plan, vocabularies
    from medaid.services.visits import list_plans

    with refusals_logged(request, principal):
        found = list_plans(root_of(request), actor=principal.name, role=principal.role, scope=scope_of(principal))
    return {"plans": [p.to_dict() for p in found], "may_plan": may_plan(principal.role),
            "choices": vocabularies()}  # fmt: skip


@router.post("/visits", summary="制定回访计划：全部回访，或按误差界和置信水平抽样（记下种子）")
def make_plan(body: PlanBody, request: Request, principal: Principal = VISIT) -> dict[str, object]:
    from medaid.services.visit_forms import PlanForm, plan

    form = PlanForm(body.name, body.period_from, body.period_until, body.population, body.as_of, body.department,
                    body.category, body.area, body.method, body.margin, body.confidence, body.seed)  # fmt: skip
    with refusals_logged(request, principal):
        made = plan(root_of(request), form, actor=principal.name, role=principal.role, scope=scope_of(principal))
    return made.to_dict()


@router.get("/visits/{plan_id}", summary="一个回访计划：对象（脱敏）及其回访记录，回访率、覆盖率、满意率（分子、分母）")
def progress(request: Request, plan_id: int = PLAN_ID, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.visits import plan_progress

    with refusals_logged(request, principal):
        found = plan_progress(root_of(request), plan_id, actor=principal.name, role=principal.role,
                              scope=scope_of(principal))  # fmt: skip
    return found.to_dict()


@router.post(
    "/visits/{plan_id}/targets/{target_id}", summary="登记一次回访的结果（同一对象可多次登记，以最后一次为准）"
)
def record(body: VisitBody, request: Request, plan_id: int = PLAN_ID, target_id: int = TARGET_ID,
           principal: Principal = VISIT) -> dict[str, object]:  # fmt: skip
    from medaid.services.visit_forms import VisitForm
    from medaid.services.visit_forms import record as record_visit

    form = VisitForm(body.outcome, body.visited_on, body.visitor, body.mode, tuple(body.needs), body.needs_text,
                     body.satisfaction, body.reason, body.note)  # fmt: skip
    with refusals_logged(request, principal):
        seen = record_visit(root_of(request), plan_id, target_id, form, actor=principal.name, role=principal.role,
                            scope=scope_of(principal))  # fmt: skip
    return seen.to_dict()
