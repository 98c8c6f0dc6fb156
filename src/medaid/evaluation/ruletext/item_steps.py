"""A list of required things with one deduction for each missing: "按要求建立组织领导、方案预案、应急响应、协同联动
等工作体系。未建立的,少1项扣1分,扣完为止" (steps family).

The family: things named in an open list ("A、B、C等工作体系": joined by 、 and closed by 等), a condition
("未建立的", "不全的", optional) and one step "(每)?(少|缺|缺少)1(项|个|种|条)扣N分". It is tried before the
checklist reading, which would take the list's sentence and the condition for items with their own deductions; a
closed list ("有A、有B、有C;缺一项扣2分") is left to the checklist, which matches an actual written in words to the
things by name. It is read only when the step is the text's one score (no other N分, 满分, 不得分), and then as
``deductions.per_point`` reads it, except that a bare count ("3项") is the things done and needs the target (4项):
it could as well be the things built as those missing. A count written as missing ("缺少3项", "少1项") is counted
from zero.
"""

from __future__ import annotations

import dataclasses
import re

from medaid.evaluation.rules import PerPoint, Rule
from medaid.evaluation.ruletext.deductions import per_point

_STEP = re.compile(r"(?:每)?(?:少|缺|缺少)(?:1|一)(?:项|个|种|条)[,,]?(?:扣|扣除|扣减|减)\d+(?:\.\d+)?分")
_SCORE = re.compile(r"\d+(?:\.\d+)?分|满分|不得分|扣完(?!为止)")
# an open list, "A、B、C等X": the things are more than those named, so they are counted, never matched by name
_LIST = re.compile(r"[\u4e00-\u9fa5()]{2,16}(?:、[\u4e00-\u9fa5()]{2,16}){1,}等")


def item_step(text: str) -> Rule | None:
    """ "建立A、B、C等…。未建立的,少1项扣1分" (module docstring)."""
    steps = list(_STEP.finditer(text))
    if len(steps) != 1 or not _LIST.search(text[: steps[0].start()]):
        return None
    if len(_SCORE.findall(text)) != 1:
        return None  # another score beside the step: a checklist or parts
    read = per_point(text)
    if not isinstance(read, PerPoint) or not read.from_zero:
        return None
    # a bare count ("3项") could be the things built or those missing: read only against a target (things done)
    return dataclasses.replace(read, on_completion=True)
