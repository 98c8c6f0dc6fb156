"""Several values of one measure in an explanation ("工业用水重复利用率分别为80%、82%", for two years or two places),
for a per-step deduction on one side (numbers family, s9).

When every value is on the side that deducts nothing, every way of counting them (each, the average, the latest)
gives full marks: the score is full, worked with the worst of them. When any value would deduct, which value (or
what combination) the rule scores is not said: the case stays refused. Read only when the list is the explanation's
one list (``分别为a、b``), in percentages, labelled with the rate the rule names (when it names one), and the
explanation has no other percentage.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules import Inputs, Outcome, PerPoint, Rule
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.steps import Direction

_NUMBER = r"\d+(?:\.\d+)?%"
_SEVERAL = re.compile(rf"([\u4e00-\u9fa5]{{0,12}}?)分别(?:为|是|达到|达|占)?((?:{_NUMBER}[、，,和及与])+{_NUMBER})")


# round-2 review (N5–N7): another year, a target or plan, a part, a complement: not this period's values
_NOT_THE_VALUE = re.compile(r"上年|去年|前年|往年|同期|以前|目标|计划|要求|预计|指标值|部分|个别|其中")


def _measured(label: str, text: str) -> bool:
    """Whether the list's label is the rule's measure: none, or one the text names whole, without a negation the
    text's name lacks ("不合格率" is not "合格率")."""
    if not label:
        return True
    rates = re.findall(r"[\u4e00-\u9fa5]{1,8}?(?:率|比例|占比|比重)", label)
    if not rates:
        return label in text
    rate = rates[-1]
    if not label.endswith(rate):
        return False
    if not re.search(r"率|比例|占比|比重", text):
        return True  # the text names no rate ("查看最近连续两年资料,每低5%扣1分"): the target's measure
    named = [rate[i:] for i in range(len(rate) - 1) if rate[i:] in text]
    if not named:
        return False
    longest = named[0]
    negated = re.search(r"[不未非]$", rate[: len(rate) - len(longest)])
    return negated is None or bool(re.search(rf"[不未非]{re.escape(longest)}", text))


def each_met(rule: Rule, inputs: Inputs) -> Outcome | None:
    """Full marks when every value of the one list meets the rule (module docstring); None otherwise."""
    if not isinstance(rule, PerPoint) or rule.direction is Direction.BOTH or not inputs.note:
        return None
    note = simplified(inputs.note)
    lists = list(_SEVERAL.finditer(note))
    if len(lists) != 1:
        return None
    found = lists[0]
    values = [Decimal(v) for v in re.findall(r"(\d+(?:\.\d+)?)%", found.group(2))]
    if len(re.findall(r"\d+(?:\.\d+)?%", note)) != len(values):
        return None  # another percentage outside the list
    text = simplified(rule.text or "")
    label = found.group(1)
    if _NOT_THE_VALUE.search(label) or not _measured(label, text):
        return None  # "上年合格率", "合格率目标", "不合格率" for 合格率, "知晓率" for 合格率 (round-2 review)
    worst = min(values) if rule.direction is Direction.BELOW else max(values)
    actual = Quantity(text=f"{fmt(worst)}%", value=worst, unit="%")
    outcome = rule.apply(dataclasses.replace(inputs, actual=actual))
    full = rule.full_marks() or inputs.weight
    if outcome.score is None or outcome.score != full or full > inputs.weight:
        return None
    shown = "、".join(f"{fmt(v)}%" for v in values)
    return dataclasses.replace(
        outcome,
        reason=f"说明“{found.group(0)}”写了多个值（{shown}），按其中最不利的 {fmt(worst)}% 计也不扣分，"
        f"各值均不扣分：{outcome.reason}",
    )
