"""A step counted for each of several things (numbers family, s9): "班额超过标准的每班每超5人扣1分",
"每村每少1人扣0.5分".

Pattern: "每<thing>每<超|超过|超出|少|少于|缺|缺少><N><unit>…扣P分", the thing one or two characters naming a
thing counted (班, 校, 村, 车), never a period (年, 月, 季度, 学期, 天, 次: a frequency is not a thing to add
up). The text
with "每<thing>" left out must be read by ``deductions`` as one step with no limit other than the full marks (no
cut-off, no 最多扣, no 最低得, no 不足一档按一档: each would apply per thing or to the total, which the text does not
say). Scored as ``rules.thing_steps.ThingSteps``: the excesses of the things added, the step applied to the total.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Partial, PerPoint, Rule
from medaid.evaluation.rules.thing_steps import ThingSteps

_EACH = re.compile(
    r"每(?P<thing>[\u4e00-\u9fa5]{1,2}?)每(?P<word>超过|超出|超|少于|缺少|少|缺)"
    r"(?P<n>\d+(?:\.\d+)?)(?P<unit>人|名|户|个|辆|台|张|件|套|床)"
)
_PERIODS = frozenset({"年", "月", "日", "天", "周", "季", "季度", "学期", "期", "次", "小时", "分钟", "届", "轮", "批"})


def thing_steps(text: str) -> Rule | None:
    """The step for each thing (module docstring); None for any other text."""
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes import this module

    found = list(_EACH.finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    thing = match.group("thing")
    if thing in _PERIODS or thing[-1] in "年月日天周季期次":
        return None
    inner = parse_rule_text(text[: match.start()] + "每" + text[match.start("word") :])
    if not isinstance(inner, PerPoint):
        return None
    if (inner.zero_beyond, inner.zero_distance, inner.max_deduction, inner.min_score) != (None,) * 4:
        return None
    if inner.partial is not Partial.LINEAR or inner.points_share or inner.on_completion:
        return None
    word = "超" if match.group("word").startswith("超") else "少"
    return ThingSteps(thing=thing, word=word, unit=match.group("unit"), step=inner)
