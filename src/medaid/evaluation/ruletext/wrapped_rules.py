"""Words around a rule that do not score it themselves (lists family, session 9), taken out and the rest read by
the shapes again:

- a unit without the task is a 缺项: "没有年度任务的按缺项考核计分", "无建设任务的,按缺项处理", "不涉及该业务的按缺项
  计分". Such a unit is left out of this row (its marks are not given, nor taken): ``rules.wrappers.NotAssessed``
  refuses an actual that says it has no such thing and scores any other by the rest of the text. Not read: a thing
  with a number inside ("无2个以上项目"), a clause with marks of its own ("按缺项计3分").
- the full marks in a bracket after a last clause that scores nothing: "…,没有分工文件或相关印证记录不得分(5分)。"
  The bracket cannot be that clause's marks (a 不得分 clause has none), so it is the rule's full marks
  (``rules.wrappers.StatedFull``: a row of another weight is refused). Read only when no other marks are written
  in the text ("有方案得2分,没有台账不得分(3分)": the bracket may be the last item's marks): not read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.wrappers import NotAssessed, StatedFull
from medaid.evaluation.ruletext.common import NUM

_NOT_ASSESSED = re.compile(
    r"(?:若|如|对|凡)?(?P<absent>(?:没有|无|未下达|未安排|不涉及)(?P<thing>[^,;。()的]{2,16}?))的?(?:单位|地区)?,?"
    r"(?:按|作|视为|视作)缺项(?:考核|处理)?(?:计分|处理|计算|评分)?(?:[,;。]|$)"
)
_ZERO_END = r"(?:不得分|不计分|不记分|不给分|得0分|计0分)"
_TRAILER = re.compile(rf"^(?P<rest>.*?{_ZERO_END})[。;]?\({NUM}分\)[。;]?$")
_MARKS = re.compile(r"\d分")


def _rest(text: str) -> Rule | None:
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes again, on the rest

    return parse_rule_text(text)


def not_assessed(text: str) -> Rule | None:
    """The rest of a text with one 缺项 clause for a unit without the thing (module docstring)."""
    found = list(_NOT_ASSESSED.finditer(text))
    if len(found) != 1 or re.search(r"\d", found[0].group("thing")):
        return None
    clause = found[0]
    rest = (text[: clause.start()] + text[clause.end() :]).strip(" ,;")
    if not rest or (not _MARKS.search(rest) and "不得分" not in rest and "不计分" not in rest):
        return None
    inner = _rest(rest)
    if inner is None:
        return None
    return NotAssessed(inner=inner, absent=clause.group("absent"), thing=clause.group("thing"))


def stated_full(text: str) -> Rule | None:
    """A text ending in its full marks in a bracket after a clause that scores nothing (module docstring)."""
    found = _TRAILER.match(text)
    if found is None or _MARKS.search(found.group("rest")):
        return None
    inner = _rest(found.group("rest"))
    if inner is None or isinstance(inner, StatedFull):
        return None
    full = Decimal(found.group(2))
    if inner.full_marks() is not None and inner.full_marks() != full:
        return None
    return StatedFull(inner=inner, full=full)
