"""Rates where less is better (affirm family, session 9, review fix).

Tables read a bare value as "at least" ("100%得2分": ``ruletext.conditions``), which is right for a completion or
coverage rate. For a rate of faults — accidents, errors, complaints, deaths, failures — less is better, and "事故率1%
得10分;未达标不得分" more likely means at most 1 %; the text does not say which. Such a bare value is not read.
"""

from __future__ import annotations

import re

_LOWER = re.compile(
    r"(?:事故|差错|错误|投诉|发生|发病|死亡|不合格|超标|误诊|漏诊|流失|辍学|复发|返工|失误|违规|缺陷|损耗|空置|退货"
    r"|失业|逾期|不良|感染|失访|脱落|返贫|退学|违约|故障|延误|漏报|迟报|差评)率$"
)


def lower_is_better(subject: str) -> bool:
    """Whether the subject of a bare value is a rate of faults ("事故率", "差错率", "投诉率")."""
    return _LOWER.search(re.sub(r"[\s的]", "", subject)) is not None
