"""The completion ratio with a floor: "按完成比例计分，完成率低于60%的不得分", "完成任务的得满分，完成80%以上的按
比例计分，80%以下不得分" (``ruletext.ratio_floor``).

Scored as ``Proportional`` (actual ÷ target × weight, capped at the weight), except that a completion below the
floor scores 0. The floor is on the completion itself, so it is read only against a target in a unit (户, 万元…)
or of 100 %: against "≥80%" a completion of 60 % could be 60 % of the target or a rate of 60 %, and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, ZERO, fmt
from medaid.evaluation.quantity import completion_ratio
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.completion import Proportional


@dataclass(frozen=True)
class FlooredProportional(Proportional):
    """按完成比例计分，完成比例低于下限的不得分。"""

    floor: Decimal = ZERO
    floor_inclusive: bool = False  # "80%以下不得分": 80 % itself scores 0
    # "完成80%以上的按比例计分，80%以下不得分": 以上 and 以下 both include 80 %, which is refused
    overlap: bool = False

    kind = "proportional_floor"
    label = "按完成比例计分（低于下限不得分）"

    def params(self) -> dict[str, object]:
        return {
            **super().params(), "floor": float(self.floor), "floor_inclusive": self.floor_inclusive,
            **({"overlap": True} if self.overlap else {}),
        }  # fmt: skip

    def apply(self, inputs: Inputs) -> Outcome:
        outcome = super().apply(inputs)
        if outcome.score is None or inputs.actual is None:
            return outcome
        target = inputs.target
        if target is None and self.reference:
            from medaid.evaluation.quantity import parse_quantity

            target = parse_quantity(self.reference)
        if target is None or target.value is None:
            return outcome
        if target.is_percent and target.value != HUNDRED:
            return Outcome(
                None,
                f"“完成比例低于{fmt(self.floor)}%不得分”：指标值 {target.describe()} 为百分比，"
                "完成比例指实际与指标值之比还是实际百分比本身未写明，需人工判断",
                needs_judgement=True,
            )
        ratio = completion_ratio(target, inputs.actual)
        if ratio is None:
            return outcome
        points = ratio * HUNDRED
        if self.overlap and points == self.floor:
            return Outcome(
                None,
                f"完成比例恰为 {fmt(self.floor)}%：评分标准的“{fmt(self.floor)}%以上”与"
                f"“{fmt(self.floor)}%以下”都含本数，按比例计分还是不得分未写明，需人工判断",
                needs_judgement=True,
            )
        if points < self.floor or (self.floor_inclusive and points == self.floor):
            word = "不高于" if self.floor_inclusive else "低于"
            return Outcome(
                ZERO,
                f"完成比例 {fmt(points.quantize(Decimal('0.01')))}%（实际 {inputs.actual.describe()}，指标值 "
                f"{target.describe()}），{word} {fmt(self.floor)}%，按规则不得分",
            )
        if ratio < 1:
            word = "高于" if self.floor_inclusive else "不低于"
            return replace(outcome, reason=f"{outcome.reason}（完成比例{word} {fmt(self.floor)}%，不适用“不得分”）")
        return outcome


def floored_from_mapping(spec: dict[str, object] | object, text: str | None) -> FlooredProportional:
    """{type: proportional_floor, floor: 60, floor_inclusive: false, reference: …, beyond: …}."""
    from collections.abc import Mapping

    from medaid.evaluation.numbers import to_decimal
    from medaid.evaluation.rules.structured import RuleSpecError

    if not isinstance(spec, Mapping):
        raise RuleSpecError("proportional_floor 规则应为映射")
    floor = to_decimal(str(spec.get("floor", "")).rstrip("%"))
    if floor is None or not ZERO < floor < HUNDRED:
        raise RuleSpecError("proportional_floor 规则的 floor 应为 0 到 100 之间的百分数")
    reference = spec.get("reference")
    return FlooredProportional(
        floor=floor, floor_inclusive=bool(spec.get("floor_inclusive", False)), overlap=bool(spec.get("overlap", False)),
        reference=None if reference is None else str(reference), beyond=bool(spec.get("beyond", False)), text=text,
    )  # fmt: skip
