"""Levels named by comparing two amounts the actual states: "无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,
不得分" against "年末结余12万元，上年结转20万元".

The pattern (words family, round 3): each level is clauses joined by , / 但 / 且; a clause is
- "无X" (X is 0) or "有X" (X above 0);
- "[X]<comparison>Y" with a comparison word (不超过/不高于/不大于/以内 ≤, 超过/高于/大于/多于 >, 低于/少于/小于/不足 <,
  不低于/不少于/达到 ≥); X left out is the subject of the clause before it ("有结余,但不超过上年结转").
The actual states each amount as "name number unit" (one statement each, split at ，；,;); a clause's X and Y are
the one statement whose name holds them (or ends as they do). Every clause of every level must be decided, the
amounts must share one unit, and exactly one level must hold; otherwise nothing is read.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from decimal import Decimal

from medaid.evaluation.numbers import fmt

_AMOUNT = re.compile(
    r"(?P<name>[^\d,;，；]+?)(?:为|是|:|：)?(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|亿元|元|%|万|个|人|户|次|项)"
)
_COMPARE: tuple[tuple[str, Callable[[Decimal, Decimal], bool]], ...] = (
    ("不超过|不高于|不大于|未超过|以内", operator.le), ("不低于|不少于|未低于|达到", operator.ge),
    ("超过|高于|大于|多于", operator.gt), ("低于|少于|小于|不足", operator.lt),
)  # fmt: skip
_CLAUSE = re.compile(r"^(?P<x>[^\d]*?)(?P<cmp>" + "|".join(w for w, _ in _COMPARE) + r")(?P<y>[^\d]+)$")


def _amounts(text: str) -> dict[str, tuple[Decimal, str]] | None:
    found: dict[str, tuple[Decimal, str]] = {}
    for statement in (s.strip() for s in re.split(r"[,;，；。]", text) if s.strip()):
        m = _AMOUNT.fullmatch(statement)
        if m is None or m.group("name") in found:
            return None
        found[m.group("name")] = (Decimal(m.group("num")), m.group("unit"))
    return found if len(found) >= 2 and len({u for _, u in found.values()}) == 1 else None


def _of(word: str, amounts: dict[str, tuple[Decimal, str]]) -> Decimal | None:
    hits = [v for name, (v, _) in amounts.items() if word and (word in name or name.endswith(word))]
    return hits[0] if len(hits) == 1 else None


def _holds(level: str, amounts: dict[str, tuple[Decimal, str]]) -> bool | None:
    subject = ""
    verdicts: list[bool] = []
    for clause in (c for c in re.split(r"[,，;；]|但|且|并且", level) if c):
        if m := re.fullmatch(r"(无|有)([^\d]+)", clause):
            value = _of(m.group(2), amounts)
            if value is None:
                return None
            subject = m.group(2)
            verdicts.append(value == 0 if m.group(1) == "无" else value > 0)
            continue
        m = _CLAUSE.fullmatch(clause)
        if m is None:
            return None
        subject = m.group("x") or subject
        left, right = _of(subject, amounts), _of(m.group("y"), amounts)
        if left is None or right is None:
            return None
        compare = next(op for words, op in _COMPARE if re.fullmatch(words, m.group("cmp")))
        verdicts.append(compare(left, right))
    return all(verdicts) if verdicts else None


def compared_level(names: list[str], text: str) -> tuple[int | None, str]:
    """The one level whose comparisons the actual's amounts meet, and how it was read; (None, "") when not read."""
    amounts = _amounts(text)
    if amounts is None:
        return None, ""
    verdicts = [_holds(name, amounts) for name in names]
    if None in verdicts or verdicts.count(True) != 1:
        return None, ""
    said = "，".join(f"{name} {fmt(v)}{u}" for name, (v, u) in amounts.items())
    return verdicts.index(True), f"（按实际所写数额比较：{said}）"
