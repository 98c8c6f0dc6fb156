"""A value kept under a bound, and other measures any of which scores none (lists family, session 9): "稻田抛荒面积
控制在0.1%以下的计10分,稻田抛荒面积超过0.1%或稻田连片抛荒在2亩以上的不计分" (``rules.either_bounds``).

How tables write it: the measure, 控制在/不超过 a number in a unit (以下/以内), the marks; then the 不得分 clause: the
same measure 超过 the same number, 或 one or more other measures each with a number in a unit of its own (在…以上,
超过/高于/大于/多于…). The first condition must be the complement of the marks' condition (the same words, number
and unit), and the units must differ (the actual's numbers are told apart by their units).

Not read: a condition without a number ("或发生重大事故的": an event, which other readers take), two conditions
in one unit, marks for anything else, a deduction instead of 不得分.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.either_bounds import EitherBounds, Limit
from medaid.evaluation.rules.naming import canon

_NUM = r"\d+(?:\.\d+)?"
_UNIT = (
    r"万公斤|公斤|千克|万吨|吨|万亩|亩|亿元|万元|元|平方米|公顷|公里|米|万人|人|户|家|个|头|只|株|棵|处|起|次|天|%|‰"
)
_TEXT = re.compile(
    rf"^(?P<name>[\u4e00-\u9fa5]{{2,16}}?)(?:控制在|不超过|不高于)(?P<bound>{_NUM})(?P<unit>{_UNIT})(?:以下|以内)?的?,?"
    rf"(?:得|计|记)(?P<points>{_NUM})分[,;](?P<zero>[^,;。]+?)的?,?(?:不得分|不计分|不记分|得0分|计0分)[。;]?$"
)
_LIMIT = re.compile(
    rf"^(?P<name>[\u4e00-\u9fa5]{{0,16}}?)(?P<how>超过|高于|大于|多于|在|达到)(?P<value>{_NUM})(?P<unit>{_UNIT})"
    r"(?P<up>及以上|以上)?$"
)


def either_bounds(text: str) -> Rule | None:
    """A bound kept for the marks, and other measures any of which scores none (module docstring)."""
    found = _TEXT.match(text)
    if found is None:
        return None
    name, unit = found.group("name"), found.group("unit")
    pieces = found.group("zero").split("或")
    limits: list[Limit] = []
    for at, piece in enumerate(pieces):
        part = _LIMIT.match(piece)
        if part is None:
            return None
        how, up = part.group("how"), part.group("up")
        if how == "在" and not up:
            return None  # "在2亩" alone: no direction
        inclusive = bool(up) or how == "达到"
        if how in ("超过", "高于", "大于", "多于") and up:
            return None  # "超过2亩以上": which is meant?
        own = part.group("name") or (name if at == 0 else "")
        if not own:
            return None
        limits.append(Limit(own, Decimal(part.group("value")), part.group("unit"), inclusive))
    first = limits[0]
    if canon(first.name) != canon(name) or first.value != Decimal(found.group("bound")) or first.unit != unit:
        return None  # the first condition must be the marks' condition failed
    if first.inclusive or len(limits) < 2 or len({lim.unit for lim in limits}) != len(limits):
        return None
    return EitherBounds(limits=tuple(limits), points=Decimal(found.group("points")))
