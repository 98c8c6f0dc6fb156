"""The policy file (contract 4) as typed models: unknown keys, bad values and broken layers are
refused with the file, the line, the key path and the nearest known key (medaid.typed_yaml).

Categories, visit types and hospital levels are words of the one vocabulary
(medaid.vocab): aliases are accepted and canonicalised (低保 → 低保对象, 二甲 → 二级),
two spellings of one word in the same place are refused, and an unknown word is refused
naming the nearest valid one. :func:`to_policy` builds the frozen dataclasses of
medaid.policy.model that the step functions read.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from medaid.policy import case_keys
from medaid.policy.model import (
    Assistance,
    Basic,
    BasicRule,
    Critical,
    Policy,
    Segment,
    SubsidyRule,
    Supplementary,
    Tilt,
)
from medaid.typed_yaml import FileModel, Invalid, IsoDate, Number, Text, Yuan
from medaid.vocab import Vocabulary, lookup, unknown

RATIO_HINT = "比例请写 0 到 1 之间的小数，如 70% 写 0.7"
Ratio = Annotated[Number, Field(ge=0, le=1, json_schema_extra={"hint": RATIO_HINT})]
Amount = Annotated[Yuan, Field(ge=0, json_schema_extra={"hint": "金额以元为单位"})]
Factor = Annotated[Number, Field(ge=0)]


def _word(vocabulary: Vocabulary) -> Callable[[object], str]:
    def check(value: object) -> str:
        found = lookup(vocabulary, str(value))
        if found is None:
            raise Invalid(*unknown(vocabulary, value))
        return found

    return check


def _unique(vocabulary: Vocabulary) -> Callable[[object], object]:
    """Canonicalise the keys of a mapping; two spellings of one word are refused at the second."""

    def check(value: object) -> object:
        if not isinstance(value, dict):
            return value
        seen: dict[str, str] = {}
        out: dict[object, object] = {}
        for key, item in value.items():
            name = lookup(vocabulary, str(key)) or key
            if name in seen:
                what = f"“{key}”与“{seen[name]}”是同一{vocabulary.label}（{name}）"
                raise Invalid(what, "请合并为一处", at=(str(key),))
            seen[str(name)] = str(key)
            out[name] = item
        return out

    return check


Category = Annotated[str, BeforeValidator(_word(Vocabulary.CATEGORY))]
Level = Annotated[str, BeforeValidator(_word(Vocabulary.HOSPITAL_LEVEL))]
CATEGORY_KEYS = BeforeValidator(_unique(Vocabulary.CATEGORY))


class SubsidySpec(FileModel):
    ratio: Ratio | None = Field(default=None, description="个人缴费的资助比例")
    amount: Amount | None = Field(default=None, description="定额资助（元）")

    @model_validator(mode="after")
    def _one_of(self) -> SubsidySpec:
        if (self.ratio is None) == (self.amount is None):
            raise Invalid(
                "资助参保应写 ratio（个人缴费的比例）或 amount（定额）之一", "如 {ratio: 0.9} 或 {amount: 175}"
            )
        return self


class BasicRuleSpec(FileModel):
    deductible: Amount = Field(default=Decimal(0), description="起付线（元）")
    ratio: Ratio = Field(description="报销比例")
    per: Literal["admission", "year"] = Field(default="admission", description="起付线按每次住院或每年一次")


LevelRules = Annotated[dict[Level, BasicRuleSpec], BeforeValidator(_unique(Vocabulary.HOSPITAL_LEVEL))]


class BasicSpec(FileModel):
    """基本医保: a mapping of hospital levels under each visit type, and two yearly parameters."""

    inpatient: LevelRules | None = Field(default=None, alias="住院")
    outpatient: LevelRules | None = Field(default=None, alias="门诊")
    chronic: LevelRules | None = Field(default=None, alias="门诊慢特病")
    annual_cap: Amount | None = Field(default=None, description="年度最高支付限额（元）")
    referral_cut: Ratio = Field(default=Decimal(0), description="未规范转诊降低的报销比例")

    @model_validator(mode="before")
    @classmethod
    def _visit_types(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        out: dict[object, object] = {}
        seen: dict[object, object] = {}
        for key, item in value.items():
            name = key if key in ("annual_cap", "referral_cut") else lookup(Vocabulary.VISIT_TYPE, str(key)) or key
            if name in out:
                raise Invalid(f"“{key}”与“{seen[name]}”是同一就诊类型（{name}）", "请合并为一处", at=(str(key),))
            out[name], seen[name] = item, key
        return out

    @classmethod
    def unknown_key(cls, key: str) -> tuple[str, str]:
        what, fix = unknown(Vocabulary.VISIT_TYPE, key)
        return what, f"{fix}；或 annual_cap、referral_cut"

    def rules(self) -> dict[tuple[str, str], BasicRule]:
        out: dict[tuple[str, str], BasicRule] = {}
        for visit, levels in (("住院", self.inpatient), ("门诊", self.outpatient), ("门诊慢特病", self.chronic)):
            for level, rule in (levels or {}).items():
                out[(visit, level)] = BasicRule(deductible=rule.deductible, ratio=rule.ratio, per=rule.per)
        return out


class SegmentSpec(FileModel):
    upto: Amount | None = Field(default=None, description="本段上限（元）；最后一段不写")
    ratio: Ratio = Field(description="本段支付比例")


class TiltSpec(FileModel):
    threshold_factor: Factor = Field(default=Decimal(1), description="起付线乘数（如 0.5 为降低一半）")
    ratio_add: Ratio = Field(default=Decimal(0), description="各段比例提高的百分点（小数）")
    cap: Amount | None = Field(default=None, description="困难群众的封顶线（元）；null 为不封顶")


class CriticalSpec(FileModel):
    threshold: Amount = Field(default=Decimal(0), description="起付线（元）")
    basis: Literal["cumulative", "excess"] = Field(
        default="cumulative", description="cumulative：分段按累计金额；excess：分段按超过起付线的部分"
    )
    segments: list[SegmentSpec] = Field(
        min_length=1,
        description="分段",
        json_schema_extra={"hint": "如 [{upto: 30000, ratio: 0.6}, {ratio: 0.7}]"},
    )
    cap: Amount | None = Field(default=None, description="封顶线（元）")
    recipients: TiltSpec | None = Field(default=None, description="对救助对象的倾斜")

    @model_validator(mode="after")
    def _ordered(self) -> CriticalSpec:
        last = len(self.segments) - 1
        previous: Decimal | None = None
        for i, segment in enumerate(self.segments):
            if segment.upto is None and i != last:
                raise Invalid(
                    "只有最后一段可以不写 upto", "请按金额从小到大排列，最后一段不写 upto", at=("segments", i)
                )
            if segment.upto is not None and previous is not None and segment.upto <= previous:
                raise Invalid("分段的 upto 应从小到大排列", "请调整分段顺序", at=("segments", i, "upto"))
            previous = segment.upto
        return self


class AssistanceSpec(FileModel):
    threshold: Amount = Field(default=Decimal(0), description="年度起付标准（元）")
    ratio: Ratio = Field(description="救助比例")
    annual_limit: Amount | None = Field(default=None, description="年度救助限额（元），门诊住院共用")


class SupplementarySpec(FileModel):
    name: Text | None = Field(default=None, description="名称，如 重大疾病补充保险")
    in_scope_ratio: Ratio = Field(default=Decimal(0), description="目录内剩余部分的比例")
    out_of_scope_ratio: Ratio = Field(default=Decimal(0), description="目录外部分的比例")
    categories: list[Category] | None = Field(default=None, description="适用的救助类别；不写为所有救助对象")


class PremiumSpec(FileModel):
    individual: Amount | None = Field(default=None, description="城乡居民医保个人缴费标准（元/人·年）")


class PolicyFile(FileModel):
    """A policy parameter file (contract 4)."""

    region: Text | None = Field(default=None, description="地区")
    valid_from: IsoDate = Field(description="生效日期", json_schema_extra={"hint": "请写成 2023-01-01"})
    source: Text | None = Field(default=None, description="依据文件及文号")
    premium: PremiumSpec | None = None
    subsidy: Annotated[dict[Category, SubsidySpec], CATEGORY_KEYS] | None = None
    basic: BasicSpec | None = None
    critical: CriticalSpec | None = None
    assistance: Annotated[dict[Category, AssistanceSpec], CATEGORY_KEYS] | None = None
    tilted: Annotated[dict[Category, AssistanceSpec], CATEGORY_KEYS] | None = None
    supplementary: list[SupplementarySpec] | None = None
    standards: case_keys.StandardsSpec | None = Field(
        default=None, description="当地标准：低保标准、居民人均可支配收入"
    )
    deadlines: case_keys.DeadlinesSpec | None = Field(default=None, description="依申请救助各环节的办理时限")
    eligibility: Annotated[case_keys.Eligibility, CATEGORY_KEYS] | None = Field(
        default=None, description="审核认定条件，按救助类别"
    )
    warning: case_keys.WarningSpec | None = Field(default=None, description="高额费用预警规则")

    @field_validator("premium", "basic", "critical", mode="before")
    @classmethod
    def _empty_is_absent(cls, value: object) -> object:
        return None if value == {} else value  # `critical: {}` names no layer, as before

    @model_validator(mode="after")
    def _references(self) -> PolicyFile:
        """A threshold that names the income or an assistance threshold finds it in the same file."""
        income = self.standards is not None and self.standards.disposable_income is not None
        if self.warning is not None and not income:
            named = {"threshold": self.warning.threshold, **(self.warning.groups or {})}
            for key, spec in named.items():
                if spec.share_of_income is not None:
                    at = ("warning", "threshold") if key == "threshold" else ("warning", "groups", key)
                    what = "预警线按居民人均可支配收入的比例计算，但文件没有写 standards.disposable_income"
                    raise Invalid(what, "请在 standards 下写 disposable_income: {amount: …, year: …, source: …}", at=at)
        for name, rule in (self.eligibility or {}).items():
            if rule.self_pay is not None and rule.self_pay.assistance_threshold and name not in (self.assistance or {}):
                raise Invalid(f"{name}的认定条件引用医疗救助起付标准，但 assistance 下没有{name}",
                              f"请在 assistance 下写{name}的 threshold，或改写 self_pay 的金额",
                              at=("eligibility", name, "self_pay"))  # fmt: skip
        return self


def _layer(section: dict[str, AssistanceSpec] | None) -> dict[str, Assistance]:
    return {
        name: Assistance(category=name, threshold=spec.threshold, ratio=spec.ratio, annual_limit=spec.annual_limit)
        for name, spec in (section or {}).items()
    }


def _critical(spec: CriticalSpec) -> Critical:
    tilt = None
    if spec.recipients is not None:
        r = spec.recipients
        tilt = Tilt(r.threshold_factor, r.ratio_add, r.cap, cap_given="cap" in r.model_fields_set)
    segments = tuple(Segment(s.upto, s.ratio) for s in spec.segments)
    return Critical(threshold=spec.threshold, basis=spec.basis, segments=segments, cap=spec.cap, recipients=tilt)


def to_policy(spec: PolicyFile, *, file: str, digest: str) -> Policy:
    """The dataclasses the step functions read."""
    basic = spec.basic
    return Policy(
        region=spec.region or "",
        valid_from=spec.valid_from,
        source=spec.source or "",
        file=file,
        digest=digest,
        premium=spec.premium.individual if spec.premium is not None else None,
        subsidy={k: SubsidyRule(ratio=v.ratio, amount=v.amount) for k, v in (spec.subsidy or {}).items()},
        basic=Basic(basic.rules(), basic.annual_cap, basic.referral_cut) if basic is not None else None,
        critical=_critical(spec.critical) if spec.critical is not None else None,
        assistance=_layer(spec.assistance),
        tilted=_layer(spec.tilted),
        supplementary=tuple(
            Supplementary(s.name or "补充保险", s.in_scope_ratio, s.out_of_scope_ratio, tuple(s.categories or ()))
            for s in spec.supplementary or ()
        ),
        standards=case_keys.to_standards(spec.standards),
        deadlines=case_keys.to_deadlines(spec.deadlines),
        eligibility=case_keys.to_eligibility(spec.eligibility),
        warning=case_keys.to_warning(spec.warning),
    )
