"""The evaluator's workbench (绩效评价): the indicator tree with each score's source, the total and grade,
the audit's findings, a judgment form for each indicator (evaluators), the report's draft text and the
judgments recorded."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
READ = Depends(require(Right.READ))


@router.get("/evaluation", response_class=HTMLResponse)
def evaluation(request: Request, principal: Principal = READ) -> Response:
    from medaid.services.workbench import workbench

    found = workbench(root_of(request))
    return page(request, "evaluation.html.j2", title="绩效评价", wb=found, may_judge=principal.may(Right.JUDGE),
                may_write=principal.may(Right.WRITE))  # fmt: skip
