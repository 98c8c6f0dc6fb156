"""The verification ledger (核查台账): findings with their follow-up, runs, follow-ups, history and the export.

A department account sees and follows only its own 认定部门's findings (``scope_of``); a finding outside
its scope answers 403, logged.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of, scope_of

router = APIRouter(prefix="/api", tags=["核查台账"])
READ_FOLLOW_UPS = Depends(require(Right.READ_FOLLOW_UPS))
VERIFY = Depends(require(Right.VERIFY))
FOLLOW_UP = Depends(require(Right.FOLLOW_UP))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MONTH = Query(default=None, max_length=20, description="月份，如 2023-07（默认：各月）")
REASON = Query(default=None, max_length=32, description="核查结果代码，如 missed、after_death")
STATE = Query(default=None, max_length=16, description="整改状态：open、in_progress、resolved、dismissed")
DEPARTMENT = Query(default=None, max_length=32, description="认定部门，如 民政")
TEXT = Query(default=None, max_length=40, description="结算编号或脱敏身份证号的一部分")


class RunRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    month: str = Field(min_length=6, max_length=20, description="要核查的月份，如 2023-07")


class FollowUpRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    month: str = Field(min_length=6, max_length=20, description="核查发现所在的月份")
    settlement_id: str = Field(min_length=1, max_length=64, description="结算编号")
    reason: str = Field(min_length=1, max_length=32, description="核查结果代码")
    state: str = Field(min_length=1, max_length=16, description="新的整改状态：open、in_progress、resolved、dismissed")
    note: str = Field(max_length=2000, description="整改说明：做了什么、依据是什么（必填）")


@router.get("/verification", summary="核查发现（各月最近一次核查）及整改状态，可筛选、分页；部门账户只见本部门")
def findings(
    request: Request,
    month: str | None = MONTH,
    reason: str | None = REASON,
    state: str | None = STATE,
    department: str | None = DEPARTMENT,
    query: str | None = TEXT,
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=10**9),
    principal: Principal = READ_FOLLOW_UPS,
) -> dict[str, object]:
    from medaid.services.ledger_view import ledger_page

    return ledger_page(root_of(request), month=month, reason=reason, state=state, department=department, query=query,
                       scope=scope_of(principal), limit=limit, offset=offset).to_dict()  # fmt: skip


@router.post("/verification/runs", summary="核查一个月的结算（新的一次核查，记入审计日志）")
def run(body: RunRequest, request: Request, principal: Principal = VERIFY) -> dict[str, object]:
    from medaid.services.ledger_view import run_verification

    return run_verification(root_of(request), body.month, actor=principal.name).to_dict()


@router.post("/verification/follow-ups", summary="登记一条核查发现的整改（须写整改说明，记入审计日志）")
def follow_up(body: FollowUpRequest, request: Request, principal: Principal = FOLLOW_UP) -> dict[str, object]:
    from medaid.services.ledger_view import follow_up_finding

    return follow_up_finding(root_of(request), body.month, body.settlement_id, body.reason, body.state, body.note,
                             actor=principal.name, scope=scope_of(principal)).to_dict()  # fmt: skip


@router.get("/verification/history", summary="一条核查发现的全部整改记录（由早到晚）")
def history(
    request: Request,
    settlement_id: str = Query(min_length=1, max_length=64, description="结算编号"),
    reason: str = Query(min_length=1, max_length=32, description="核查结果代码"),
    principal: Principal = READ_FOLLOW_UPS,
) -> dict[str, object]:
    from medaid.services.ledger_view import history_of_finding

    found = history_of_finding(root_of(request), settlement_id, reason, actor=principal.name, scope=scope_of(principal))
    return {"settlement_id": settlement_id, "reason": reason, "history": [r.to_dict() for r in found]}


@router.get("/verification/export", summary="按筛选条件导出核查发现整改情况（xlsx，身份信息已脱敏）",
            response_class=Response, responses={200: {"content": {XLSX: {}}}})  # fmt: skip
def export(
    request: Request,
    month: str | None = MONTH,
    reason: str | None = REASON,
    state: str | None = STATE,
    department: str | None = DEPARTMENT,
    query: str | None = TEXT,
    principal: Principal = READ_FOLLOW_UPS,
) -> Response:
    from medaid.services.ledger_view import EXPORT_NAME, findings_workbook

    data = findings_workbook(root_of(request), month=month, reason=reason, state=state, department=department,
                             query=query, scope=scope_of(principal))  # fmt: skip
    disposition = f"attachment; filename=\"findings.xlsx\"; filename*=UTF-8''{quote(EXPORT_NAME)}"
    return Response(data, media_type=XLSX, headers={"Content-Disposition": disposition})
