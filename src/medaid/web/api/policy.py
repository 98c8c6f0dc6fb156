"""The policy calculator (政策计算): one claim through 基本医保 → 大病保险 → 医疗救助 → 倾斜救助 with each
step's formula, the parameters in force, and what-if: the year settled again with changed parameters."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from medaid.roles import Right
from medaid.web.auth import Principal, require, root_of

router = APIRouter(prefix="/api", tags=["政策计算"])
READ = Depends(require(Right.READ))
AMOUNT = "金额（元）"
LEVELS = "医院等级：一级、二级、三级、未定级、基层"
OVERRIDE = "要改变的参数（契约 4 的部分内容，YAML），如 assistance: {低保对象: {ratio: 0.8}}；填写后以此为准"


class ClaimForm(BaseModel):
    """One claim (contract 4, as ``medaid calc --claim`` reads it); texts as a form sends them are fine."""

    model_config = ConfigDict(extra="forbid")

    policy: str | None = Field(default=None, max_length=100, description="内置地区（默认工作区设置的政策）")
    category: str | None = Field(default=None, max_length=50, description="救助类别；不填为普通参保人")
    visit_type: str = Field(max_length=20, description="就诊类型：住院、门诊、门诊慢特病")
    hospital_level: str | None = Field(default=None, max_length=20, description=LEVELS)
    date: str | None = Field(default=None, max_length=20, description="结算日期，如 2023-06-01（默认今天）")
    total: str = Field(max_length=30, description=f"总费用，{AMOUNT}")
    in_scope: str = Field(max_length=30, description=f"政策范围内费用，{AMOUNT}")
    referred: str | bool | None = Field(default=None, description="是否规范转诊（是/否，默认是）")
    basic_paid: str | None = Field(default=None, max_length=30, description=f"基本医保已支付（写了则不重算），{AMOUNT}")
    critical_paid: str | None = Field(default=None, max_length=30, description=f"大病保险已支付，{AMOUNT}")
    assistance_paid: str | None = Field(default=None, max_length=30, description=f"医疗救助已支付，{AMOUNT}")


class WhatIfForm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy: str | None = Field(default=None, max_length=100, description="基准政策：内置地区（默认工作区设置）")
    year: int | None = Field(default=None, ge=1990, le=2100, description="年度（默认工作区年度）")
    override: str | None = Field(default=None, max_length=20000, description=OVERRIDE)
    layer: Literal["assistance", "tilted"] | None = Field(default=None, description="改变的层：医疗救助或倾斜救助")
    category: str | None = Field(default=None, max_length=50, description="救助类别")
    key: Literal["ratio", "threshold", "annual_limit"] | None = Field(default=None, description="比例、起付线或限额")
    value: str | None = Field(default=None, max_length=30, description="新值：比例写 0.8 或 80%，金额写元")


@router.get("/policy", summary="现行政策参数：工作区使用的政策及其参数原文、内置地区")
def policy(request: Request, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.calculator import policy_overview

    return policy_overview(root_of(request)).to_dict()


@router.post("/policy/calc", summary="计算器：一次结算经各层支付的金额，附每步公式和参数")
def calc(form: ClaimForm, request: Request, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.calculator import calc_claim

    fields = form.model_dump(exclude={"policy"}, exclude_none=True)
    return calc_claim(root_of(request), fields, policy=form.policy).to_dict()


@router.post("/policy/simulate", summary="政策测算：改变参数后重算全年，比较各层支出与受影响人数")
def simulate(form: WhatIfForm, request: Request, principal: Principal = READ) -> dict[str, object]:
    from medaid.services.calculator import Change, simulate_change

    change = None
    if form.layer and form.category and form.key and form.value:
        change = Change(form.layer, form.category, form.key, form.value)
    return simulate_change(root_of(request), override=form.override, change=change, year=form.year,
                           policy=form.policy).to_dict()  # fmt: skip
