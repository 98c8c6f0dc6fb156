"""The mean of the scores of each thing assessed (formulas family, session 6 round 2; rule ``ListedAverage``).

The family: a lead saying each thing is scored and the mean is the item's score ("统计考评单位每个项目的规范性
检查得分,加权平均作为该项最终得分", "取各项目得分的平均值作为本项得分"), and/or the formula written with one
letter: "A=(A1+A2+A3+…+An)*(1/n)", "÷n", "/n"; then the letters' definitions ("式中:A为…,A1、A2…An为…,n为…个
数"), which say nothing of the score. Optionally one deduction beside the mean: "<fault>的,每次(处/项/个/例/份)扣N分
(,以<evidence>为准)".
Not read: "加权平均" without a formula (the weights are not said), a definition with a number or a score in it,
any other clause.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.listed_average import ListedAverage

_FORMULA = re.compile(r"(?P<v>[A-Za-z])=\((?P=v)1\+(?P=v)2(?:\+(?P=v)\d)*\+?[.…·]*\+?(?P=v)n\)(?:×\(?1/n\)?|/n|÷n)")
_LEAD = re.compile(
    r"^(?:统计|计算|取|按)?[^。;]{0,30}?(?:每个|各|单个)(?P<item>[\u4e00-\u9fa5]{0,8}?项目|[\u4e00-\u9fa5]{1,4}?)[^。;]{0,16}?得分的?,?"
    r"(?P<weighted>加权)?(?:算术)?平均(?:值|分)?,?(?:作为|为|即为|即)(?:该项|本项|此项|该指标)?(?:最终|最后)?得分[,;。:]?"
)
_DEFINITIONS = re.compile(r"^式中[:]?[^。]*(?:。|$)")
_STEP = re.compile(
    r"^(?P<fault>[^,;。\d]{2,20}?)的?,?每(?P<counter>次|处|项|个|例|份)扣(?P<step>\d+(?:\.\d+)?)分"
    r"(?:,?以(?P<evidence>[^,;。\d]{2,30}?)为准)?[。]?$"
)


def listed_average(text: str) -> Rule | None:
    """ "每个项目的…得分,加权平均作为该项最终得分A=(A1+…+An)*(1/n)式中:…" (module docstring)."""
    work = text.replace(" ", "")
    lead = _LEAD.match(work)
    rest = work[lead.end() :] if lead else work
    formula = _FORMULA.match(rest)
    if formula is None and (lead is None or lead.group("weighted")):
        return None  # no formula: "加权平均" alone does not say the weights
    if lead is None and formula is None:
        return None
    if formula is not None:
        rest = rest[formula.end() :].lstrip(",;。")
        definitions = _DEFINITIONS.match(rest)
        if definitions is not None:
            said = definitions.group(0)
            if re.search(r"扣|加|得\d|\d+(?:\.\d+)?(?:分|%)", said):
                return None  # a definition that scores: more than letters
            rest = rest[definitions.end() :]
    rest = rest.strip(",;。")
    item = lead.group("item") if lead else ""
    item = item if item.endswith("项目") else "项目"
    if not rest:
        return ListedAverage(item=item)
    step = _STEP.match(rest)
    if step is None:
        return None
    evidence = step.group("evidence")
    fault = step.group("fault") + (f"（以{evidence}为准）" if evidence else "")
    return ListedAverage(item=item, step=Decimal(step.group("step")), counter=step.group("counter"), fault=fault)
