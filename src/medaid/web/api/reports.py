"""Generated report files (评价报告): made on request into the workspace's reports folder, listed with their
SHA-256, and downloaded by a name that is one of them (never a path)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of
from medaid.web.errors import NotFound

router = APIRouter(prefix="/api", tags=["评价报告"])
READ = Depends(require(Right.READ))
WRITE = Depends(require(Right.WRITE))
NAME = Path(description="报告文件名（见 GET /api/reports）")


class ReportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    formats: list[Literal["docx", "pdf", "html", "xlsx", "json"]] = Field(
        min_length=1, max_length=5, description="要生成的格式：docx、pdf、html、xlsx（评分表）、json"
    )


@router.get("/reports", summary="已生成的报告文件：名称、格式、大小、时间、SHA-256")
def reports(request: Request, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.report_files import list_reports

    return {"files": [e.to_dict() for e in list_reports(root_of(request))]}


@router.post("/reports", summary="生成评价报告（评价人员；Word、PDF 需十余秒）")
def generate(body: ReportRequest, request: Request, principal: Principal = WRITE) -> dict[str, object]:
    from medaid.services.report_files import generate_reports

    return generate_reports(root_of(request), body.formats, actor=principal.name).to_dict()


@router.get("/reports/files/{name}", summary="下载一份已生成的报告", response_class=FileResponse)
def download(request: Request, name: str = NAME, principal: Principal = READ) -> FileResponse:
    from medaid.services.report_files import report_file

    found = report_file(root_of(request), name)
    if found is None:
        raise NotFound(f"没有名为“{name}”的报告文件", hint="请在“评价报告”页的列表中选择")
    return FileResponse(found.path, media_type=found.media_type, filename=found.name)
