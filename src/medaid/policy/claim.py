"""One claim through the layers, with the person's year-to-date totals (the desk path).

基本医保 → 大病保险 → 医疗救助 → 倾斜救助 → a supplementary layer where the region has one.
A layer already paid by the insurance system (basic_paid, critical_paid, assistance_paid)
is taken as given, not recomputed. A claim without a category is an ordinary insured
person: no assistance layers and no tilt. What is lost for not being referred (未规范转诊)
is not covered by assistance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from medaid.money import half_up, to_fen, yuan_float, yuan_text
from medaid.policy.model import Policy
from medaid.policy.steps import BP, Linear, Segmented, bp, increment


@dataclass(frozen=True)
class Claim:
    visit_type: str
    date: dt.date
    total: int  # fen
    in_scope: int  # fen
    category: str | None = None
    hospital_level: str | None = None
    referred: bool = True
    basic_paid: int | None = None
    critical_paid: int | None = None
    assistance_paid: int | None = None


@dataclass(frozen=True)
class YearToDate:
    """The person's cumulative bases this year, before the claim (fen; basic raw in fen × BP)."""

    basic_raw: int = 0
    in_scope: dict[str, int] = field(default_factory=dict)  # by visit type, for yearly deductibles
    critical_base: int = 0
    assistance_base: int = 0
    tilted_base: int = 0


@dataclass(frozen=True)
class Step:
    layer: str
    amount: int  # fen
    formula: str


@dataclass(frozen=True)
class Settled:
    basic: int
    critical: int
    assistance: int
    tilted: int
    supplementary: int
    out_of_pocket_in_scope: int
    out_of_pocket_total: int
    trace: tuple[Step, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "basic": yuan_float(self.basic),
            "critical": yuan_float(self.critical),
            "assistance": yuan_float(self.assistance),
            "tilted": yuan_float(self.tilted),
            "supplementary": yuan_float(self.supplementary),
            "out_of_pocket_in_scope": yuan_float(self.out_of_pocket_in_scope),
            "out_of_pocket_total": yuan_float(self.out_of_pocket_total),
            "trace": [{"layer": s.layer, "amount": yuan_float(s.amount), "formula": s.formula} for s in self.trace],
        }


def _basic(policy: Policy, claim: Claim, ytd: YearToDate) -> tuple[int, int, int, str]:
    """(paid, raw added in fen × BP, what referral would have added, formula)."""
    basic = policy.basic
    rule = basic.rule(claim.visit_type, claim.hospital_level) if basic else None
    if basic is None or rule is None:
        return 0, 0, 0, "本政策未设基本医保该类就诊的报销规则，不予计算"
    deductible = to_fen(rule.deductible)
    sign = -1 if claim.in_scope < 0 else 1
    if rule.per == "year":
        before = ytd.in_scope.get(claim.visit_type, 0)
        eligible = max(0, before + claim.in_scope - deductible) - max(0, before - deductible)
    else:
        eligible = sign * max(0, abs(claim.in_scope) - deductible)
    ratio = bp(rule.ratio)
    cut = 0 if claim.referred else bp(basic.referral_cut)
    raw = eligible * max(0, ratio - cut)
    raw_if_referred = eligible * ratio
    cap = None if basic.annual_cap is None else to_fen(basic.annual_cap)

    def entitled(cum_raw: int) -> int:
        value = half_up(cum_raw, BP)
        return value if cap is None else min(cap, value)

    paid = entitled(ytd.basic_raw + raw) - entitled(ytd.basic_raw)
    lost = entitled(ytd.basic_raw + raw_if_referred) - entitled(ytd.basic_raw) - paid
    formula = (
        f"（政策范围内 {yuan_text(claim.in_scope, unit=False)} − 起付线 {yuan_text(deductible, unit=False)}）"
        f"× {(ratio - cut) / 100:g}%"
        + ("（未规范转诊，比例降低）" if cut else "")
        + ("" if cap is None else f"，年度最高支付 {yuan_text(cap, unit=False)} 元")
    )
    return paid, raw, lost, formula


def settle(policy: Policy, claim: Claim, ytd: YearToDate | None = None) -> tuple[Settled, YearToDate]:
    """Settle one claim; returns the result and the year-to-date totals after it."""
    ytd = ytd or YearToDate()
    trace: list[Step] = []
    basic, raw, lost, formula = _basic(policy, claim, ytd)
    if claim.basic_paid is not None:
        basic, lost, formula = claim.basic_paid, 0, "已由医保系统结算，按实际支付计"
        raw = claim.basic_paid * BP
    trace.append(Step("基本医保", basic, formula))
    critical_base = claim.in_scope - basic
    critical = 0
    if claim.critical_paid is not None:
        critical = claim.critical_paid
        trace.append(Step("大病保险", critical, "已由医保系统结算，按实际支付计"))
    elif policy.critical is not None:
        tilt = policy.critical.recipients if claim.category else None
        function = Segmented.of(policy.critical, tilt)
        critical = increment(function, ytd.critical_base, critical_base)
        total = yuan_text(ytd.critical_base + critical_base, unit=False)
        tilted_note = "（困难群众倾斜）" if tilt else ""
        text = f"年内经基本医保后政策范围内自付累计 {total} 元；{function.describe()}{tilted_note}"
        trace.append(Step("大病保险", critical, text))
    assistance = tilted = 0
    # only claims made while a recipient count towards the assistance thresholds and limits
    own = critical_base - critical
    # what was lost for want of a referral is the person's own, never more than their own pay
    excluded = max(min(lost, max(own, 0)), min(own, 0))
    assistance_base = own - excluded if claim.category else 0
    tilted_base = 0
    if claim.category:
        layer = policy.assistance.get(claim.category)
        if claim.assistance_paid is not None:
            assistance = claim.assistance_paid
            trace.append(Step("医疗救助", assistance, "已由医保系统结算，按实际支付计"))
        elif layer is not None:
            function_a = Linear.of(layer)
            assistance = increment(function_a, ytd.assistance_base, assistance_base)
            note = f"；未规范转诊少报的 {yuan_text(excluded, unit=False)} 元不予救助" if excluded else ""
            trace.append(Step("医疗救助", assistance, f"{claim.category}：{function_a.describe()}{note}"))
        tilted_base = assistance_base - assistance
        layer_t = policy.tilted.get(claim.category)
        if layer_t is not None:
            function_t = Linear.of(layer_t)
            tilted = increment(function_t, ytd.tilted_base, tilted_base)
            trace.append(Step("倾斜救助", tilted, f"{claim.category}：{function_t.describe()}"))
    supplementary = 0
    for extra in policy.supplementary:
        if claim.category and (not extra.categories or claim.category in extra.categories):
            remaining_in = claim.in_scope - basic - critical - assistance - tilted
            out_of_scope = claim.total - claim.in_scope
            value = half_up(remaining_in * bp(extra.in_scope_ratio) + out_of_scope * bp(extra.out_of_scope_ratio), BP)
            supplementary += value
            text = (
                f"目录内剩余 {yuan_text(remaining_in, unit=False)} × {extra.in_scope_ratio * 100:g}% + "
                f"目录外 {yuan_text(out_of_scope, unit=False)} × {extra.out_of_scope_ratio * 100:g}%"
            )
            trace.append(Step(extra.name, value, text))
    in_scope_left = claim.in_scope - basic - critical - assistance - tilted
    result = Settled(
        basic=basic,
        critical=critical,
        assistance=assistance,
        tilted=tilted,
        supplementary=supplementary,
        out_of_pocket_in_scope=in_scope_left,
        out_of_pocket_total=claim.total - basic - critical - assistance - tilted - supplementary,
        trace=tuple(trace),
    )
    by_visit = dict(ytd.in_scope)
    by_visit[claim.visit_type] = by_visit.get(claim.visit_type, 0) + claim.in_scope
    after = replace(
        ytd,
        basic_raw=ytd.basic_raw + raw,
        in_scope=by_visit,
        critical_base=ytd.critical_base + critical_base,
        assistance_base=ytd.assistance_base + assistance_base,
        tilted_base=ytd.tilted_base + tilted_base,
    )
    return result, after
