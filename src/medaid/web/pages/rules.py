"""评分标准试算: try one Chinese scoring rule, or a table of them, and see the reading and the score."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.web.auth import Principal, require
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
READ = Depends(require(Right.READ))


@router.get("/rules", response_class=HTMLResponse)
def rules(request: Request, principal: Principal = READ) -> Response:
    return page(request, "rules.html.j2", title="评分标准试算")
