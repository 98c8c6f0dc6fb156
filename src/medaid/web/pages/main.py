"""The login and second-factor pages, and the dashboard (工作台)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from medaid.roles import Right
from medaid.web.auth import Principal, current_principal, root_of, scope_of, signed_in
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
OVERDUE_SHOWN = 20  # cases shown in the dashboard's list of deadlines; the rest are counted


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no ``//host``): the login page never sends anyone elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login(request: Request, next: str | None = Query(default=None)) -> Response:
    if current_principal(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return page(request, "login.html.j2", title="登录", next=_safe_next(next))


@router.get("/totp", response_class=HTMLResponse)
def totp(request: Request, principal: Principal = Depends(signed_in)) -> Response:  # noqa: B008
    return page(request, "totp.html.j2", title="二次验证")


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    year: int | None = Query(default=None, ge=1990, le=2100),
    principal: Principal = Depends(signed_in),  # noqa: B008
) -> Response:
    """The dashboard; a department, which sees only its own warnings and findings, starts at its warnings."""
    from medaid.services.dashboard import dashboard as board

    if not principal.may(Right.READ):
        return RedirectResponse("/warnings", status_code=303)

    found = board(root_of(request), year=year)
    overdue = None
    if principal.may(Right.CASES):  # computed for each request: it depends on the day and the account's scope
        from medaid.services.case_overdue import overdue_cases

        overdue = overdue_cases(root_of(request), actor=principal.name, role=principal.role,
                                scope=scope_of(principal))  # fmt: skip
    chart = {
        "months": [f"{m}月" for m in range(1, 13)],
        "income": found.monthly_income,
        "spending": found.monthly_spending,
        "dimensions": [{"name": d.name, "weight": d.weight, "score": d.score} for d in found.dimensions],
    }
    return page(request, "dashboard.html.j2", title="工作台", board=found, chart=chart, overdue=overdue,
                overdue_shown=OVERDUE_SHOWN)  # fmt: skip
