"""Tiered bonus steps (``bonus``): "完成率100%-130%(含)之间,每超出1个百分点加0.2分;完成率130%以上,每超出1个
百分点加0.1分".

The first upward step must stand right after a range "A%-B%(含)之间" and the second right after "B%以上"
(the same B); A is where the bonus starts (the target must agree), B where the first step ends. How the second
step counts — from B, after the first tier's full bonus, or from A — is not written: ``rules.bonus_tiers`` scores
only when both readings give the same score (often at a cap), and refuses otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_N = r"\d+(?:\.\d+)?"
_FIRST = re.compile(rf"(?P<low>{_N})%-(?P<high>{_N})%(?P<incl>\(含\))?(?:之间|以内)?(?:的)?,?(?=每)")
_SECOND = re.compile(rf"(?P<start>{_N})%(?P<excl>\(不含\))?以上(?:的)?,?(?=每)")


@dataclass(frozen=True)
class Tiers:
    """The range of the first upward step and where each of the two steps must start in the text."""

    low: Decimal
    high: Decimal
    first_at: int  # where the first step's 每 stands
    second_at: int
    spans: tuple[tuple[int, int], ...]


def tiers(text: str) -> Tiers | None:
    """The two tiers of upward steps, when the text writes them so; None otherwise."""
    first, second = list(_FIRST.finditer(text)), list(_SECOND.finditer(text))
    if len(first) != 1 or len(second) != 1:
        return None
    a, b = first[0], second[0]
    if Decimal(a.group("high")) != Decimal(b.group("start")) or b.start() < a.end():
        return None
    if not a.group("incl") and not b.group("excl"):
        return None  # whether B itself belongs to the first tier is not written
    return Tiers(Decimal(a.group("low")), Decimal(a.group("high")), a.end(), b.end(), (a.span(), b.span()))
