"""A percentage written as how far the value is from the standard, not as the value (numbers family, s9 fix):
"人均经费低于规定标准20%", "合格率比目标低3个百分点", "较标准少5%", "与标准相差20%", "差额20%".

Such a number is a distance for a per-step deduction in percentages ("每差额10%", "每低于1个百分点"): 20 ÷ 10 steps.
It is read only when
- the comparison names the standard (规定标准, 目标, 指标值, 计划, 要求, 任务) or is a word of difference itself
  (差, 相差, 差额): a bare "低于20%" is a bound on the value, never a distance;
- it is written in the step's own unit: a step in percentage points takes "3个百分点", a step in % takes "20%"
  ("低于目标3%" against "每低1个百分点" may be relative or in points: refused);
- its side is the step's (低于, 差, 差额 for a shortfall step, 超过 for an excess step, either for a step on
  either side); the other side deducts nothing ("高于目标2个百分点" for "每低于1个百分点"); 相差 and 差距 say no
  side: only for a step on either side;
- the rule has no cut-off value ("低于80%不得分" needs the value itself, which the distance does not give).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# the standard, with what sets it before it ("省定标准", "国家规定标准", "上级下达目标", "规定的标准")
_REFERENCE = r"[\u4e00-\u9fa5]{0,6}?(?:标准|目标|指标|计划|要求|任务|规定)(?:值|数|线)?"
_COMPARED = re.compile(
    rf"(?<![未不没无])(?P<word>低于|少于|不足|高于|超过|超出|多于|(?:比|较)){_REFERENCE}(?P<side>低|少|高|多|下降|降低)?了?(?:约)?"
    r"(?P<number>\d+(?:\.\d+)?)(?P<unit>%|个百分点)$"
)
_DIFFERENCE = re.compile(
    rf"(?:与{_REFERENCE})?(?<![未不没无])(?P<word>相差|差额|差距|差)了?(?P<number>\d+(?:\.\d+)?)(?P<unit>%|个百分点)$"
)
_BELOW_WORDS = ("低于", "少于", "不足", "低", "少", "下降", "降低")


@dataclass(frozen=True)
class StatedGap:
    """A distance from the standard: ``side`` "below", "above" or "either" (差, 相差); ``points`` whether it is
    written in percentage points; ``words`` as written."""

    side: str
    number: Decimal
    points: bool
    words: str
    compared: bool = True  # a word of comparison (低于, 比…高), not of difference (差, 差额): its side is certain
    lead: str = ""  # what stands before the comparison: the measure ("人均补助经费"), and any other words


def stated_gap(text: str) -> StatedGap | None:
    """The distance a statement writes (module docstring); None when it writes none, or more than one number."""
    said = re.sub(r"\s", "", text).rstrip("。；;，,")
    if len(re.findall(r"\d+(?:\.\d+)?", said)) != 1:
        return None
    match = _COMPARED.search(said)
    if match is not None:
        word, side = match.group("word"), match.group("side")
        if word in ("比", "较") and side is None:
            return None  # "比目标20%": no side
        if word not in ("比", "较") and side is not None:
            return None  # "低于目标高5%": two sides
        below = (side or word) in _BELOW_WORDS
        lead = said[: match.start()]
        side_word = "below" if below else "above"
        return StatedGap(side_word, Decimal(match.group("number")), _points(match), match.group(0), lead=lead)
    match = _DIFFERENCE.search(said)
    if match is None:
        return None
    side = "below" if match.group("word") in ("差额", "差") else "either"  # 相差, 差距: either side
    lead = said[: match.start()]
    return StatedGap(side, Decimal(match.group("number")), _points(match), match.group(0), compared=False, lead=lead)


# round-2 review (N1–N4, N10–N12): a part, a hedge, a forecast, another year or a complement before the comparison
_NOT_THE_VALUE = re.compile(
    r"部分|个别|少数|多数|大部分|有的|(?:基本|大致|大体)$|预计|预期|将|拟|计划|争取|力争|上年|去年|前年|往年|上一年|同期"
    r"|以前|曾|不|未|非"
)  # 基本 only right before the comparison ("基本低于"), not inside a noun ("基本公共卫生服务经费")
_NEUTRAL = re.compile(
    r"^(?:经查|经核查|经检查|经审核|全县|全市|全区|全乡|全镇|本县|本市|本区|本单位|本年度|本年|今年|当年|全年)+"
)


def foreign_lead(gap: StatedGap, text: str | None) -> str | None:
    """Why the distance is not the row's, or None: the words before the comparison speak of a part, a hedge, a
    forecast, another year or a complement rate ("部分乡镇…", "预计…将", "上年…", "不合格率…"), or, given the rule
    text, name a measure the text does not ("人均办公经费" for "人均补助经费", "优良率" for "合格率"). With no text
    (a statement a deduction already gave to its part) only the first check is made."""
    clauses = [c for c in re.split(r"[,，;；:：。]", gap.lead) if c]
    if (found := _NOT_THE_VALUE.search(gap.lead)) is not None:
        return f"“{gap.lead}{gap.words}”中有“{found.group(0)}”，不是本项本期的差距"
    subject = _NEUTRAL.sub("", clauses[-1]) if clauses else ""
    if text is not None and subject and subject not in text:
        return f"“{subject}”不是评分标准所说的指标"
    return None


_COMPARED_LEAD = re.compile(
    r"(?:低于|高于|超过|超出|少于|多于|不足|不到|未达到|未达|达不到|比(?![例重率值])|较(?![好差大小高低多少]))[^\d,，;；。]{0,12}$"
)


def compared_value(statement: str) -> bool:
    """Whether the statement's one percentage follows a word of comparison ("低于90%", "低于省定标准20%" not read as a
    gap): a bound or a distance, never the value itself."""
    said = re.sub(r"\s", "", statement)
    found = re.search(r"\d+(?:\.\d+)?(?:%|个百分点)", said)
    return found is not None and _COMPARED_LEAD.search(said[: found.start()]) is not None


def _points(match: re.Match[str]) -> bool:
    return match.group("unit") == "个百分点"
