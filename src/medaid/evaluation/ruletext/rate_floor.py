"""A ratio between a floor and a full-marks level of one named rate, and the ratio written as a range of points.

The family (formulas family, read from real tables): three clauses on one rate, in any order —
- the full-marks level: "R(达到|到达|达|≥)(或超过)?A%(及以上)?(的)得满分";
- the ratio: "R(≥|达到|在|不低于)?B%(及以上)?(至A%)?(的)按(实际|完成)?比例(得分|计分|记分|计算|给分)";
- the floor: "(R)?(低于|不足|小于|未达到)B%(的)(不得分|不计分|得0分)".
R is a rate or degree written before the number (覆盖率, 完成率, 满意度); where several clauses write it they
must name the same rate. Score: A% or more full marks; B%–A% weight × rate ÷ A (``Proportional`` against A);
below B 0. When A is not 100 %, the floor's clause or the ratio's clause must name the rate: "完成80%以上的按比例
计分" alone could put the floor on the completion ratio (``ratio_floor`` reads that). A less-is-better rate
(投诉率, 差错率…) is not read: "低于B%不得分" would then be backwards.

"R低于100%的,按比例在0-100分之间评分" (with "R达到100%的得100分"): the range 0–N points of the ratio is the
ratio itself; it is read as "按比例计分" only when N is the text's one "得N分" (the full marks).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.completion import LESS_IS_BETTER
from medaid.evaluation.rules.rate_floor import RateFlooredProportional

_N = r"\d+(?:\.\d+)?"
_RATE = r"(?P<r>[\u4e00-\u9fa5]{1,12}?(?:率|度))?"
_OF = r"(?:的|者)?,?"
_FULL = re.compile(
    rf"^{_RATE}(?:达到|到达|达|≥|在)?(?:或超过|或以上)?(?P<a>{_N})%(?:\(含\))?(?:及|或)?(?:以上)?{_OF}"
    r"(?:得|计|记|给)满分$"
)
_RATIO = re.compile(
    rf"^{_RATE}(?:≥|达到|到达|达|在|不低于)?(?P<b>{_N})%(?:\(含\))?(?:及)?(?:以上)?"
    rf"(?:(?:至|-|~)(?P<a>{_N})%(?:之间)?)?(?:(?:但|且)?(?:未达到|低于|不足)(?P<a2>{_N})%)?{_OF}"
    r"按(?:照)?(?:实际|完成)?比例(?:得分|计分|记分|计算|给分)$"
)
_FLOOR = re.compile(
    rf"^{_RATE}(?:低于|不足|小于|<|未达到|未达)(?P<b>{_N})%{_OF}(?:该项|本项|此项)?(?:不得分|不计分|[得计记]0分)$"
)
_EFFECT_ALONE = re.compile(r"^(?:该项|本项|此项)?(?:不得分|不计分|[得计记]0分|按(?:照)?(?:实际|完成)?比例)")


def _clauses(text: str) -> list[str]:
    """The clauses, with a clause ending in 的 joined to the effect that follows it ("低于50%的,不得分")."""
    joined: list[str] = []
    for clause in (c for c in re.split(r"[,;。]", text) if c):
        if joined and joined[-1].endswith(("的", "者")) and _EFFECT_ALONE.match(clause):
            joined[-1] += "," + clause
        else:
            joined.append(clause)
    return joined


def _same_rate(names: list[str]) -> bool:
    """Every written name is the same rate ("年度支出执行率" and "支出执行率" are: one ends the other)."""
    return all(a.endswith(b) or b.endswith(a) for a in names for b in names)


def rate_floor(text: str) -> Rule | None:
    """ "覆盖率达到90%及以上的得满分,覆盖率≥50%的按比例得分,低于50%的不得分" (module docstring)."""
    clauses = _clauses(text)
    if len(clauses) != 3:
        return None
    found: dict[str, re.Match[str]] = {}
    for clause in clauses:
        for name, pattern in (("full", _FULL), ("ratio", _RATIO), ("floor", _FLOOR)):
            if (m := pattern.match(clause)) is not None and name not in found:
                found[name] = m
                break
        else:
            return None
    full, ratio, floor = found["full"], found["ratio"], found["floor"]
    level, bottom = Decimal(full.group("a")), Decimal(ratio.group("b"))
    if Decimal(floor.group("b")) != bottom or not Decimal(0) < bottom < level <= Decimal(100):
        return None
    if any(m.group(g) is not None and Decimal(m.group(g)) != level for m, g in ((ratio, "a"), (ratio, "a2"))):
        return None  # "50%至80%的按比例" against full marks at 90 %: what lies between is not said
    names = [m.group("r") for m in (full, ratio, floor) if m.group("r")]
    if not _same_rate(names) or any(LESS_IS_BETTER.search(n) for n in names):
        return None
    if level != Decimal(100) and not (ratio.group("r") or floor.group("r")):
        return None  # the floor could be on the completion ratio
    return RateFlooredProportional(reference=f"{level.normalize():f}%", rate_floor=bottom)


_SCORE_RANGE = re.compile(
    rf"按(?:照)?(?:实际|完成)?比例在0-(?P<n>{_N})分(?:之间|之内|以内|范围内)?(?:评分|计分|打分|给分|赋分|得分)"
)


def score_range(text: str) -> str:
    """ "按比例在0-100分之间评分" → "按比例计分" when 100 is the text's one "得100分" (module docstring)."""
    m = _SCORE_RANGE.search(text)
    if m is None:
        return text
    marks = re.findall(rf"(?:得|计|记|给)({_N})分", text)
    if len(marks) != 1 or Decimal(marks[0]) != Decimal(m.group("n")):
        return text
    return text[: m.start()] + "按比例计分" + text[m.end() :]
