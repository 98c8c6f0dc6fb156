"""Which of a written formula's two formulas applies: "达到年度任务要求的,按比例×50计分;未达到的,按比例×50×0.8
计分" (``Expression.otherwise``). The row's target chooses; the missed-target formula may not score more at the
target than the met one, or the score would fall as the actual reaches the target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medaid.evaluation.quantity import is_met
from medaid.evaluation.rules.arithmetic import ACTUAL, TARGET, WEIGHT, Dim, ExpressionError, evaluate, parse
from medaid.evaluation.rules.base import Inputs
from medaid.evaluation.rules.unsigned_targets import unsigned_time

if TYPE_CHECKING:
    from medaid.evaluation.rules.expressions import Expression


def chosen_formula(self: Expression, inputs: Inputs) -> tuple[str, str] | str:
    """The formula that applies, and what was said of choosing it; a reason when it cannot be chosen."""
    if self.otherwise is None:
        return self.expression, ""
    if (unsigned := unsigned_time(inputs.target)) is not None:  # numbers family (s8 fix): "3天" is no "≥3天"
        return unsigned
    met = is_met(inputs.target, inputs.actual) if inputs.target and inputs.actual else None
    if met is None:
        return "规则按是否达到指标值选用公式，缺少可比较的指标值和实际完成值"
    if not met:
        met_tree, other_tree = parse(self.expression), parse(self.otherwise)
        found = self._actual(inputs, met_tree)
        if isinstance(found, str):
            return found
        ref = found[1] if found[1] is not None else self._reference(inputs, found[0][1])
        if ref is not None:
            values: dict[str, Dim] = {ACTUAL: ref, WEIGHT: (inputs.weight, 0)}
            if found[1] is not None:
                values[TARGET] = found[1]
            try:
                jump = evaluate(other_tree, values)[0] > evaluate(met_tree, values)[0]
            except ExpressionError as error:
                return str(error)
            if jump:
                return "未达到指标值时的公式在指标值处得分高于达到时的公式，需人工判断"
        return self.otherwise, f"未达到指标值“{inputs.target.describe() if inputs.target else ''}”，"
    return self.expression, f"达到指标值“{inputs.target.describe() if inputs.target else ''}”，"
