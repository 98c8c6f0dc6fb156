"""An actual written as a bound or an approximation (numbers family, session 7): "95%以上", "≥88%", "3次以下",
"超过95%", "约88%", "88%左右", "88%多".

Such an actual says where the value lies, not what it is. It is scored only when every value it allows scores
the same: the rule is applied to the two ends of what it allows (a lower bound b: b and 10 × b; an upper bound b:
0 and b) and to points between them; equal scores at all of them (the readings move one way as the actual grows)
are the score of every value between. "95%以上" against "95%以上得10分" scores 10; against "得分=满意度×分值" it is
refused. An approximation (约, 大约, 近, 接近, 将近, 左右, 上下, 多) is always refused: the exact value is needed.
"达到95%" (no 以上) reports the value reached and is scored as 95%. A rule scored on the distance either side of a
target (two_sided) is refused for any bound.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Comparator, Quantity

if TYPE_CHECKING:
    from collections.abc import Callable

    from medaid.evaluation.rules import Inputs, Outcome, Rule

_APPROXIMATE = re.compile(r"^(?:约|大约|大概|近|接近|将近|几近|約|大約|將近|幾近)|(?:左右|上下|出头|出頭|多|余|餘)$")
# "达到95%" as an actual reports the value reached (not a floor): scored as the value, as before
_REACHED = re.compile(r"^(?:已)?(?:达到|達到|达|達)\s*\d+(?:\.\d+)?\s*\S{0,3}$")
_LOWER = (Comparator.GE, Comparator.GT)
_UPPER = (Comparator.LE, Comparator.LT)


def bounded_actual(rule: Rule, inputs: Inputs) -> Outcome | None:
    """The outcome for an actual that is a bound or an approximation; None when the actual is an exact value (or
    no number), which the rule scores as usual."""
    from medaid.evaluation.rules import Outcome

    actual = inputs.actual
    if actual is None or actual.value is None:
        return None
    shown = actual.text.strip()
    unit = actual.unit
    if _APPROXIMATE.search(shown) or unit.endswith(("多", "余")):
        return Outcome(None, f"实际完成值“{shown}”是约数，不是确切值，无法计分；请填写确切的实际完成值")
    if actual.comparator is None or actual.comparator is Comparator.EQ or _REACHED.match(shown):
        return None
    if rule.to_dict().get("two_sided"):
        return Outcome(None, f"实际完成值“{shown}”是界限，不是确切值；本规则按与目标的差距计分，无法确定得分，"
                             "请填写确切的实际完成值")  # fmt: skip
    value = actual.value
    if actual.comparator in _LOWER:
        if value <= ZERO:
            return Outcome(None, f"实际完成值“{shown}”是界限，不是确切值，无法计分；请填写确切的实际完成值")
        ends = (value, value * 10)
    else:
        ends = (ZERO, value)
    # both ends, and points between them: a rule that is not monotone (scored on a distance) shows it there
    points = [ends[0] + (ends[1] - ends[0]) * k / 16 for k in range(17)]
    outcomes = [rule.apply(dataclasses.replace(inputs, actual=_exact(actual, point))) for point in points]
    scores = [o.score for o in outcomes]
    if any(score is None or score != scores[0] for score in scores):
        return Outcome(None, f"实际完成值“{shown}”是界限，不是确切值：其范围内不同的值得分不同（或无法计分），"
                             "请填写确切的实际完成值")  # fmt: skip
    low, high = (fmt(e) + unit for e in ends)
    how = f"实际完成值“{shown}”是界限：按 {low} 与 {high} 计分相同，范围内各值得分都是 {fmt(scores[0])} 分"
    return dataclasses.replace(outcomes[0], reason=f"{how}；{outcomes[0].reason}")


def _exact(actual: Quantity, value: Decimal) -> Quantity:
    return Quantity(text=f"{fmt(value)}{actual.unit}", value=value, unit=actual.unit, scale=actual.scale)


# numbers family (s9): "达标率70%", "年度工作任务完成率为80%": a percentage labelled with the one rate the rule text
# names, and nothing else; the value is that percentage. A label the text does not name ("知晓率", "上年达标率"), a
# text naming two rates ("小学入学率…初中入学率"), a bound or any other word is not read.
_LABELLED = re.compile(r"^(?P<label>[\u4e00-\u9fa5]{1,16}?率)(?:为|是|达到|达)?(?P<value>\d+(?:\.\d+)?%)$")
# A rate name with its negation: 不合格率 is another rate than 合格率 (its complement), not 合格率 found in it
# (s9 fix)
_RATE_NAME = re.compile(r"[不未非无]?[\u4e00-\u9fa5]{2}率")
# the rate said of several subjects ("县医院、乡镇卫生院合格率均达到95%"): the actual must speak of each (s9 fix)
_SUBJECTS = re.compile(r"[、和及与或]")
_CLAUSE = re.compile(r"[，,；;。：:（(）)\s]")


def labelled_actual(rule: Rule, inputs: Inputs, apply: Callable[[Rule, Inputs], Outcome]) -> Outcome | None:
    """The outcome (``apply``: ``actual_text.apply_rule``) with a labelled percentage as the actual, when it gives a
    score; None otherwise."""
    from medaid.evaluation.quantity import parse_quantity
    from medaid.evaluation.ruletext.normalize import normalize_rule_text

    actual = inputs.actual
    if actual is None or actual.value is not None or not rule.text:
        return None
    said = re.sub(r"\s+", "", actual.text)
    match = _LABELLED.match(said)
    if match is None or len(match.group("label")) < 3:
        return None
    text = normalize_rule_text(rule.text)
    label = normalize_rule_text(match.group("label"))
    own = _RATE_NAME.search(label)
    names = {m.group(0) for m in _RATE_NAME.finditer(text)}
    if label not in text or own is None or names != {own.group(0)}:
        return None
    for m in re.finditer(re.escape(own.group(0)), text):
        before = _CLAUSE.split(text[: m.start()])[-1]
        if _SUBJECTS.search(before) or text[m.end() : m.end() + 2].startswith(("均", "都", "分别")):
            return None
    value = parse_quantity(match.group("value"))
    if value is None or value.value is None:
        return None
    outcome = apply(rule, dataclasses.replace(inputs, actual=value))
    if outcome.score is None:
        return None
    return dataclasses.replace(outcome, reason=f"实际完成值取自“{said}”（评分标准所说的比率）；{outcome.reason}")
