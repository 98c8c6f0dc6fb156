"""Deduction rules: per percentage point (or per step) away from a reference, and per case found."""

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
_PARTIAL_WORDS = {Partial.LINEAR: "按比例", Partial.FLOOR: "按整档", Partial.CEIL: "不足一档按一档"}


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
    "≤15%得2分，每高于1个百分点，扣0.5分"; "100%计满分，每低于5%扣2分" (step 5).
    ``reference`` is the value at which deduction starts, in the unit of the value
    (percentage points for percentages). None: the indicator's target.
    ``full`` is the rule's own full marks; None means the indicator's weight.
    """

    direction: Direction
    step: Decimal
    points: Decimal
    reference: Decimal | None = None
    full: Decimal | None = None
    partial: Partial = Partial.LINEAR
    on_completion: bool = False  # compare the completion ratio (actual ÷ target, %) instead

    kind = "per_point"
    label = "按百分点扣分"

    def params(self) -> dict[str, object]:
        return {
            "direction": self.direction.value,
            "step": float(self.step),
            "points": float(self.points),
            "reference": None if self.reference is None else float(self.reference),
            "full": None if self.full is None else float(self.full),
            "partial": self.partial.value,
            "on_completion": self.on_completion,
        }

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def _reference(self, inputs: Inputs) -> Decimal | None:
        if self.reference is not None:
            return self.reference
        if self.on_completion:
            return Decimal(100)
        target = inputs.target
        if target is not None and target.value is not None:
            return target.value
        return None

    def apply(self, inputs: Inputs) -> Outcome:
        found = value_in_points(inputs, prefer_completion=self.on_completion)
        reference = self._reference(inputs)
        if found is None:
            return Outcome(None, "缺少实际完成值（或无法与指标值比较），无法按百分点扣分")
        value, how = found
        if reference is None and inputs.actual is not None and inputs.actual.is_percent:
            reference = Decimal(100)
            how += "（规则未写明标准值，指标值亦未填写，按100%计）"
        if reference is None:
            return Outcome(None, "规则未写明起扣的标准值，指标值也未填写，无法计算扣分")
        full = self.full if self.full is not None else inputs.weight
        distance = reference - value if self.direction is Direction.BELOW else value - reference
        word = _DIRECTION_WORDS[self.direction]
        if distance <= 0:
            return Outcome(
                clamp(full, ZERO, inputs.weight),
                f"{how}，未{word}标准值 {fmt(reference)}，得满分 {fmt(full)} 分",
            )
        scores: dict[str, Decimal] = {}
        for partial in Partial:
            deduction = _steps(distance, self.step, partial) * self.points
            scores[partial.value] = clamp(full - deduction, ZERO, inputs.weight)
        steps = _steps(distance, self.step, self.partial)
        deduction = steps * self.points
        raw = full - deduction
        score = scores[self.partial.value]
        in_points = how.startswith("完成率") or (inputs.actual is not None and inputs.actual.is_percent)
        unit = "个百分点" if in_points else ""
        arithmetic = (
            f"{how}，{word}标准值 {fmt(reference)} 共 {fmt(distance)}{unit}；"
            f"每{fmt(self.step)}{unit}扣 {fmt(self.points)} 分（{_PARTIAL_WORDS[self.partial]}），"
            f"扣 {fmt(deduction)} 分；得分 = {fmt(full)} − {fmt(deduction)} = {fmt(raw)}"
        )
        if raw < 0:
            arithmetic += "，扣完为止按 0 分计"
        alternatives = {k: v for k, v in scores.items() if k != self.partial.value and v != score}
        return Outcome(score, arithmetic, alternatives=alternatives)


@dataclass(frozen=True)
class PerCase(Rule):
    """每发现 1 处（例、项）扣 X 分，扣完为止。

    The actual is the number of cases found ("0例", "2处"); "严格按照标准执行" with no
    count needs a judgement.
    """

    points: Decimal
    per: Decimal = Decimal(1)
    full: Decimal | None = None

    kind = "per_case"
    label = "按发现处数扣分"

    def params(self) -> dict[str, object]:
        return {
            "points": float(self.points),
            "per": float(self.per),
            "full": None if self.full is None else float(self.full),
        }

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        actual = inputs.actual
        if actual is None or actual.value is None:
            return Outcome(
                None,
                f"实际完成值未写明发现的问题处数，需人工判断（满分 {fmt(full)} 分，每处扣 {fmt(self.points)} 分）",
                allowed=(ZERO, min(full, inputs.weight)),
                needs_judgement=True,
            )
        cases = actual.value
        deduction = (cases / self.per) * self.points
        raw = full - deduction
        return Outcome(
            clamp(raw, ZERO, inputs.weight),
            f"发现 {fmt(cases)} 处，每 {fmt(self.per)} 处扣 {fmt(self.points)} 分，"
            f"得分 = {fmt(full)} − {fmt(deduction)} = {fmt(raw)}" + ("，扣完为止按 0 分计" if raw < 0 else ""),
        )
