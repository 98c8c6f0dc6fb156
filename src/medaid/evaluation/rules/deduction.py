"""Per-step deductions: per percentage point (or per step of another unit) away from a reference.

Per-case deductions ("每发现1例扣0.5分") are in ``cases``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, value_in_points


class Direction(StrEnum):
    BELOW = "below"  # 每低于 / 每减少 / 每少于
    ABOVE = "above"  # 每高于 / 每超过 / 每超出


class Partial(StrEnum):
    """How a part of a step counts. The text rarely says; the choice must be explicit.

    linear: proportionally (96.2% against 100% with 1 point per point deducts 3.8) — default;
    floor: only whole steps deduct (88% with 2 per 5% deducts 2 × 2 = 4);
    ceil: any part of a step deducts a whole step.
    """

    LINEAR = "linear"
    FLOOR = "floor"
    CEIL = "ceil"


_DIRECTION_WORDS = {Direction.BELOW: "低于", Direction.ABOVE: "高于"}
PARTIAL_WORDS = {Partial.LINEAR: "按比例", Partial.FLOOR: "按整档", Partial.CEIL: "不足一档按一档"}


def _steps(distance: Decimal, step: Decimal, partial: Partial) -> Decimal:
    exact = distance / step
    if partial is Partial.FLOOR:
        return Decimal(math.floor(exact))
    if partial is Partial.CEIL:
        return Decimal(math.ceil(exact))
    return exact


@dataclass(frozen=True)
class PerPoint(Rule):
    """每低于/每高于/每超过 N 个百分点扣 X 分，扣完为止。

    Examples: "100%完成得6分，每低于1个百分点，扣1分，扣完为止" (96.2% → 2.2);
    "≤15%得2分，每高于1个百分点，扣0.5分"; "100%计满分，每低于5%扣2分" (step 5);
    "≤15天得5分，每超过1天扣1分" (a step in days: ``unit`` = "天").
    ``reference`` is the value at which deduction starts, in the unit of the value
    (percentage points for percentages). None: the target, or 100%.
    ``full`` is the rule's own full marks; None means the indicator's weight.
    Limits the text may add: ``zero_beyond`` (低于80%不得分 — no score past this value),
    ``max_deduction`` (最多扣3分), ``min_score`` (最低得2分).
    """

    direction: Direction
    step: Decimal
    points: Decimal
    reference: Decimal | None = None
    full: Decimal | None = None
    partial: Partial = Partial.LINEAR
    on_completion: bool = False  # "每低于目标值…": against the target rather than a written value
    unit: str | None = None  # None: percentage points; else a unit of the actual (天, 人, 次)
    zero_beyond: Decimal | None = None
    max_deduction: Decimal | None = None
    min_score: Decimal | None = None
    explicit_reading: bool = False  # the text (or the file) says how part of a step counts

    kind = "per_point"
    label = "按百分点扣分"
    reading_option = "partial: floor"

    def reading(self) -> str:
        return f"{PARTIAL_WORDS[self.partial]}扣分"

    def reading_name(self, key: str) -> str:
        return f"{PARTIAL_WORDS[Partial(key)]}扣分"

    def params(self) -> dict[str, object]:
        def num(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        return {
            "direction": self.direction.value,
            "step": float(self.step),
            "points": float(self.points),
            "reference": num(self.reference),
            "full": num(self.full),
            "partial": self.partial.value,
            "on_completion": self.on_completion,
            "unit": self.unit,
            "zero_beyond": num(self.zero_beyond),
            "max_deduction": num(self.max_deduction),
            "min_score": num(self.min_score),
        }

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def _value(self, inputs: Inputs) -> tuple[Decimal, str, Decimal | None, str] | None:
        """The value, how it was found, the reference it is compared with, and the unit."""
        target = inputs.target
        if self.unit is not None:  # a step in days, people, times: compare the raw numbers
            actual = inputs.actual
            if actual is None or actual.value is None:
                return None
            reference = self.reference
            if reference is None and target is not None and target.value is not None:
                reference = target.value
            return actual.value, f"实际完成值 {fmt(actual.value)}{actual.unit or self.unit}", reference, self.unit
        found = value_in_points(inputs, prefer_completion=self.on_completion)
        if found is None:
            return None
        reference = self.reference
        target_points = target.value if target is not None and target.is_percent else None
        if found.mode == "completion":
            reference = Decimal(100) if reference is None or self.on_completion else reference
        elif reference is None:
            if found.mode == "percent":
                reference = target_points if target_points is not None else Decimal(100)
            elif target is not None and target.value is not None:
                reference = target.value
        unit = "" if found.mode == "plain" else "个百分点"
        return found.points, found.how, reference, unit

    def apply(self, inputs: Inputs) -> Outcome:
        found = self._value(inputs)
        if found is None:
            return Outcome(None, "缺少实际完成值（或无法与指标值比较），无法按规则扣分")
        value, how, reference, unit = found
        if reference is None:
            return Outcome(None, "规则未写明起扣的标准值，指标值也未填写，无法计算扣分")
        full = self.full if self.full is not None else inputs.weight
        below = self.direction is Direction.BELOW
        distance = reference - value if below else value - reference
        word = _DIRECTION_WORDS[self.direction]
        if distance <= 0:
            return Outcome(
                clamp(full, ZERO, inputs.weight),
                f"{how}，未{word}标准值 {fmt(reference)}，得满分 {fmt(full)} 分",
            )
        if self.zero_beyond is not None and (value < self.zero_beyond if below else value > self.zero_beyond):
            return Outcome(ZERO, f"{how}，{word} {fmt(self.zero_beyond)}，按规则不得分")
        scores = {p.value: self._score(full, distance, p, inputs.weight)[0] for p in Partial}
        score, deduction, capped = self._score(full, distance, self.partial, inputs.weight)
        arithmetic = (
            f"{how}，{word}标准值 {fmt(reference)} 共 {fmt(distance)}{unit}；"
            f"每{fmt(self.step)}{unit}扣 {fmt(self.points)} 分（{PARTIAL_WORDS[self.partial]}），"
            f"扣 {fmt(deduction)} 分{capped}；得分 = {fmt(full)} − {fmt(deduction)} = {fmt(full - deduction)}"
        )
        if full - deduction < 0:
            arithmetic += "，扣完为止按 0 分计"
        alternatives = {}
        if not self.explicit_reading:
            alternatives = {k: v for k, v in scores.items() if k != self.partial.value and v != score}
        return Outcome(score, arithmetic, alternatives=alternatives)

    def _score(
        self, full: Decimal, distance: Decimal, partial: Partial, weight: Decimal
    ) -> tuple[Decimal, Decimal, str]:
        deduction = _steps(distance, self.step, partial) * self.points
        capped = ""
        if self.max_deduction is not None and deduction > self.max_deduction:
            deduction, capped = self.max_deduction, f"（最多扣 {fmt(self.max_deduction)} 分）"
        score = full - deduction
        if self.min_score is not None and score < self.min_score:
            score, capped = self.min_score, f"（最低得 {fmt(self.min_score)} 分）"
            deduction = full - score
        return clamp(score, ZERO, weight), deduction, capped
