"""A row's base marks lost whole when its requirement is not met (affirm family, session 7).

The family, from social-welfare assessment tables: the row opens with its base ("单项基准2分", "基准分为3分",
"基本分5分"), then ONE failure with no number of its own, then that the base is taken away ("不符合要求,该单项
基准分扣完为止", "未按要求执行的,本项基准分全扣", "达不到要求,基本分扣完"). With no other deduction in the row
(no "每少1项扣0.5分" the 扣完为止 would be the floor of), taking the whole base is 不得分. Read as two levels: the
requirement met (the failure without its leading negation: "不符合要求" → 符合要求, "未按规定公示" → 按规定公示,
"达不到要求" → 达到要求) scores the base, the failure 0. A failure without a leading negation is not read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.levels import Level, Qualitative

# a failure's leading negation, and the requirement it denies: "未按规定公示" → 按规定公示, "达不到要求" → 达到要求
_NEGATED = (
    (re.compile(r"^(?:未能|没有|未|不(?!良|正当|利)|没)(?=[\u4e00-\u9fa5]{2})"), ""),
    (re.compile(r"^达不到"), "达到"),
    (re.compile(r"^无(?=[\u4e00-\u9fa5]{2})"), "有"),
)

_BASE = re.compile(r"^(?P<base>(?:单项)?(?:基准分?|基本分)(?:为)?(?P<n>\d+(?:\.\d+)?)分)[,;。]")
_LOST = re.compile(
    r"^(?P<fault>[^,;。:\d]{2,24}?)(?:的|者)?,?(?:则)?(?:该|本|此)?(?:单项|项)?(?:基准分?|基本分|分值|分数)"
    r"(?:全部)?(?:扣完为止|扣完|全扣|全部扣除|扣除)[。]?$"
)


def base_marks_lost(text: str) -> Rule | None:
    """ "单项基准2分,不符合要求,该单项基准分扣完为止" read as 符合要求 2 分、不符合要求 0 分."""
    base = _BASE.match(text)
    if base is None:
        return None
    lost = _LOST.match(text[base.end() :].strip())
    if lost is None or re.search(r"每|扣\d|加", lost.group("fault")):
        return None
    fault = lost.group("fault").strip(" ,")
    # (fix round) one failure only: a fault joined by 或/且/并/和/、 ("未建立台账或台账不完整") or a negation that
    # governs a manner only ("未经审批擅自开工", "未经批准调整预算") has no requirement made by taking the negation off
    if re.search(r"或|且|并|和|及|与|、|擅自|^(?:未|不|没有)经", fault):
        return None
    for negation, met in _NEGATED:
        if negation.match(fault):
            points = Decimal(base.group("n"))
            if points <= ZERO:
                return None
            met_level = Level(negation.sub(met, fault, count=1), points=points)
            return Qualitative(levels=(met_level, Level(fault, points=ZERO)))
    return None
