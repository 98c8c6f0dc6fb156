"""The workspace's evaluation (绩效评价): the framework scored from the data, the survey and the evaluators'
judgments, with its audit. The JSON is ``medaid evaluate --format json``'s (a public contract)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of

router = APIRouter(prefix="/api", tags=["绩效评价"])
READ = Depends(require(Right.READ))
JUDGE = Depends(require(Right.JUDGE))


@router.get("/evaluation", summary="绩效评价：指标体系、各指标得分及来源、总分与等级、审核发现")
def evaluation(request: Request, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.workbench import evaluation as evaluated

    return evaluated(root_of(request)).to_dict()


@router.post("/evaluation/recompute", summary="重新计算全部指标并计分（评价人员）")
def recompute(request: Request, principal: Principal = JUDGE) -> dict[str, object]:
    from medaid.services.workbench import evaluation as evaluated

    return evaluated(root_of(request), fresh=True).to_dict()
