"""Points for each percentage point of the task done: "每完成任务一个百分点得0.1分,共10分", "按计划每完成1个百分点
计0.4分,最高40分".

Reading conventions (docs/rules.md, "Counts and ranks"):
- the percentage points counted are those of the task done, actual ÷ target (the completion ratio, as
  "按完成比例计分" is read): score = actual ÷ target × 100 × the points, so an actual of 85 % against a target of
  100 % scores 85 × 0.1 = 8.5; with no target the text is read but the case is refused;
- the cap is 最高/最多/不超过 N分, or 共/满分 N分 when it is what 100 points give (0.1 × 100 = 10): a total
  that is not ("每完成1个百分点得0.2分,共10分") says the count starts or stops somewhere the text does not say,
  and is not understood; the score never exceeds the weight;
- "超额完成…每…加" (a bonus above the target), a deduction, a threshold or any other score beside it make the
  text not understood; the words before the clause may only name the quantity and how it is counted ("以2006年度…
  为基数,计算当年新增扩面人数", "以截至2007年12月31日前…为准,其它无效").
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, fmt
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.expressions import Expression
from medaid.evaluation.ruletext.count_spelling import without_item_numbers

_NUM = r"(\d+(?:\.\d+)?)"
_EACH = re.compile(
    rf"(?:按(?:照)?(?:计划|任务)?)?每完成(?:任务|计划|目标|任务数|计划数)?(?:的)?(?:1|一)百分点(?:得|计|记|给)?{_NUM}分"
)
_CAP = re.compile(rf"(?:最高|最多|不超过|封顶)(?:得|计)?{_NUM}分|{_NUM}分封顶")
_TOTAL = re.compile(rf"(?:共|满分|合计|总分)(?:为)?{_NUM}分")
# words around it that only name the quantity and how it is counted; dates are no thresholds
_DATE = re.compile(r"\d{4}年(?:度)?(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日")
_SAYS_NOTHING = re.compile(r"其它无效|其他无效|扣完为止|上一?年度|上年")  # "以上年度…为基数" is no "以上"


def completion_points(text: str) -> Rule | None:
    """ "每完成任务一个百分点得0.1分,共10分": actual ÷ target × 100 × 0.1, at most 10."""
    text = without_item_numbers(text)
    found = _EACH.search(text)
    if found is None or len(_EACH.findall(text)) > 1:
        return None
    points = Decimal(found.group(1))
    rest = text[: found.start()] + "," + text[found.end() :]
    caps = {Decimal(a or b) for a, b in _CAP.findall(rest)}
    totals = {Decimal(t) for t in _TOTAL.findall(rest)}
    rest = _SAYS_NOTHING.sub("", _TOTAL.sub("", _CAP.sub("", rest)))
    if len(caps | totals) > 1 or any(t != points * HUNDRED for t in totals) or points <= 0:
        return None
    if re.search(r"\d|分|扣|加|奖|超|不|未|低于|高于|以上|以下|每|%", _DATE.sub("", rest)):
        return None  # another score, a bonus above the target, a threshold or a condition
    most = (caps | totals).pop() if caps | totals else None
    factor = points * HUNDRED
    said = f"每完成任务1个百分点得{fmt(points)}分" + (f"，最高 {fmt(most)} 分" if most is not None else "")
    return Expression(
        expression=f"实际值/目标值×{fmt(factor)}",
        name="实际完成值",
        most=most,
        read_as=f"{said}：完成的百分点 = 实际完成值 ÷ 指标值 × 100，得分 = 百分点数 × {fmt(points)}",
    )
