"""The policy calculator (政策计算): one claim through the layers, and what-if over the workspace's year."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.vocab import CATEGORIES, HOSPITAL_LEVELS, VISIT_TYPES
from medaid.web.auth import Principal, require, root_of
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
READ = Depends(require(Right.READ))


@router.get("/policy", response_class=HTMLResponse)
def policy(request: Request, principal: Principal = READ) -> Response:
    from medaid.services.calculator import CHANGE_KEYS, CHANGE_LAYERS, policy_overview

    return page(request, "policy.html.j2", title="政策计算", overview=policy_overview(root_of(request)),
                categories=CATEGORIES, visit_types=VISIT_TYPES, levels=HOSPITAL_LEVELS, change_keys=CHANGE_KEYS,
                change_layers=CHANGE_LAYERS)  # fmt: skip
