"""A measurement a statement of an actual states against the one bound of its unit an item states
("养老金社会化发放率98%" against "发放率100%", "被采用2篇" against "采用不少于4篇"): split out of ``clause_match``
in session 7 (faults family); the conventions are that module's."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medaid.evaluation.rules.clause_match import Literal

_AMOUNT = re.compile(r"(\d+(?:[._]\d+)?)(%|‰|[篇次个户人项处起例件份名家天]|个月)?")
# comparison words beside a bound in an item, and whether the value must be at least the bound (and may equal it)
_BOUNDS = (
    (re.compile(r"不低于|不少于"), True, True), (re.compile(r"不超过|不高于"), False, True),
    (re.compile(r"达到?|以上|≥"), True, True), (re.compile(r"以下|以内|控制在|≤"), False, True),
    (re.compile(r"超过|高于|多于|>"), True, False), (re.compile(r"低于|少于|不足|<"), False, False),
)  # fmt: skip


def measured(said: Literal, item: str) -> bool | None:
    """Whether a measurement said ("养老金社会化发放率98%", "被采用2篇") meets the one bound of the same unit an
    item states ("发放率100%", "采用不少于4篇"): the bound's words say which way (达到, 以上, 不少于…; a bare 100% is
    at least); None when the statement is no measurement, or the item has no such bound."""
    mine = _AMOUNT.findall(said.content)
    bounds = [b for b in _AMOUNT.finditer(item) if b.group(2)]
    if said.negated or len(mine) != 1 or not mine[0][1] or len(bounds) != 1 or bounds[0].group(2) != mine[0][1]:
        return None
    around = item[max(0, bounds[0].start() - 4) : bounds[0].end() + 2]
    ways: set[tuple[bool, bool]] = set()
    for pattern, up, equal in _BOUNDS:  # the longer words first: "不少于" is not "少于", "不超过" not "超过"
        if pattern.search(around):
            ways.add((up, equal))
            around = pattern.sub("|", around)
    bound, value = Decimal(bounds[0].group(1).replace("_", ".")), Decimal(mine[0][0].replace("_", "."))
    if not ways and mine[0][1] == "%" and bound == 100:
        ways = {(True, True)}
    if len(ways) != 1:
        return None
    up, equal = ways.pop()
    return (value >= bound if equal else value > bound) if up else (value <= bound if equal else value < bound)
