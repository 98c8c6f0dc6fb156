"""A part of a composite text that is levels of one requirement: "全部完成整改,计6分,部分完成整改,计3分,否则不得分"
(lists family, session 7). Frequencies ("每年组织一次…得4分,每两年组织一次…得3分") are levels too, matched by their
period (``rules.frequency_levels``, session 9), never by their words ("每三年" shares every word of "每年").

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
from medaid.evaluation.rules.frequency_levels import FrequencyLevels, frequency_of
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
    if not degrees(names):
        return None
    if any(FREQUENCY.search(n) for n in names):
        # frequencies ("每年…", "每两年…") are matched by their period, never by their words ("每三年…" shares
        # every word of "每年…"): ``FrequencyLevels`` (s9)
        return _frequencies(tuple(levels))
    return Qualitative(levels=tuple(levels))


def _frequencies(levels: tuple[Level, ...]) -> Rule | None:
    """Levels that differ only by how often the same thing is done, less often scoring less (s9)."""
    marked = [lv for lv in levels if lv.points is not None and lv.points > 0]
    read = [frequency_of(lv.name) for lv in marked]
    if any(r is None for r in read):
        return None
    periods = [r[0] for r in read if r is not None]
    if len({(r[1], r[2]) for r in read if r is not None}) != 1 or any(a >= b for a, b in pairwise(periods)):
        return None  # other words or counts beside the frequency, or a longer period scoring more
    return FrequencyLevels(levels=levels)


def frequency_levels(text: str) -> Rule | None:
    """A whole text that is levels of one requirement by frequency ("每季度开展一次督导,得4分,每半年开展一次督导,
    得2分"): ``FrequencyLevels``, matched by period, never counted as kinds by their words ("每年…" inside "每半年…")
    (s9 fix)."""
    clauses = read_clauses(text)
    if not clauses or clauses[0].value is None or clauses[0].effect != "points":
        return None
    rule = alternatives(text, clauses[0].value)
    return rule if isinstance(rule, FrequencyLevels) else None
