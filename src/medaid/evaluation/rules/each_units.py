"""A floor each unit must reach, answered unit by unit (affirm family, session 9 round 2).

The family: "各村秋季防疫工作经费2000元以上得分,否则不得分"; "每个乡镇配备3名以上…": the bound holds of EACH unit
(村, 乡镇, 县, 校…). The evaluator answers for all of them at once: "全镇12个村…经费均在2000元以上，最少的村为
2000元" (met), or names the units below it: "其中3个村不足2000元" (not met: not each).

Read only a floor (≥, the text's "以上/不少于/不低于"), the units named by the text's own unit word, the value the
bound's own value and unit: "均在2000元以上" / "均达到2000元" / "均不低于2000元" says each is at least it, "N个村
不足/低于/少于/未达到2000元" (N ≥ 1) that one is not. Beside a yes, a statement may only give another value of that
unit at or above the bound ("最少的村为2000元"); any negation, lack, plan or other number leaves it unread.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import Comparator, Quantity

_EACH = re.compile(r"(?:各|每个|每一个|每)([\u4e00-\u9fa5]{1,2}?)(?=[\u4e00-\u9fa5])")
_UNITS = ("村", "乡镇", "乡", "镇", "县", "县区", "区", "校", "所", "户", "站", "单位", "社区", "学校", "医院", "科室")
_COUNT = r"(?:\d+|[一二两三四五六七八九十]+)"
_NUMBER = r"(\d+(?:\.\d+)?)"
_LESS = r"(?:不足|低于|少于|未达到|未满|达不到|不到)"
_AT_LEAST = r"(?:在|达到|不低于|不少于|超过)?"
_DOUBT = re.compile(r"[不未无没缺]|拟|计划|预计|约|左右|部分|个别|基本|大部|多数|仅")


def _unit(rule_text: str) -> str | None:
    for found in _EACH.finditer(rule_text):
        head = rule_text[found.start(1) :]
        unit = next((u for u in sorted(_UNITS, key=len, reverse=True) if head.startswith(u)), None)
        if unit is not None:
            return unit
    return None


def each_answer(text: str, rule_text: str, bound: Quantity | None) -> bool | None:
    """True when the statements say each unit reaches the floor, False when one names units below it; None else."""
    if bound is None or bound.value is None or bound.comparator is not Comparator.GE or not bound.unit:
        return None
    unit = _unit(rule_text)
    plain = re.sub(r"\s", "", rule_text)
    if unit is None or not re.search(rf"(?<![\d.]){bound.value.normalize():f}{re.escape(bound.unit)}", plain):
        return None  # the floor must be the text's own ("2000元以上"), not only the row's target
    value, measure = bound.value, re.escape(bound.unit)
    below = re.compile(rf"(?:其中|有|共有)?({_COUNT})个?{unit}[^,，;；。]{{0,12}}?{_LESS}{_NUMBER}{measure}")
    all_of = rf"(?:各|所有|全部|{_COUNT}个){unit}[^,，;；。]{{0,16}}?(?:均|全部|都)"
    each = re.compile(rf"{all_of}{_AT_LEAST}{_NUMBER}{measure}(?:以上|及以上)?$")
    other = re.compile(rf"[^,，;；。]*?{_NUMBER}{measure}$")
    said: set[bool] = set()
    for statement in (s for s in re.split(r"[,，;；。]", re.sub(r"\s", "", text)) if s):
        if (found := below.search(statement)) is not None and Decimal(found.group(2)) == value:
            said.add(False)
        elif (found := each.search(statement)) is not None and Decimal(found.group(1)) == value:
            said.add(True)
        elif (found := other.fullmatch(statement)) is not None and not _DOUBT.search(statement):
            if Decimal(found.group(1)) < value:
                return None  # "最少的村为1800元" beside "均在2000元以上": they disagree
        else:
            return None
    return said.pop() if len(said) == 1 else None


# (affirm s9) the same with a bar named in words: "各县(市、区)农村低保标准全部达到省定扶贫标准"
_BRACKETS = re.compile(r"\([^()]*\)|（[^（）]*）")


def each_standard(text: str, condition: str) -> tuple[bool | None, str]:
    """(met, how) when a condition asks each unit to reach a bar named in words and the description says all do
    ("8个县…均不低于省定扶贫标准") or names units below it ("有1个县…低于省定扶贫标准", the rest said to reach it)."""
    plain = _BRACKETS.sub("", re.sub(r"\s", "", condition))
    unit = _unit(plain)
    found = re.search(r"(?:全部|均|都)?(?:达到|不低于)([\u4e00-\u9fa5]{2,12}?(?:标准|水平|要求))$", plain)
    if unit is None or found is None:
        return None, ""
    bar = re.escape(found.group(1))
    at = plain.find(unit, plain.find("各")) + len(unit)
    subject = re.escape(plain[at : found.start()])  # "农村低保标准": the statement must speak of it
    below = re.compile(rf"^(?:有|其中)?{_COUNT}个{unit}{subject}(?:低于|未达到|不足|达不到){bar}$")
    each = re.compile(rf"^[^,，;；。]{{0,6}}?(?:各|所有|全部|{_COUNT}个){unit}{subject}(?:均|全部|都)"
                      rf"(?:达到|不低于|高于|超过){bar}$")  # fmt: skip
    rest = re.compile(rf"^(?:其余|其他|其它){unit}?[^,，;；。]{{0,8}}?(?:均|全部|都)达到(?:{bar})?$")
    said: set[bool] = set()
    statements = [s for s in re.split(r"[,，;；。]", _BRACKETS.sub("", re.sub(r"\s|已", "", text))) if s]
    for statement in statements:
        if _DOUBT_WORDS.search(statement):
            return None, ""
        if below.match(statement):
            said.add(False)
        elif each.match(statement):
            said.add(True)
        elif not (rest.match(statement) and False in said):
            return None, ""
    if len(said) != 1:
        return None, ""
    met = said.pop()
    return met, f"（说明写明{'各' + unit + '均达到' if met else '有' + unit + '未达到'}“{found.group(1)}”）"


_DOUBT_WORDS = re.compile(r"拟|计划|预计|约|左右|基本|大部|多数|部分")
