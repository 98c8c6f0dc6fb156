"""The upload page (数据导入): what can be imported, an upload form with its progress, the imports so far."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of
from medaid.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/upload", response_class=HTMLResponse)
def upload(request: Request, principal: Principal = Depends(require(Right.IMPORT))) -> Response:  # noqa: B008
    from medaid.services.uploads import imports_overview

    limit = int(request.app.state.max_upload)
    return page(request, "upload.html.j2", title="数据导入", overview=imports_overview(root_of(request)),
                max_bytes=limit, max_mb=limit // (1 << 20))  # fmt: skip
