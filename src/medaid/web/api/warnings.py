"""High-cost warnings (高额费用预警): the list with each department's conversion, the push, a department's
follow-up and a warning's events. A department account sees and follows only the warnings pushed to it
(``scope_of``); another department's warning answers 403, logged.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of, scope_of

router = APIRouter(prefix="/api", tags=["高额费用预警"])
READ_FOLLOW_UPS = Depends(require(Right.READ_FOLLOW_UPS))
VERIFY = Depends(require(Right.VERIFY))
FOLLOW_UP = Depends(require(Right.FOLLOW_UP))
WARNING_ID = Path(ge=1, le=2**31 - 1, description="预警编号")


class PushRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: str = Field(min_length=8, max_length=20, description="预警截至日期，如 2023-12-31（须在工作区年度内）")


class FollowUpRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: Literal["confirmed", "rejected"] = Field(description="confirmed 已认定 / rejected 未认定")
    note: str = Field(max_length=2000, description="认定说明：依据什么认定或不认定（必填）")


@router.get("/warnings", summary="高额费用预警：各部门的状态与转化率，及预警名单（部门账户只见本部门）")
def warnings(
    request: Request,
    state: str | None = Query(
        default=None, max_length=16, description="pushed 已推送、confirmed 已认定、rejected 未认定"
    ),
    year: int | None = Query(default=None, ge=1990, le=2100, description="年度（默认工作区年度）"),
    department: str | None = Query(default=None, max_length=32, description="认定部门，如 民政"),
    limit: int = Query(default=100, ge=1, le=1000, description="每页条数"),
    offset: int = Query(default=0, ge=0, le=10_000_000, description="从第几条起（0 起）"),
    principal: Principal = READ_FOLLOW_UPS,
) -> dict[str, object]:
    from medaid.services.warnings_view import warnings_page

    return warnings_page(root_of(request), state=state, year=year, department=department, scope=scope_of(principal),
                         limit=limit, offset=offset).to_dict()  # fmt: skip


@router.post("/warnings/push", summary="推送截至某日超过预警线的人员（记入审计日志）")
def push(body: PushRequest, request: Request, principal: Principal = VERIFY) -> dict[str, object]:
    from medaid.services.warnings_view import push as push_warnings

    return push_warnings(root_of(request), body.as_of, actor=principal.name).to_dict()


@router.post("/warnings/{warning_id}/follow-up", summary="部门登记预警的认定结果（已认定 / 未认定，须写说明）")
def follow_up(body: FollowUpRequest, request: Request, warning_id: int = WARNING_ID,
              principal: Principal = FOLLOW_UP) -> dict[str, object]:  # fmt: skip
    from medaid.services.warnings_view import follow_up as follow

    return follow(root_of(request), warning_id, body.state, body.note, actor=principal.name,
                  scope=scope_of(principal)).to_dict()  # fmt: skip


@router.get("/warnings/{warning_id}/events", summary="一条预警的记录：推送、金额更新、认定（何人、何时、为何）")
def events(request: Request, warning_id: int = WARNING_ID, principal: Principal = READ_FOLLOW_UPS) -> dict[str, object]:
    from medaid.services.warnings_view import warning_history

    found = warning_history(root_of(request), warning_id, actor=principal.name, scope=scope_of(principal))
    return {"warning_id": warning_id, "events": [e.to_dict() for e in found]}
