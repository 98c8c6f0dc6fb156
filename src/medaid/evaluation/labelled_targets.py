"""A target that lists one value for each of several labelled measures (numbers family, s9): target "小学100%;初中≥98%",
actual "小学入学率100%,初中入学率97.8%", text "每低0.1个百分点扣2分,扣完为止".

A per-step deduction whose text names none of the measures is applied to each measure against its own target (the
actual must label each, its label the target's alone or followed by one rate name, the same for every measure and
the text's if it names one: 初中 → 初中入学率, in the same unit; "初中去年入学率", "初中入学率预计" are not read).
When at most one measure falls short, that measure's score is the score: nothing to add up. When two or more fall
short the text does not say whether the deductions add up or the worst counts, and the case is refused with both
deductions. Not read: a step with a cut-off, a cap, a lowest score, or a share of the points (each would apply per
measure or to the whole), labels the actual leaves out or repeats, a label the text names ("初中入学率每低…": the step
is that measure's only).
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import Quantity, parse_quantity

if TYPE_CHECKING:
    from medaid.evaluation.rules import Inputs, Outcome, Rule

_PART = re.compile(
    r"(?P<label>[\u4e00-\u9fa5]{1,12}?)(?:为|是|达到|达)?(?P<value>(?:≥|≤|>|<|不低于|不少于)?\d+(?:\.\d+)?%)"
)
_SPLIT = r"[;；,，、\s]+"
_APPROXIMATE = re.compile(r"约|近|超过|不足|不到|逾|至少|最多|以上|以下|左右|上下")
# The actual's label past the target's: nothing, or one rate name ("入学率"), the same for every measure. Another
# year, a plan, an aim, a bound or a hedge ("去年入学率", "入学率预计", "入学率未达", "基本达") or another measure
# ("人口占比", "低保户") is not the measure's value (s9 fix).
_RATE = re.compile(r"[\u4e00-\u9fa5]{1,3}率")
_NOT_RATE = re.compile(r"[年月季期去上前今本拟计预目应要争曾未不非无基低高超最约近将需须]")
_TEXT_RATE = re.compile(r"[不未非无]?[\u4e00-\u9fa5]{2}率")


def _labelled(text: str, exact: bool = False) -> list[tuple[str, Quantity]] | None:
    """ "小学100%;初中≥98%" as [(小学, 100%), (初中, ≥98%)]; None unless every part is one labelled percentage (with
    ``exact``, an exact one: no bound, no approximation)."""
    out: list[tuple[str, Quantity]] = []
    for part in (p for p in re.split(_SPLIT, text.strip()) if p):
        match = _PART.fullmatch(part)
        value = parse_quantity(match.group("value")) if match else None
        if match is None or value is None or value.value is None:
            return None
        if exact and (value.comparator is not None or _APPROXIMATE.search(match.group("label"))):
            return None
        out.append((match.group("label"), value))
    labels = [label for label, _ in out]
    return out if len(out) >= 2 and len(set(labels)) == len(labels) else None


def each_measure(rule: Rule, inputs: Inputs) -> Outcome | None:
    """The outcome of a per-step deduction over labelled targets (module docstring); None when the inputs are not
    such lists or the rule is not such a step."""
    from medaid.evaluation.rules import Outcome, PerPoint

    target, actual = inputs.target, inputs.actual
    if target is None or actual is None or target.value is not None or actual.value is not None:
        return None
    if not isinstance(rule, PerPoint) or rule.points_share:
        return None
    if (rule.zero_beyond, rule.zero_distance, rule.max_deduction, rule.min_score) != (None, None, None, None):
        return None
    targets, actuals = _labelled(target.text), _labelled(actual.text, exact=True)
    if targets is None or actuals is None or len(targets) != len(actuals):
        return None
    text = rule.text or ""
    if any(label in text for label, _ in targets):
        return None  # the text names a measure: its step is that measure's
    pairs: list[tuple[str, Quantity, Quantity]] = []
    rates: set[str] = set()
    for label, goal in targets:
        found = [(name[len(label) :], value) for name, value in actuals if name.startswith(label)]
        if len(found) != 1:
            return None
        rate, done = found[0]
        if rate and (not _RATE.fullmatch(rate) or _NOT_RATE.search(rate)):
            return None
        rates.add(rate)
        pairs.append((label, goal, done))
    named = {m.group(0) for m in _TEXT_RATE.finditer(text)}
    if len(rates) != 1 or (named and not all(rate.endswith(tuple(named)) for rate in rates)):
        return None  # another rate name for one measure, or another than the text's
    full = rule.full_marks() or inputs.weight
    outcomes = [
        (label, rule.apply(dataclasses.replace(inputs, target=goal, actual=done))) for label, goal, done in pairs
    ]
    if any(o.score is None for _, o in outcomes):
        return None
    short = [(label, o) for label, o in outcomes if o.score is not None and o.score < full]
    each = "；".join(f"{label}：{o.reason}" for label, o in outcomes)
    head = f"指标值分列各项（{target.text.strip()}），评分标准的扣分对各项分别计"
    if len(short) > 1:
        lost = "、".join(f"{label}扣 {fmt(full - (o.score or Decimal(0)))} 分" for label, o in short)
        return Outcome(None, f"{head}：{each}；{lost}，评分标准未写明多项未达到时扣分相加还是只计一项，需人工判断")
    label, outcome = short[0] if short else outcomes[0]
    score = full if outcome.score is None else outcome.score
    said = f"只有{label}扣分，得 {fmt(score)} 分" if short else f"各项均不扣分，得满分 {fmt(full)} 分"
    return dataclasses.replace(outcome, reason=f"{head}：{each}；{said}")
