"""Items a step counts missing, listed in the rule text, as evaluators speak of them (counts family, session 8).

Tables that check a document or a form list its required elements, then deduct for each one missing:
"项目名称、项目单位、主管部门、评价类型、评价日期每少一项扣0.4分", "标题、单位名称、内容、日期等要素每少一项,扣0.5分".
Evaluators answer with the part of the document first and the elements named, in any of these forms:

- the missing ones named, then their number, then the kind of thing: "封面缺少评价类型、评价日期2项",
  "缺少出具单位名称、日期2项要素", "报告缺标题1项" — the number, when the names are as many as it says, each name is
  one the rule lists, the head ("封面") and the noun after the counter ("要素") are words of the rule text;
- all of them missing: "封面五项要素全部缺少", "5项要素均未填写(少5项)" — the number, when it is at most the number
  listed (a bracket repeating it, "(少5项)", must say the same number);
- all of them there: "封面项目名称、项目单位、…、评价日期五项均已填写", "各要素均已填写", "所列要素齐全" — none, when
  every listed element is named (or the number said is the number listed, or 各/所列/全部 speaks of them all), with
  均/都/全部 and a verb of being there (填写, 具备, 载明, 注明, 齐全, 有); other statements beside it must restate the
  full-marks condition (checked by the caller).

A name not in the list, a head or noun not in the rule text, a hedge (基本, 部分…) or a negation in the wrong place is
refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.count_hedges import HEDGES
from medaid.evaluation.rules.count_vocab import cn_int, simplified

_LIST = re.compile(
    r"(?P<items>[^,;。:\d]{2,}(?:、[^,;。:\d]{1,})+?)(?:等)?(?:要素|内容|项目|材料|资料|事项)?(?:的)?,?每(?:缺少|缺|少)"
    r"(?:填写|提供|填报)?(?:1|一)项"
)
_NUMBER = r"(?P<n>\d+|[一二两三四五六七八九十]+)"
_MISSING = r"(?:缺少|缺失|缺|少|漏填|未填写|未填|未提供)"


def listed(rule_text: str) -> list[str]:
    """The elements the rule lists before "每少一项" ("项目名称、项目单位…"), or []."""
    found = _LIST.search(simplified(re.sub(r"\s+", "", rule_text)))
    if found is None:
        return []
    items = re.sub(r"等(?:要素|内容|项目|材料|资料|事项)?$", "", found.group("items"))
    names = [n for n in items.split("、") if n]
    return names if len(names) >= 2 else []


def _of_rule(words: str, rule_text: str) -> bool:
    """Words a head or a noun may be: characters of the rule text, with no negation, hedge or number."""
    return (
        not re.search(r"\d|[不未没无非缺漏错]", words)
        and HEDGES.search(words) is None
        and (not words or words in rule_text)
    )


def missing_named(statement: str, rule_text: str) -> tuple[Decimal, str] | None:
    """ "封面缺少评价类型、评价日期2项", "缺少出具单位名称、日期2项要素": the number missing and the counter."""
    items = listed(rule_text)
    said = re.sub(r"\s+", "", simplified(statement))
    found = re.fullmatch(
        rf"(?P<head>[^\d,;。]{{0,8}}?){_MISSING}(?P<names>[^\d,;。]+?){_NUMBER}(?P<c>项|个)(?P<noun>[^\d,;。]*)", said
    )
    if (
        not items
        or found is None
        or not (_of_rule(found.group("head"), rule_text) and _of_rule(found.group("noun"), rule_text))
    ):
        return None
    names = [n for n in found.group("names").split("、") if n]
    number = cn_int(found.group("n"))
    # s8 fix round: the same element named twice is one element ("项目名称、项目名称2项")
    if number is None or len(names) != number or len(set(names)) != len(names) or any(n not in items for n in names):
        return None
    return number, found.group("c")


def all_missing(statement: str, rule_text: str) -> tuple[Decimal, str] | None:
    """ "封面五项要素全部缺少(少5项)": every one named missing, as many as said (at most the number listed)."""
    items = listed(rule_text)
    said = re.sub(r"\s+", "", simplified(statement))
    again = re.search(rf"\((?:缺少|缺|少){_NUMBER}项\)$", said)
    if again is not None:
        said = said[: again.start()]
    found = re.fullmatch(
        rf"(?P<head>[^\d,;。]{{0,8}}?){_NUMBER}(?P<c>项|个)(?P<noun>[^\d,;。]*?)(?:全部|均|都|全)(?:已)?{_MISSING}",
        said,
    )
    if (
        not items
        or found is None
        or not (_of_rule(found.group("head"), rule_text) and _of_rule(found.group("noun"), rule_text))
    ):
        return None
    number = cn_int(found.group("n"))
    if number is None or number > len(items) or (again is not None and cn_int(again.group("n")) != number):
        return None
    return number, found.group("c")


_THERE = r"(?:已经|已)?(?:填写|填报|具备|载明|注明|提供|齐全|齐备|有)(?:齐全|完整)?"


def all_there(statement: str, rule_text: str) -> bool:
    """ "封面项目名称、…、评价日期五项均已填写", "各要素均已填写": every element listed is there."""
    items = listed(rule_text)
    said = re.sub(r"\s+", "", simplified(statement))
    found = re.fullmatch(
        rf"(?P<head>[^\d,;。]*?)(?P<n>\d+|[一二两三四五六七八九十]+)项(?P<noun>[^\d,;。]*?)(?:均|都|全部|全)+{_THERE}",
        said,
    ) or re.fullmatch(rf"(?P<head>[^\d,;。]*?)(?P<n>)(?P<noun>)(?:均|都|全部|全)+{_THERE}", said)
    if not items or found is None or HEDGES.search(said) or re.search(r"[不未没无非缺漏错]", said):
        return False
    number = cn_int(found.group("n")) if found.group("n") else None
    if found.group("n") and number != len(items):
        return False
    named = [n for n in found.group("head").split("、") if n]
    if len(named) >= 2:  # each listed one named; the first may carry the part of the document ("封面项目名称")
        first_ok = any(named[0].endswith(i) and _of_rule(named[0][: -len(i)], rule_text) for i in items)
        return (
            first_ok
            and set(named[1:]) <= set(items)
            and len(named) == len(items)
            and (number is None or number == len(items))
            and len({*named[1:], next(i for i in items if named[0].endswith(i))}) == len(items)
        )
    words = found.group("head") + found.group("noun")
    return (number is not None or bool(re.search(r"各|所列|全部|所有", words))) and _of_rule(
        re.sub(r"各|所列|全部|所有|的", "", words), rule_text
    )
