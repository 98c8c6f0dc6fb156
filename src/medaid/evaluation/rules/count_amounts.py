"""Amounts done in a measure that score, counted from zero (counts family): the actual of a ``CountScore`` whose unit
is a measure (亩, 公顷, 元…), not a counter ("每完成1000亩,加0.1分,以3分为限" with "12000亩" or "1.2万亩")."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.count_words import states_condition


def measured_score(
    points: Decimal,
    per: Decimal,
    cap: Decimal | None,
    base: Decimal,
    unit: str,
    named: tuple[str, str],
    inputs: Inputs,
) -> Outcome:
    """An amount done in ``unit`` ("12000亩", "1.2万亩"), counted from zero in whole steps of ``per``: base +
    steps × points, at most ``cap`` and the weight (above it only with a cap written and a bonus allowed). ``named``:
    what is counted and the condition it stands under, which words beside the amount may restate."""
    what, condition = named
    actual = inputs.actual
    if actual is None:
        return Outcome(None, f"未填写实际完成值（完成的{unit}数）")
    if actual.value is None or actual.unit != unit or actual.comparator is not None:
        return Outcome(None, f"实际完成值“{actual.text}”不是以{unit}计的完成量，规则按每 {fmt(per)}{unit} 计分")
    words = re.sub(r"\d+(?:\.\d+)?\s*(?:万|亿|千)?" + re.escape(unit) + "$", "", actual.text.strip())
    if words and not states_condition(words, what, condition):
        return Outcome(None, f"实际完成值“{actual.text}”与规则所计的“{what or condition}”不一致")
    if actual.value < 0:
        return Outcome(None, f"实际完成值“{actual.text}”为负数")
    steps = actual.value / per
    if steps != steps.to_integral_value():
        return Outcome(None, f"完成 {fmt(actual.value)}{unit}，不足每 {fmt(per)}{unit} 的部分如何计分规则未写明"
                       "（按整档还是按比例），需人工判断")  # fmt: skip
    raw = base + steps * points
    reason = (f"读作：从零起算，每 {fmt(per)}{unit}得 {fmt(points)} 分；实际完成值 {fmt(actual.value)}{unit}"
              f"（“{actual.text}”），{fmt(steps)} × {fmt(points)} = {fmt(raw)}")  # fmt: skip
    if base:
        reason += f"（含基本分 {fmt(base)} 分）"
    score = raw
    if cap is not None and score > cap:
        score, reason = cap, reason + f"，最高 {fmt(cap)} 分"
    if score > inputs.weight and cap is not None and cap > inputs.weight and not inputs.bonus_allowed:
        # counts family (s9 fix): no clamp without a word
        return Outcome(None, f"{reason}；评分标准写明最高 {fmt(cap)} 分，超过本项分值 "
                             f"{fmt(inputs.weight)} 分，而本表不允许加分：评分标准与分值不一致，"
                             "需人工判断")  # fmt: skip
    if score > inputs.weight and not (inputs.bonus_allowed and cap is not None):
        score, reason = inputs.weight, reason + f"，超过分值按 {fmt(inputs.weight)} 分计"
    return Outcome(score, f"{reason}；得分 {fmt(score)}")
