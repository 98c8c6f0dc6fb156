"""评分标准试算: how medaid reads one Chinese scoring rule and the score it gives (as ``medaid rule``), and a
whole table of rule texts with their inputs tried at once (as ``medaid rule --file``). Nothing is stored."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from medaid.roles import Right
from medaid.web.auth import Principal, require
from medaid.web.errors import WebError

router = APIRouter(prefix="/api", tags=["评分标准试算"])
READ = Depends(require(Right.READ))
COLUMNS = "评分标准,分值,指标值,实际完成值,扣分说明,符合项,允许加分"
TABLE = File(description=f"评分标准表：CSV（{COLUMNS}）或 YAML（rules: 列表）")
MAX_TABLE = 2 * 1024 * 1024  # a table of rule texts is a few hundred rows at most


class RuleForm(BaseModel):
    """One rule text and what an evaluator would give beside it; texts as a form sends them are fine."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=4000, description="评分标准原文")
    weight: str = Field(max_length=20, description="分值")
    target: str | None = Field(default=None, max_length=100, description="指标值，如 ≥95%、1500人次、明显提高")
    actual: str | None = Field(default=None, max_length=200, description="实际完成值")
    note: str | None = Field(default=None, max_length=4000, description="扣分说明或偏差原因（无实际完成值时从中读取）")
    holds: str | None = Field(default=None, max_length=100, description="符合的分项序号，如 1,3（1 为第一项）")
    bonus_allowed: bool = Field(default=False, description="评价框架允许得分超过分值（加分）")


@router.post("/rules/try", summary="试算一条评分标准：识别的句式、读法与得分")
def try_one(form: RuleForm, principal: Principal = READ) -> dict[str, object]:
    from medaid.errors import Location
    from medaid.services.evaluation import try_rule
    from medaid.services.rule_trials import parse_holds

    holds = parse_holds(form.holds or "", Location(key="holds"))
    return try_rule(form.text, weight=form.weight, target=form.target or None, actual=form.actual or None,
                    note=form.note or None, holds=holds, bonus_allowed=form.bonus_allowed).to_dict()  # fmt: skip


@router.post("/rules/table", summary="试算评分标准表：逐行识别并计分，汇总读懂与计分的行数")
def try_table(file: UploadFile = TABLE, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.rule_trials import try_rule_table

    data = file.file.read(MAX_TABLE + 1)
    if len(data) > MAX_TABLE:
        raise WebError(413, "评分标准表超过 2 MB", hint="请分成几个文件试算，或用命令 medaid rule --file")
    return try_rule_table(data, file.filename or "评分标准表.csv").to_dict()
