"""A part of a composite text that is levels of one requirement: "全部完成整改,计6分,部分完成整改,计3分,否则不得分"
(lists family, session 7). Frequencies ("每年组织一次…得4分,每两年组织一次…得3分") are levels too, but are not read:
the level matching compares words, not the number of a frequency ("每三年" would match "每年").

How tables write such a part: the same requirement two or more times, once per degree or frequency word
(全部/部分, 及时/延期), each time with its marks, the marks falling ("得4分…得3分"), sometimes closed
by what scores none ("否则不得分", "未组织的不得分"). One of them applies: the part scores the marks of the one the
actual states (``Qualitative`` levels), and the part's marks are the highest.

Read only when no shape reads the part alone (``composite._part`` tries this last), when the requirements are
degrees of one another (``sub_items._degrees``: the same words but for a degree or frequency word) and name no
value or threshold (bands are the band readings'), and when the marks fall strictly. Anything else (two
requirements with their own marks, "有方案得2分,有台账得1分") is sub-items or parts, not levels: not read here.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Level, Qualitative, Rule
from medaid.evaluation.ruletext.clauses import complement, read_clauses
from medaid.evaluation.ruletext.sub_items import FREQUENCY, NEGATIVE, VALUE, degrees


def alternatives(piece: str, full: Decimal) -> Rule | None:
    """Levels of one requirement, with falling marks, the highest the part's own (module docstring)."""
    clauses = read_clauses(piece)
    if not clauses or len(clauses) < 2:
        return None
    levels: list[Level] = []
    for at, c in enumerate(clauses):
        last = at == len(clauses) - 1
        if c.is_zero and last and levels:
            if not (complement(c.name) or NEGATIVE.match(c.name)):
                return None  # a 不得分 of something else (a veto) is not a level of this requirement
            levels.append(Level(c.name, ZERO))
            continue
        if c.effect != "points" or c.each or c.value is None or c.value <= 0 or c.label is not None:
            return None
        if len(c.name) < 2 or VALUE.search(c.name) or NEGATIVE.match(c.name):
            return None
        levels.append(Level(c.name, c.value))
    marked = [lv for lv in levels if lv.points is not None and lv.points > 0]
    if len(marked) < 2 or marked[0].points != full:
        return None
    if not all(a.points is not None and b.points is not None and a.points > b.points for a, b in pairwise(marked)):
        return None
    names = [lv.name for lv in marked]
    if not degrees(names) or any(FREQUENCY.search(n) for n in names):
        # frequencies ("每年…", "每两年…") are not read: a level is matched by its words, and "每三年…" would be
        # taken for "每年…" (the number is not compared); only degree words (全部/部分, 及时/延期) are read
        return None
    return Qualitative(levels=tuple(levels))
