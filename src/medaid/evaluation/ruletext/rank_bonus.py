"""Places that each add points (bands family): "第一名加3分,第二名加2分,第三名加1分", "全市排名第一的加3分，第二的
加2分，第三的加1分", "获得全市第1名的加5分;第2名加3分".

Pattern: clauses (split at , ; 、 。) each "[who/where] (排名/获得/位列…)第<N>(名/位)(的) 加 P分"; only the first clause
may name who and where; the places are 1, 2, 3… in order and the points do not rise. A place after the last one
adds nothing (a 加分 list names only the places it rewards); beyond the weight only where a bonus is allowed
(``Ranked.adds``). Anything else in the text is not read here.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.count_vocab import cn_int
from medaid.evaluation.rules.ranks import RankBand, Ranked

_N = r"\d+(?:\.\d+)?"
_PLACE = re.compile(
    rf"^(?P<lead>[^\d第]{{0,16}}?)第(?P<n>\d+|[一二三四五六七八九十]+)(?:名|位)?(?:的)?,?(?:各)?加(?P<p>{_N})分$"
)


def rank_bonus(text: str) -> Rule | None:
    """Places that each add points (module docstring); None for any other text."""
    clauses = [c for c in re.split(r"[,;、。]", text) if c]
    if len(clauses) < 2:
        return None
    bands: list[RankBand] = []
    for number, clause in enumerate(clauses, start=1):
        found = _PLACE.match(clause)
        if found is None or (number > 1 and found.group("lead")):
            return None
        place = cn_int(found.group("n"))
        points = Decimal(found.group("p"))
        if place != number or (bands and bands[-1].points is not None and points > bands[-1].points):
            return None
        bands.append(RankBand(first=number, last=number, points=points))
    bands.append(RankBand(first=len(bands) + 1, last=None, points=ZERO))
    return Ranked(bands=tuple(bands), adds=True)
