"""One statement of an actual (or a 扣分说明) against a list of clauses — deduction clauses, kinds of case, faults —
by the words they share, where a statement may speak of several clauses at once (faults family).

How evaluators write such statements (read in ``canon`` spelling: simplified, 未/没有 → 无, no 已, 、 → |):
- **A denial of everything**: "未发现问题", "抽查部门均无问题", "无违规情况" — a topic, then 无/未发现/不存在 and a
  generic word (问题, 情况, 违规, 扣分情形…): every clause of the list is cleared.
- **A denial of events**: "无非访", "无越级访、集体访", "未发生土葬事件" — 无/未发生/未出现 and things, several
  sharing the negation across 、/和/及. Each thing clears every clause that states it as an event (the thing
  written in the clause with no negation anywhere else in it: "进京非访", "到省集体访", "有五保危房户或无房户"),
  so "无非访" clears 进京非访, 到省非访 and 到市非访 alike. A thing that clears no clause leaves the statement unread.
  "无缺项", "无少项" deny a shortage: every clause counting what is missing (每少一项, 每缺1份).
- **A statement that all was done**: "工作均已开展", "各批次滞留人员均及时到场劝访", "协助查处、回访均到位",
  "量化分级和卫生员制度均落实", "已实现一乡一院" — a subject (a topic or objects) and a predicate: a verb phrase
  ("开展", "及时到场劝访") clears the clauses that negate it ("未开展安全工作"); a word of completion (到位, 落实,
  齐全, 健全…) clears the clauses that negate each object named before it. Every quality the clause asks (及时,
  全面, 认真…, ``clause_match.QUALITIES``) must be said too: "均已开展" does not clear "未及时开展". A subject
  beyond a bare topic (各/所有/各项…) narrows the clauses: "到县滞留人员均及时到场劝访" clears 到县 only.
  Without 均/都/全部/各 the statement must clear exactly one clause (the one it restates whole, when several
  share its words: "已考核" is "没有考核", not "无考核结果").
- **A named clause with a count**: "缺1份责任状", "到县滞留未及时到场劝访2批次", "年中考核缺2次", "修坟、建坟1例"
  — a number and counter, and words: the one clause counted in that counter (or any counter when ``units`` is not
  given) whose polarity the words keep (a negation for a negated clause, none for an event) and that shares the
  most of the words' character pairs (at least two thirds), one clause alone.
- **A rate against the row's target**: "建制率85%" against "建制率不达标" with the target "≥80%": the one clause
  of that rate short of its standard; the target must be one percentage (its comparator written for a rate of
  which less is better: 结余率, 投诉率, 发生率…).
- **A named clause without a count**: "未及时整治", "无考核细则" — a negated statement that restates one negated
  clause (its qualities alike), or a statement that is one clause's words whole.
A statement read both as naming and as clearing a clause, or none of these, is not read (None).

Round 2: a 无 heading a 、-list is every listed thing's, a thing written with a 无 of its own included when a
clause states it whole ("无危房户、无房户": no 危房户, no 无房户); the 无-term alone stays refused
(``term_or_denial``). A statement may clear one alternative of "A或B" (``ClauseSaid.halves``), the others being
cleared by statements of their own. A number other than one before an unknown counter ("少2间教室") is never a
clause named once. "无事故" against "不超标事故" denies the thing the 不 qualifies (``modifier_denial``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.clause_rates import rate_said
from medaid.evaluation.rules.clause_synonyms import denial_falls_short, hedged
from medaid.evaluation.rules.clause_words import (
    NEG,
    Clause,
    ClauseSaid,
    modifier_denial,
    names_things,
    qualities_of,
    share,
    spelled,
    unnegated_part,
    unqualified,
)
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, cn_int, same_counter, simplified

# negations in ``canon`` spelling (未/没有 are 无); 少 only as a shortage ("每少一项", not "减少", "多少")
_GENERIC = (
    r"(?:任何|各类|此类|上述|以上|类似|相关)?(?:违规违纪|违规|违纪|问题|情况|现象|情形|扣分情形|扣分项|差错|错误|失误|"
    r"不符合要求的情况|不符合要求|不规范情况)?(?:问题|情况|现象|情形)?"
)
_DENY = r"(?:均|都|全部|也)?(?:无发现|无发生|无出现|无查出|无查实|不存在|无)"
_TOPIC = re.compile(r"^(?:各批次|各项|各类|各|所有|全部|历次|每批次|每次|全年|年内|本年度)+")
_COMPLETE = re.compile(
    r"(?:到位|落实|齐全|健全|完善|完成|做到|符合要求|符合规定|达标|规范|合格|正常|齐备|完整|具备|有效|明确)$"
)
_FILLER = re.compile(r"^(?:有|发生|出现|存在|发现)|(?:现象|情况|事件|行为|问题|的|等)+$")
_CUT = re.compile(r"[|和及与并、]")
# words that make an event a fault and must be said with it ("超标准发放", "重复领取", "错报")
_MARKED = re.compile(r"超|错|漏|重复|虚|假|违规|违法|擅自|私自|乱")
_LEADS = re.compile(r"^(?:经查|经核查|经检查|抽查)?")
# a clause that names its object and then denies its completion: "台账不全", "资料不完整", "制度不健全"
_AFTER = re.compile(r"(?P<obj>[^无不缺少、,;]{2,20}?)(?:不|无)(?:齐全|全|完整|完善|健全|到位|规范|落实|明确)")
# a number other than one before a word ("少2间教室", "缺3栋"): a count, whatever its counter (not a date: 6月底)
_UNKNOWN_COUNT = re.compile(
    r"(?<![\d.])(?:[02-9]|\d{2,})(?=[\u4e00-\u9fa5])(?![年月日号时点周岁季])|(?<![一二两三四五六七八九十])(?:两|[二三四五六七八九十]+)(?=[间栋幢层块])"
)


def _listed_said(phrase: str, word: str) -> bool:
    """Each thing a negated phrase lists after its first ("明确分管领导、联络员和工作专班") is in the statement."""
    return all(share(x, word) >= 2 / 3 for x in re.split(r"[、和及与]", phrase)[1:] if len(x) >= 2)


def _clean(thing: str) -> str:
    return _FILLER.sub("", _TOPIC.sub("", thing.strip("、")))


def _denial(word: str, clauses: list[Clause], action: bool) -> ClauseSaid | None:
    """ "无非访", "抽查部门均无问题", "无越级访、集体访", "无缺项"; ``action``: the statement says a thing was
    not done ("未领取补贴"), which denies only an event it states whole (not "重复领取补贴")."""
    found = re.fullmatch(rf"(?P<topic>[^\d无不缺少]{{0,12}}?){_DENY}(?P<things>.*)", word)
    if found is None:
        return None
    things, topic = found.group("things"), found.group("topic")
    if not things and names_things(topic, clauses):
        return None  # fix round s8: "台账、培训均无" denies the things a negated clause requires, it clears nothing
    if re.fullmatch(_GENERIC, things) and (things or topic):
        return ClauseSaid(frozenset(range(len(clauses))), how=f"“{word}”即各扣分情形均未出现")
    if shortage := re.fullmatch(r"(?:缺|少|漏)(?:项|缺项|漏项)?", things):
        short = [i for i, c in enumerate(clauses) if any(re.match(r"缺|少", a[m.start() :]) for a in c.alternatives
                                                          for m in NEG.finditer(a))]  # fmt: skip
        return ClauseSaid(frozenset(short), how=f"“{word}”即无缺少") if short and shortage else None
    pieces = [_clean(p) for p in _CUT.split(things) if _clean(p)]
    # "无危房户、无房户": the leading 无 is every listed thing's, so a later piece written with a negation of
    # its own is a thing denied when some clause states that piece whole as an event ("有五保危房户或无房户");
    # the first piece, or a piece no clause states so, is the negation said again and is not read
    if not pieces or NEG.match(pieces[0]) or any(NEG.match(p) and not any(c.event(p) for c in clauses) for p in pieces):
        return None
    if any(not any(c.event(p) for c in clauses) for p in pieces):
        return None
    if action and any(share(a, p) < 3 / 4 for c in clauses for a in c.alternatives for p in pieces if p in a):
        return None
    cleared = [i for i, c in enumerate(clauses) if c.events_all(pieces)]
    partly = [i for i, c in enumerate(clauses) if any(c.event(p) for p in pieces) and i not in cleared]
    if partly or not cleared:
        return None  # "无危房户" alone against "有五保危房户或无房户": one alternative of two
    return ClauseSaid(frozenset(cleared), how=f"“{word}”即{'、'.join(pieces)}均未出现")


def _done(word: str, clauses: list[Clause]) -> ClauseSaid | None:
    """ "工作均已开展", "各批次滞留人员均及时到场劝访", "协助查处、回访均到位", "已实现一乡一院"."""
    if NEG.search(word):
        return None
    marks = list(re.finditer(r"均|都|全部|全都|一律", word))
    every = marks[-1] if marks else None  # the last: "各项工作均已开展"
    subject, predicate = (word[: every.start()], word[every.end() :]) if every else ("", word)
    subject = re.sub(rf"^{NUMBER}(?:项|类|方面)", "", subject)  # "两项工作都已开展"
    predicate = re.sub(r"^(?:能|已|经|按要求)+", "", predicate)
    predicate = re.sub(r"^有(?=[\u4e00-\u9fa5]{2})", "", predicate)  # "有年度计划": 有 is what the clause's 无 denies
    qualities = qualities_of(word)
    if not predicate:
        return None
    complete = _COMPLETE.search(predicate)
    topic = ""
    if complete and ((complete.start() == 0 and _clean(subject)) or not every):  # "协助查处、回访均到位"
        parts = [o for o in (_clean(p) for p in _CUT.split(subject + predicate[: complete.start()])) if o]
        parts = [re.sub(rf"^{NUMBER}[种项个类份件]", "", o) for o in parts]  # "8种机构及相关制度齐全"
        parts = [re.sub(r"^相关", "", o) for o in parts if o]
        bare = False
    else:
        if re.search(rf"\d|{NUMBER}(?:{COUNTER}|种|份)", subject + predicate):
            return None  # "公示制度0项": a count, not that it was done
        parts = [v for v in (re.sub(r"^(?:已|均)", "", p) for p in _CUT.split(predicate)) if len(v) >= 2]
        topic = re.sub(r"^(?:工作|任务|各项工作)$", "", _TOPIC.sub("", subject))
        bare = bool(every) and len(topic) < 2  # "均已确定和成立": every object of the verbs
    if not parts:
        return None

    def covers(part: str, phrase: str) -> bool:
        return (share(part, phrase) >= 2 / 3 and qualities_of(phrase) <= qualities
                and (bare or _listed_said(phrase, word)))  # fmt: skip

    covered: set[int] = set()
    halves: set[tuple[int, int]] = set()
    exact: set[int] = set()
    used: set[int] = set()
    for i, clause in enumerate(clauses):
        if len(topic) >= 2 and share(topic, clause.text) < 2 / 3:
            continue  # "到县滞留人员均…": not said of this clause
        done: list[bool] = []
        for alternative in clause.alternatives:
            after = _AFTER.fullmatch(alternative) if complete else None  # "台账不全" for "台账齐全"
            phrases = [after.group("obj")] if after else clause.negated(alternative)
            hits = [{k for k, part in enumerate(parts) if covers(part, ph)} for ph in phrases]
            done.append(bool(phrases) and all(hits))
            if any(hits) and not all(hits):
                return None  # "协助查处到位" against "未协助查处…,未…回访": one of two said
            used |= set().union(*hits) if hits else set()
            exact |= {i for ph in phrases if ph in parts}
        if all(done):
            covered.add(i)
        elif any(done):  # one alternative of "A或B" restated: the others must be said by other statements
            halves |= {(i, k) for k, d in enumerate(done) if d}
    if not (covered or halves) or (not every and len(used) != len(parts)) or (complete and len(used) != len(parts)):
        return None
    if not every and len(covered) > 1:
        covered = exact & covered if len(exact & covered) == 1 else covered
    if not every and len(covered | {i for i, _ in halves}) != 1 and not complete:
        return None
    if halves and (covered or len({i for i, _ in halves}) > 1):
        return None  # a statement clearing one clause and half of another: not read
    if halves:
        return ClauseSaid(halves=frozenset(halves), how=f"“{word}”即该类情形的一种未出现")
    return ClauseSaid(frozenset(covered), how=f"“{word}”即相应扣分情形未出现")


def _in_scope(words: str, phrase: str) -> bool:
    """What a negated statement negates (after its first negation) is what the clause's negation negates:
    "大坝无除杂草" for "大坝无除杂草", "无对被查处人员进行回访" for "…无进行回访" — not "库内无漂浮物及垃圾" for
    "库内有漂浮物及垃圾无清理" (faults family, s7)."""
    first = NEG.search(words)
    if first is None:
        return False
    scope = _FILLER.sub("", words[first.end() :])
    if not scope:
        return True  # "年中考核缺": the object first, all of it negated (matched whole by the caller)
    return max(share(scope, phrase), share(phrase, scope)) >= 2 / 3


def _named(word: str, clauses: list[Clause], units: Sequence[str | None] | None) -> ClauseSaid | None:
    """ "缺1份责任状", "到县滞留未及时到场劝访2批次", "未及时整治", "无考核细则"."""
    if any(modifier_denial(word, c.text) for c in clauses):
        return None  # "无事故" against "不超标事故": a denial, not the clause named
    counted = re.fullmatch(rf"(?P<a>\D*?)(?P<n>{NUMBER})(?P<c>{COUNTER}|份|种|例)(?P<b>\D*)", word)
    if counted is None and _UNKNOWN_COUNT.search(word):
        return None  # "少2间教室" against "少1间教室": a count in a counter not known here, never one case
    words = counted.group("a") + counted.group("b") if counted else word
    words = _LEADS.sub("", words)
    negated = bool(NEG.search(words))
    content = NEG.sub("", _FILLER.sub("", words))
    if len(content) < 2:
        return None
    candidates: list[tuple[float, float, int]] = []
    for i, clause in enumerate(clauses):
        if counted and units is not None and not (units[i] and same_counter(counted.group("c"), units[i] or "")):
            continue
        for a in clause.alternatives:
            phrases = clause.negated(a) if negated else ([a] if not NEG.search(a) else [])
            for phrase in phrases:
                whole = phrase if negated else a
                if negated and qualities_of(phrase) != qualities_of(words):
                    continue
                if negated and not _in_scope(words, phrase):
                    continue  # faults (s7): "库内无漂浮物" denies the 漂浮物 of "库内有漂浮物未清理", names no fault
                if negated and unnegated_part(words, a):
                    continue  # fix round s8: "启闭器不灵活能运转" says 能运转 of "不灵活不能运转": half of it
                if unqualified(word, whole):
                    continue  # fix round s8: "…收入脱钩" is no "…收入挂钩", "收取费用" no "违规收取费用"
                held = share(content, a if negated else whole)
                marks = set(_MARKED.findall(whole)) - set(_MARKED.findall(content))
                if not negated and (share(_FILLER.sub("", whole), content) < 3 / 4 or marks):
                    continue  # an event said whole: "标准发放" is not "超标准发放"
                if held >= 2 / 3:
                    candidates.append((held, share(whole, content), i))
    if not candidates:
        return None
    best = max(candidates)
    if len({i for s, r, i in candidates if (s, r) == best[:2]}) != 1:
        return None
    count = cn_int(counted.group("n")) if counted else None
    if counted and (count is None or count != count.to_integral_value()):
        return None
    shown = f"{count}{counted.group('c')}" if counted else ""
    return ClauseSaid(found={best[2]: count}, how=f"“{word}”即第{best[2] + 1}类情形{shown}")


def read_clause_statement(
    statement: str,
    clauses: Sequence[str],
    units: Sequence[str | None] | None = None,
    target: Quantity | None = None,
) -> ClauseSaid | None:
    """What one statement says of a list of clauses (see the module's conventions); ``units``: each clause's
    counter, when clauses are counted (kinds of case); ``target``: the row's target, the standard of a
    clause "…率不达标". None when the statement is not read."""
    listed = [Clause.of(c) for c in clauses]
    word = spelled(statement)
    if not word:
        return None
    decimal = spelled(re.sub(r"(?<=\d)[.．_](?=\d)", "\ue000", statement)).replace("\ue000", ".")
    if (rate := rate_said(decimal, listed, target)) is not None:  # "投诉率4.9%": the decimal point kept
        return rate
    action = bool(re.search(r"(?:未|没有|没)(?!发生|出现|发现|查出|查实|造成|引发|有)", simplified(statement)))
    readings = [r for r in (_denial(word, listed, action), _done(word, listed), _named(word, listed, units)) if r]
    if not readings:
        return None
    cleared = frozenset().union(*(r.cleared for r in readings))
    found = {i: n for r in readings for i, n in r.found.items()}
    halves = {i for r in readings for i, _ in r.halves}
    if (cleared and found) or (halves and (cleared or found)):
        return None
    if (cleared or halves) and (
        hedged(statement, "".join(clauses)) or any(denial_falls_short(statement, clauses[i]) for i in cleared)
    ):  # faults (s7, fix round): "河长牌大都整洁", "台账齐全" against "台账不齐全不规范" clear nothing
        return None
    lead = re.match(_DENY, word)
    if found and lead and any(c.event(word[lead.end() :]) for c in listed):
        return None  # "无房户" against "有五保危房户或无房户": named, or 房户 denied?
    if len(readings) > 1 and len({(r.cleared, tuple(sorted(r.found)), r.halves) for r in readings}) > 1:
        return None
    return readings[0]


def term_or_denial(statement: str, clauses: Sequence[str]) -> bool:
    """A statement standing alone that is a clause's term beginning with a negation and also a denial of a thing
    some clause states as an event: "无房户" against "有五保危房户或无房户" (the term 无房户 named, or 房户 denied?).
    Inside a list under one leading negation ("无危房户、无房户") the negation is the list's (``_denial``)."""
    word = spelled(statement)
    lead = re.match(_DENY, word)
    if lead is None or not word[lead.end() :]:
        return False
    listed = [Clause.of(c) for c in clauses]
    return any(c.event(word) for c in listed) and any(c.event(word[lead.end() :]) for c in listed)
