"""One claim through the layers, with the person's year-to-date totals (the desk path).

The amounts come from the settlement kernel (``kernel``) as a batch of one whose opening
balances are the person's year-to-date totals, so the desk and the batch share one
statement of the rules; this module adds the trace, the formulas in words.

基本医保 → 大病保险 → 医疗救助 → 倾斜救助 → a supplementary layer where the region has one.
A layer already paid by the insurance system (basic_paid, critical_paid, assistance_paid)
is taken as given, not recomputed. A claim without a category is an ordinary insured
person: no assistance layers and no tilt. What is lost for not being referred (未规范转诊)
is not covered by assistance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from medaid.money import to_fen, yuan_float, yuan_text
from medaid.policy import kernel
from medaid.policy.model import Policy
from medaid.policy.rules import Rules, compile_rules
from medaid.policy.steps import Linear, Segmented, bp


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


_COMPILED: dict[int, tuple[Policy, Rules]] = {}  # by id(policy); the policy is kept, so its id is not reused


def _rules(policy: Policy) -> Rules:
    cached = _COMPILED.get(id(policy))
    if cached is None or cached[0] is not policy:
        if len(_COMPILED) >= 64:
            _COMPILED.clear()
        cached = _COMPILED[id(policy)] = (policy, compile_rules([policy]))
    return cached[1]


_DESCRIBED: dict[tuple[int, bool], tuple[object, str]] = {}  # by id(layer); the layer is kept, as above


def _described(layer: object, tilt: bool, describe: Callable[[], str]) -> str:
    """A layer's function in words (the same for every claim), described once."""
    cached = _DESCRIBED.get((id(layer), tilt))
    if cached is None or cached[0] is not layer:
        if len(_DESCRIBED) >= 256:
            _DESCRIBED.clear()
        cached = _DESCRIBED[(id(layer), tilt)] = (layer, describe())
    return cached[1]


def _code(value: str, vocabulary: tuple[str, ...]) -> int:
    return vocabulary.index(value) if value in vocabulary else len(vocabulary)


def _one(value: int | None) -> np.ndarray | None:
    return None if value is None else np.array([value], np.int64)


def _given(value: int | None) -> np.ndarray | None:
    return None if value is None else np.ones(1, np.bool_)


def _in_kernel(rules: Rules, claim: Claim, ytd: YearToDate) -> tuple[kernel.Claims, kernel.Settled]:
    """The claim as a batch of one, opening with the person's year-to-date totals."""
    category = 0 if not claim.category else _code(claim.category, rules.categories) + 1
    claims = kernel.Claims(
        first=np.ones(1, np.bool_), period=np.zeros(1, np.int64),
        visit=np.array([_code(claim.visit_type, rules.visits)], np.int64),
        level=np.array([_code(claim.hospital_level or "", rules.levels)], np.int64),
        category=np.array([category], np.int64),
        total=np.array([claim.total], np.int64), in_scope=np.array([claim.in_scope], np.int64),
        referred=np.array([claim.referred], np.bool_),
        basic_paid=_one(claim.basic_paid), basic_given=_given(claim.basic_paid),
        critical_paid=_one(claim.critical_paid), critical_given=_given(claim.critical_paid),
        assistance_paid=_one(claim.assistance_paid), assistance_given=_given(claim.assistance_paid),
    )  # fmt: skip
    by_visit = np.array([[ytd.in_scope.get(v, 0) for v in rules.visits] + [0]], np.int64)
    opening = kernel.Opening(
        basic_raw=np.array([ytd.basic_raw], np.int64), in_scope=by_visit,
        critical_base=np.array([ytd.critical_base], np.int64),
        assistance_base=np.array([ytd.assistance_base], np.int64), tilted_base=np.array([ytd.tilted_base], np.int64),
    )  # fmt: skip
    return claims, kernel.settle(rules, claims, opening)


def _basic_formula(policy: Policy, claim: Claim) -> str:
    basic = policy.basic
    rule = basic.rule(claim.visit_type, claim.hospital_level) if basic else None
    if basic is None or rule is None:
        return "本政策未设基本医保该类就诊的报销规则，不予计算"
    deductible, ratio = to_fen(rule.deductible), bp(rule.ratio)
    cut = 0 if claim.referred else bp(basic.referral_cut)
    cap = None if basic.annual_cap is None else to_fen(basic.annual_cap)
    return (
        f"（政策范围内 {yuan_text(claim.in_scope, unit=False)} − 起付线 {yuan_text(deductible, unit=False)}）"
        f"× {(ratio - cut) / 100:g}%"
        + ("（未规范转诊，比例降低）" if cut else "")
        + ("" if cap is None else f"，年度最高支付 {yuan_text(cap, unit=False)} 元")
    )


def _trace(policy: Policy, claim: Claim, ytd: YearToDate, r: kernel.Settled, parts: list[int]) -> tuple[Step, ...]:
    given = "已由医保系统结算，按实际支付计"
    basic_text = given if claim.basic_paid is not None else _basic_formula(policy, claim)
    trace = [Step("基本医保", int(r.basic[0]), basic_text)]
    if claim.critical_paid is not None:
        trace.append(Step("大病保险", int(r.critical[0]), given))
    elif policy.critical is not None:
        critical, tilt = policy.critical, policy.critical.recipients if claim.category else None
        described = _described(critical, tilt is not None, lambda: Segmented.of(critical, tilt).describe())
        total = yuan_text(ytd.critical_base + int(r.critical_base[0]), unit=False)
        tilted_note = "（困难群众倾斜）" if tilt else ""
        text = f"年内经基本医保后政策范围内自付累计 {total} 元；{described}{tilted_note}"
        trace.append(Step("大病保险", int(r.critical[0]), text))
    if claim.category:
        layer = policy.assistance.get(claim.category)
        if claim.assistance_paid is not None:
            trace.append(Step("医疗救助", int(r.assistance[0]), given))
        elif layer is not None:
            excluded = int(r.excluded[0])
            note = f"；未规范转诊少报的 {yuan_text(excluded, unit=False)} 元不予救助" if excluded else ""
            text = f"{claim.category}：{_described(layer, False, lambda: Linear.of(layer).describe())}{note}"
            trace.append(Step("医疗救助", int(r.assistance[0]), text))
        layer_t = policy.tilted.get(claim.category)
        if layer_t is not None:
            described = _described(layer_t, False, lambda: Linear.of(layer_t).describe())
            trace.append(Step("倾斜救助", int(r.tilted[0]), f"{claim.category}：{described}"))
    remaining_in = claim.in_scope - int(r.basic[0] + r.critical[0] + r.assistance[0] + r.tilted[0])
    for extra, value in zip(policy.supplementary, parts, strict=True):
        if claim.category and (not extra.categories or claim.category in extra.categories):
            text = (
                f"目录内剩余 {yuan_text(remaining_in, unit=False)} × {extra.in_scope_ratio * 100:g}% + "
                f"目录外 {yuan_text(claim.total - claim.in_scope, unit=False)} × {extra.out_of_scope_ratio * 100:g}%"
            )
            trace.append(Step(extra.name, value, text))
    return tuple(trace)


def settle(policy: Policy, claim: Claim, ytd: YearToDate | None = None) -> tuple[Settled, YearToDate]:
    """Settle one claim; returns the result and the year-to-date totals after it."""
    ytd = ytd or YearToDate()
    rules = _rules(policy)
    claims, r = _in_kernel(rules, claim, ytd)
    left = r.out_of_pocket_in_scope
    parts = [int(p[0]) for p in kernel.supplementary_parts(rules, claims, left)[0]]
    result = Settled(
        basic=int(r.basic[0]), critical=int(r.critical[0]), assistance=int(r.assistance[0]),
        tilted=int(r.tilted[0]), supplementary=int(r.supplementary[0]),
        out_of_pocket_in_scope=int(left[0]), out_of_pocket_total=int(r.out_of_pocket_total[0]),
        trace=_trace(policy, claim, ytd, r, parts),
    )  # fmt: skip
    by_visit = dict(ytd.in_scope)
    by_visit[claim.visit_type] = by_visit.get(claim.visit_type, 0) + claim.in_scope
    after = replace(
        ytd,
        basic_raw=ytd.basic_raw + int(r.raw[0]),
        in_scope=by_visit,
        critical_base=ytd.critical_base + int(r.critical_base[0]),
        assistance_base=ytd.assistance_base + int(r.assistance_base[0]),
        tilted_base=ytd.tilted_base + int(r.tilted_base[0]),
    )
    return result, after
