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


# fix round s8e: the measure a clause compares ("门诊差错率超过1%": 门诊差错率) and the one a statement states
# ("差错率2.5%": 差错率). When the clauses compare more than one measure, a number is compared only with the clauses
# whose measure the statement writes whole ("门诊差错率2.5%" is no 住院差错率); an unqualified or unnamed measure
# ("差错率2.5%", "2.5%") could be either and is refused (``measure_unclear``).
_LEAD_IN = re.compile(r"^(?:经查|经核查|经检查|经核实|其中|另外|但|且|凡|如|若|如果)+")
_LINK = re.compile(r"(?:为|是|达到|达|约|仅|只有|共|：|:)+$")


_PERIOD = re.compile(r"本年度|全年|年内|年度|本年|当年|每年|半年|每季度|每季|每月|全年度")


def _measure(words: str) -> str:
    return _LINK.sub("", _LEAD_IN.sub("", _PERIOD.sub("", re.sub(r"[\s的（）()“”\"]", "", words))))


def clause_measure(clause: str) -> str:
    """What a clause compares with its bound ("门诊差错率超过1%": 门诊差错率); empty when it is not written or the
    comparison is not read."""
    text = re.sub(r"[\s,，;；。]+$", "", clause)
    if (found := _PREFIXED.search(text)) is not None:
        return _measure(text[: found.start()] + found.group("subject"))
    if (found := _SUFFIXED.search(text)) is not None:
        return _measure(text[: found.start()])
    return ""


def _cover(measure: str, said: str) -> float:
    """How much of a measure's characters a statement's measure writes (word order and 全年/召开 aside)."""
    return len(set(measure) & set(said)) / len(set(measure)) if measure else 0.0


def _scope(statement: str, faults: tuple[str, ...] | list[str]) -> set[int] | None:
    """The comparing clauses (1 = the first) a statement's number may be compared with; None when the clauses
    compare several measures and the statement's measure does not name one of them (most of its words, and a
    word that tells it from the others), or when it names another measure than the one compared."""
    compares = [i for i, fault in enumerate(faults, 1) if holds_comparison(fault)]
    measures = {i: clause_measure(faults[i - 1]) for i in compares}
    said = _measure(re.split(r"\d", statement, maxsplit=1)[0])
    if len(kinds := {m for m in measures.values() if m}) < 2:
        # one measure: a statement of another ("投诉率3%" against "差错率超过1%") is none of its values
        other = said and kinds and not any(max(_cover(m, said), _cover(said, m)) >= 1 / 2 for m in kinds)
        return None if other else set(compares)
    if not said or any(not m for m in measures.values()):
        return None  # "2.5%" against 门诊差错率 and 住院差错率; a clause whose measure is not written
    best = max(_cover(m, said) for m in measures.values())
    named = {i for i in compares if _cover(measures[i], said) == best}
    if best < 2 / 3 or len({measures[i] for i in named}) > 1:
        return None  # "差错率2.5%" against 门诊差错率 and 住院差错率: which one?
    mine = measures[next(iter(named))]
    if any(not (set(mine) - set(m)) & set(said) for m in kinds if m != mine):
        return None  # nothing that tells it from another measure is written
    return named


def _restated_negated(statement: str, fault: str) -> bool:
    """ "住院差错率未超过2%" against "住院差错率超过2%": the clause's measure, one negation, then its comparison word
    for word (a comparison written otherwise, "低于2%", is not read so)."""
    text = re.sub(r"[\s,，;；。的]+|(?:的|者)$", "", fault)
    found = _PREFIXED.search(text)
    if found is None or not (measure := clause_measure(fault)):
        return False
    said = _LEAD_IN.sub("", re.sub(r"[\s的]", "", statement.replace("_", ".")))
    head, rest = text[: found.start()], text[found.start() :]
    return re.fullmatch(rf"{re.escape(head)}(?:均|都)?(?:未|没有|没|无|未曾){re.escape(rest)}", said) is not None and (
        measure in head + found.group("subject")
    )


def measure_unclear(statement: str, faults: tuple[str, ...] | list[str]) -> bool:
    """Whether a statement's number cannot be given to one measure of the clauses ("差错率2.5%" against "门诊差错率
    超过1%" and "住院差错率超过2%"): it must be refused, never compared with both."""
    return bool(re.search(r"\d", statement)) and not holds_comparison(statement) and _scope(statement, faults) is None


def compared_statement(statement: str, faults: tuple[str, ...] | list[str]) -> tuple[dict[int, bool], bool]:
    """For a statement with a number: the clauses (1 = the first) its number decides (True: the fault shown), and
    whether some clause holds a comparison the number cannot decide (then no clause may be named by words)."""
    if not re.search(r"\d", statement):
        return {}, False
    decided: dict[int, bool] = {}
    open_ = denials = False
    scope = _scope(statement, faults)
    for i, fault in enumerate(faults, 1):
        if not holds_comparison(fault):
            continue
        if scope is not None and i not in scope:
            continue  # fix round s8e: "门诊差错率2.5%" says nothing of "住院差错率超过2%"
        if scope is None and not holds_comparison(statement):
            open_ = True
            continue
        if _restated_negated(statement, fault):
            decided[i] = False  # fix round s8e: "住院差错率未超过2%" denies "住院差错率超过2%"
            denials = True
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
    if denials and open_:
        return {}, True  # "差错率未超过3%" denies "超过3%", says nothing of "超过1%"
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
