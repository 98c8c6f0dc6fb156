"""Banded tables mixing fixed scores and formulas.

"达到90%得10分，否则按实际知晓率×分值计算";
"90%以上（含90%）得5分，60%（含）-90%按分值乘以满意度计算得分，低于60%得0分";
"=0，计5分；0-10%（含），计4分；10-20%（含），计3分；20-30%（含），计2分；大于30%不得分";
"培训1000人以上得5分，800-1000人得3分，800人以下不得分" (bands in a unit of the actual).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.note_bounds import counted_alike
from medaid.evaluation.numbers import HUNDRED, ZERO, clamp, fmt
from medaid.evaluation.quantity import Comparator, comparable, is_met, raw_ratio, same_unit
from medaid.evaluation.rules.band_ladders import below_ladder as _below_ladder  # numbers family (s8): split out
from medaid.evaluation.rules.band_ladders import clear_of_deductions, mixed_deduction  # numbers family (s8 fix)
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, Value, cap_note, value_in_points
from medaid.evaluation.rules.unsigned_targets import unsigned_time  # numbers family (s8 fix)


@dataclass(frozen=True)
class Band:
    """One row of a banded rule: a range of the value and what it scores.

    ``low``/``high`` are in the value's unit (percentage points, or the unit of the rule); None is unbounded.
    The score is ``points`` when set, the weight − ``minus`` when ``full`` ("扣1分" from full marks), else
    分值 × value − ``minus``.
    """

    low: Decimal | None = None
    high: Decimal | None = None
    low_inclusive: bool = True
    high_inclusive: bool = False
    points: Decimal | None = None
    minus: Decimal = ZERO
    full: bool = False  # 计满分: the indicator's weight
    fraction: Decimal | None = None  # "得一半分", "得分值的80%": that share of the weight

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_inclusive)))

    def describe(self, unit: str = "%") -> str:
        if self.low is not None and self.high is not None and self.low == self.high:
            span = f"={fmt(self.low)}{unit}"
        else:
            left = "" if self.low is None else ("[" if self.low_inclusive else "(") + fmt(self.low) + unit
            right = "" if self.high is None else fmt(self.high) + unit + ("]" if self.high_inclusive else ")")
            if self.low is None:
                span = ("≤" if self.high_inclusive else "<") + right[:-1]
            elif self.high is None:
                span = ("≥" if self.low_inclusive else ">") + left[1:]
            else:
                span = f"{left}, {right}"
        if self.fraction is not None:
            return f"{span} 得分值的 {fmt(self.fraction * HUNDRED)}%"
        if self.full:
            return f"{span} 得满分" + (f"扣 {fmt(self.minus)} 分" if self.minus else "")
        if self.points is not None:
            return f"{span} 得 {fmt(self.points)} 分"
        minus = f" − {fmt(self.minus)}" if self.minus else ""
        return f"{span} 按 分值 × 实际值{minus}"

    def to_dict(self) -> dict[str, object]:
        return {
            "low": None if self.low is None else float(self.low),
            "high": None if self.high is None else float(self.high),
            "low_inclusive": self.low_inclusive,
            "high_inclusive": self.high_inclusive,
            "points": None if self.points is None else float(self.points),
            "minus": float(self.minus),
            "full": self.full,
            "fraction": None if self.fraction is None else float(self.fraction),
        }


def _relative_value(inputs: Inputs) -> Value | str:
    """The completion ratio, for bands written as shares of the target ("达到目标值80%以上")."""
    target, actual = inputs.target, inputs.actual
    if target is None or target.value is None:
        return "分档按目标值的百分比划分，缺少指标值（目标值）"
    if target.comparator in (Comparator.LE, Comparator.LT):
        return f"分档按目标值的百分比划分，而指标值“{target.describe()}”越低越好，完成比例的方向不明，需人工判断"
    if (unsigned := unsigned_time(target)) is not None:  # numbers family (s8 fix): "3天" is no "≥3天"
        return unsigned
    if actual is None or actual.value is None:
        return "缺少实际完成值，无法分档计分"
    ratio = raw_ratio(target, actual)
    if ratio is None:
        return f"实际“{actual.text}”无法与指标值“{target.text}”比较（单位不同或指标值为 0）"
    value = ratio * HUNDRED
    shown = f"{fmt(actual.value)}{actual.unit} ÷ {fmt(target.value)}{target.unit}"
    return Value(value, f"完成比例 = {shown} = {fmt(value.quantize(Decimal('0.0001')))}%", "completion")


def _unit_value(inputs: Inputs, unit: str) -> Value | str:
    """The actual in the bands' unit: a per-mille, a bare number, or a count or amount (10万元 and 100000元
    alike); never a value in another unit."""
    from medaid.evaluation.rules.formulas import permille

    actual = inputs.actual
    if actual is None or actual.value is None:
        return "缺少实际完成值，无法分档计分"
    if unit == "‰":
        points = permille(actual)
        if points is None:
            return f"分档以千分率（‰）划分，实际“{actual.text}”不是千分率"
        return Value(points, f"实际完成值 {fmt(points)}‰", "plain")
    if inputs.target is not None:
        actual = comparable(inputs.target, actual)
    value = actual.value
    assert value is not None
    if unit and actual.unit and not counted_alike(actual.unit, unit):  # session 7 fix round: 人次 is not 人
        return f"分档以“{unit}”计，实际“{actual.text}”以“{actual.unit}”计（人次不是人数），单位不同，无法分档"
    if not (actual.unit == unit or same_unit(actual.unit, unit)):
        shown = "没有单位" if not actual.unit else f"以“{actual.unit}”计"
        if unit or actual.unit:
            return f"分档以“{unit or '无单位数值'}”计，实际“{actual.text}”{shown}，单位不同，无法分档"
    return Value(value, f"实际完成值 {fmt(value)}{unit}", "plain")


def _ladder(holding: list[Band]) -> list[Band]:
    """Thresholds of one kind ("≥90%得5分；≥80%得3分") make a ladder: the highest step reached counts (the
    lowest for "≤" thresholds; of two at one number, the one that excludes it: "超额完成" before "完成"). Any
    other overlap is left as it is, to be refused when the scores differ."""
    if len(holding) > 1 and all(b.high is None and b.low is not None for b in holding):
        top = max(b.low for b in holding if b.low is not None)
        at_top = [b for b in holding if b.low == top]
        return [b for b in at_top if not b.low_inclusive] or at_top
    if len(holding) > 1 and all(b.low is None and b.high is not None for b in holding):
        bottom = min(b.high for b in holding if b.high is not None)
        at_bottom = [b for b in holding if b.high == bottom]
        return [b for b in at_bottom if not b.high_inclusive] or at_bottom
    return holding


def _best(band: Band, bands: tuple[Band, ...], weight: Decimal) -> bool:
    """The band scores the most of all bands."""

    def most(b: Band) -> Decimal:
        if b.fraction is not None:
            return weight * b.fraction
        return weight - b.minus if b.full else b.points if b.points is not None else weight

    return most(band) >= max(most(b) for b in bands)


@dataclass(frozen=True)
class Banded(Rule):
    """A value (a percentage, the completion ratio, or a count in ``unit``) falls into one of several bands.

    ``relative``: the bands are shares of the target ("达到目标值80%以上", "年度任务的90%以上"): the value
    is the completion ratio even when the actual is a percentage. ``unit``: "%" (percentage points, or the
    completion ratio of a count), "‰", "" (a bare number) or a unit of the actual (人, 元, 天) in which the
    bounds are written without 万. Open thresholds of one kind make a ladder ("≥90%得5分；≥80%得3分": the
    highest reached); a value in two other bands that score differently is refused. When every band scores
    less than the weight, a value in the best band that meets the target (or with no target) is left to the
    evaluator: the text may list only the levels below the target.
    """

    bands: tuple[Band, ...]
    on_completion: bool = False
    relative: bool = False
    unit: str = "%"
    # "比下达任务低5%以内": shares of a counted target; against a percentage target "5%" may as well be
    # percentage points, and the rule is refused
    counted: bool = False

    kind = "banded"
    label = "分档计分"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {"bands": [b.to_dict() for b in self.bands], "on_completion": self.on_completion,
                                  "relative": self.relative, "unit": self.unit}  # fmt: skip
        if self.counted:
            out["counted"] = True
        if self.two_sided():
            out["two_sided"] = True  # said for people and checks; read back from the bands themselves
        return out

    def two_sided(self) -> bool:
        """Best in a middle band and 0 on either side ("预算完成率超出正负10%不得分"): the score does not move
        one way as the value grows."""
        for middle in self.bands:
            if middle.low is None or middle.high is None or middle.points == ZERO:
                continue
            below = [b for b in self.bands if b.high is not None and b.high <= middle.low and b.points == ZERO]
            above = [b for b in self.bands if b.low is not None and b.low >= middle.high and b.points == ZERO]
            if below and above:
                return True
        return False

    def full_marks(self) -> Decimal | None:
        fixed = [b.points for b in self.bands if b.points is not None]
        return max(fixed) if fixed else self.declared_full

    def _value(self, inputs: Inputs) -> Value | str | None:
        if self.counted and (
            (inputs.target is not None and inputs.target.is_percent)
            or (inputs.actual is not None and inputs.actual.is_percent)
        ):
            return (
                "分档按比目标（任务）低多少划分，指标值或实际值为百分比时“低5%”可能指百分点，"
                "也可能指目标的5%，需人工判断"
            )
        if self.relative:
            return _relative_value(inputs)
        if self.unit != "%":
            return _unit_value(inputs, self.unit)
        return value_in_points(inputs, prefer_completion=self.on_completion)

    def _below_target(self, inputs: Inputs) -> bool:
        """Every bound of the bands lies below a "≥" target in their unit ("≥70%得3分,≥65%得1分" under a
        target of ≥75%): the bands are the levels short of the target, and meeting it earns the full marks."""
        target = inputs.target
        if target is None or target.value is None or self.relative or self.counted or self.unit != "%":
            return False
        if target.comparator not in (Comparator.GE, Comparator.GT) or not target.is_percent:
            return False
        bounds = [x for b in self.bands for x in (b.low, b.high) if x is not None]
        return bool(bounds) and all(x < target.value for x in bounds)

    def apply(self, inputs: Inputs) -> Outcome:
        found = self._value(inputs)
        if isinstance(found, str):
            return Outcome(None, found)
        if found is None:
            return Outcome(None, "缺少实际完成值（百分比或可与指标值比较的数值），无法分档计分")
        value, how = found.points, found.how
        if self.counted:  # the bands were written as a shortfall below the target
            short = max(ZERO, HUNDRED - value)
            how += f"，即比目标低 {fmt(short.quantize(Decimal('0.0001')))}%（按目标的百分比计）"
        holding = _ladder([b for b in self.bands if b.contains(value)])
        if not holding and (clear := clear_of_deductions(self.bands, value, self.unit)) is not None:
            return Outcome(inputs.weight, f"{how}，{clear}，得满分 {fmt(inputs.weight)} 分")  # numbers family (s8 fix)
        if not holding:
            below = _below_ladder(self.bands, value, self.unit)
            if below is not None:
                return Outcome(ZERO, f"{how}，{below}，不得分")
            return Outcome(None, f"{how}，不在规则所列任何一档内，需人工判断", needs_judgement=True)
        if len({(b.points, b.minus, b.full, b.fraction) for b in holding}) > 1:
            names = "、".join(f"“{b.describe(self.unit)}”" for b in holding)
            return Outcome(None, f"{how}，同时落在{names}几档，规则有歧义，需人工判断", needs_judgement=True)
        band = holding[0]
        if (mixed := mixed_deduction(band, self.bands, inputs.weight, self.unit)) is not None:  # numbers (s8 fix)
            return Outcome(None, f"{how}，{mixed}", needs_judgement=True)
        if band.fraction is not None:
            raw = inputs.weight * band.fraction
            arithmetic = f"得分 = {fmt(inputs.weight)} × {fmt(band.fraction * HUNDRED)}% = {fmt(raw)}"
        elif band.full:
            raw = inputs.weight - band.minus
            arithmetic = f"得满分 {fmt(inputs.weight)} 分" + (
                f"扣 {fmt(band.minus)} 分，得 {fmt(raw)} 分" if band.minus else ""
            )
        elif band.points is not None:
            raw = band.points
            arithmetic = f"得 {fmt(raw)} 分"
            if raw < inputs.weight and _best(band, self.bands, inputs.weight) and _meets(inputs):
                if self._below_target(inputs):
                    assert inputs.target is not None
                    return Outcome(
                        inputs.weight,
                        f"{how}，达到指标值 {inputs.target.describe()}；规则所列各档的分界均未达到指标值，是未达到"
                        f"指标值时的得分，达到指标值得满分 {fmt(inputs.weight)} 分",
                    )
                return Outcome(
                    None,
                    f"{how}，落在最高一档“{band.describe(self.unit)}”，该档 {fmt(raw)} 分低于本项分值 "
                    f"{fmt(inputs.weight)} 分，规则未写明达到指标值时是否得满分，需人工判断",
                    needs_judgement=True,
                )
        else:
            raw = inputs.weight * value / HUNDRED - band.minus
            minus = f" − {fmt(band.minus)}" if band.minus else ""
            arithmetic = f"得分 = {fmt(inputs.weight)} × {fmt(value)}%{minus} = {fmt(raw)}"
        score = clamp(raw, ZERO, inputs.weight)
        return Outcome(
            score, f"{how}，落在“{band.describe(self.unit)}”一档，{arithmetic}{cap_note(raw, inputs.weight)}"
        )


def _meets(inputs: Inputs) -> bool:
    """The actual meets the target, or there is no target to tell."""
    target, actual = inputs.target, inputs.actual
    if target is None or actual is None or (target.value is None and target.qualitative is None):
        return True
    if unsigned_time(target) is not None:  # numbers family (s8 fix): "3天" says no side: may be met (left open)
        return True
    return is_met(target, actual) is not False
