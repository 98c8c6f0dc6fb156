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

from medaid.evaluation.rules.clause_cover import read_clause_statement, term_or_denial
from medaid.evaluation.rules.clause_match import Literal, literals, proper, read_statement
from medaid.evaluation.rules.clause_synonyms import denial_falls_short, hedged
from medaid.evaluation.rules.clause_words import lacks_qualifier, unqualified
from medaid.evaluation.rules.compared_clauses import compared_statement, holds_comparison, measure_unclear
from medaid.evaluation.rules.fault_said import fault_said, object_denied, of_some
from medaid.evaluation.rules.list_denials import each_denied, object_first_said
from medaid.evaluation.rules.missing_counts import fewer_missing
from medaid.evaluation.rules.naming import canon, parts, sentences
from medaid.evaluation.rules.narrower_denials import narrower
from medaid.evaluation.rules.number_faults import fault_bound, measured_fault
from medaid.evaluation.rules.occurrences import several_cases
from medaid.evaluation.rules.phrasing import (
    objects,
)
from medaid.evaluation.rules.wording import (
    CHECKING,
    REST_FINE,
    STATED,
    clears_all,
    repeated_event,
    unify,
)


def negated_requirement(fault: str) -> bool:
    """ "未使用访视记录表", "不按时限报告", "考核达不到要求": a fault that says a requirement was not met, so that
    是 (the requirement was met) and 否 can answer it. "出现重复档案", "发现不合规支出" state an event: 是 could
    mean that it happened, and is not read."""
    word = canon(fault)
    return bool(re.search(r"[无不]", word)) and not re.search(r"发现|出现|发生|存在", word)


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
    aside = "".join(re.findall(r"[（(]([^（）()]*)[）)]", text))  # "园长学历不达标（高中）": brackets are asides
    for piece in _statements(re.sub(r"(?<=\d)\.(?=\d)", "_", text), faults):  # "1.5元": a decimal kept
        deducted = STATED.search(piece)
        statement = piece[: deducted.start()] if deducted else piece
        stated += [Decimal(deducted.group(1))] if deducted else []
        if not statement:
            continue
        if fewer_missing(statement, faults):
            return [], statement  # fix round s8e: "缺1个" never names "缺2个科室"
        if _unqualified(statement, faults):
            return [], statement  # fix round s8: "发放津贴补贴" / "已脱钩" against "违规发放津贴补贴" / "…挂钩"
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
        if measure_unclear(statement, faults):
            return [], re.sub(r"(?<=\d)_(?=\d)", ".", statement)  # fix round s8e: "差错率2.5%", two 差错率
        # faults family (s6, round 3): "人均2元" against "低于人均2元" by its number; "两天" never one case
        decided, undecided = compared_statement(statement, faults)
        found |= {i for i, shown in decided.items() if shown}
        denied |= {i for i, shown in decided.items() if not shown}
        if decided:
            continue
        if several_cases(statement):
            return [], statement
        said = fault_said(statement, faults) or of_some(statement, faults)
        said = said or object_first_said(statement, lambda form: fault_said(form, faults))  # "与乡镇无签订"
        if undecided and said is not None and any(holds_comparison(faults[i - 1]) for i in said[0] | said[1]):
            return [], statement  # "人均2元/人" against "低于人均2元": the clause is not named by its words
        if said is None and (one := object_denied(statement, faults)) is not None:
            cleared.add(one)  # "台账已建立" against "未建立制度、台账": one of its objects
            continue
        if said is None:  # by the words it shares with one fault's literals (``clause_match``)
            reading = read_statement(statement, literal_lists, list(faults))
            if reading.why is not None:
                return [], statement
            if undecided and any(holds_comparison(faults[i]) for i, _ in reading.said):
                return [], statement  # faults family (s6, round 3): a comparison is not named by words
            if any(holds and lacks_qualifier(statement, canon(faults[i])) for (i, _), holds in reading.said.items()):
                return [], statement  # fix round s8: the bare act named, its qualifier (违规, 擅自) unsaid
            if _NOT_FOUND.match(statement) and any(reading.said.values()):
                return [], statement  # fix round s8: "未发现库内有漂浮物及垃圾" names no fault by its words
            if _half_denied(reading.said, literal_lists):
                return [], statement  # faults (s8): "医务人员收入与药品收入不挂钩" names no part of "…与…挂钩"
            if _event_only(statement, reading.said, literal_lists):
                return [], statement  # faults (s8): "联络员调整1次" says nothing of "…调整未报备案"'s 备案
            for (i, j), holds in reading.said.items():
                if by_words.setdefault(i + 1, {}).setdefault(j, holds) != holds:
                    return [], statement
            continue
        which, deny = said
        if any(lacks_qualifier(statement, canon(faults[i - 1])) for i in which):
            return [], statement  # fix round s8: "未发放津贴补贴" never names "违规发放津贴补贴"
        if which and _NOT_FOUND.match(statement):
            return [], statement  # fix round s8: "未发现库内有漂浮物及垃圾" denies the event, names no fault
        if any(narrower(statement, faults[i - 1], True, aside) for i in which if _NEGATED.search(faults[i - 1])):
            return [], statement  # fix round s8: "未建立电子台账" does not say "未建立台账" happened
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


def _half_denied(said: dict[tuple[int, int], bool], literal_lists: list[list[Literal]]) -> bool:
    """One statement that says one literal of a fault stated without a negation holds and another fails: "医务人员
    收入与药品收入不挂钩" against "医务人员收入与药品收入挂钩" mentions the income (a literal "held" by its words)
    and denies the link; a positive fault (an event, a relation) is never named by a statement that negates part
    of it (faults family, s8). A fault written with a negation ("未建立制度、台账") keeps its reading: "有制度无台账"
    names it."""
    for i, lits in enumerate(literal_lists):
        values = {holds for (k, _), holds in said.items() if k == i}
        if values == {True, False} and not any(x.negated for x in lits):
            return True
    return False


def _event_only(statement: str, said: dict[tuple[int, int], bool], literal_lists: list[list[Literal]]) -> bool:
    """A positive statement read as clearing a fault whose negation comes after an event ("联络员调整未报县河长办
    备案": the 调整 happened, the 备案 was not made) that shares no word with what the fault negates: "联络员调整1次"
    says the event happened, nothing of the requirement upon it (faults family, s8)."""
    plain = canon(statement)
    for (i, j), holds in said.items():
        lit = literal_lists[i][j]
        if holds or not lit.negated or not lit.scope or lit.scope == lit.content or re.search(r"[无不]", plain):
            continue
        event = lit.content[: lit.content.find(lit.scope)] if lit.scope in lit.content else ""
        # a word of the scope that is also the event's ("统计" of "统计人员…未征求上级统计机构同意") is not the scope's
        pairs = {lit.scope[k : k + 2] for k in range(len(lit.scope) - 1)} - {
            event[k : k + 2] for k in range(len(event) - 1)
        }
        if len(lit.scope) >= 2 and not any(p in plain for p in pairs):
            return True  # no word of what the fault negates ("配额足额" speaks of the 足 of "配额不足": one character)
    return False


_NEGATED = re.compile(r"[未无没缺不]")
_NOT_FOUND = re.compile(r"^(?:无|未|没有|没)(?:发现|发生|出现|查出|查实)|^不存在")


def _unqualified(statement: str, faults: tuple[str, ...]) -> bool:
    """A statement that speaks of a fault's act (a word, two characters, of it) without the qualifier that
    makes the act a fault, or with a word undoing it that the fault does not write."""
    said = canon(statement)
    return any(unqualified(said, canon(f)) for f in faults)


# faults (s7, fix round): things a statement may name beyond a fault's words ("档案室", "档案管理制度"): a
# statement naming one the fault does not name does not speak of that fault
_THINGS = re.compile(r"室|馆|柜|盒|袋|库|架|制度|办法|细则|系统|平台")


def _statements(text: str, faults: tuple[str, ...]) -> list[str]:
    """The statements of a description; a sentence that ``parts`` cuts at 和/及/与 into statements none of which
    speaks of a fault is kept whole when whole it names or denies one: "有场所及设备" against "无场所及设备"."""
    out: list[str] = []
    for whole, split in sentences(text):
        if len(every := each_denied(whole)) > 1:
            out += every  # fix round s8: "台账、培训均无" denies each thing
            continue
        if len(split) > 1 and "|" not in whole and all(fault_said(x, faults) is None for x in split):
            said = fault_said(whole, faults)
            if said is not None and (said[0] or said[1]):
                out.append(whole)
                continue
        out += split
    return out
