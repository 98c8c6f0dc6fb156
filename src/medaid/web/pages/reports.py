"""The report files (评价报告): generate the workspace's report in several formats and download them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of
from medaid.web.render import page

router = APIRouter(include_in_schema=False)
READ = Depends(require(Right.READ))
CHOICES = (("docx", "Word 报告（.docx）", True), ("pdf", "PDF 报告", False), ("xlsx", "Excel 评分表", False),
           ("html", "网页版报告", False), ("json", "JSON 数据", False))  # fmt: skip


@router.get("/reports", response_class=HTMLResponse)
def reports(request: Request, principal: Principal = READ) -> Response:
    from medaid.services.report_files import list_reports

    return page(request, "reports.html.j2", title="评价报告", files=list_reports(root_of(request)), choices=CHOICES,
                may_write=principal.may(Right.WRITE))  # fmt: skip
