"""Whether an evaluator's statement in words says ONE condition of a yes/no text holds (affirm family, session 6).

The family: a condition "(subject) verb object (qualities)" scored when met ("逐级签订综治责任书,1分";
"市、县政府成立由主要领导牵头的农产品质量安全工作领导机构(2分)"; "有会议记要得5分,否则不得分"; a condition
that is itself negative: "未发现任何违规违纪行为"), possibly several joined requirements ("制定…方案和标准,做到年初
有工作计划,平时有检查督促,年终有总结"). Evaluators answer by restating it, shortened: "已逐级签订", "已成立由主要
领导牵头的领导机构", "有会议纪要", "未发现违规违纪行为"; or by denying it: "无会议纪要", "两个规划均未纳入",
"年终无总结".

Reading, requirement by requirement (``statements.requirements``), each sentence of the actual statement by
statement (``naming.sentences``), or whole when a statement of it speaks of no requirement on its own ("已制定方案和
标准" speaks of "制定…方案和标准", "制定方案" alone does not):
- a statement **names** a requirement when it is the requirement with words left out (``naming.named``): a subject,
  an object, an attribute may go, never a joined requirement nor a quality (及时, 规范, 健全, 合理…: a judgement
  word must be restated, "已使用" does not say "使用规范"), and its markers (不/无/未, 基本, 部分…) must agree
  — so a negative condition is named by a negative statement ("未发现违规违纪行为");
- a statement **denies** a requirement when it says it with one negation put in or taken out (``naming.denies``).
The condition holds when every requirement is named and none denied; it fails when one is denied and not also
named; otherwise (a requirement not spoken of, a statement that speaks of no requirement, a count in words) it is
not read, and the reason says which.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.clause_lists import HEADING
from medaid.evaluation.rules.clause_match import QUALITIES
from medaid.evaluation.rules.compared_restatements import compared_restatement, compares
from medaid.evaluation.rules.deed_spellings import spellings
from medaid.evaluation.rules.naming import canon, denies, named, sentences
from medaid.evaluation.rules.statements import requirements
from medaid.evaluation.rules.wording import counted_event, unify

# Words by which a condition judges or qualifies rather than states ("资金使用规范", "积极配合…", "及时上报…",
# "民主评议程序到位"): the evaluator's "积极配合", "民主评议到位" repeat the judgement in other words, they do not
# report what was checked. Such a requirement is named only when the statement restates it whole (a leading subject
# may go: "资金使用规范" for "重点县建设资金使用规范"). The exhortations are ``clause_lists.HEADING``, the qualities
# ``clause_match.QUALITIES``; added here the degrees of praise.
JUDGEMENT = re.compile(
    rf"{HEADING.pattern}|{QUALITIES.pattern}"
    r"|较好|良好|扎实|明显|突出|主动|大力|深入|广泛|显著|得力|有力|妥善|周密|严密|优质|满意|好"
)


_ANY = re.compile(r"任何一?|任一|一切")
# qualities that state a fact the evaluator checks (when, how much), in ``wording.unify`` spelling (按时 → 及时)
_FACT_QUALITY = re.compile(r"及时|定期|足额|全额")
_NEGATION = re.compile(r"[无不非]")


def _restates(said: str, requirement: str) -> bool:
    """The statement is the requirement whole, or it without a leading subject, its judgement word kept. A negative
    requirement ("未发生安全事故") is named only by the same words from its negation on, 任何 apart:
    "未发生重大安全事故" says less (a narrower thing denied), and "未发生事故" is not read against
    "未发生交通安全事故" either."""
    said, requirement = unify(said), unify(requirement)
    negation = _NEGATION.search(requirement)
    if negation is not None:
        start = _NEGATION.search(said)
        tail = _ANY.sub("", requirement[negation.start() :])
        if start is None or _ANY.sub("", said[start.start() :]) != tail:
            return False
    at = JUDGEMENT.search(requirement)
    if at is None:
        return True
    if requirement.endswith(said) and len(requirement) - len(said) <= at.start():
        return True
    # (affirm, s7) every judgement word restated, in order, only plain words left out between them: "能主动与人正常
    # 交流" for "能主动与其他人正常交流" (``naming.named`` has already checked no joined requirement or quality is
    # left out); the object after the last one may go only as below
    # — qualities only (及时, 规范, 完整…), never an exhortation or praise (积极, 主动…: "积极配合工作" says no fact)
    judged = [m.group(0) for m in JUDGEMENT.finditer(requirement)]
    plain = all(QUALITIES.fullmatch(w) and not HEADING.match(w) for w in judged)
    if plain and judged == [m.group(0) for m in JUDGEMENT.finditer(said)] and requirement.endswith(said[-2:]):
        return True
    # (affirm, s7) a quality of time or amount and its verb restated, the object after them left out: "已及时上报"
    # for "及时上报支部党员信息变动情况"; not an exhortation or praise ("积极配合" says no fact), nor when what is
    # left out holds another judgement or a joined requirement
    if not _FACT_QUALITY.fullmatch(at.group(0)):
        return False
    begin = requirement.find(said)
    rest = requirement[begin + len(said) :] if begin >= 0 else ""
    return (
        0 <= begin <= at.start()
        and begin + len(said) >= at.end() + 2
        and JUDGEMENT.search(rest) is None
        and re.search(r"[和及与并且、|]", rest) is None
    )


def _spoken(statement: str, needed: list[str]) -> tuple[set[int], set[int]]:
    """The requirements a statement names and those it denies."""
    said = counted_event(statement)
    # (affirm s9) a comparison in words ("…面积大于或等于…保有量") is named only as a comparison: "…面积大于…保有量"
    # met, "…小于…" not (``compared_restatements``), never by its words ("…面积拟大于…": a plan, not named)
    plain = [i for i, r in enumerate(needed) if not compares(r)]
    compared = [compared_restatement(said, r) for r in needed]
    names = {i for i in plain if named(said, needed[i]) is not False and _restates(said, needed[i])}
    names |= {i for i, c in enumerate(compared) if c}
    # (affirm s9, review) a comparison is denied only as one: "将超过" is a forecast, not a denial of "不超过"
    denied = {i for i, r in enumerate(needed) if (i in plain and denies(said, r)) or compared[i] is False}
    if not names and not denied:  # the deed in another verb or order ("已组建…", "台账已建立": ``deed_spellings``)
        for other in spellings(said)[1:]:
            names |= {i for i in plain if named(other, needed[i]) is not False and _restates(other, needed[i])}
            denied |= {i for i in plain if denies(other, needed[i])}
    return names - denied, denied - names


def _denies_failure(statement: str, failure: str | None) -> bool:
    """(affirm, s7) The statement denies what the 0 level names ("未更换组员" against "…并随意更换组员"): said beside
    the condition restated, it agrees with it and is passed over."""
    if not failure:
        return False
    said = counted_event(statement)
    whole = canon(failure)
    pieces = [p for x in whole.split("|") for p in re.split(r"并且|而且|并|且|同时|或", x) if len(p) >= 2]
    return any(denies(said, p) for p in pieces)


def affirmed(text: str, condition: str, failure: str | None = None) -> tuple[bool | None, str]:
    """(True: the actual says the condition holds; False: it says a requirement of it does not; None: neither,
    with the reason) — see the module docstring. ``failure``: the 0 level's name, whose denial a statement may add."""
    needed = requirements(condition)
    if not needed:
        return None, f"评分条件“{condition}”无法分成可核对的要求"
    met: set[int] = set()
    denied: set[int] = set()
    for whole, all_statements in sentences(text):
        statements = [
            st for st in all_statements if not (_denies_failure(st, failure) and not any(_spoken(st, needed)))
        ]
        if not statements:
            continue
        read = [_spoken(statement, needed) for statement in statements]
        if any(not names and not against for names, against in read):
            names, against = _spoken(whole, needed)  # "已制定方案和标准": the list said of one requirement
            if not names and not against:
                unread = next(st for st, (n, a) in zip(statements, read, strict=True) if not n and not a)
                return None, f"“{unread}”对应不到评分条件“{condition}”的任一要求"
            read = [(names, against)]
        for names, against in read:
            met |= names
            denied |= against
    if denied & met:
        return None, f"“{needed[min(denied & met)]}”既被说到做到又被说到未做到"
    if not denied and (left := _parts_unsaid([needed[i] for i in sorted(met)], text)):
        return None, f"未说明是否做到“{'、'.join(left)}”"  # (fix round s8) "召开推进会" for "制定实施方案及召开推进会"
    if denied:
        return False, f"即未做到“{needed[min(denied)]}”，"
    unsaid = [r for i, r in enumerate(needed) if i not in met]
    if unsaid:
        return None, f"未说明是否做到“{'、'.join(unsaid)}”"
    return True, f"逐项对应评分条件（{'；'.join(needed)}），均已做到，"


# (affirm fix round s8) A condition of several elements scored alone ("有工作制度、工作计划以及工作总结（2分）",
# "建立工作制度并实施考核，得满分", "配备DR、B超及心电图机，得2分"): the text says what all of them score, not what
# some of them score, so a description denying some elements and not others is not read (0 needs every element
# denied, or a 0 level: "否则不得分", "缺1项不得分"). Examples ("通过宣传栏、讲座、义诊等形式开展健康教育"): an
# example not done is no failure of the condition, whatever the 0 level.
_ELEMENTS = re.compile(r"、|以及|及|和|与|并且|并|且|，|,")
_LEADING_VERB = re.compile(r"^(?:已经|已)?(?:有|建立|制定|制订|配备|实施|召开|成立|开展|设置|进行|通过|落实)")
_NEGATION = re.compile(r"[无未没不缺]")
_EXAMPLES = re.compile(r"、[^、,，;；]{1,12}?等(?:形式|方式|途径|渠道|活动|内容|多种形式)?")


def _denied_in(core: str, text: str) -> bool:
    return any(core in st and _NEGATION.search(st) for st in re.split(r"[,，;；。]", text))


def partly_denied(text: str, condition: str, alone: bool) -> str:
    """Why a description denying part of a condition is not read (see above); "" when it may be."""
    name = re.sub(r"\s", "", condition)
    said = re.sub(r"\s", "", text)
    if (example := _EXAMPLES.search(name)) is not None:
        tail = re.sub(r"^(?:形式|方式|途径|渠道|活动|内容|多种形式)", "", name[example.end() :])
        tail = _LEADING_VERB.sub("", tail)
        listed = [_LEADING_VERB.sub("", e) for e in re.split(r"、", name[: example.end()]) if e]
        if len(tail) >= 2 and tail not in said and any(len(e) >= 2 and e[:2] in said for e in listed):
            return f"评分条件“{condition}”所列是举例（…等形式），“{text}”只说到其中的例子，未说明是否做到“{tail}”"
    if not alone:
        return ""
    cores = [_LEADING_VERB.sub("", e) for e in _ELEMENTS.split(name) if e]
    cores = [c for c in cores if len(c) >= 2]
    if len(cores) < 2:
        return ""
    denied = [c for c in cores if _denied_in(c, said)]
    statements = [st for st in re.split(r"[,，;；。]", said) if st]
    negated = [st for st in statements if _NEGATION.search(st)]
    affirmed_too = [st for st in statements if not _NEGATION.search(st) and any(c[:2] in st for c in cores)]
    if negated and affirmed_too and not denied:  # "制定了年度计划，培训未按计划开展"
        return (
            f"评分条件“{condition}”有{len(cores)}项要求，评分标准只写明全部做到的得分，"
            f"“{text}”说到部分做到、部分未做到，部分做到应得几分未写明"
        )
    if denied and len(denied) < len(cores):
        return (
            f"评分条件“{condition}”有{len(cores)}项要求，评分标准只写明全部做到的得分，"
            f"“{text}”只说到未做到“{'、'.join(denied)}”，部分做到应得几分未写明"
        )
    return ""


def partly_denied_levels(text: str, names: list[str], scores: list[Decimal]) -> str:
    """``partly_denied`` for each scoring level of a scale (a level alone: no 0 level stated)."""
    alone = len(names) == 1
    return next(
        (why for n, s in zip(names, scores, strict=True) if s > 0 and (why := partly_denied(text, n, alone))), ""
    )


def _parts_unsaid(requirements_met: list[str], text: str) -> list[str]:
    """(affirm fix round s8) The parts of a requirement joined by 及/和/与/并 that the description does not name
    ("制定实施方案及召开推进会" met by "召开推进会" alone leaves "制定实施方案" unsaid)."""
    said = canon(text)
    left: list[str] = []
    for requirement in requirements_met:
        pieces = [p for p in re.split(r"以及|及|和|与|并且|并", requirement) if p]
        if len(pieces) < 2:
            continue
        for piece in pieces:
            core = canon(_LEADING_VERB.sub("", piece))[-2:]  # its head noun: "年度宣传计划" said as "计划"
            if len(core) >= 2 and core not in said:
                left.append(piece)
    return left
