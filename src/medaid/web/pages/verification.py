"""The verification ledger page (核查台账): the same object as ``GET /api/verification``, as a page."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.vocab import DEPARTMENTS, FINDING_STATES, REASONS
from medaid.web.auth import Principal, require, root_of, scope_of
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def link(path: str, filters: dict[str, object], **more: object) -> str:
    """``path`` with the filters (and ``more``) as its query string, empty values left out."""
    given = {k: v for k, v in {**filters, **more}.items() if v not in (None, "", 0)}
    return f"{path}?{urlencode(given)}" if given else path


@router.get("/verification", response_class=HTMLResponse)
def verification(
    request: Request,
    month: str | None = Query(default=None, max_length=20),
    reason: str | None = Query(default=None, max_length=32),
    state: str | None = Query(default=None, max_length=16),
    department: str | None = Query(default=None, max_length=32),
    query: str | None = Query(default=None, max_length=40),
    offset: int = Query(default=0, ge=0, le=10**9),
    principal: Principal = Depends(require(Right.READ_FOLLOW_UPS)),  # noqa: B008
) -> Response:
    from medaid.services.ledger_view import ledger_page

    found = ledger_page(root_of(request), month=month, reason=reason, state=state, department=department, query=query,
                        scope=scope_of(principal), limit=PAGE_SIZE, offset=offset)  # fmt: skip
    filters = dict(found.filters)
    pager = {
        "first": offset + 1 if found.listed.findings else 0,
        "last": offset + len(found.listed.findings),
        "previous": link("/verification", filters, offset=max(offset - PAGE_SIZE, 0)) if offset > 0 else None,
        "next": link("/verification", filters, offset=offset + PAGE_SIZE)
        if offset + PAGE_SIZE < found.listed.count
        else None,
    }
    return page(request, "verification.html.j2", title="核查台账", ledger=found, filters=filters, pager=pager,
                states=FINDING_STATES, reasons=REASONS, departments=DEPARTMENTS,
                state_links={s: link("/verification", filters, state=s) for s in FINDING_STATES},
                export_url=link("/api/verification/export", filters), scoped=scope_of(principal).describe(),
                can_verify=principal.may(Right.VERIFY), can_follow=principal.may(Right.FOLLOW_UP),
                can_reveal=principal.may(Right.REVEAL),
                is_department=scope_of(principal).department is not None)  # fmt: skip
