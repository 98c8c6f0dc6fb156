"""One bound for each of several listed things (lists family, session 9): "早、晚稻达到500公斤单产指标的记6分,达不到
单产要求的扣6分", "小麦、玉米单产均达到400公斤的得5分,达不到的不得分" (``rules.listed_subjects``).

How tables write it: the things listed with 、 (a shared ending written once: "早、晚稻" is 早稻 and 晚稻, "大、中型
水库" 大型水库 and 中型水库), perhaps 均/都, 达到/不低于/不少于 a number in a unit, perhaps the measure's word
(单产) and 指标/要求/标准, the marks, then what scores none: 达不到/未达到/低于 …, 不得分 or 扣 the same marks.

Not read: one thing alone (the bound readers'), a failure that deducts other marks than the full ("扣3分" of a
6-mark text: 3 or 0?), a list whose pieces are neither all whole names nor single characters before a last name,
anything else in the text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.listed_subjects import SubjectsBound

_NUM = r"\d+(?:\.\d+)?"
_UNIT = r"万公斤|公斤|千克|万吨|吨|斤|万亩|亩|亿元|万元|元|平方米|公里|米|万人次|人次|万人|人|户|家|个|头|只|株|棵|%"
_UNIT_END = r"(?!次|月|百分|工作日|小时|天|日|周|星期|年|季|倍|半)"  # not 个 of 个月 (s9 fix)
_TEXT = re.compile(
    rf"^(?P<subjects>[\u4e00-\u9fa5]{{1,8}}?(?:、[\u4e00-\u9fa5]{{1,12}}?)+?)(?:均|都|全部)?(?:达到|不低于|不少于)"
    rf"(?P<bound>{_NUM})(?P<unit>{_UNIT}){_UNIT_END}(?P<measure>[\u4e00-\u9fa5]{{0,6}}?)(?:指标|要求|标准)?的?,?"
    rf"(?:得|计|记)(?P<points>{_NUM})分[,;]"
    rf"(?:达不到|未达到|未达|低于|不足)(?:(?P<again>{_NUM})(?P<again_unit>{_UNIT}))?"  # "低于80%的" (s9 fix)
    r"(?P<what>[\u4e00-\u9fa5]{0,8}?)的?,?"
    rf"(?:扣(?P<lost>{_NUM})分|不得分|不计分|不记分|得0分|计0分)[。;]?$"
)
# the measure's word must be said again, not the start of another requirement: "单产", "亩产", "产量"
_MEASURE = re.compile(r"^[\u4e00-\u9fa5]{0,4}$")


def _subjects(listed: str) -> tuple[str, ...] | None:
    """ "早、晚稻" → 早稻, 晚稻; "小麦、玉米" as written; None for a mixed list."""
    pieces = listed.split("、")
    if all(len(p) >= 2 for p in pieces):
        return tuple(pieces)
    if all(len(p) == 1 for p in pieces[:-1]) and len(pieces[-1]) >= 2:
        ending = pieces[-1][1:]
        return (*(p + ending for p in pieces[:-1]), pieces[-1])
    return None


def subjects_bound(text: str) -> Rule | None:
    """Several listed things each reaching one bound (module docstring)."""
    found = _TEXT.match(text)
    if found is None or not _MEASURE.match(found.group("measure")):
        return None
    floor: Decimal | None = None
    if found.group("again") is not None:  # "低于80%的"; "低于70%的" under 80%: the values between are not scored (s9)
        floor = Decimal(found.group("again"))
        if found.group("again_unit") != found.group("unit") or floor > Decimal(found.group("bound")):
            return None
        floor = None if floor == Decimal(found.group("bound")) else floor
    subjects = _subjects(found.group("subjects"))
    points = Decimal(found.group("points"))
    if subjects is None or len(set(subjects)) != len(subjects) or points <= 0:
        return None
    if found.group("lost") is not None and Decimal(found.group("lost")) != points:
        return None
    what, measure = found.group("what"), found.group("measure")
    if what and what not in ("要求", "标准", "指标") and not (measure and what.startswith(measure)):
        return None  # "达不到其他要求的": the failure of something else
    if not measure and "、" in found.group("subjects"):
        subjects, measure = _measure_split(found.group("subjects"), subjects)
    return SubjectsBound(subjects=subjects, bound=Decimal(found.group("bound")), unit=found.group("unit"),
                         measure=measure, points=points, floor=floor)  # fmt: skip


def _measure_split(listed: str, subjects: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """ "小麦、玉米单产": the last whole name longer than the others carries the measure of all (单产), which each
    thing's statement must then say too ("小麦总产420公斤" is not 小麦's 单产) (s9 fix)."""
    pieces = listed.split("、")
    longest = max(len(p) for p in pieces[:-1])
    if longest < 2 or len(pieces[-1]) <= longest:
        return subjects, ""
    return (*pieces[:-1], pieces[-1][:longest]), pieces[-1][longest:]
