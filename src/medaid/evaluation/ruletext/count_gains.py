"""Amounts of several kinds, each earning points per step, with one cap (counts family, s9; ``rules.count_gains``):
"大力鼓励发展连片经济林、围庄林及林下经济,每新建成连片经济林50亩加8分,新发展林下经济50亩加6分,加分最高不超过15分".

Reading: parts "(每)<what is done><N><measure>加M分" (亩, 公顷, 公里, 米, 平方米, 万元), at least two, in one measure,
at least one with 每, then the cap of the points added ("加分最高不超过15分", "最高加15分", "加分不超过15分"). A leading
clause with no number, score or negation names the task ("大力鼓励发展…") and says nothing of the score: a thing named
only there earns nothing. Not read: parts in two measures, a part that deducts, no cap, anything else left.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.count_gains import GainPart, MeasuredGains

_MEASURE = r"亩|公顷|公里|平方米|米|万元"
_PART = re.compile(
    rf"^(?P<each>每)?(?P<words>[\u4e00-\u9fa5]{{2,16}}?)(?P<n>\d+(?:\.\d+)?)(?P<unit>{_MEASURE})(?:的)?,?(?:加|得)"
    r"(?P<points>\d+(?:\.\d+)?)分$"
)
_CAP = re.compile(
    r"^(?:加分|累计加分|合计)?(?:最高|最多|上限)?(?:加|为)?(?:不超过|不得超过)?(?P<cap>\d+(?:\.\d+)?)分(?:为限|封顶)?$"
)
_LEAD = re.compile(r"^[\u4e00-\u9fa5、]{2,30}$")


def measured_gains(text: str) -> Rule | None:
    """ "每新建成连片经济林50亩加8分,新发展林下经济50亩加6分,加分最高不超过15分" (module docstring)."""
    clauses = [c for c in re.split(r"[,;]", text.strip("。;, ")) if c]
    if len(clauses) < 3:
        return None
    cap = _CAP.match(clauses[-1])
    if cap is None or not re.search(r"最高|最多|上限|不超过|不得超过|为限|封顶", clauses[-1]):
        return None
    body = clauses[:-1]
    if not _PART.match(body[0]) and _LEAD.match(body[0]) and not re.search(r"[不未没无缺扣分]", body[0]):
        body = body[1:]  # the task named: "大力鼓励发展连片经济林、围庄林及林下经济"
    parts = [_PART.match(c) for c in body]
    if len(parts) < 2 or any(p is None for p in parts):
        return None
    found = [p for p in parts if p is not None]
    if len({p.group("unit") for p in found}) != 1 or not any(p.group("each") for p in found):
        return None
    if len({p.group("words") for p in found}) != len(found):
        return None
    return MeasuredGains(
        parts=tuple(
            GainPart(
                words=p.group("words"),
                per=Decimal(p.group("n")),
                points=Decimal(p.group("points")),
                each=bool(p.group("each")),
            )
            for p in found
        ),
        unit=found[0].group("unit"),
        cap=Decimal(cap.group("cap")),
    )
