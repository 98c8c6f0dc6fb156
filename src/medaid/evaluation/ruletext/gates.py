"""A prerequisite among a checklist's items: "未编制实施意见(或办法)的本指标(2)-(4)项不得分" (``rules.gated``).

The sentence names a failure (未/没有/无 + a requirement) and a range of the list's items, "(2)-(4)项", "第2至4项",
that score nothing with it. The prerequisite is the one item of the range whose words the failure denies (it
shares most of them); none, or two alike, and the text is not read. Only a list of items each worth its marks
takes a prerequisite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medaid.evaluation.rules import Checklist, Rule
from medaid.evaluation.rules.gated import GatedChecklist
from medaid.evaluation.rules.naming import canon

_GATE = re.compile(
    r"[,;。]?(?P<cond>(?:未|没有|无)[^,;。]{2,60}?)(?:的|者)?,?(?:本指标|本项|该指标|该项)?(?:第)?"
    r"\(?(?P<a>\d{1,2})\)?(?:-|~|至|到)(?:第)?\(?(?P<b>\d{1,2})\)?项(?:均)?(?:不得分|不计分|得0分|计0分)"
)


@dataclass(frozen=True)
class Gate:
    failure: str
    first: int
    last: int


def split_gate(text: str) -> tuple[str, Gate | None]:
    """The text without its prerequisite sentence, and the sentence read."""
    found = _GATE.search(text)
    if found is None:
        return text, None
    first, last = int(found.group("a")), int(found.group("b"))
    if first >= last:
        return text, None
    gate = Gate(found.group("cond"), first, last)
    return text[: found.start()] + text[found.end() :], gate


def _pairs(text: str) -> set[str]:
    plain = re.sub(r"[^\u4e00-\u9fa5]", "", canon(text))
    return {plain[i : i + 2] for i in range(len(plain) - 1)}


def with_gate(rule: Rule | None, gate: Gate) -> Rule | None:
    """The checklist with its prerequisite; None when the range or the prerequisite does not fit the list."""
    if not isinstance(rule, Checklist) or rule.deduct or rule.either or rule.open_items:
        return None
    if gate.last > len(rule.items) or len(rule.names) != len(rule.items):
        return None
    wanted = _pairs(re.sub(r"^(?:未|没有|无)", "", gate.failure))
    shares = {i: len(wanted & _pairs(rule.names[i - 1])) for i in range(gate.first, gate.last + 1)}
    best = max(shares.values(), default=0)
    named = [i for i, n in shares.items() if n == best]
    if not wanted or len(named) != 1 or best * 5 < len(wanted) * 3:
        return None  # the failure names no item of the range, or two alike
    return GatedChecklist(checklist=rule, gate=named[0], gated=tuple(range(gate.first, gate.last + 1)))
