"""Judged scores (评价人员评分): an evaluator scores an indicator, always with a reason, optionally with
evidence files (kept in the workspace with their SHA-256); the judgments in force and their history."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of

router = APIRouter(prefix="/api", tags=["绩效评价"])
READ = Depends(require(Right.READ))
JUDGE = Depends(require(Right.JUDGE))
HISTORY = Query(default=False, description="true：列出全部评分记录（含被替代的），按时间先后")
PATH = Form(description="末级指标的路径，各级名称以 / 分隔，如 产出/产出质量/救助对象精准度")
SCORE = Form(description="得分（不超过该指标的分值，最多两位小数）")
REASON = Form(default="", description="评分理由（必填）")
FILES = File(default=[], description="佐证材料文件，可多个")


@router.get("/judgments", summary="评价人员评分：现行的评分，或全部历史记录")
def judgments(request: Request, history: bool = HISTORY, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.judgments import list_judgments

    return list_judgments(root_of(request), history=history).to_dict()


@router.post("/judgments", summary="录入评分：得分、理由（必填）与佐证材料（评价人员）")
def judge(request: Request, path: str = PATH, score: str = SCORE, reason: str = REASON,
          files: list[UploadFile] = FILES, principal: Principal = JUDGE) -> dict[str, object]:  # fmt: skip
    from medaid.services.workbench import Upload, judge_with_uploads

    uploads = [Upload(f.filename or "", f.file) for f in files if f.filename]
    return judge_with_uploads(root_of(request), path, score=score, reason=reason, uploads=uploads,
                              actor=principal.name).to_dict()  # fmt: skip
