"""The audit trail (审计日志): read-only — its entries, filtered, and the check of its hash chain. No route
changes or removes an entry."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of

router = APIRouter(prefix="/api", tags=["审计日志"])
AUDIT = Depends(require(Right.AUDIT_LOG))
ACTION = Query(default=None, max_length=64, description="操作，如 登录、评价人员评分、账户变更")
ACTOR = Query(default=None, max_length=100, description="操作人（账户名）")
SINCE = Query(default=None, alias="from", description="起始日期，如 2023-01-01")
UNTIL = Query(default=None, alias="to", description="截止日期（含当日）")
LIMIT = Query(default=100, ge=1, le=500, description="每页条数")
OFFSET = Query(default=0, ge=0, le=10_000_000, description="跳过的条数")


@router.get("/audit-log", summary="审计日志：按操作、操作人、日期筛选，最新在前")
def audit_log(request: Request, action: str | None = ACTION, actor: str | None = ACTOR,
              since: dt.date | None = SINCE, until: dt.date | None = UNTIL, limit: int = LIMIT,
              offset: int = OFFSET, principal: Principal = AUDIT) -> dict[str, object]:  # fmt: skip
    from medaid.services.audit_view import audit_log as entries

    return entries(root_of(request), action=action or None, actor=actor or None, since=since, until=until,
                   limit=limit, offset=offset).to_dict()  # fmt: skip


@router.get("/audit-log/verify", summary="核验审计日志的哈希链：完整，或第一条被改动的记录")
def verify(request: Request, principal: Principal = AUDIT) -> dict[str, object]:
    from medaid.services.audit_log import verify_audit_log

    return verify_audit_log(root_of(request)).to_dict()
