"""Where a per-step deduction is written in a rule text, and which way it deducts (numbers family, split from
``deductions`` in s9): the step's place, its word of direction, the number, the unit and the points ("每低于1个百分点
扣1分", "每少10人扣1分", "超出部分按每天0.2分扣减"), and its kind (below, above, delay, either side, a fault counted
from zero, the unmet side), from the step's own word or from the condition it stands under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medaid.evaluation.ruletext.step_context import FAULT, FAULT_UNITS, unmet_only
from medaid.evaluation.ruletext.step_parts import (
    ABOVE,
    BELOW,
    BOTH,
    DELAY,
    GAP,
    POINTS,
    TOLERANCE,
    UNITS,
    VERB,
    WORDS,
    condition_kinds,
)

KIND = {**{w: "below" for w in BELOW}, **{w: "above" for w in ABOVE}, **{w: "delay" for w in DELAY},
         **{w: "both" for w in BOTH}}  # fmt: skip
_SHOWN = {"below": "低于", "above": "超过", "delay": "延迟", "both": "相差"}
_INCIDENTS = frozenset({"例", "处", "次", "件", "起", "宗", "笔"})  # "出现超标的，每1例扣1分" is ``cases``'
# Words of change a step of one may be written with, without 每 ("下降1个百分点扣1分", "减少1人扣1分").
_CHANGE = ("下降", "降低", "减少", "上升", "增加", "提高")
_BARE = "|".join(sorted({*DELAY, *_CHANGE, "缺", "缺少", "少", "差", "欠", "多", "超"}, key=len, reverse=True))
_NOUN = r"(?:(?![扣得每减分])[\u4e00-\u9fa5]){0,8}?"
_TAIL = r"(?P<tail>[^\d扣减加;。,]{0,8}?)"
_STEP = re.compile(
    rf"(?:每(?P<word>{WORDS})(?P<noun>{_NOUN})(?P<num>\d+(?:\.\d+)?)(?P<unit>(?:万|千|亿)?(?:{UNITS})){_TAIL}"
    rf"|每个?(?P<bnum>\d+(?:\.\d+)?)?(?P<bunit>(?:万|千|亿)?(?:{UNITS}))"
    rf"|(?:(?<![^,;。:])|(?<=\d分\))|(?<=未完成任务)|(?<=未完成计划)|(?<=未完成的))"  # "未完成任务少1个扣0.5分"
    rf"(?P<bare>{_BARE})(?P<one>1)(?P<ounit>{UNITS})){GAP}{POINTS}"
)
# "超出部分按每天0.2分扣减", "按0.5分/百分点扣分": the points per unit written before the unit's deduction
_UNIT = rf"(?:万|千|亿)?(?:{UNITS})"
_RATE = re.compile(
    rf"每个?(?P<unit1>{_UNIT})(?P<p1>\d+(?:\.\d+)?)分(?:的标准)?(?=扣|计扣)"
    rf"|{VERB}(?P<p2>\d+(?:\.\d+)?)分/个?(?P<unit2>{_UNIT})"
    rf"|(?P<p3>\d+(?:\.\d+)?)分/个?(?P<unit3>{_UNIT})(?:的标准)?(?=扣|计扣)"
)


def condition(text: str, start: int) -> str:
    """The condition a step stands under: the text before it back to the previous score or sentence."""
    ends = [m.end() for m in re.finditer(r"\d分(?![值点数])|满分|基本分|不得分|为止|[。;]", text[:start])]
    return text[max(ends, default=0) : start]


@dataclass(frozen=True)
class Step:
    """A step as written: its place, its word of direction (None when the condition carries it), what stands
    between the word and the number, the number, the unit, words after the unit, and the points."""

    start: int
    end: int
    word: str | None
    noun: str
    number: str
    unit: str
    tail: str
    points: str
    share: bool  # "扣该项分值的10%"


def find_steps(text: str) -> list[Step]:
    found = []
    for m in _STEP.finditer(text):
        g = m.groupdict()
        found.append(Step(m.start(), m.end(), g["word"] or g["bare"], g["noun"] or "",
                           g["num"] or g["bnum"] or g["one"] or "1", g["unit"] or g["bunit"] or g["ounit"],
                           g["tail"] or "", g["points"] or g["share"], g["share"] is not None))  # fmt: skip
    for m in _RATE.finditer(text):
        if not any(s.start <= m.start() < s.end or m.start() <= s.start < m.end() for s in found):
            g = m.groupdict()
            points, unit = g["p1"] or g["p2"] or g["p3"], g["unit1"] or g["unit2"] or g["unit3"]
            found.append(Step(m.start(), m.end(), None, "", "1", unit, "", points, False))
    return found


def step_kind(step: Step, text: str) -> tuple[str, str] | None:
    """The step's kind (below, above, delay, both) and its word, from the step or from its condition."""
    region = condition(text, step.start)
    named = condition_kinds(region)
    word = step.word
    if step.unit in _INCIDENTS and ((word and KIND[word] == "delay") or (not word and "delay" in named)):
        # "未按时上报的,每次扣1分", "信息迟报的,每次扣0.5分", "每迟报1次扣1分": late reports counted as occurrences,
        # not a delay measured in 天/月/小时; ``cases`` reads them (and an actual such as "均按时上报" or "迟报2次")
        return None
    if word:
        kind = KIND[word]
        if word == "差" and "both" in named:
            kind = "both"  # "与目标值差距绝对值，每差1微克/立方米": the gap, on the side the condition names if any
        if kind == "both":
            if unmet_only(region):
                return "unmet", word  # "未达到年度目标值的,按…差距绝对值…每差1…": the gap on the unmet side
            sides = named & {"below", "above"}
            return (sides.pop(), word) if len(sides) == 1 else (kind, word)
        if kind != "delay" and ((named - {kind, "delay", "both"}) or TOLERANCE.search(region)):
            return None  # "超过目标值的，每低于…", "实际值与目标值偏差每超过…": not one direction
        return kind, word
    if step.unit in _INCIDENTS and not named & {"delay"}:
        return None
    sides = named - {"both"}
    if sides == {"above", "delay"}:
        sides = {"delay"}
    fault = region.rstrip(",;:、")
    if not named and step.unit.lstrip("万千亿") in FAULT_UNITS and FAULT.match(fault):
        return "fault", fault  # "適宜種植雙季稻但種植單季稻的,每5畝扣1分": the amount of the fault, from zero
    if len(sides) > 1 or not (sides or named):
        return None
    kind = sides.pop() if sides else "both"
    found = re.findall(WORDS, region)
    shown = next((w for w in reversed(found) if KIND.get(w) == kind), _SHOWN[kind])
    return kind, shown
