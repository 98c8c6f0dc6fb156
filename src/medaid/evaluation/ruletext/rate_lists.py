"""Several named rates sharing one step and one full marks (``rules.deduction_sum``): "流入人口管理五率(信息采集率、
合同签订率、持证验证率、节育措施落实率、三查一治查访到位率)达100%记7分。每项低一个百分点扣0.2分".

The rates are listed in brackets (split at 、, at least two, each ending in 率; a count before the bracket,
"五率", must be theirs). The rest, with "每项" read as "每" for each rate, must be one per-step deduction
(``deductions.per_point``) with its full marks; each rate becomes a part deducting from those full marks. A
clause that multiplies deductions found elsewhere ("省、市、县检查中有扣分的,加倍扣减到考核单位") is kept as a part
that must be said not to have happened: if it did, how much it takes is for the evaluator.
"""

from __future__ import annotations

import dataclasses
import re

from medaid.evaluation.rules import PerPoint, Rule
from medaid.evaluation.rules.deduction_sum import DeductedPart, DeductionSum

_LIST = re.compile(r"(?P<count>[二两三四五六七八九十\d])?率?\((?P<names>[^()]{4,120})\)")
_DIGITS = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SANCTION = re.compile(
    r"[,;。](?P<fault>[^\d,;。]{0,12}?[^\d;。]{2,30}?)的,?(?:加倍|双倍|翻倍)(?:扣减|扣分|扣除)[^;。]*"
)


def rate_list(text: str) -> Rule | None:
    """ "五率(A率、B率…)达100%记7分。每项低1个百分点扣0.2分" (module docstring)."""
    from medaid.evaluation.ruletext.deductions import per_point

    listed = _LIST.search(text)
    if listed is None or "每项" not in text:
        return None
    names = tuple(n.strip() for n in listed.group("names").split("、"))
    if len(names) < 2 or not all(re.fullmatch(r"[\u4e00-\u9fa5]{2,12}率", n) for n in names):
        return None
    count = listed.group("count")
    if count and (int(count) if count.isdigit() else _DIGITS[count]) != len(names):
        return None
    rest = text[: listed.start("names") - 1] + text[listed.end() :]
    parts: list[DeductedPart] = []
    sanction = _SANCTION.search(rest)
    if sanction is not None:
        fault = sanction.group("fault")
        rest = rest[: sanction.start()] + rest[sanction.end() :]
        parts.append(DeductedPart(sanction.group(0).strip(",;。"), (fault,), fault=fault, judged=True))
    rule = per_point(rest.replace("每项", "每", 1))
    if not isinstance(rule, PerPoint) or rule.full is None or rule.unit is not None:
        return None
    inner = dataclasses.replace(rule, full=None)
    wording = f"每低{rule.step}个百分点扣{rule.points}分"
    steps = [DeductedPart(f"{n}{wording}", (n,), rule=inner) for n in names]
    return DeductionSum(parts=(*steps, *parts), full=rule.full)
