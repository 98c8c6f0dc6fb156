"""Banded tables mixing fixed scores and formulas.

"达到90%得10分，否则按实际知晓率×分值计算";
"90%以上（含90%）得5分，60%（含）-90%按分值乘以满意度计算得分，低于60%得0分";
"=0，计5分；0-10%（含），计4分；10-20%（含），计3分；20-30%（含），计2分；大于30%不得分".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, ZERO, clamp, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, cap_note, value_in_points


@dataclass(frozen=True)
class Band:
    """One row of a banded rule: a range of the value and what it scores.

    ``low``/``high`` are in the value's unit (percentage points); None is unbounded.
    The score is ``points`` when set, else 分值 × value − ``minus``.
    """

    low: Decimal | None = None
    high: Decimal | None = None
    low_inclusive: bool = True
    high_inclusive: bool = False
    points: Decimal | None = None
    minus: Decimal = ZERO
    full: bool = False  # 计满分: the indicator's weight

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_inclusive)))

    def describe(self) -> str:
        if self.low is not None and self.high is not None and self.low == self.high:
            span = f"={fmt(self.low)}%"
        else:
            left = "" if self.low is None else ("[" if self.low_inclusive else "(") + fmt(self.low) + "%"
            right = "" if self.high is None else fmt(self.high) + "%" + ("]" if self.high_inclusive else ")")
            if self.low is None:
                span = ("≤" if self.high_inclusive else "<") + right[:-1]
            elif self.high is None:
                span = ("≥" if self.low_inclusive else ">") + left[1:]
            else:
                span = f"{left}, {right}"
        if self.full:
            return f"{span} 得满分"
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
        }


@dataclass(frozen=True)
class Banded(Rule):
    """A value (a percentage, or the completion ratio) falls into one of several bands."""

    bands: tuple[Band, ...]
    on_completion: bool = False

    kind = "banded"
    label = "分档计分"

    def params(self) -> dict[str, object]:
        return {"bands": [b.to_dict() for b in self.bands], "on_completion": self.on_completion}

    def full_marks(self) -> Decimal | None:
        fixed = [b.points for b in self.bands if b.points is not None]
        return max(fixed) if fixed else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        found = value_in_points(inputs, prefer_completion=self.on_completion)
        if found is None:
            return Outcome(None, "缺少实际完成值（百分比或可与指标值比较的数值），无法分档计分")
        value, how = found.points, found.how
        for band in self.bands:
            if band.contains(value):
                if band.full:
                    raw = inputs.weight
                    arithmetic = f"得满分 {fmt(raw)} 分"
                elif band.points is not None:
                    raw = band.points
                    arithmetic = f"得 {fmt(raw)} 分"
                else:
                    raw = inputs.weight * value / HUNDRED - band.minus
                    minus = f" − {fmt(band.minus)}" if band.minus else ""
                    arithmetic = f"得分 = {fmt(inputs.weight)} × {fmt(value)}%{minus} = {fmt(raw)}"
                score = clamp(raw, ZERO, inputs.weight)
                return Outcome(
                    score,
                    f"{how}，落在“{band.describe()}”一档，{arithmetic}{cap_note(raw, inputs.weight)}",
                )
        return Outcome(None, f"{how}，不在规则所列任何一档内，需人工判断", needs_judgement=True)
