"""A statement of an actual against the kinds of a rule with several kinds (rules/kinds.py) read as a list of
clauses by ``clause_cover`` (faults family): "无非访", "无越级访、集体访" (things several kinds state), "各批次滞留人员
均及时到场劝访" (all done), "缺1份责任状", "到县滞留未及时到场劝访2批次" (a count of one kind by its words)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules.case_kinds import CaseKind
from medaid.evaluation.rules.clause_cover import read_clause_statement
from medaid.evaluation.rules.clause_words import NEG, qualities_of
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.naming import canon


def by_clauses(
    segment: str,
    kinds: tuple[CaseKind, ...],
    put: Callable[[int, Decimal], str | None],
    spoken: set[int] | None = None,
) -> tuple[bool, str] | None:
    """A statement read against the kinds' words as a list of clauses (``clause_cover``), the counts it gives
    put: (True, how it was read), (False, why it is refused), or None when it is not read. A statement that
    clears one alternative of a kind "A或B" ("有明显标识" against "无明显标识,或未公示…") adds that kind to
    ``spoken``: it was spoken of and not found, unless another statement counts it."""
    said = read_clause_statement(segment, [k.text for k in kinds], [k.unit for k in kinds])
    if said is None or (said.halves and spoken is None):
        return None
    if spoken is not None:
        spoken |= {i for i, _ in said.halves}
    for i in sorted(said.cleared):
        if (why := put(i, ZERO)) is not None:
            return False, why
    for i, count in said.found.items():
        if count is None and not kinds[i].once:
            return False, f"“{segment}”未写明数量"
        if kinds[i].once and count not in (None, Decimal(1)):
            return False, f"“{segment}”不是“{kinds[i].what}”的整数个数"
        if (why := put(i, Decimal(1) if count is None else count)) is not None:
            return False, why
    return True, said.how


# "项目经理均持证", "电话均接通": a subject, 均/都/全部, and what was done (no negation, no number)
_ALL_DONE = re.compile(r"(?P<subject>[\u4e00-\u9fa5]{2,12}?)(?:均|都|全部|全都|一律)(?:已|能|按要求|按时)*(?P<done>.+)")
_SLIGHT = set("的了和及与并或有是在对按每一次人个项份")


def all_done(segment: str, kind: str) -> bool:
    """ "项目经理均持证" against "项目经理未取得安全生产考核合格证的,每有1人", "电话均接通" against "电话无人接听的,
    一次": the statement's subject is what the kind's words name before their one negation, and what it says
    was done shares a word's character with what the kind negates (持证 / 合格证, 接通 / 接听): none of that kind
    (how evaluators write a zero for a count of failures). Anything else is left unread."""
    word, text = canon(simplified(segment)), canon(simplified(kind))  # "无人接听": 无人 is the negation here
    found = _ALL_DONE.fullmatch(word)
    negations = list(NEG.finditer(text))
    if found is None or NEG.search(word) or re.search(r"\d", word) or len(negations) != 1:
        return False
    subject, done = found.group("subject"), found.group("done")
    head, negated = text[: negations[0].start()], re.sub(r"^人", "", text[negations[0].end() :])  # 无人 接听
    if not qualities_of(negated) <= qualities_of(word) or (
        re.search(r"按时|及时|如期", negated) and not re.search(r"按时|及时|如期", word)
    ):
        return False  # "报表全部上报" for "未按时上报": the quality the kind asks is not said
    return subject in head and bool((set(done) & set(negated)) - _SLIGHT)


def settled(
    segment: str, kinds: tuple[CaseKind, ...], i: int, put: Callable[[int, Decimal], str | None], spoken: set[int]
) -> str | None:
    """A positive statement the kinds' words name kind ``i`` by, read as its none: "项目经理均持证" (``all_done``,
    a counted kind), or that all a one-off kind negates was done ("…落实到位", ``by_clauses``). The reading's
    note, or None when it is not read so."""
    if all_done(segment, kinds[i].text) and sum(all_done(segment, k.text) for k in kinds) == 1:
        if put(i, ZERO) is None:
            return f"“{segment}”即“{kinds[i].what}”0{kinds[i].unit or '次'}"
        return None
    if kinds[i].once and (covered := by_clauses(segment, kinds, put, spoken)) is not None and covered[0]:
        return covered[1]
    return None
