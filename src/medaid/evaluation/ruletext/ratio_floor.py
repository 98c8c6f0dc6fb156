"""A ratio text with a floor on the completion: "按完成比例计分，完成率低于60%的不得分", "完成任务的得满分，完成80%
以上的按比例计分，80%以下不得分", "未完成的按实际完成比例计分，不足50%的不得分".

Reading conventions (formulas family):
- Exactly one floor clause: "(完成率|完成比例|任务完成率)?低于/不足/未达到/小于 N%(的)不得分/得0分" (N itself
  scores by the ratio) or "N%以下(的)不得分" (N itself scores 0). Its subject, when written, is the completion;
  another rate ("满意度低于60%不得分") is not read here.
- The ratio may be restricted to what the floor leaves: "完成N%以上的按比例计分" with the floor's own N. With
  "N%以下不得分" both include N (以上, 以下 include their number): N itself is refused.
- What remains must be a ratio text by itself (``simple.proportional``); a percentage it measures against
  (other than 100 %) is not read: the floor could then be on the rate or on the ratio.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from medaid.evaluation.rules import Proportional, Rule
from medaid.evaluation.rules.floored_ratio import FlooredProportional

_N = r"\d+(?:\.\d+)?"
_SUBJECT = r"(?P<subject>(?:任务|实际|年度)?完成(?:率|比例|进度)?)?"
_ZERO = r"(?:的|者)?,?(?:该项|本项|此项)?(?:不得分|不计分|得0分|计0分)"
_BELOW = re.compile(rf"^{_SUBJECT}(?:低于|不足|未达到|未达|小于|<)(?P<n>{_N})%{_ZERO}$")
_EFFECT = re.compile(r"(?:该项|本项|此项)?(?:不得分|不计分|得0分|计0分)")
_UNDER = re.compile(rf"^{_SUBJECT}(?:在)?(?P<n>{_N})%(?:\(含\))?(?:及)?以下{_ZERO}$")
_ABOVE = r"(?:(?:任务|实际)?完成(?:率|比例)?)(?:达到|在)?(?P<q>{n})%(?:\(含\))?(?:及)?以上(?:的|者)?,?(?=按)"


def ratio_floor(text: str, ratio: Callable[[str], Rule | None]) -> Rule | None:
    """The ratio text with its floor (module docstring); ``ratio`` reads what is left (``simple.proportional``)."""
    if not re.search(r"不得分|不计分|[得计]0分", text):
        return None
    clauses = [c for c in re.split(r"[,;。]", text) if c]
    joined: list[str] = []
    for clause in clauses:
        if (
            joined
            and joined[-1].endswith(("的", "者"))
            and re.match(r"(?:该项|本项|此项)?(?:不得分|不计分|得0分|计0分)", clause)
        ):
            joined[-1] += "," + clause
        else:
            joined.append(clause)
    floors = [(i, m) for i, c in enumerate(joined) if (m := _BELOW.match(c) or _UNDER.match(c)) is not None]
    if len(floors) != 1:
        return None
    at, found = floors[0]
    floor = Decimal(found.group("n"))
    if not Decimal(0) < floor < Decimal(100):
        return None
    rest = "，".join(c for i, c in enumerate(joined) if i != at)
    qualifier = re.compile(_ABOVE.format(n=_N))
    above = list(qualifier.finditer(rest))
    for m in above:
        if Decimal(m.group("q")) != floor:
            return None  # "完成80%以上的按比例计分，60%以下不得分": what lies between is not said
    overlap = bool(above) and found.re is _UNDER and not any("不含" in m.group(0) for m in above)
    rest = qualifier.sub("", rest)
    if re.search(r"不得分|不计分|[得计]0分", rest):
        return None
    read = ratio(rest.replace("，", ","))
    if not isinstance(read, Proportional) or isinstance(read, FlooredProportional):
        return None
    if read.reference is not None and read.reference.endswith("%"):
        return None  # "满意度达到90%得满分,…低于60%不得分": on the rate or on the ratio?
    return FlooredProportional(
        reference=read.reference, beyond=read.beyond, floor=floor, floor_inclusive=found.re is _UNDER, overlap=overlap
    )
