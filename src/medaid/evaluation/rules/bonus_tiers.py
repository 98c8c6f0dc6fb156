"""Tiered upward steps of a ``StepBonus``: "完成率100%-130%(含)之间,每超出1个百分点加0.2分;完成率130%以上,每超出1个
百分点加0.1分". Up to the tier's end the first step counts from the reference; past it the text does not say
whether the second step counts from the tier's end after the first tier's full bonus ("marginal") or from the
reference ("whole"): the score is given only when both readings give the same score (often at a cap, "本项最多
加减10分"), and otherwise refused with both. Parts of a step count proportionally.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.base import Inputs, Outcome

if TYPE_CHECKING:
    from medaid.evaluation.rules.bonus import Step, StepBonus


def _bonus(points: Decimal, size: Decimal, steps: Decimal) -> Decimal:
    return steps / size * points


def tiered(rule: StepBonus, inputs: Inputs, base: Decimal, how: str, value: Quantity, distance: Decimal) -> Outcome:
    """The score of an actual above the reference under tiered upward steps."""
    up, up2, upto, start = rule.up, rule.up2, rule.upto, rule.tier_from
    assert up is not None and up2 is not None and upto is not None
    if value.unit != "%" or value.value is None:
        return Outcome(None, f"{how}；分档加分按百分比计，实际完成值不是百分比，无法计算")
    reference = value.value - distance
    if start is not None and reference != start:
        return Outcome(None, f"{how}；分档加分从 {fmt(start)}% 起算，与指标值不一致，无法确定从哪个值起加")
    most = up.most if up.most is not None else up2.most
    head = f"{how}；{fmt(reference)}%-{fmt(upto)}% 每{fmt(up.size)}个百分点加 {fmt(up.points)} 分"
    if value.value <= upto:
        amount = _bonus(up.points, up.size, distance)
        return _scored(rule, inputs, base, amount, most, f"{head}，加 {fmt(amount)} 分")
    first = _bonus(up.points, up.size, upto - reference)
    marginal = first + _bonus(up2.points, up2.size, value.value - upto)
    whole = _bonus(up2.points, up2.size, distance)
    readings = {"marginal": marginal, "whole": whole}
    scores = {k: rule.bounded(base + (min(v, most) if most is not None else v), inputs) for k, v in readings.items()}
    said = (f"{head}，{fmt(upto)}%以上每{fmt(up2.size)}个百分点加 {fmt(up2.points)} 分：分段累加为 {fmt(first)} + "
            f"{fmt(marginal - first)} = {fmt(marginal)} 分，整体按第二档计为 {fmt(whole)} 分")  # fmt: skip
    if scores["marginal"] != scores["whole"]:
        return Outcome(None, f"{said}；评分标准未写明超过 {fmt(upto)}% 的部分如何计，两种读法得分不同"
                             f"（{fmt(scores['marginal'])} 分与 {fmt(scores['whole'])} 分），需人工判断")  # fmt: skip
    return _scored(rule, inputs, base, marginal, most, f"{said}，两种读法得分相同")


def _scored(
    rule: StepBonus, inputs: Inputs, base: Decimal, amount: Decimal, most: Decimal | None, said: str
) -> Outcome:
    limit = ""
    if most is not None and amount > most:
        amount, limit = most, f"（最多加 {fmt(most)} 分）"
    total = f"得分 = 基本分 {fmt(base)} 分 + {fmt(amount)} = {fmt(base + amount)}"
    return rule.final(base + amount, f"{said}{limit}；{total}", inputs)


def tier_params(rule: StepBonus) -> dict[str, object]:
    up2: Step | None = rule.up2
    if up2 is None:
        return {}
    return {"up2": up2.to_dict(), "upto": float(rule.upto or 0),
            "tier_from": None if rule.tier_from is None else float(rule.tier_from)}  # fmt: skip
