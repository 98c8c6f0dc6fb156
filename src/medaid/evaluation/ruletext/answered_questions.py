"""A question and its numbered answers, each with its marks (affirm family, session 7).

The family, from checklists of public-health and supervision tables: the row asks a question (是否…) and prints
the answers to tick, numbered, each with its marks — "…管理数是否与…系统数据一致 ①一致(20分) ②不一致(0分)",
"是否按时报送?(1)是(2分)(2)否(0分)", "资料是否齐全 1.齐全(3分) 2.基本齐全(1分) 3.不齐全(0分)". Normalizing
spells ① as "1" and drops the space, so the question runs into its first answer ("…一致1一致(20分)2不一致(0分)");
the question is cut off at the first answer number and each answer is a level with its marks
(``rules.levels.Qualitative``): the actual names the answer ("一致", "基本齐全", "是"). The answers must be numbered
1, 2, 3… in order, at least two, each a few words with no number of its own and marks in brackets; otherwise this is
not the reading.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.levels import Level, Qualitative

_QUESTION = re.compile(r"^(?P<q>[^:：;。]*?是否[^:：;。\d]{1,60}?)[?？]?(?=\(?1[).、]?[^\d(])")
_ANSWER = re.compile(r"\(?(?P<i>\d)[).、]?(?P<name>[^\d();。,]{1,12}?)\((?P<n>\d+(?:\.\d+)?)分\)[;。,]?")


def answered_question(text: str) -> Rule | None:
    """ "…是否一致1一致(20分)2不一致(0分)" read as the levels 一致 20 分、不一致 0 分."""
    question = _QUESTION.match(text)
    if question is None:
        return None
    rest = text[question.end() :]
    levels: list[Level] = []
    at = 0
    while at < len(rest):
        answer = _ANSWER.match(rest, at)
        if answer is None or int(answer.group("i")) != len(levels) + 1:
            return None
        levels.append(Level(answer.group("name").strip(), points=Decimal(answer.group("n"))))
        at = answer.end()
    names = [lv.name for lv in levels]
    if len(levels) < 2 or len(set(names)) != len(names):
        return None
    return Qualitative(levels=tuple(levels))
