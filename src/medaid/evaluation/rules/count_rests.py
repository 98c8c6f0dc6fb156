"""Faults told one by one, then "the rest all met" (counts family, session 9 round 2).

"检查发现：卫生保洁制度未纳入村规民约，其余两项均达标" for "其中有一项不达标扣3分" of three items: each clause before
the rest names one item that failed (one negation, no number, no hedge), and "其余N项均…" says the other N items
are met. The count is the number of failed clauses, when they and the rest together are every item the full marks
cover (``items``); otherwise (the rest not counted, more or fewer items than the text has, a hedge) it is refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.count_exceptions import plainly_met
from medaid.evaluation.rules.count_hedges import HEDGES, negations
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, cn_int, plain

_REST = re.compile(rf"^(?:其余|其他|另外|余下)(?P<n>{NUMBER})(?P<c>项|个|条|处|款)(?:均|都|全部|全)(?P<met>.+)$")
_LEAD = re.compile(r"^(?:经|现场)?(?:检查|核查|查看|抽查)?(?:发现|查出|查到)?[:：]?")


# what the rule counts must be a bare failure of an item: a clause with a negation is then one such item
_BARE = {"不达标", "未达标", "不符合要求", "不符合", "不合格", "未完成", "未做到", "不到位", "不符合规定", "不符合标准"}


def faults_then_rest(segments: list[str], what: str, items: Decimal | None) -> tuple[Decimal, str] | None:
    """The count of "A未…，B未…，其余N项均达标" and a note, or None (module docstring)."""
    if plain(what) not in _BARE or items is None or len(segments) < 2 or (rest := _REST.match(segments[-1])) is None:
        return None
    others = cn_int(rest.group("n"))
    if others is None or not plainly_met(rest.group("met")):
        return None
    told = [_LEAD.sub("", s) for s in segments[:-1]]
    if any(not t or re.search(r"\d", t) or HEDGES.search(t) or negations(t) != 1 for t in told):
        return None
    if len(told) + others != items:
        return None
    count = Decimal(len(told))
    return count, f"写明{len(told)}{rest.group('c')}未做到，“{segments[-1]}”，共 {items}{rest.group('c')}"


# "发现三处不符合：两项重大项目安排未上会研究，一次干部调整未经集体讨论": a count with its fault, then a colon and
# the cases it sums up, each with a count of its own (in any counter). The heading is the count when the cases add
# up to it; otherwise the two disagree.
_HEADED = re.compile(rf"^(?P<head>[^:\d]*?{NUMBER}[^:\d]+?)[:](?P<first>.+)$")
_ONE = re.compile(rf"(?<![统唯逐单划同万第之])({NUMBER})(?:{COUNTER})")


def headed_cases(segments: list[str]) -> tuple[list[str], str] | str | None:
    """The segments with the cases under a counted heading dropped, and a note; a refusal when the cases do not
    add up to the heading's count; None when the explanation has no such heading."""
    if not segments or (found := _HEADED.match(segments[0])) is None:
        return None
    head = found.group("head")
    counted = [m for m in _ONE.finditer(head)]
    if len(counted) != 1:
        return None
    cases = [found.group("first"), *segments[1:]]
    numbers = [[m.group(1) for m in _ONE.finditer(case)] for case in cases]
    if any(len(n) != 1 for n in numbers) or any(HEDGES.search(case) for case in cases):
        return f"“{head}”之后所列各项的数未能逐项读出"
    parts = [cn_int(n[0]) for n in numbers]
    total = cn_int(counted[0].group(1))
    if total is None or any(p is None for p in parts) or sum(p for p in parts if p is not None) != total:
        return f"“{head}”与其后所列各项的数之和不一致"
    return [head], f"其后所列 {len(cases)} 类共 {total}，与“{head}”一致"


# "缺少康复医学科", "未设置康复医学科和医学影像科" for "缺1个科室扣0.5分": the missing things named, no count; each
# name ends with the kind counted ("…科" of "科室", "…制度" of "制度"), so each is one
_LACKING = re.compile(r"^(?:缺少|缺失|缺|未设置|未设立|未开设|未配备|未建立|没有设置|没有)(?P<names>[^\d,;。:]+)$")
_JOINS = re.compile(r"[、和及与]")


def named_lacking(segment: str, what: str, subject: str) -> tuple[Decimal, str] | None:
    """How many things the segment names as missing, each of the rule's kind (see above), or None."""
    wanted, kind = plain(what), plain(subject)
    if not wanted or wanted[0] not in "缺少漏" or len(kind) < 2 or (found := _LACKING.match(segment)) is None:
        return None
    names = _JOINS.split(found.group("names"))
    if any(len(n) < 2 or HEDGES.search(n) or re.search(r"[不未没无非等其各部全所]", n) for n in names):
        return None
    # each a named one, longer than the kind ("缺少科室" says not how many)
    if not all((n.endswith(kind) and n != kind) or (n.endswith(kind[0]) and len(n) > 2) for n in names):
        return None
    return Decimal(len(names)), "、".join(names)
