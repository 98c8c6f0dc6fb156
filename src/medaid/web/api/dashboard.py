"""The dashboard's figures and every metric with its formula, inputs and queries."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of, scope_of

router = APIRouter(prefix="/api", tags=["工作台"])
READ = Depends(require(Right.READ))
CASES = Depends(require(Right.CASES))
YEAR = Query(default=None, ge=1990, le=2100, description="年度（默认工作区年度）")


@router.get("/dashboard", summary="工作台：关键指标、按月收支、各维度得分、待办")
def dashboard(request: Request, year: int | None = YEAR, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.dashboard import dashboard as board

    return board(root_of(request), year=year).to_dict()


@router.get("/metrics", summary="由数据计算的全部指标，各附公式、输入与查询")
def metrics(request: Request, year: int | None = YEAR, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.metrics import compute_metrics

    found = compute_metrics(root_of(request), year=year)
    return {"year": found.year, "metrics": [{**v.to_dict(), "text": v.text()} for v in found.values]}


@router.get("/dashboard/overdue", summary="工作台：逾期、即将到期和期限无法计算的救助案件（按账户范围）")
def overdue(
    request: Request,
    soon: int = Query(default=3, ge=0, le=30, description="即将到期：距期限不超过的工作日数"),
    principal: Principal = CASES,
) -> dict[str, object]:
    from medaid.services.case_overdue import overdue_cases

    found = overdue_cases(root_of(request), soon=soon, actor=principal.name, role=principal.role,
                          scope=scope_of(principal))  # fmt: skip
    return found.to_dict()
