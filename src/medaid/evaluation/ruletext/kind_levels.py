"""Counts of several kinds around levels the text writes, steps both ways for each (numbers family, session 8).

How village 目标考核 tables write it: one clause listing each kind with its number and the base score, then one step
each way for each kind, the other side in brackets:
"新增投入过20万元的私营企业3个、个体工商户30个得20分,每增(减)1个私营企业加(减)5分,每增(减)1个个体工商户加(减)1分,
扣完20分为止" (also 增加(减少), 增减, 或; 加(扣)). The kinds are the names the steps count ("1个私营企业"); each must
stand in the level clause once, directly before its number and the step's unit ("私营企业3个"). Words before the list
(what counts: "新增投入过20万元的") are left to the evaluator's counts. "扣完(N分)为止" (N the base) is the floor of 0.
Read as ``rules.kind_levels.KindLevels``. Not read: one kind only (``written_levels``), steps one way, a kind missing
from the level clause or named twice, a step in another unit than its level, anything else with a number or a score.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.kind_levels import KindLevel, KindLevels

_N = r"\d+(?:\.\d+)?"
_UNIT = r"个|家|户|人|项|名|所|座|处|条|件"
_STEP = re.compile(
    rf"每(?:增加|增)(?:\(|或)?(?:减少|减)\)?(?P<size>{_N})(?P<unit>{_UNIT})(?P<kind>[\u4e00-\u9fa5]{{2,12}}?)(?:的)?,?"
    rf"加(?:\(|或)?(?:减|扣)\)?(?P<points>{_N})分"
)
_LEVEL = re.compile(rf"(?:得|计|记)(?P<base>{_N})分$")


def kind_levels(text: str) -> Rule | None:
    """Several kinds around written levels (module docstring); None for any other text."""
    clauses = [c for c in re.split(r"[,;。]", text) if c]
    steps = [m for c in clauses if (m := _STEP.fullmatch(c))]
    if len(steps) < 2 or len({m.group("kind") for m in steps}) != len(steps):
        return None
    rest = [c for c in clauses if not _STEP.fullmatch(c)]
    levels = [c for c in rest if _LEVEL.search(c)]
    scored = _LEVEL.search(levels[0]) if len(levels) == 1 else None
    if scored is None:
        return None
    level, base = levels[0], Decimal(scored.group("base"))
    for other in rest:
        if other is level:
            continue
        floor = re.fullmatch(rf"扣完(?P<n>{_N})?分?为止", other)
        if floor is None or (floor.group("n") is not None and Decimal(floor.group("n")) != base):
            return None
    kinds = []
    for step in steps:
        name, unit = step.group("kind"), step.group("unit")
        found = re.findall(rf"{re.escape(name)}({_N}){unit}(?=[、和及,]|得|计|记)", level)
        if len(found) != 1 or level.count(name) != 1:
            return None
        kinds.append(
            KindLevel(name, Decimal(found[0]), unit, Decimal(step.group("size")), Decimal(step.group("points")))
        )
    if any(a.name in b.name for a in kinds for b in kinds if a is not b):
        return None  # one kind's name inside another's: a count could not be placed
    return KindLevels(base=base, kinds=tuple(kinds))
