"""The audit trail (审计日志): read-only, filtered, with the state of its hash chain."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of
from medaid.web.render import page

MAX_OFFSET = 10_000_000
router = APIRouter(include_in_schema=False)
AUDIT = Depends(require(Right.AUDIT_LOG))
PAGE = 50


@router.get("/audit-log", response_class=HTMLResponse)
def audit_log(request: Request, action: str | None = Query(default=None, max_length=64),
              actor: str | None = Query(default=None, max_length=100),
              since: str | None = Query(default=None, alias="from", max_length=20),
              until: str | None = Query(default=None, alias="to", max_length=20),
              offset: int = Query(default=0, ge=0, le=MAX_OFFSET),
              principal: Principal = AUDIT) -> Response:  # fmt: skip
    from medaid.services.audit_view import audit_log as entries

    found = entries(root_of(request), action=action or None, actor=actor or None, since=since, until=until,
                    limit=PAGE, offset=offset, verify=True)  # fmt: skip
    kept = {k: v for k, v in {"action": action, "actor": actor, "from": since, "to": until}.items() if v}
    before, after = max(0, offset - PAGE), offset + PAGE
    pages = {"previous": f"?{urlencode(kept | {'offset': before})}" if offset > 0 else None,
             "next": f"?{urlencode(kept | {'offset': after})}" if after < found.total else None}  # fmt: skip
    return page(request, "audit_log.html.j2", title="审计日志", log=found, filters=kept, pages=pages)
