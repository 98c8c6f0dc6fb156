"""What one statement of a description says of a list of faults: the faults it names or denies (moved out of
``faults`` in session 8, faults family, when that module passed 300 lines; the conventions are ``faults``')."""

from __future__ import annotations

import re

from medaid.evaluation.rules.clause_cover import _MARKED
from medaid.evaluation.rules.clause_match import _SHORT, HEDGES
from medaid.evaluation.rules.clause_synonyms import opposite_restates
from medaid.evaluation.rules.clause_words import modifier_denial
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.naming import canon, denies, named, names
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
    PARTIAL,
    any_one,
    counted_event,
    unchecked,
    undated,
    uneventful,
    unify,
    universal,
    unquantified,
)


def _rank(how: bool | None) -> int:
    return 2 if how else 1 if how is None else 0


def spellings(fault: str, alternatives: bool = True) -> list[str]:
    """A fault's spellings: the fault proper after its context ("2012年6月底整改结束,未开始整改" is also
    "未开始整改"; "已开展活动但档案资料不全" also "档案资料不全"), and with ``alternatives`` each alternative of
    "A或B" (which names the fault but, denied alone, does not deny it)."""
    last = re.split(r"[,;。:]", fault)[-1]
    split = either(last) if alternatives and "或" in last and not re.search(r"[,;、]", last) else []
    return list(dict.fromkeys([fault, last, last.split("但")[-1], *split]))


def object_denied(statement: str, faults: tuple[str, ...]) -> tuple[int, int] | None:
    """The one fault and object (``phrasing.objects``) a statement denies: "台账已建立" → (fault, 台账)."""
    said = [(i, j) for i, f in enumerate(faults, 1) for j, x in enumerate(objects(canon(f)))
            if any(denies(statement, y, partial=False) for y in [x, *reordered(x)])]  # fmt: skip
    return said[0] if len(said) == 1 else None


def of_some(statement: str, faults: tuple[str, ...]) -> tuple[set[int], set[int]] | None:
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


def fault_said(statement: str, faults: tuple[str, ...]) -> tuple[set[int], set[int]] | None:
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
    # faults (s8), only when no fault is named or denied otherwise ("未宣传" names "未进行宣传" before it denies
    # the 有宣传 of "有宣传无记录"): "不挂钩" against "医务人员收入与药品收入挂钩", "岗位未变动" against
    # "岗位变动未征求同意"
    if (negated := negated_restatement(statement, faults)) is not None:
        return set(), {negated}
    if (unmet := condition_denied(statement, faults)) is not None:
        return set(), {unmet}
    if (restated := positive_restatement(statement, faults)) is not None:
        return set(), {restated}
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
    if _event_before(statement, fault):
        return False
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


def _event_before(statement: str, fault: str) -> bool:
    """A positive statement of the event a fault's negation follows ("联络员已调整" against "联络员调整未报县河长办
    备案"): it shares no word (character pair) with what the fault negates, so it says the event happened and
    nothing of the requirement upon it (fix round s8: read as the fault denied, full marks)."""
    word, said = canon(fault), canon(statement)
    negation = re.search(r"[无不]", word)
    if negation is None or negation.start() < 2 or re.search(r"[无不]", said):
        return False
    scope, event = word[negation.end() :], word[: negation.start()]
    own = {scope[k : k + 2] for k in range(len(scope) - 1)} - {event[k : k + 2] for k in range(len(event) - 1)}
    return len(scope) >= 2 and not any(pair in said for pair in own)


def _context(statement: str, fault: str) -> bool:
    """ "按时发放到特困残疾人" for "按时将…发放到特困残疾人,发现截留", "设立" for "设立宣传栏、但内容不符合要求":
    a positive statement naming what comes before a fault (before its last comma or its 但)."""
    word = canon(fault)
    context = re.split(r"\|(?=[^|]*$)|但", word)[0] if ("|" in word or "但" in word) else ""
    plain = canon(statement)
    if not context or context == word or re.search(r"[无不非]", unify(context + plain)):
        return False
    return names(plain, context.replace("|", ""))


# faults family (s8): a fault stated without any negation — an event or a relation ("医务人员收入与药品收入挂钩",
# "道口设有拦鱼栅", "使用过期药品") — is denied by the fault's own words with one negation put before what it says
# happened: "医务人员收入与药品收入不挂钩", "道口未设拦鱼栅", or, for the one fault of the list that ends so, the
# bare predicate negated ("不挂钩", "未挂钩": at least two characters; never past a word that makes the event a
# fault, ``clause_cover._MARKED``: "未发放" is no denial of "重复发放"). Asides in brackets ("(包括耗材)") and the 有
# after a verb of having ("设有" is 设) are left out on both sides; a hedge, a number, a second negation or any other
# word makes it no such restatement ("不完全挂钩", "基本不挂钩").
_HAVING = re.compile(r"(?<=[设建存配装])有")
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


def _plain(text: str) -> str:
    return _HAVING.sub("", canon(_ASIDE.sub("", text)).replace("|", "、"))


def negated_restatement(statement: str, faults: tuple[str, ...]) -> int | None:
    """The fault (1 = the first) a statement denies by restating it with one negation (see above), or None."""
    said = _plain(statement)
    if HEDGES.search(statement) or re.search(r"\d", said) or len(re.findall(r"[无不非]", said)) != 1:
        return None
    cut = re.search(r"[无不非]", said)
    assert cut is not None
    before, after = said[: cut.start()], said[cut.end() :]
    if len(after) < 2:
        return None
    hits: list[int] = []
    for i, fault in enumerate(faults, 1):
        word = _plain(re.sub(r"^(?:发现|出现|存在)", "", fault.strip()))
        if re.search(r"[无不非缺少]", word):
            continue
        if before + after == word or (
            not before and word.endswith(after) and not _MARKED.search(word[: len(word) - len(after)])
        ):  # "未发放" leaves out the 重复 that makes "重复发放" a fault: not its denial
            hits.append(i)
    return hits[0] if len(hits) == 1 else None


# faults family (s8): a fault that is an event and a requirement not met upon it — "库内有漂浮物及垃圾未清理",
# "统计人员岗位变动未征求…同意", "发生火情未及时报告" — cannot have happened when the event did not: "库内无漂浮物及
# 垃圾", "统计人员岗位未变动", "年内未发生火情". The event is what comes before the fault's first negation; it must be
# a happening (有/发生/出现/存在/发现 or a word of change: 变动, 变更, 调整, 调动, 更换, 离职), never a bare thing
# ("台账未及时更新": "无台账" is worse, not better). The statement is the event's words with one negation (无 for
# its 有), a leading time word aside (年内, 全年…), and covers the whole event ("库内无漂浮物" says nothing of
# 垃圾); a hedge, a number or a word of the requirement makes it no such denial.
_EVENT = re.compile(r"有|发生|出现|存在|发现|变动|变更|调整|调动|更换|离职")
_WHEN = re.compile(r"^(?:年内|全年|本年度|当年|考核期内|本期|期间)")


def condition_denied(statement: str, faults: tuple[str, ...]) -> int | None:
    """The fault (1 = the first) whose event a statement denies (see above), or None."""
    said = _WHEN.sub("", _plain(statement))
    if HEDGES.search(statement) or re.search(r"\d", said) or len(re.findall(r"[无不非]", said)) != 1:
        return None
    hits: list[int] = []
    for i, fault in enumerate(faults, 1):
        word = _plain(fault.strip())
        cut = re.search(r"[无不非缺]", word)
        if cut is None or cut.start() < 2:
            continue
        event, rest = word[: cut.start()], word[cut.end() :]
        if not _EVENT.search(event) or len(rest) < 2:
            continue
        plain = said.replace("无", "有", 1) if "有" in event else said
        forms = {plain, re.sub(r"[无不非]", "", said)}
        if event in forms or any(len(f) >= 4 and event.endswith(f) and f != event for f in forms if "有" not in event):
            hits.append(i)
    return hits[0] if len(hits) == 1 else None


# faults family (s8): a fault that is a subject and negated predicates ("启闭器不灵活不能运转", "台账不齐全不规范",
# "未按时上报") is denied by the same words with every negation dropped ("启闭器灵活能运转", "台账齐全规范", "按时
# 上报"), or by a subject and an opposite of its negative predicate ("溢洪道畅通" for "溢洪道堵塞",
# ``clause_synonyms.opposite_restates``), one fault only. 无 (a thing absent: "无台账") and 或 (alternatives) are
# not read so; a hedge, a number or a negation in the statement makes it no such restatement.
def positive_restatement(statement: str, faults: tuple[str, ...]) -> int | None:
    """The fault (1 = the first) a positive statement restates the denial of (see above), or None."""
    said = re.sub(r"均|都|全部|已经|已", "", _plain(statement))
    if HEDGES.search(statement) or re.search(r"\d|[无不非]", said) or len(said) < 2:
        return None
    hits: list[int] = []
    for i, fault in enumerate(faults, 1):
        word = _plain(re.sub(r"^(?:发现|出现|存在)", "", fault.strip()))
        dropped = re.sub(r"不|无(?=[^\W\d])", "", word) if "无" not in fault else ""
        plain = simplified(fault)
        negated = re.search(r"不|未|没有", plain) and not re.search(r"或|(?<!没)有|无", plain)
        if (negated and (dropped == said or _lengthened(word, said))) or opposite_restates(statement, fault):
            hits.append(i)
    return hits[0] if len(hits) == 1 else None


# faults family (s8): a one-character verb of a fault the evaluator writes whole — "已上报" for "未报", "大坝杂草已
# 清除" for "大坝未除杂草" (the object put first) — only in these pairs (``clause_match._SHORT`` and the ones below):
# never a fault's own verb ("谎报", "瞒报", "漏报" end in 报 too)
_WHOLE_VERBS = (*_SHORT, ("上报", "报"), ("报送", "报"), ("填报", "报"), ("申报", "报"), ("清除", "除"), ("去除", "除"))


def _lengthened(fault: str, said: str) -> bool:
    """ "上报" for the fault "无报", "大坝杂草清除" for "大坝无除杂草": the subject, then the verb written whole with
    its object after or before it, and nothing else."""
    found = re.fullmatch(r"(?P<subject>[^无不]*)[无不](?P<rest>[^无不]+)", fault)
    if found is None:
        return False
    subject, rest = found.group("subject"), found.group("rest")
    for long, short in _WHOLE_VERBS:
        if rest.startswith(short):
            thing = rest[len(short) :]
            if said in (subject + long + thing, subject + thing + long):
                return True
    return False
