"""Faults family (session 6, round 3): a clause of a list that holds a comparison with a number ("低于人均2元扣1分",
"覆盖率不足90%的", "专题会议少于2次", "人均经费2元以下的") is decided by comparing a statement's number with its bound,
never by the words they share.

Pattern: a comparison word (``number_faults`` vocabulary: 低于/高于/超过/不足/少于/多于/未达到/不到/不低于…/≥/≤…),
up to six words of subject ("低于**人均**2元"), then the bound with its unit; or the bound followed by 以上/以下/以内.
A statement with one number in the bound's unit is compared with it (a bound after 不低于/以上/≥ includes it,
after 低于/不足/少于/< does not: "人均2元" is not "低于人均2元"); a number in another unit, several numbers, or a
clause whose comparison is not read leaves the clause undecided, and the statement must then be refused: it may
never name such a clause by its words (``faults.faults_found``, ``clause_lists.faults_by_clauses``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.quantity import Quantity, comparable, parse_quantity, same_unit
from medaid.evaluation.rules.number_faults import _AFTER, _BEFORE  # one vocabulary of comparison words

_WORDS = "|".join(re.escape(w) for w in sorted({w for w, _, _ in _BEFORE}, key=len, reverse=True))
_SUFFIX = "|".join(w for w, _, _ in _AFTER)
_NUM = r"\d+(?:\.\d+)?"
_PREFIXED = re.compile(
    rf"(?P<word>{_WORDS})(?P<subject>[^\d,;，；。、]{{0,6}}?)(?P<bound>{_NUM})(?P<unit>[%‰]|[\u4e00-\u9fa5/·]{{1,4}}?)?"
    rf"(?:的|者)?$"
)
_SUFFIXED = re.compile(
    rf"(?P<bound>{_NUM})(?P<unit>[%‰]|[\u4e00-\u9fa5/·]{{1,4}}?)?(?:及)?(?P<word>{_SUFFIX})(?:的|者)?$"
)
_ANY = re.compile(rf"(?:{_WORDS})[^\d,;，；。]{{0,6}}?\d|\d[^,;，；。]{{0,5}}?(?:{_SUFFIX})")
_AMOUNT = re.compile(rf"({_NUM})([%‰]|[\u4e00-\u9fa5][\u4e00-\u9fa5/·]{{0,3}})?")


@dataclass(frozen=True)
class Compared:
    """A clause's comparison: the fault is a value above (else below) the bound, the bound included or not."""

    above: bool
    equal: bool
    bound: Quantity

    def shown(self, statement: str) -> bool | None:
        """Whether the one number of ``statement`` shows the fault; None when it has no number, several, or
        one in another unit."""
        said = re.sub(r"(?<=\d)_(?=\d)", ".", statement)  # "1_5": a decimal point kept by the splitter
        amounts = _AMOUNT.findall(re.sub(r"[,，;；。]+$", "", said))
        if len(amounts) != 1 or self.bound.value is None:
            return None
        for cut in range(len(amounts[0][1]), -1, -1):  # "2元钱": the longest unit that is the bound's
            if amounts[0][1][cut : cut + 1] in ("/", "·"):
                continue  # "2元/人" is not "2元"
            value = parse_quantity(amounts[0][0] + amounts[0][1][:cut])
            if value is None or value.value is None:
                continue
            value = comparable(self.bound, value)
            if value.value is not None and (self.bound.unit == value.unit or same_unit(self.bound.unit, value.unit)):
                limit: Decimal = self.bound.value
                if self.above:
                    return value.value >= limit if self.equal else value.value > limit
                return value.value <= limit if self.equal else value.value < limit
        return None


def holds_comparison(clause: str) -> bool:
    """Whether a clause compares something with a number ("低于人均2元", "90%以上的")."""
    return _ANY.search(clause) is not None


def comparison(clause: str) -> Compared | None:
    """The one comparison a clause ends with; None when it holds none, several numbers, or a bound not read."""
    text = re.sub(r"[\s,，;；。]+$", "", clause)
    if len(re.findall(_NUM, text)) != 1:
        return None
    found = _PREFIXED.search(text)
    ways: list[tuple[bool, bool]] = []
    if found is not None:
        ways = [(above, equal) for word, above, equal in _BEFORE if word == found.group("word")]
    elif (found := _SUFFIXED.search(text)) is not None and not re.search(_WORDS, text[: found.start()]):
        ways = [(above, equal) for word, above, equal in _AFTER if word == found.group("word")]
    if found is None or len(ways) != 1:
        return None
    bound = parse_quantity(found.group("bound") + (found.group("unit") or ""))
    if bound is None or bound.value is None:
        return None
    return Compared(ways[0][0], ways[0][1], bound)


def compared_statement(statement: str, faults: tuple[str, ...] | list[str]) -> tuple[dict[int, bool], bool]:
    """For a statement with a number: the clauses (1 = the first) its number decides (True: the fault shown), and
    whether some clause holds a comparison the number cannot decide (then no clause may be named by words)."""
    if not re.search(r"\d", statement):
        return {}, False
    decided: dict[int, bool] = {}
    open_ = False
    for i, fault in enumerate(faults, 1):
        if not holds_comparison(fault):
            continue
        if holds_comparison(statement):  # "人均经费不足2元": a bound, not a value — compared by no number
            open_ = True
            continue
        way = comparison(fault)
        shown = way.shown(statement) if way is not None else None
        if shown is None:
            open_ = True
        else:
            decided[i] = shown
    return decided, open_


def compared_notes(text: str, faults: tuple[str, ...] | list[str]) -> str:
    """How the statements' numbers were compared with the clauses' bounds, for the reason ("“人均2元”不属于
    “低于人均2元”（按数值比较）"); empty when no clause was decided so."""
    notes: list[str] = []
    for statement in re.split(r"[,;，；。]", re.sub(r"(?<=\d)\.(?=\d)", "_", text)):
        decided, _ = compared_statement(statement.strip(), faults)
        said = statement.strip().replace("_", ".")
        notes += [f"“{said}”{'属于' if shown else '不属于'}“{faults[i - 1]}”" for i, shown in decided.items()]
    return f"{'；'.join(notes)}（按数值比较）" if notes else ""
