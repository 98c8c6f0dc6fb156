"""The merged recipient registry (救助对象名册): counts, each month's flow, the last import's changes and a
paged list of people, identities masked; an account with an area sees only its 区划."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of, scope_of

router = APIRouter(prefix="/api", tags=["救助对象"])
READ = Depends(require(Right.READ))


@router.get("/registry", summary="救助对象名册：按类别、按认定部门的人数，各月变动，人员名单（脱敏、分页）")
def registry(
    request: Request,
    category: str | None = Query(default=None, max_length=20, description="救助类别，如 低保对象"),
    department: str | None = Query(default=None, max_length=32, description="认定部门，如 民政"),
    status: str | None = Query(default=None, max_length=10, description="current 在册、ended 已退出、pending 未生效"),
    query: str | None = Query(default=None, max_length=40, description="脱敏身份证号或姓名的一部分，或完整身份证号"),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0, le=10**9),
    principal: Principal = READ,
) -> dict[str, object]:
    from medaid.services.registry_view import registry_view

    return registry_view(root_of(request), category=category, department=department, status=status, query=query,
                         scope=scope_of(principal), limit=limit, offset=offset).to_dict()  # fmt: skip
