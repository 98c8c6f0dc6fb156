"""A per-step deduction in percentages applied to a distance written as such ("低于规定标准20%", read by
``stated_gaps``; numbers family, s9, split from ``steps``): the distance in the step's own unit, on the step's side,
for the row's own measure; the other side of a comparison deducts nothing.
"""

from __future__ import annotations

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.stated_gaps import StatedGap, foreign_lead, stated_gap
from medaid.evaluation.rules.steps import DIRECTION_WORDS, Direction, Distance, StepBase, show, step_unit_label

_SIDES = {Direction.BELOW: ("below",), Direction.ABOVE: ("above",), Direction.BOTH: ("below", "above", "either")}


def gap_reading(step: StepBase, text: str) -> Distance | str | None:
    """The distance an actual in words writes as a gap to the standard, or why it cannot be used; None when it
    writes no such gap."""
    gap = stated_gap(text)
    return None if gap is None else gap_distance(step, gap, text)


def gap_distance(step: StepBase, gap: StatedGap, text: str) -> Distance | str:
    """The distance the actual writes (``text``), or why it cannot be used (a Chinese reason)."""
    rule_text = simplified(str(getattr(step, "text", None) or ""))
    if (foreign := foreign_lead(gap, rule_text or None)) is not None:  # round-2 review
        return f"实际“{text}”写的是与标准的差距，但{foreign}，无法按规则扣分"
    unit = "个百分点" if step.unit is None else "%"
    if gap.points != (step.unit is None):
        return (f"实际“{text}”写的是与标准相差 {fmt(gap.number)}{'个百分点' if gap.points else '%'}，而扣分步长以"
                f"“{step_unit_label(step.unit)}”计，无法确定是否同一种差距（百分点或相对百分比）")  # fmt: skip
    how = f"实际“{text}”，即与标准相差 {show(gap.number, unit)}"
    if gap.side in _SIDES[step.direction]:
        if step.zero_beyond is not None:
            return f"实际“{text}”只写了与标准相差多少，无法判断是否达到不得分的界限"
        return Distance(gap.number, None, unit, how)
    if gap.side == "either" or not gap.compared:  # "差额10%" for a step on the excess: which side is not said
        return f"实际“{text}”未写明高于还是低于标准，无法按“每{step.word or DIRECTION_WORDS[step.direction]}”扣分"
    side = "高于" if gap.side == "above" else "低于"
    return Distance(ZERO, None, unit, f"实际“{text}”，{side}标准，不在扣分的一侧")
