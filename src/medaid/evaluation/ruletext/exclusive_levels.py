"""Levels of which two score alike but cannot both hold (affirm family, session 9).

The family: an inspection's outcomes, and the unit left out of it — "年度检查结果为合格,该项得20分;检查不合格,该项不
得分;未检查的单位,该项得20分", "验收合格的得5分;验收不合格的不得分;未组织验收的得5分". Two levels give the same marks,
which the level reading takes for items to add (20 + 20 on a 20-point row). They are alternatives when one says a
deed was not done ("未检查") and the other reports that deed's result ("检查结果为合格"): a unit is either inspected or
not, so the levels exclude each other and the text is one scale (合格 20, 不合格 0, 未检查 20).

Read when every pair of levels with the same marks is such a pair (未V and V's result), every 0 level is the rest
("否则") or the denial of a scoring level's last word ("不合格" of "…合格"), and the marks are plain numbers. The
names lose "该项/本项" and the unit they speak of ("的单位"): "未检查的单位" is named "未检查". Anything else is left
to the readings after this one.
"""

from __future__ import annotations

import re
from itertools import combinations

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Level, Qualitative, Rule
from medaid.evaluation.ruletext.clauses import Clause, complement

_WHOLE_TAIL = re.compile(r"[,，]?(?:该项|本项|此项|该指标|本指标)$")
_UNIT_TAIL = re.compile(r"的(?:单位|地区|县区|县|乡镇|部门|企业|学校|医院|村|社区)?$")
_NOT_DONE = re.compile(r"^(?:未|没有|未经)(?P<verb>[\u4e00-\u9fa5]{2})")


def _name(clause: Clause) -> str:
    return _UNIT_TAIL.sub("", _WHOLE_TAIL.sub("", re.sub(r"\s", "", clause.name)))


def _exclusive(one: str, other: str) -> bool:
    """One level says a deed was not done ("未检查"), the other reports its result ("…检查结果为合格")."""
    for undone, done in ((one, other), (other, one)):
        found = _NOT_DONE.match(undone)
        if found is None or len(undone) > found.end() + 2:  # "未检查" alone, not "未检查出问题"
            continue
        verbs = {found.group("verb"), undone[-2:]}  # "未检查": 检查; "未组织验收": 组织 or 验收
        if any(re.search(rf"(?<![未没无不非]){v}", done) for v in verbs) and not re.search(r"[未没无不非]", done):
            return True
    return False


def _rest(clause: Clause, scoring: list[str]) -> bool:
    """A 0 level that is the rest of the scale: 否则…, or 不 + a scoring level's last word ("不合格")."""
    name = _name(clause)
    return complement(name) or any(len(s) >= 2 and name.endswith("不" + s[-2:]) for s in scoring)


def exclusive_levels(text: str) -> Rule | None:
    """The scale a text states when two of its levels with the same marks exclude each other (see above)."""
    from medaid.evaluation.ruletext.levels import level_clauses  # the level readings' clauses

    clauses = level_clauses(text)
    if clauses is None:
        return None
    positive = [c for c in clauses if c.positive]
    if len(positive) < 2 or any(c.each or c.effect != "points" or c.value is None for c in positive):
        return None
    pairs = [(a, b) for a, b in combinations(positive, 2) if a.value == b.value]
    if not pairs or not all(_exclusive(_name(a), _name(b)) for a, b in pairs):
        return None
    names = [_name(c) for c in positive]
    if any(not c.is_zero or not _rest(c, names) for c in clauses if not c.positive):
        return None
    levels = [Level(_name(c), points=c.value if c.positive else ZERO, label=c.label) for c in clauses]
    if len({lv.name for lv in levels}) != len(levels) or any(len(lv.name) < 2 for lv in levels):
        return None
    return Qualitative(levels=tuple(levels))
