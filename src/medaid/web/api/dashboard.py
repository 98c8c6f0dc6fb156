"""The dashboard's figures and every metric with its formula, inputs and queries."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of

router = APIRouter(prefix="/api", tags=["工作台"])
READ = Depends(require(Right.READ))
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
