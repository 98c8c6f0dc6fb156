"""The reading of an indicator whose table prints no weight (分值): a 绩效目标自评表 of targets
and actuals only (Anhui's 转移支付 form, Hunan's 自评报告 table), or a 自评表 that prints each
row's 得分 but not its 分值 (Hubei: 80 points over the rows). Such a row is not scored: medaid
says whether the actual meets the target, keeps a printed score as printed, and leaves the
weight to the evaluator; it never invents one. In the structured syntax: ``rule: {type: unweighted}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from medaid.evaluation.quantity import is_met
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

NO_WEIGHT = "表中没有该指标的分值，不计分"


@dataclass(frozen=True)
class Unweighted(Rule):
    """表中无分值：只核对实际完成值是否达到指标值，不计分。"""

    kind = "unweighted"
    label = "表中无分值"

    def params(self) -> dict[str, object]:
        return {}

    def apply(self, inputs: Inputs) -> Outcome:
        target, actual = inputs.target, inputs.actual
        if target is None and actual is None:
            return Outcome(None, NO_WEIGHT + "，也没有指标值和实际完成值")
        if target is None or actual is None:
            missing = "指标值" if target is None else "实际完成值"
            return Outcome(None, f"{NO_WEIGHT}；缺少{missing}，无法判断是否达到")
        met = is_met(target, actual)
        said = {True: "达到", False: "未达到", None: "无法从文字判断是否达到"}[met]
        return Outcome(None, f"{NO_WEIGHT}；实际 {actual.describe()} {said}指标值 {target.describe()}")
