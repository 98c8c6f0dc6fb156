"""Counts of kinds of case written with an aside (rules/kind_actuals.py, words family, round 3):
- "无故拖延1次(1天)": a count measured again in brackets, in a counter or a span of time (``SPAN``). When the kind's
  words use the bracket's counter ("无故拖延一天,每次扣2分": per time, or per day?) the two must agree; otherwise
  the rule counts only the outer one.
- "发生2起": a happening with no kind named is the count of the one kind counted (not a one-off) in that counter,
  when every other kind is a one-off.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.count_vocab import COUNTER, cn_int, plain, same_counter

if TYPE_CHECKING:
    from medaid.evaluation.rules.case_kinds import CaseKind

SPAN = rf"(?:{COUNTER}|个?工作日|天|日|小时|个?月|周)"


def only_counted(kinds: tuple[CaseKind, ...], counter: str) -> int | None:
    """The one kind counted (not a one-off), in this counter, when every other kind is a one-off; else None."""
    counted = [i for i, k in enumerate(kinds) if not k.once]
    if len(counted) != 1 or any(k.within is not None for k in kinds):
        return None
    unit = kinds[counted[0]].unit
    return counted[0] if unit is not None and same_counter(counter, unit) else None


def aside_disagrees(aside: re.Match[str], kind: CaseKind, value: Decimal) -> str | None:
    """ "无故拖延1次(1天)": a count measured again in brackets. When the kind's words use that counter ("无故拖延
    一天,每次扣2分": per time, or per day?) the two must agree; otherwise the rule counts only the outer one."""
    counter = aside.group("c")
    if counter in kind.text and cn_int(aside.group("n")) != value:
        return f"括号中的“{aside.group('n')}{counter}”与“{fmt(value)}”计法不同，评分标准按哪一个计未写明"
    return None


# "也无修坟、建坟现象": a conjunction before the negation opening the list (faults family, s6)
_LEAD_NONE = re.compile(r"^(?:也|并|且|同时|另外)?(无|没有|未发现|未出现|未发生)(?=.)")
_TAIL_NONE = re.compile(r"^(.+?)(?:均|都|全部|皆)(无|没有|未发现|未出现|未发生)$")


def shared_negation(pieces: list[str], texts: list[str]) -> list[str]:
    """ "无迟报、漏报": the negation opening a list is each thing's; "迟报、漏报均无": the one closing it is too. Only
    when every other piece is a bare name held by a kind's words (``texts``): "无迟报、漏报2次" is left as written."""
    if len(pieces) < 2:
        return pieces

    def bare(found: list[str]) -> bool:
        return all(p and any(plain(p) and plain(p) in plain(t) for t in texts) for p in found)

    if (lead := _LEAD_NONE.match(pieces[0])) and bare(pieces[1:]):
        return [pieces[0]] + [lead.group(1) + p for p in pieces[1:]]
    if (topical := _TOPIC_NONE.match(pieces[0])) and (heads := _shared_head(topical.group(3), pieces[1:], texts)):
        # faults (s9, round 2): "本年度属地未发生进京、到省、到市非访": a topic before the negation, and the last
        # thing's head noun (非访) every thing's, when each thing with it is a kind's words ("进京非访", "到省非访")
        return [topical.group(1) + topical.group(2) + heads[0]] + [topical.group(2) + h for h in heads[1:]]
    if (tail := _TAIL_NONE.match(pieces[-1])) and bare([*pieces[:-1], tail.group(1)]):
        return [tail.group(2) + p for p in [*pieces[:-1], tail.group(1)]]
    return pieces


_TOPIC_NONE = re.compile(r"^([^\d无没未不]{0,8}?)(无|没有|未发现|未出现|未发生)([^\d无没未不]+)$")


def _shared_head(first: str, rest: list[str], texts: list[str]) -> list[str] | None:
    """ "进京", ["到省", "到市非访"] → ["进京非访", "到省非访", "到市非访"]: the last piece's tail after the length
    of the others, when each piece with it is written in a kind's words; None otherwise."""
    if not rest or any(re.search(r"[\d无没未不]", p) for p in rest):
        return None
    last, words = rest[-1], [plain(t) for t in texts]
    for cut in range(1, len(last) - 1):
        head = last[cut:]
        things = [first, *rest[:-1], last[:cut]]
        if len(head) >= 2 and all(len(t) >= 2 and any(t + head in w for w in words) for t in things):
            return [t + head for t in things]
    return None
