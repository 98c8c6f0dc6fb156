"""Levels by a count of faults (counts family, s8e): "满足要求，得1分；缺1项，得0.5分"; "缺1个科室，得0.5分".

The pattern: clauses of one fault (缺, 少, 漏, 未, 不符合… — ``count_vocab.counts_faults``), each a count with no 每
and the score it LEAVES ("缺1项,得0.5分"), in one counter, and at most one other clause: the full marks' condition
with its score ("满足要求,得1分", "全部符合的计2分"). The scores must not rise as the count grows, nor above the full
marks. "每缺1项得0.5分" (每 with a score earned per fault) and any other clause left over are not read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

# import Decimal
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.count_vocab import NEGATION, plain
from medaid.evaluation.rules.fault_levels import FaultLevels
from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.counts import Counted

_FULL = re.compile(rf"^[,;。]*(?P<cond>[^\d,;。分每扣]{{2,20}}?)(?:的|者|时)?,?(?:得|计|记){NUM}分[,;。]*$")
_FAULT_WORDS = re.compile(r"[,;。，；、:：()（）\s]")


def fault_levels(body: str, clauses: list[Counted]) -> Rule | None:
    """ "满足要求,得1分;缺1项,得0.5分" (``body`` normalized by ``count_scores``; ``clauses``: its counts of faults)."""
    if any(c.each or c.fault or c.unit != clauses[0].unit for c in clauses):
        return None
    whats = {plain(_FAULT_WORDS.sub("", c.what)) for c in clauses}
    counts = [c.per for c in clauses]
    if len(whats) != 1 or len(set(counts)) != len(counts) or any(n <= 0 or n != n.to_integral_value() for n in counts):
        return None
    what = whats.pop()
    if not what or re.search(r"\d", what):
        return None
    rest = body
    for c in sorted(clauses, key=lambda c: -c.span[0]):
        rest = rest[: c.span[0]] + "," + rest[c.span[1] :]
    rest = rest.strip(",;。 ")
    full: Decimal | None = None
    clears: tuple[str, ...] = ()
    if rest:
        found = _FULL.match(rest)
        if found is None or re.search(f"[{NEGATION}]|部分|基本", found.group("cond")):
            return None
        full, clears = Decimal(found.group(2)), (found.group("cond"),)
    ordered = sorted(clauses, key=lambda c: c.per)
    points = [c.points for c in ordered]
    if any(a < b for a, b in pairwise(points)) or (full is not None and any(p > full for p in points)):
        return None  # more faults never score more, none found never less
    return FaultLevels(unit=clauses[0].unit, what=what, counts=tuple(c.per for c in ordered),
                       points=tuple(points), full=full, clears=clears)  # fmt: skip
