"""A coefficient for each status of the things counted (formulas family, issue 13, session 6).

The family: an optional heading with the marks ("记分20分", "本项满分10分", "分值15分"), then the statuses as a list
(、 between, 和/及/与 before the last; each optionally said of its thing: "已完成项目", "在建工程"), then the word for
the coefficient (系数, 分值系数, 得分系数, 折算系数, 计分系数, 权数) with 分别 and 为/按/是, then as many numbers
(each between 0 and 1; 、 , 和 及 between). "记分20分,已完成项目、调试项目、在建项目、可研项目、未启动项目分值系数分别为
1、0.75、0.5、0.25和0"; "在建工程、已竣工工程、未开工工程的得分系数分别按0.6、1和0计算". Read as 分值 × Σ(个数ᵢ ×
系数ᵢ) ÷ 总个数 (``rules.status_shares``).

Not read: a count of statuses and numbers that differ, a number above 1 (points, not a coefficient), fewer than
two statuses, two statuses with the same name, any other clause.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.status_shares import StatusShares, status_core

_NUMBER = r"\d+(?:\.\d+)?"
_HEADING = rf"(?:(?:本项|该项|此项|该指标|本指标)?(?:记分|计分|满分|分值|总分)(?:为)?(?P<full>{_NUMBER})分[,，;。:]?)?"
_NAME = r"[\u4e00-\u9fa5]{1,12}"
_STATUS_COEFFICIENTS = re.compile(
    rf"^{_HEADING}(?P<names>{_NAME}(?:、{_NAME})*(?:、|和|及|与){_NAME})(?:的)?"
    r"(?:分值|得分|计分|折算)?(?:系数|权数)(?:分别)?(?:为|按|是)"
    rf"(?P<numbers>{_NUMBER}(?:(?:、|,|和|及){_NUMBER})+)(?:计算|计分|计)?[。]?$"
)


def status_coefficients(text: str) -> Rule | None:
    """ "已完成项目、在建项目、未启动项目分值系数分别为1、0.5和0": the marks × the average coefficient."""
    found = _STATUS_COEFFICIENTS.match(text)
    if found is None:
        return None
    *first, last = re.split(r"、|和|及|与", found.group("names"))
    names = (*first, re.sub(r"(?:的)?(?:分值|得分|计分|折算)$", "", last))  # "未启动项目分值系数": the word is 系数
    numbers = tuple(Decimal(n) for n in re.split(r"、|,|和|及", found.group("numbers")))
    cores = [status_core(n) for n in names]
    if len(names) != len(numbers) or len(names) < 2 or len(set(cores)) != len(cores) or not all(cores):
        return None
    if any(not Decimal(0) <= n <= 1 for n in numbers):
        return None  # a number above 1 is points, not a share of the marks
    if any(a != b and a in b for a in cores for b in cores):
        return None  # "完成" beside "已完成": which status a count names is not sure
    full = Decimal(found.group("full")) if found.group("full") else None
    return StatusShares(statuses=names, coefficients=numbers, full=full)
