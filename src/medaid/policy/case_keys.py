"""The dated keys of issue 15 in a policy file: local standards, deadlines, eligibility, warning rule.

Each is optional (an older file loads as before) and every number carries its ``source`` (the
document's title and 文号) and ``date``: a key without its source is refused. :func:`to_*` build
the dataclasses of medaid.policy.model; :func:`mapping` writes them back as the file's keys (what
an override merges over).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from medaid.policy.model import (
    Deadlines,
    EligibilityRule,
    Policy,
    Source,
    Standard,
    Standards,
    StepLimit,
    Threshold,
    WarningRule,
)
from medaid.policy.retro_keys import Retroactive, RetroactiveRule
from medaid.typed_yaml import FileModel, Invalid, IsoDate, Number, Text, Yuan
from medaid.vocab import CASE_STEPS, GENERAL_GROUP, Vocabulary, lookup, unknown

SOURCE_HINT = "依据文件的名称及文号，如 《……认定办法》（晋民发〔2023〕N号）"
Amount = Annotated[Yuan, Field(ge=0, json_schema_extra={"hint": "金额以元为单位"})]
Share = Annotated[Number, Field(gt=0, le=10, json_schema_extra={"hint": "如 50% 写 0.5"})]
Multiple = Annotated[Number, Field(gt=0, le=10, json_schema_extra={"hint": "如 2 倍写 2"})]
STEP_NAMES = tuple(CASE_STEPS.values())


def _step(value: object) -> str:
    text = str(value).strip()
    if text in STEP_NAMES:
        return text
    if text in CASE_STEPS:
        return CASE_STEPS[text]
    raise Invalid(f"“{text}”不是办理环节", "请写 " + "、".join(STEP_NAMES[1:]))


def _category(value: object) -> str:
    found = lookup(Vocabulary.CATEGORY, str(value))
    if found is None:
        raise Invalid(*unknown(Vocabulary.CATEGORY, value))
    return found


def _group(value: object) -> str:
    text = str(value).strip()
    return text if text == GENERAL_GROUP else _category(text)


def _unique_groups(value: object) -> object:
    """Two spellings of one group (特困 and 特困人员) are refused at the second."""
    if not isinstance(value, dict):
        return value
    seen: dict[str, str] = {}
    for key in value:
        text = str(key).strip()
        name = text if text == GENERAL_GROUP else lookup(Vocabulary.CATEGORY, text) or text
        if name in seen:
            raise Invalid(f"“{key}”与“{seen[name]}”是同一人群（{name}）", "请合并为一处", at=(str(key),))
        seen[name] = str(key)
    return value


Step = Annotated[str, BeforeValidator(_step)]
Category = Annotated[str, BeforeValidator(_category)]
Group = Annotated[str, BeforeValidator(_group)]


class Sourced(FileModel):
    source: Text = Field(description="依据文件及文号", json_schema_extra={"hint": SOURCE_HINT})
    date: IsoDate | None = Field(default=None, description="依据文件的发布或施行日期")
    url: Text | None = Field(default=None, description="依据文件的网址")

    def provenance(self) -> Source:
        return Source(self.source, self.date, self.url)


class StandardSpec(Sourced):
    amount: Amount = Field(description="金额（元）")
    year: int | None = Field(default=None, ge=1949, le=2200, description="统计年度（如上年度可支配收入的年份）")

    def standard(self) -> Standard:
        return Standard(self.amount, self.provenance(), self.year)


class StandardsSpec(FileModel):
    dibao_monthly: StandardSpec | None = Field(default=None, description="最低生活保障标准（元/人·月）")
    disposable_income: StandardSpec | None = Field(default=None, description="居民人均可支配收入（元/人·年）")


class StepLimitSpec(FileModel):
    days: int = Field(ge=0, le=365, description="天数")
    unit: Literal["working", "calendar"] = Field(default="working", description="working：工作日；calendar：自然日")


class DeadlinesSpec(Sourced):
    steps: dict[Step, int | StepLimitSpec] = Field(
        min_length=1,
        description="各环节的办理时限：自上一环节完成之日起的工作日数",
        json_schema_extra={"hint": "如 {受理: 5, 审核: 10, 公示: {days: 7, unit: calendar}}"},
    )

    @model_validator(mode="after")
    def _not_apply(self) -> DeadlinesSpec:
        if STEP_NAMES[0] in self.steps:
            raise Invalid("“申请”是办理的起点，没有时限", "请从“受理”写起", at=("steps", STEP_NAMES[0]))
        return self


class ThresholdSpec(FileModel):
    amount: Amount | None = Field(default=None, description="固定金额（元）")
    share_of_income: Share | None = Field(default=None, description="居民人均可支配收入的倍数（0.5 为 50%）")
    assistance_threshold: bool = Field(default=False, description="该类别的医疗救助年度起付标准")

    @model_validator(mode="after")
    def _one_of(self) -> ThresholdSpec:
        given = (self.amount is not None) + (self.share_of_income is not None) + self.assistance_threshold
        if given != 1:
            raise Invalid("标准应写 amount、share_of_income 或 assistance_threshold 之一",
                          "如 {amount: 10000} 或 {share_of_income: 0.5}；覆盖文件改换标准时，原来的写为 null"
                          "（assistance_threshold 写 false）")  # fmt: skip
        return self

    def threshold(self) -> Threshold:
        return Threshold(self.amount, self.share_of_income, self.assistance_threshold)


class RetroactiveSpec(Sourced):
    months: int = Field(ge=1, le=60, description="追溯的月数")
    anchor: Literal["application_month", "recognition"] = Field(
        default="application_month", description="application_month：申请之月前，不含申请当月；recognition：认定之日前"
    )

    def rule(self) -> Retroactive:
        return Retroactive(self.months, self.anchor, self.provenance())


class EligibilitySpec(Sourced):
    self_pay: ThresholdSpec | None = Field(default=None, description="回溯期内政策范围内个人负担医疗费用不低于")
    look_back: Literal["application_months", "12_months", "calendar_year"] = Field(
        default="application_months",
        description="application_months：申请之月前12个月；12_months：申请日前12个月；calendar_year：申请当年",
    )
    household: bool = Field(default=True, description="合计共同生活家庭成员的个人负担")
    income_multiple: Multiple | None = Field(default=None, description="家庭人均收入低于低保标准的倍数")
    income_after_self_pay: bool = Field(default=False, description="家庭收入扣除个人负担的医疗费用后计算")
    retroactive: RetroactiveSpec | None = Field(default=None, description="认定后追溯救助：认定前多少个月的费用")

    @model_validator(mode="after")
    def _some_test(self) -> EligibilitySpec:
        if self.self_pay is None and self.income_multiple is None:
            raise Invalid("认定条件至少写 self_pay 或 income_multiple 之一", "如 {income_multiple: 2}")
        return self


class WarningSpec(Sourced):
    threshold: ThresholdSpec = Field(description="预警线：固定金额或居民人均可支配收入的比例")
    groups: Annotated[dict[Group, ThresholdSpec], BeforeValidator(_unique_groups)] | None = Field(
        default=None, description="按人群另设的预警线"
    )
    look_back: Literal["calendar_year", "12_months", "stay"] = Field(
        default="calendar_year", description="calendar_year：当年累计；12_months：近12个月累计；stay：单次住院"
    )
    cadence: Literal["ten_days", "monthly", "quarterly"] | None = Field(
        default=None, description="推送周期：ten_days 每旬；monthly 每月；quarterly 每季度；不写为随时推送"
    )
    exclude: list[Group] | None = Field(default=None, description="不预警的人群（如已全额救助的类别）")
    exclude_assisted: bool = Field(default=False, description="回溯期内已获医疗救助的人不预警")

    @model_validator(mode="after")
    def _no_own_threshold(self) -> WarningSpec:
        for name, spec in {"threshold": self.threshold, **(self.groups or {})}.items():
            if spec.assistance_threshold:
                raise Invalid("预警线不能引用医疗救助起付标准", "请写 amount 或 share_of_income", at=(name,))
        return self


Eligibility = dict[Category, EligibilitySpec]


def to_standards(spec: StandardsSpec | None) -> Standards:
    if spec is None:
        return Standards()
    return Standards(
        spec.dibao_monthly.standard() if spec.dibao_monthly is not None else None,
        spec.disposable_income.standard() if spec.disposable_income is not None else None,
    )


def to_deadlines(spec: DeadlinesSpec | None) -> Deadlines | None:
    if spec is None:
        return None
    steps = {
        name: StepLimit(limit) if isinstance(limit, int) else StepLimit(limit.days, limit.unit)
        for name, limit in spec.steps.items()
    }
    return Deadlines(steps, spec.provenance())


def to_eligibility(spec: Eligibility | None) -> dict[str, EligibilityRule]:
    return {
        name: RetroactiveRule(
            category=name,
            source=rule.provenance(),
            self_pay=rule.self_pay.threshold() if rule.self_pay is not None else None,
            look_back=rule.look_back,
            household=rule.household,
            income_multiple=rule.income_multiple,
            income_after_self_pay=rule.income_after_self_pay,
            retroactive=rule.retroactive.rule() if rule.retroactive is not None else None,
        )
        for name, rule in (spec or {}).items()
    }


def to_warning(spec: WarningSpec | None) -> WarningRule | None:
    if spec is None:
        return None
    return WarningRule(
        source=spec.provenance(),
        threshold=spec.threshold.threshold(),
        groups={k: v.threshold() for k, v in (spec.groups or {}).items()},
        look_back=spec.look_back,
        cadence=spec.cadence,
        exclude=tuple(spec.exclude or ()),
        exclude_assisted=spec.exclude_assisted,
    )


def _source(source: Source) -> dict[str, object]:
    out: dict[str, object] = {"source": source.text}
    if source.date is not None:
        out["date"] = source.date
    if source.url is not None:
        out["url"] = source.url
    return out


def _standard(standard: Standard) -> dict[str, object]:
    out = {"amount": standard.amount, **_source(standard.source)}
    return out | ({"year": standard.year} if standard.year is not None else {})


def _threshold(threshold: Threshold) -> dict[str, object]:
    if threshold.amount is not None:
        return {"amount": threshold.amount}
    if threshold.share_of_income is not None:
        return {"share_of_income": threshold.share_of_income}
    return {"assistance_threshold": True}


def _retroactive(rule: EligibilityRule) -> dict[str, object]:
    retro = rule.retroactive if isinstance(rule, RetroactiveRule) else None
    if retro is None:
        return {}
    return {"retroactive": {"months": retro.months, "anchor": retro.anchor, **_source(retro.source)}}


def mapping(policy: Policy) -> dict[str, object]:
    """The issue-15 keys of a policy as the mapping of its file (what an override merges over)."""
    data: dict[str, object] = {}
    s = policy.standards
    named = (("dibao_monthly", s.dibao_monthly), ("disposable_income", s.disposable_income))
    standards = {k: _standard(v) for k, v in named if v is not None}
    if standards:
        data["standards"] = standards
    if policy.deadlines is not None:
        d = policy.deadlines
        steps = {k: v.days if v.unit == "working" else {"days": v.days, "unit": v.unit} for k, v in d.steps.items()}
        data["deadlines"] = {**_source(d.source), "steps": steps}
    if policy.eligibility:
        data["eligibility"] = {
            name: {**_source(r.source), "look_back": r.look_back, "household": r.household,
                   "income_after_self_pay": r.income_after_self_pay}
            | ({"self_pay": _threshold(r.self_pay)} if r.self_pay is not None else {})
            | ({"income_multiple": r.income_multiple} if r.income_multiple is not None else {})
            | _retroactive(r)
            for name, r in policy.eligibility.items()
        }  # fmt: skip
    if policy.warning is not None:
        w = policy.warning
        warning: dict[str, object] = {**_source(w.source), "threshold": _threshold(w.threshold),
                                      "look_back": w.look_back, "exclude": list(w.exclude),
                                      "exclude_assisted": w.exclude_assisted}  # fmt: skip
        if w.cadence is not None:
            warning["cadence"] = w.cadence
        if w.groups:
            warning["groups"] = {k: _threshold(v) for k, v in w.groups.items()}
        data["warning"] = warning
    return data
