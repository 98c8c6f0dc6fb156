"""Policy parameters (contract 4) as typed values: 元 and ratios as Decimal, as people write them.

``steps`` and ``rules`` turn them into fen and basis points for the kernel; nothing here computes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# Hospital levels the basic rules read as 一级 when they name no rule of their own ("": no level given);
# the one-claim lookup (``Basic.rule``) and the kernel's level codes (``rules``) share it.
LEVEL_ALIASES = ("基层", "未定级", "")


@dataclass(frozen=True)
class Assistance:
    """医疗救助 (or 倾斜救助) for one category: yearly threshold (元), ratio, yearly limit (元)
    shared by outpatient and inpatient care."""

    category: str
    threshold: Decimal
    ratio: Decimal
    annual_limit: Decimal | None


@dataclass(frozen=True)
class BasicRule:
    """基本医保 for one visit type and hospital level."""

    deductible: Decimal  # 起付线 (元)
    ratio: Decimal  # 报销比例
    per: str = "admission"  # the deductible applies per admission (住院) or once a "year"


@dataclass(frozen=True)
class Basic:
    rules: dict[tuple[str, str], BasicRule]  # (visit type, hospital level) → rule
    annual_cap: Decimal | None  # 年度最高支付限额 (元)
    referral_cut: Decimal = Decimal(0)  # ratio points lost when not referred (未规范转诊)

    def rule(self, visit: str, level: str | None) -> BasicRule | None:
        found = self.rules.get((visit, level or ""))
        if found is None and (level or "") in LEVEL_ALIASES:
            found = self.rules.get((visit, "一级"))
        return found


@dataclass(frozen=True)
class Segment:
    upto: Decimal | None  # upper bound of the segment (元); None for the last
    ratio: Decimal


@dataclass(frozen=True)
class Tilt:
    """大病保险 tilt for assistance recipients: lower threshold, higher ratios, another cap."""

    threshold_factor: Decimal = Decimal(1)
    ratio_add: Decimal = Decimal(0)
    cap: Decimal | None = None
    cap_given: bool = False  # the file says cap (null means: no cap)


@dataclass(frozen=True)
class Critical:
    """大病保险 on the yearly cumulative in-scope self-pay after basic insurance."""

    threshold: Decimal
    basis: str  # "cumulative": segments on the cumulative amount; "excess": on the part above the threshold
    segments: tuple[Segment, ...]
    cap: Decimal | None
    recipients: Tilt | None = None


@dataclass(frozen=True)
class Supplementary:
    """A layer after the others where a region has one (Fuliang's 重大疾病补充保险:
    目录内 90 %, 目录外 75 % of what remains)."""

    name: str
    in_scope_ratio: Decimal
    out_of_scope_ratio: Decimal
    categories: tuple[str, ...]  # empty: everyone with a category


@dataclass(frozen=True)
class SubsidyRule:
    ratio: Decimal | None = None  # of the individual premium
    amount: Decimal | None = None  # a fixed amount (元)


@dataclass(frozen=True)
class Policy:
    region: str
    valid_from: dt.date
    source: str
    file: str
    digest: str
    premium: Decimal | None = None
    subsidy: dict[str, SubsidyRule] = field(default_factory=dict)
    basic: Basic | None = None
    critical: Critical | None = None
    assistance: dict[str, Assistance] = field(default_factory=dict)
    tilted: dict[str, Assistance] = field(default_factory=dict)
    supplementary: tuple[Supplementary, ...] = ()
    standards: Standards = field(default_factory=lambda: Standards())
    deadlines: Deadlines | None = None
    eligibility: dict[str, EligibilityRule] = field(default_factory=dict)
    warning: WarningRule | None = None


# --- dated keys of issue 15 (依申请救助): local standards, deadlines, eligibility, warning rule ---


@dataclass(frozen=True)
class Source:
    """Where a number comes from: the document (title and 文号), its date, and where it was read."""

    text: str
    date: dt.date | None = None
    url: str | None = None

    def describe(self) -> str:
        return self.text + (f"（{self.date}）" if self.date is not None else "")


@dataclass(frozen=True)
class Standard:
    """A local standard in 元: 低保标准 (per person and month) or 居民人均可支配收入 (per person and year)."""

    amount: Decimal
    source: Source
    year: int | None = None  # the statistical year (上年度) of an income figure


@dataclass(frozen=True)
class Standards:
    dibao_monthly: Standard | None = None  # 最低生活保障标准（元/人·月）
    disposable_income: Standard | None = None  # 居民人均可支配收入（元/人·年）


@dataclass(frozen=True)
class StepLimit:
    days: int
    unit: str = "working"  # "working": 工作日; "calendar": 自然日


@dataclass(frozen=True)
class Deadlines:
    """办理时限: each workflow step (Chinese name) → its limit, counted from the previous step's date."""

    steps: dict[str, StepLimit]
    source: Source


@dataclass(frozen=True)
class Threshold:
    """An amount (元), a share of 居民人均可支配收入, or the category's own 医疗救助起付标准."""

    amount: Decimal | None = None
    share_of_income: Decimal | None = None
    assistance_threshold: bool = False


@dataclass(frozen=True)
class EligibilityRule:
    """How 审核 recognises a category from data (因病致贫重病患者, 低保边缘家庭成员 …)."""

    category: str
    source: Source
    self_pay: Threshold | None = None  # in-scope self-pay over the look-back at least this
    look_back: str = "application_months"  # application_months | 12_months | calendar_year
    household: bool = True  # the self-pay of every household member counts
    income_multiple: Decimal | None = None  # income per person below this multiple of the 低保 line
    income_after_self_pay: bool = False  # income counted after deducting the self-pay


@dataclass(frozen=True)
class WarningRule:
    """高额费用预警 as the region's policy says."""

    source: Source
    threshold: Threshold
    groups: dict[str, Threshold] = field(default_factory=dict)
    look_back: str = "calendar_year"  # calendar_year | 12_months | stay
    cadence: str | None = None  # ten_days | monthly | quarterly; None: pushed whenever someone pushes
    exclude: tuple[str, ...] = ()  # groups never warned (already assisted categories)
    exclude_assisted: bool = False  # people who received 医疗救助 in the look-back are not warned
