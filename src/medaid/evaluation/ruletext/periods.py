"""A threshold for each period ("一季度社区管理率80.75%以上得0.2分;二季度社区管理率81.5%以上得0.4分;…",
"上半年完成率50%以上得2分，下半年完成率100%得3分"): each period is a part of its own (rules/periods.py), never
mutually exclusive levels of one value, which the level readings would otherwise take them for.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.periods import PeriodPart, PeriodParts

_PERIOD = r"第?[一二三四1-4]季度|上半年|下半年|第?[一二三四1-4]季|[1-9]\d?-[1-9]\d?月(?:份)?"
_CLAUSE = re.compile(
    rf"^(?P<period>{_PERIOD})(?:末|底)?(?P<what>[^\d,;。]{{0,16}}?)(?:达到|达|为|≥|>=)?(?P<bound>\d+(?:\.\d+)?)"
    r"(?P<unit>%?)(?P<cmp>\((?:含)\))?(?P<side>及以上|以上|\(含\)以上|及以下|以下|\(含\)以下)?(?:的)?,?"
    r"(?:得|计|加)(?P<points>\d+(?:\.\d+)?)分$"
)


def period_thresholds(text: str) -> Rule | None:
    """Two or more clauses, each opening with a period of its own and giving that period's threshold and points."""
    clauses = [c for c in re.split(r"[;；。]", text.strip().rstrip(".")) if c]
    parts: list[PeriodPart] = []
    for clause in clauses:
        found = _CLAUSE.match(clause.strip(","))
        if found is None:
            return None
        side = found.group("side") or ""
        if "以下" in side:
            above = False
        elif "以上" in side or not side:
            above = True
        parts.append(PeriodPart(found.group("period"), found.group("what"), Decimal(found.group("bound")),
                                found.group("unit"), above, Decimal(found.group("points"))))  # fmt: skip
    if len(parts) < 2 or len({p.period for p in parts}) != len(parts):
        return None
    return PeriodParts(parts=tuple(parts))
