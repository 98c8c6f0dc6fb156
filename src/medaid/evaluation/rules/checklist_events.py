"""A checklist of one event against a count (``rules.checklist``): "出现重复档案此项不得分" against "0份"/"1份"; a
fault of a number ("改造率≤80%的,扣1分") against the actual value."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.number_faults import number_fault

if TYPE_CHECKING:
    from medaid.evaluation.rules.checklist import Checklist


def count_outcome(rule: Checklist, inputs: Inputs) -> Outcome:
    """ "出现重复档案此项不得分" against "0份"/"1份": how often the one event happened."""
    actual = inputs.actual
    assert actual is not None and actual.value is not None
    event = len(rule.items) == 1 and rule.names and re.search(r"发现|出现|发生|存在", canon(rule.names[0]))
    count = actual.value
    if not event and len(rule.items) == 1 and rule.names and (shown := number_fault(rule.names[0], actual)) is not None:
        outcome = rule._deducted(inputs, [1] if shown else [], "")  # "改造率≤80%的,扣1分" against "85%"
        said = "属于" if shown else "不属于"
        return Outcome(outcome.score, f"实际 {actual.describe()}{said}“{rule.names[0]}”：{outcome.reason}")
    if not event or actual.unit == "%" or count < 0 or count != count.to_integral_value():
        return rule._judged(inputs)
    if count > 1 and 1 not in rule.zeroing:
        outcome = rule._judged(inputs)
        return Outcome(None, f"“{rule.names[0]}”发生 {fmt(count)} 次，文本未说明是否按次扣分；{outcome.reason}",
                       allowed=outcome.allowed, needs_judgement=True)  # fmt: skip
    outcome = rule._deducted(inputs, [1] if count > 0 else [], "")
    return Outcome(outcome.score, f"“{rule.names[0]}”实际 {actual.describe()}：{outcome.reason}")
