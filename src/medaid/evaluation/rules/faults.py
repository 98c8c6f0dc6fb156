"""What a description in words says of a list of faults (扣分情形).

A description ("已行文明确，未登记", "分散供养标准1300元/人·年，未经政府发文") is cut into statements (``parts``);
each statement must name or deny exactly one fault (``naming``), in any of the spellings ``wording`` reads
(negations alike, events, causes, quantifiers, dates), and no two statements may contradict each other (one
names a fault that another denies: "无危房户、无房户" against "有五保危房户或无房户"). A statement with a
number speaks of a fault with a bound in the same unit and of the same thing ("分散供养标准1300元/人·年"
against "分散供养标准未达1200元/人·年": 1300 is not below 1200, so the fault is denied). A positive statement
of what a fault is checked against ("按时发放到特困残疾人" before ",发现截留") is passed over, as is how it was
checked ("经查"); a description that clears every fault ("未发现问题", "无扣分情形") names none.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.clause_cover import modifier_denial, read_clause_statement, term_or_denial
from medaid.evaluation.rules.clause_match import literals, proper, read_statement
from medaid.evaluation.rules.clause_synonyms import denial_falls_short, hedged
from medaid.evaluation.rules.compared_clauses import compared_statement, holds_comparison
from medaid.evaluation.rules.list_denials import object_first_said
from medaid.evaluation.rules.naming import canon, denies, named, names, parts, sentences
from medaid.evaluation.rules.number_faults import fault_bound, measured_fault
from medaid.evaluation.rules.occurrences import several_cases
from medaid.evaluation.rules.phrasing import (
    because,
    caused,
    denies_effect,
    distributed,
    either,
    met_form,
    objects,
    reordered,
    verb_only,
)
from medaid.evaluation.rules.wording import (
    CHECKING,
    PARTIAL,
    REST_FINE,
    STATED,
    any_one,
    clears_all,
    counted_event,
    repeated_event,
    unchecked,
    undated,
    uneventful,
    unify,
    universal,
    unquantified,
)


def negated_requirement(fault: str) -> bool:
    """ "未使用访视记录表", "不按时限报告", "考核达不到要求": a fault that says a requirement was not met, so that
    是 (the requirement was met) and 否 can answer it. "出现重复档案", "发现不合规支出" state an event: 是 could
    mean that it happened, and is not read."""
    word = canon(fault)
    return bool(re.search(r"[无不]", word)) and not re.search(r"发现|出现|发生|存在", word)


def _rank(how: bool | None) -> int:
    return 2 if how else 1 if how is None else 0


def spellings(fault: str, alternatives: bool = True) -> list[str]:
    """A fault's spellings: the fault proper after its context ("2012年6月底整改结束,未开始整改" is also
    "未开始整改"; "已开展活动但档案资料不全" also "档案资料不全"), and with ``alternatives`` each alternative of
    "A或B" (which names the fault but, denied alone, does not deny it)."""
    last = re.split(r"[,;。:]", fault)[-1]
    split = either(last) if alternatives and "或" in last and not re.search(r"[,;、]", last) else []
    return list(dict.fromkeys([fault, last, last.split("但")[-1], *split]))


def faults_found(
    text: str, faults: tuple[str, ...], note: bool = False, points: tuple[Decimal, ...] | None = None
) -> tuple[list[int], str | None]:
    """The faults (1 = the first) a description names; or the statement that names none or several, or
    contradicts another, as the reason to refuse. A description that is one fault's words as a whole
    ("只防疫,未填表" for "只防疫,不填表") names that fault; one that clears them all ("未发现问题", "不扣分",
    ``wording.clears_all``; a bare "无" only as an explanation, ``note``) names none. A deduction it states
    ("台账不全,扣1分") must be the sum of the ``points`` of the faults it names."""
    whole = [i for i, f in enumerate(faults, 1) if unify(canon(text)) == unify(canon(f))]
    if len(whole) == 1:
        return whole, None
    if clears_all(canon(text), note):
        return [], None
    # faults family (s6): one statement that clears every fault ("抽查科室均无问题", "无上访"): ``clause_cover``
    whole_said = None if re.search(r"[,;，；。]", text) else read_clause_statement(text, faults)
    if whole_said is not None and not whole_said.found and len(whole_said.cleared) == len(faults):
        return [], None
    found: set[int] = set()
    denied: set[int] = set()
    some: set[int] = set()
    passed: list[str] = []
    stated: list[Decimal] = []
    bounds = [fault_bound(f) for f in faults]
    cleared: set[tuple[int, int]] = set()
    literal_lists = [literals(proper(f)) for f in faults]
    by_words: dict[int, dict[int, bool]] = {}  # fault → its literals a statement's words say hold or not
    for piece in _statements(re.sub(r"(?<=\d)\.(?=\d)", "_", text), faults):  # "1.5元": a decimal kept
        deducted = STATED.search(piece)
        statement = piece[: deducted.start()] if deducted else piece
        stated += [Decimal(deducted.group(1))] if deducted else []
        if not statement:
            continue
        if term_or_denial(statement, faults):
            return [], statement  # faults family (s6): "无房户" — the term 无房户, or 房户 denied?
        if repeated_event(statement, faults):
            return [], statement  # "发生土葬事件2起" against "发生一起土葬事件,扣10分": once each, or once?
        if CHECKING.match(statement) or (REST_FINE.match(statement) and len(parts(text)) > 1):
            continue  # "经查,…": how it was checked; "其余符合要求": what is not named did not happen
        measured = [
            (i, shown) for i, b in enumerate(bounds, 1) if b and (shown := measured_fault(statement, b)) is not None
        ]
        if measured:
            if len(measured) > 1:
                return [], statement
            i, shown = measured[0]
            (found if shown else denied).add(i)
            continue
        # faults family (s6, round 3): "人均2元" against "低于人均2元" by its number; "两天" never one case
        decided, undecided = compared_statement(statement, faults)
        found |= {i for i, shown in decided.items() if shown}
        denied |= {i for i, shown in decided.items() if not shown}
        if decided:
            continue
        if several_cases(statement):
            return [], statement
        said = _fault_said(statement, faults) or _of_some(statement, faults)
        said = said or object_first_said(statement, lambda form: _fault_said(form, faults))  # "与乡镇无签订"
        if undecided and said is not None and any(holds_comparison(faults[i - 1]) for i in said[0] | said[1]):
            return [], statement  # "人均2元/人" against "低于人均2元": the clause is not named by its words
        if said is None and (one := _object_denied(statement, faults)) is not None:
            cleared.add(one)  # "台账已建立" against "未建立制度、台账": one of its objects
            continue
        if said is None:  # by the words it shares with one fault's literals (``clause_match``)
            reading = read_statement(statement, literal_lists, list(faults))
            if reading.why is not None:
                return [], statement
            if undecided and any(holds_comparison(faults[i]) for i, _ in reading.said):
                return [], statement  # faults family (s6, round 3): a comparison is not named by words
            for (i, j), holds in reading.said.items():
                if by_words.setdefault(i + 1, {}).setdefault(j, holds) != holds:
                    return [], statement
            continue
        which, deny = said
        if any(set(_THINGS.findall(statement)) - set(_THINGS.findall(faults[i - 1])) for i in which | deny):
            return [], statement  # s7 fix round: "未建立档案室" speaks of a room, not of "未建档"
        short = any(hedged(statement, faults[i - 1]) or denial_falls_short(statement, faults[i - 1]) for i in deny)
        if deny and short:
            return [], statement  # faults (s7, fix round): "联系方式多数畅通", "台账不规范" for "台账不齐全不规范"
        if not which and not deny:
            passed.append(statement)
        elif which and not deny:
            found |= which
        elif deny and not which:
            denied |= deny
        else:
            some |= which  # said of some of its subjects only
    for i, fault in enumerate(faults, 1):
        every = objects(canon(fault))
        if any(c[0] == i for c in cleared) and i not in found:
            if len({c for c in cleared if c[0] == i}) != len(every):
                return [], "、".join(every) + "（只说明了部分对象）"
            denied.add(i)
    for i, said_of in by_words.items():
        if i in found and not all(said_of.values()):  # one alternative named, another denied: "无危房户、无房户"
            return [], faults[i - 1] + "（既被提及又被否定）"
        if any(said_of.values()):
            found.add(i)
        elif len(said_of) == len(literal_lists[i - 1]):
            denied.add(i)
        elif i not in found | denied:
            return [], faults[i - 1] + "（只说明了部分内容）"
    if found & denied:
        return [], "、".join(faults[i - 1] for i in sorted(found & denied)) + "（既被提及又被否定）"
    if some - found:
        return [], "、".join(faults[i - 1] for i in sorted(some - found)) + "（只说明了部分对象）"
    if passed and not found | denied | some:
        return [], "、".join(passed) + "（未说明任一扣分情形）"
    if stated and (points is None or sum(stated) != sum((points[i - 1] for i in found), Decimal(0))):
        return [], f"说明所写扣 {sum(stated)} 分与所述情形的扣分不一致"
    return sorted(found), None


# faults (s7, fix round): things a statement may name beyond a fault's words ("档案室", "档案管理制度"): a
# statement naming one the fault does not name does not speak of that fault
_THINGS = re.compile(r"室|馆|柜|盒|袋|库|架|制度|办法|细则|系统|平台")


def _statements(text: str, faults: tuple[str, ...]) -> list[str]:
    """The statements of a description; a sentence that ``parts`` cuts at 和/及/与 into statements none of which
    speaks of a fault is kept whole when whole it names or denies one: "有场所及设备" against "无场所及设备"."""
    out: list[str] = []
    for whole, split in sentences(text):
        if len(split) > 1 and "|" not in whole and all(_fault_said(x, faults) is None for x in split):
            said = _fault_said(whole, faults)
            if said is not None and (said[0] or said[1]):
                out.append(whole)
                continue
        out += split
    return out


def _object_denied(statement: str, faults: tuple[str, ...]) -> tuple[int, int] | None:
    """The one fault and object (``phrasing.objects``) a statement denies: "台账已建立" → (fault, 台账)."""
    said = [(i, j) for i, f in enumerate(faults, 1) for j, x in enumerate(objects(canon(f)))
            if any(denies(statement, y, partial=False) for y in [x, *reordered(x)])]  # fmt: skip
    return said[0] if len(said) == 1 else None


def _of_some(statement: str, faults: tuple[str, ...]) -> tuple[set[int], set[int]] | None:
    """A fault said of any one of its subjects ("市、任何一个县没有文件") against a statement of some of them: one
    that names it ("其中一个县无文件") names it; one that clears some ("市有文件") says nothing of the rest, and
    is kept as ``(faults, faults)`` to be named by another statement or refused."""
    said = unify(statement)
    for i, fault in enumerate(faults, 1):
        word = canon(fault)
        if not any_one(word) or universal(statement):
            continue
        if "无" in said and PARTIAL.search(statement) and names(PARTIAL.sub("", statement), unquantified(word)):
            return {i}, set()
        if "无" not in said and denies(statement, unquantified(word), partial=False):
            return {i}, {i}
    return None


def _fault_said(statement: str, faults: tuple[str, ...]) -> tuple[set[int], set[int]] | None:
    """The faults one statement names, or (none named) those it denies; None when it names none and denies
    none, or several, or names one that it also denies. The statement is read as said and in the spellings of
    ``_variants``: one that names a fault exactly decides, else the first that names or denies. A positive
    statement of what a fault is checked against ("按时发放到特困残疾人" before ",发现截留") speaks of no fault
    and is passed over: ``(set(), set())``."""
    readings: list[tuple[set[int], set[int]] | None] = []
    if modified := {i for i, f in enumerate(faults, 1) if modifier_denial(statement, f)}:
        return set(), modified  # faults family (s6): "无事故" against "发生一次不超标事故"
    for variant in _variants(statement, faults):
        says = [(i, max((named(variant, x) for x in _forms(f)), key=_rank, default=False))
                for i, f in enumerate(faults, 1)]  # fmt: skip
        exact = [i for i, how in says if how]
        which = exact or [i for i, how in says if how is None]
        deny = [i for i, f in enumerate(faults, 1) if _denied(variant, f)]
        # a statement that denies one alternative of "A或B" does not deny the fault, but speaks of it
        touched = set(deny) | {i for i, f in enumerate(faults, 1) if _denied(variant, f, alternatives=True)}
        if len(exact) == 1 and exact[0] not in deny:
            return {exact[0]}, set()
        if set(which) & touched or len(which) > 1 or (not which and touched - set(deny)):
            readings.append(None)  # "无危房户" both names "无房户" and denies "有五保危房户"
        elif which:
            readings.append(({which[0]}, set()))
        elif deny:
            readings.append((set(), set(deny)))
    if readings:
        return readings[0]
    # "已签订" / "未签订" against the one fault of that verb ("未与…签订责任书")
    bare = [(i, how) for i, f in enumerate(faults, 1) if (how := verb_only(canon(statement), canon(f))) is not None]
    if len(bare) == 1:
        return ({bare[0][0]}, set()) if bare[0][1] else (set(), {bare[0][0]})
    if any(_context(statement, f) for f in faults):
        return set(), set()
    return None


def _variants(statement: str, faults: tuple[str, ...]) -> list[str]:
    """The statement as said, and with a count of an event, a date the faults hold or a cause's word put in one
    spelling ("发现1起违规行为" → 发现违规行为, "6月底无开始整改" → 无开始整改)."""
    out = [statement, counted_event(statement), because(statement), unchecked(statement)]
    out += [undated(statement, "".join(canon(f) for f in faults))]
    return list(dict.fromkeys(x for x in out if x))


def _forms(fault: str) -> list[str]:
    """The spellings a statement may name a fault by: its ``spellings``, without its quantifiers, by each cause."""
    out: list[str] = []
    for spelling in spellings(fault):
        word = canon(spelling)
        each = objects(word)
        out += [word, unquantified(word), *caused(word), *distributed(word), *reordered(word), *each]
        out += [x for one in each for x in reordered(one)]
    return list(dict.fromkeys(x for x in out if len(x) >= 2))


def _denied(statement: str, fault: str, alternatives: bool = False) -> bool:
    """The statement denies the fault: a spelling with a negation toggled; for a fault said of any one of its
    subjects, a statement said of every one; a negated effect or cause."""
    for spelling in spellings(fault, alternatives):
        word = canon(spelling)
        if denies(statement, word, partial=False) or denies(uneventful(statement), word, partial=False):
            return True
        if any(denies(statement, x, partial=False) for x in reordered(word)):
            return True  # "实施方案已制定" against "未制定实施方案"
        if any_one(word) and universal(statement) and denies(unquantified(statement), unquantified(word), False):
            return True
        if denies_effect(uneventful(statement), word):
            return True
        if (met := met_form(word)) is not None and names(statement, met):
            return True  # "归档材料齐全规范" against "学生归档材料不全、不规范"
    return False


def _context(statement: str, fault: str) -> bool:
    """ "按时发放到特困残疾人" for "按时将…发放到特困残疾人,发现截留", "设立" for "设立宣传栏、但内容不符合要求":
    a positive statement naming what comes before a fault (before its last comma or its 但)."""
    word = canon(fault)
    context = re.split(r"\|(?=[^|]*$)|但", word)[0] if ("|" in word or "但" in word) else ""
    plain = canon(statement)
    if not context or context == word or re.search(r"[无不非]", unify(context + plain)):
        return False
    return names(plain, context.replace("|", ""))
