"""The registry page (救助对象): the same object as ``GET /api/registry``, as a page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.vocab import CATEGORIES, DEPARTMENTS
from medaid.web.auth import Principal, require, root_of, scope_of
from medaid.web.pages.verification import link
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/registry", response_class=HTMLResponse)
def registry(
    request: Request,
    category: str | None = Query(default=None, max_length=20),
    department: str | None = Query(default=None, max_length=32),
    status: str | None = Query(default=None, max_length=10),
    query: str | None = Query(default=None, max_length=40),
    offset: int = Query(default=0, ge=0, le=10**9),
    principal: Principal = Depends(require(Right.READ)),  # noqa: B008
) -> Response:
    from medaid.services.registry_view import STATUSES, registry_view

    found = registry_view(root_of(request), category=category, department=department, status=status, query=query,
                          scope=scope_of(principal), limit=PAGE_SIZE, offset=offset)  # fmt: skip
    filters = found.filters
    pager = {
        "first": offset + 1 if found.people else 0,
        "last": offset + len(found.people),
        "previous": link("/registry", filters, offset=max(offset - PAGE_SIZE, 0)) if offset > 0 else None,
        "next": link("/registry", filters, offset=offset + PAGE_SIZE) if offset + PAGE_SIZE < found.count else None,
    }
    chart = {"months": [f"{int(m.month[5:])}月" for m in found.months], "joined": [m.joined for m in found.months],
             "left": [m.left for m in found.months], "changed": [m.changed for m in found.months]}  # fmt: skip
    return page(request, "registry.html.j2", title="救助对象", registry=found, filters=filters, pager=pager,
                chart=chart, statuses=STATUSES, categories=CATEGORIES, departments=DEPARTMENTS)  # fmt: skip
