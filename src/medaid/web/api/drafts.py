"""The report's draft text (报告文字稿): 存在的问题 and 改进建议, as the next report prints them, each with
its state (today's draft, edited, flagged as written before the scores changed, or the evaluator's own)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of

router = APIRouter(prefix="/api", tags=["评价报告"])
READ = Depends(require(Right.READ))
WRITE = Depends(require(Right.WRITE))
SECTION = Path(description="problems（存在的问题）或 suggestions（改进建议）")
ITEM = Path(ge=1, le=100, description="第几项（从 1 起；问题与建议一一对应）")


class DraftEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(max_length=200, description="小标题")
    text: str = Field(max_length=20000, description="内容（一段文字）")
    checked: bool = Field(default=False, description="已对照当前评分结果核对过其中的数字（不再提示过时）")


@router.get("/drafts", summary="报告文字稿：存在的问题与改进建议，各附状态")
def drafts(request: Request, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.drafts import read_drafts

    return read_drafts(root_of(request)).to_dict()


@router.put("/drafts/{section}/{item}", summary="修改一项文字稿（评价人员；记入审计日志）")
def save(edit: DraftEdit, request: Request, section: Literal["problems", "suggestions"] = SECTION,
         item: int = ITEM, principal: Principal = WRITE) -> dict[str, object]:  # fmt: skip
    from medaid.services.drafts import save_draft

    saved = save_draft(root_of(request), section, item - 1, title=edit.title, text=edit.text, checked=edit.checked,
                       actor=principal.name)  # fmt: skip
    return saved.to_dict()
