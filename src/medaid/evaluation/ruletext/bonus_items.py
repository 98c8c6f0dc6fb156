"""加减分 items (``bonus``): "验收合格，达到省定标准加2分，验收不合格扣2分", "获得国家级荣誉的加2分，省级荣誉加1分" —
each condition with the points it adds or takes. A 加 inside a word (参加, 加强…) is no bonus verb."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.adjustments import AddDeduct, Adjustment
from medaid.evaluation.ruletext.common import NUM, POINTS

_GONE = "\x00"

_ADJUST = re.compile(rf"(加|扣|减)[^\d,;。加扣减]{{0,8}}?{NUM}分")
# A 加 inside a word is no bonus verb: 参加, 追加, 附加, 添加, 施加, 叠加, 外加, 更加; 加强, 加快, 加大, 加入, 加工,
# 加班, 加速, 加以, 加紧, 加重, 加盖, 加油; 增加 only when the points follow it ("增加2分"), not "增加病床2张…2分"
_WORD_JIA = re.compile(r"(?<=[参追附添施叠外更])加|加(?=[强快大入工班速以紧重盖油])|(?<=增)加(?!\d)")


def _bonus_verbs(text: str) -> str:
    """The text with each 加 that is part of a word ("按时参加例会") put out of the way of the 加减分 reading."""
    return _WORD_JIA.sub(_GONE, text)


def add_deduct(text: str) -> Rule | None:
    """ "验收合格，达到省定标准加2分，验收不合格扣2分": each condition with the points it adds or takes."""
    if "每" in text or POINTS.search(text) or re.search(r"不得分|得满分|基本分", text):
        return None
    found = list(_ADJUST.finditer(_bonus_verbs(text)))
    signs = {m.group(1) == "加" for m in found}
    if not signs or signs == {False}:
        return None  # deductions alone are other shapes
    adjustments: list[Adjustment] = []
    rest: list[str] = []
    previous = 0
    for match in found:
        start = max(previous, *(text.rfind(ch, 0, match.start()) + 1 for ch in "。;"))
        rest.append(text[previous:start])
        condition = text[start : match.start()].strip(",、")
        if not condition or re.search(r"\d|一次|每次|一项|一个|次$", condition):
            return None  # "一次加3分": per occurrence (``kinds``)
        points = Decimal(match.group(2))
        adjustments.append(Adjustment(condition, points if match.group(1) == "加" else -points))
        previous = match.end()
    rest.append(text[previous:])
    if re.search(r"\d", "".join(rest)):
        return None
    # "有改扩建敬老院和五保之家建设任务的乡镇,视其完成情况加减分": the task the item is for
    task = re.match(r"有([^,;。有]{2,30}?任务)的[^,;。]{0,6}?,", rest[0])
    return AddDeduct(adjustments=tuple(adjustments), task=task.group(1) if task else None)
