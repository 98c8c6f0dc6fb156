"""The completion ratio between a floor and a full-marks level of one rate: "覆盖率达到90%及以上的得满分,覆盖率≥50%
的按比例得分,低于50%的不得分" (``ruletext.rate_floor``).

Scored as ``Proportional`` against the full-marks level (the rate ÷ 90 % × weight, capped at the weight), except
that a rate below the floor scores 0. Unlike ``FlooredProportional`` the floor is on the rate itself, because the
text names the rate in the floor's clause (or the full-marks level is 100 %, where rate and ratio are one number).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, ZERO, fmt
from medaid.evaluation.quantity import comparable, parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.completion import Proportional


@dataclass(frozen=True)
class RateFlooredProportional(Proportional):
    """某率达到满分线得满分，不低于下限的按比例（实际 ÷ 满分线）得分，低于下限不得分。"""

    rate_floor: Decimal = ZERO

    kind = "proportional_rate_floor"
    label = "按比例计分（率低于下限不得分）"

    def params(self) -> dict[str, object]:
        return {**super().params(), "rate_floor": float(self.rate_floor)}

    def apply(self, inputs: Inputs) -> Outcome:
        level = parse_quantity(self.reference or "100%") or parse_quantity("100%")
        assert level is not None
        if inputs.actual is None or inputs.actual.value is None:
            return super().apply(inputs)
        actual = comparable(level, inputs.actual)
        if not actual.is_percent or actual.value is None:
            return Outcome(
                None,
                f"评分标准按百分比（满分线 {level.describe()}、下限 {fmt(self.rate_floor)}%）计分，实际"
                f"“{inputs.actual.text}”不是百分比，需填写百分比形式的实际值",
                needs_judgement=True,
            )
        if actual.value < self.rate_floor:
            return Outcome(
                ZERO,
                f"实际 {actual.describe()} 低于评分标准所写下限 {fmt(self.rate_floor)}%，按规则不得分",
            )
        outcome = super().apply(replace(inputs, actual=actual))
        if outcome.score is None:
            return outcome
        return replace(
            outcome,
            reason=f"{outcome.reason}（实际不低于下限 {fmt(self.rate_floor)}%，按比例计分；满分线 {level.describe()}）",
        )


def rate_floored_from_mapping(spec: dict[str, object] | object, text: str | None) -> RateFlooredProportional:
    """{type: proportional_rate_floor, reference: "90%", rate_floor: 50}."""
    from collections.abc import Mapping

    from medaid.evaluation.numbers import to_decimal
    from medaid.evaluation.rules.structured import RuleSpecError

    if not isinstance(spec, Mapping):
        raise RuleSpecError("proportional_rate_floor 规则应为映射")
    floor = to_decimal(str(spec.get("rate_floor", "")).rstrip("%"))
    reference = str(spec.get("reference") or "100%")
    level = parse_quantity(reference)
    if (
        floor is None
        or level is None
        or level.value is None
        or not level.is_percent
        or not ZERO < floor < min(level.value, HUNDRED)
    ):
        raise RuleSpecError("proportional_rate_floor 规则的 rate_floor 应为 0 到满分线（reference，百分数）之间的数")
    return RateFlooredProportional(reference=reference, rate_floor=Decimal(floor), text=text)
