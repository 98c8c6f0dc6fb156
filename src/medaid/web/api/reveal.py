"""Seeing one person's identity in clear (查看身份信息): a clerk, with a stated reason, logged.

The answer is JSON to the page's script (never a page, never in a URL) and is not cached.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of, scope_of

router = APIRouter(prefix="/api", tags=["身份信息"])
REVEAL = Depends(require(Right.REVEAL))


class RevealRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["finding", "warning"] = Field(description="finding 核查发现 / warning 高额费用预警")
    reason: str = Field(max_length=200, description="查看事由（至少 4 个字，记入访问日志）")
    settlement_id: str | None = Field(default=None, max_length=64, description="核查发现的结算编号")
    finding_reason: str | None = Field(default=None, max_length=32, description="核查发现的核查结果代码")
    month: str | None = Field(default=None, max_length=20, description="核查发现所在的月份")
    warning_id: int | None = Field(default=None, ge=1, le=2**31 - 1, description="预警编号")


@router.post("/reveal", summary="查看一名人员未脱敏的身份证号和姓名（须写事由，记入访问日志与审计日志）")
def reveal(body: RevealRequest, request: Request, principal: Principal = REVEAL) -> dict[str, object]:
    from medaid.services.reveal import reveal_identity

    return reveal_identity(root_of(request), body.kind, reason=body.reason, actor=principal.name,
                           scope=scope_of(principal), settlement_id=body.settlement_id,
                           finding_reason=body.finding_reason, month=body.month,
                           warning_id=body.warning_id).to_dict()  # fmt: skip
