"""The high-cost warnings page (高额费用预警): the same object as ``GET /api/warnings``, as a page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.vocab import DEPARTMENTS, WARNING_STATES
from medaid.web.auth import Principal, require, root_of, scope_of
from medaid.web.pages.verification import link
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
PAGE = 100  # warnings shown per page


@router.get("/warnings", response_class=HTMLResponse)
def warnings(
    request: Request,
    state: str | None = Query(default=None, max_length=16),
    year: int | None = Query(default=None, ge=1990, le=2100),
    department: str | None = Query(default=None, max_length=32),
    offset: int = Query(default=0, ge=0, le=10_000_000),
    principal: Principal = Depends(require(Right.READ_FOLLOW_UPS)),  # noqa: B008
) -> Response:
    from medaid.services.warnings_view import over_threshold, warnings_page

    found = warnings_page(root_of(request), state=state, year=year, department=department, scope=scope_of(principal),
                          limit=PAGE, offset=offset)  # fmt: skip
    state_links = {s: link("/warnings", found.filters, state=s) for s in WARNING_STATES}
    pages = {"previous": link("/warnings", found.filters, offset=max(offset - PAGE, 0)) if offset else None,
             "next": link("/warnings", found.filters, offset=offset + PAGE) if offset + PAGE < found.total else None,
             "first": offset + 1 if found.total else 0, "last": min(offset + PAGE, found.total)}  # fmt: skip
    return page(request, "warnings.html.j2", title="高额费用预警", board=found,
                rows=[over_threshold(w) for w in found.warnings], filters=found.filters, states=WARNING_STATES,
                departments=DEPARTMENTS, state_links=state_links, pages=pages, can_verify=principal.may(Right.VERIFY),
                can_follow=principal.may(Right.FOLLOW_UP), can_reveal=principal.may(Right.REVEAL),
                is_department=scope_of(principal).department is not None)  # fmt: skip
