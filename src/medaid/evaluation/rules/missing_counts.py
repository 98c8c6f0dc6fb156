"""Things missing, counted, against deduction clauses that set a count of what is missing (faults family, s8).

How tables write such clauses (科室设置, 证照, 人员配备, 制度 rows): a topic, 缺/缺少/少, a count and counter, and
the noun counted — "必备科室缺1个科室，不得分 辅助科室缺2个科室，不得分", "缺1个科室，不得分", "少任一种证件不得分",
"辅助科室缺2个，不得分" (the topic is the noun). Without 每 the count is a threshold: "缺2个科室" is two or more
missing (three missing is no lesser fault); "任一" is one.

How evaluators write what is missing, one statement per topic (split at ，；。 and spaces):
- **none missing**: the topic and a word of completeness — "必备科室齐全", "辅助科室配备齐全", "科室均已设置",
  "无缺项", "不缺"; or the miss denied — "无缺失科室", "没有缺科室", "未缺少证件" (of the counted noun or none).
  NOT the things listed as present ("内科、外科均已设置"): the rule does not list what is required, so what is set
  up says nothing of what is missing (refused since the s8 fix round);
- **some missing**: the topic, 缺/缺少/少/未设置/没有, the things and/or their count — "辅助科室缺核医学科1个",
  "缺核医学科、输血科2个", "缺康复科", "必备科室缺1个科室", "缺食品经营许可证"; or the things first — "康复科未设置".
  The list holds no negation or miss word ("无缺少科室" is none missing, never the thing "缺少科室") and no thing twice.
  A count and a list must agree (an open list "…等" takes the count written, never its own length); a list without
  a count is counted only when each listed thing is a thing of the counted noun.

Refused (None, the other readings then speak): a hedge (基本齐全, 部分科室), a count of what is present ("设有消化内科
等3个": how many are required is not written), a topic the rule does not name, a topic spoken of twice or not at all
(unless a clause that scores 0 is reached anyway), a counter other than the clause's, and a count beyond a clause that
deducts points without 每 ("缺1个科室扣1分" with two missing: once, or once for each?).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.clause_match import HEDGES
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, cn_int, of_kind, same_counter, simplified

_MISS = r"(?:缺少|缺失|缺|少)"
_CLAUSE = re.compile(
    rf"(?P<topic>[\u4e00-\u9fa5]*?){_MISS}(?:(?P<n>{NUMBER})(?P<c>{COUNTER})|任一(?P<any>种|个|项|类)?)"
    r"(?P<noun>[\u4e00-\u9fa5]{0,6})"
)
_FULL = re.compile(
    r"(?P<topic>[\u4e00-\u9fa5]*?)(?:设置|配备|设立|配置)?(?:均|都|全部)?(?:已经|已)?"
    r"(?:齐全|齐备|配齐|无缺项|无缺少|无缺|不缺|无空缺)(?:有效|完整|规范)?"
)
# "无缺失科室", "没有缺科室", "未缺少证件": the miss itself denied, of the counted noun or of nothing named
_NONE_MISSING = re.compile(
    rf"(?P<topic>[\u4e00-\u9fa5]*?)(?:无|没有|未|不|并无){_MISS}(?P<noun>[\u4e00-\u9fa5]*?)(?:情况|现象)?"
)
_SHORT = re.compile(
    rf"(?P<topic>[^\d缺少无未没]*?)(?:{_MISS}|未设置|未设立|未开设|未配备|未取得|没有|无)"
    rf"(?P<list>[^\d]*?)(?:(?P<n>{NUMBER})(?P<c>{COUNTER}))?(?P<tail>[\u4e00-\u9fa5]{{0,6}})"
)
_NOT_HAD = re.compile(r"(?P<list>[^\d缺少无未没]+?)(?:均|都|全部)?(?:未设置|未设立|未开设|未配备|未取得)")
_SPLIT = re.compile(r"[、和及与/]")
_COUNT_MISSING = re.compile(rf"{_MISS}(?:{NUMBER}{COUNTER}|任一)")


@dataclass(frozen=True)
class _Clause:
    topic: str
    count: int
    counter: str | None  # None: "任一"
    noun: str


@dataclass(frozen=True)
class MissingCounts:
    """The clauses (1 = the first) the counts written reach, and how they were read (Chinese)."""

    found: tuple[int, ...]
    how: str


def _clause(name: str) -> _Clause | None:
    word = re.sub(r"[\s的]", "", simplified(name))
    found = _CLAUSE.fullmatch(word)
    if found is None or re.search(r"每|[不未无没]", found.group("topic")):
        return None
    topic, noun = found.group("topic"), found.group("noun")
    if found.group("n") is not None:
        count = cn_int(found.group("n"))
        if count is None or count != count.to_integral_value() or count < 1:
            return None
        n, counter = int(count), found.group("c")
    else:
        n, counter = 1, None
    noun = noun or topic[-2:]
    return _Clause(topic, n, counter, noun) if len(noun) >= 2 else None


def names_missing_count(names: tuple[str, ...]) -> bool:
    """Whether some clause is itself a count of things missing ("缺2项", "少3个", "缺3个科室", not "每缺1项"):
    a count in an actual ("缺1项", "1项不符合") then counts those things, never the clauses of the list
    (fix round s8e: "缺1项" against "缺2项，不得分" was read as the one clause unmet, a wrong 0)."""
    return any(
        (m := _COUNT_MISSING.search(simplified(n))) is not None and "每" not in simplified(n)[: m.start()]
        for n in names
    )


def fewer_missing(statement: str, faults: tuple[str, ...] | list[str]) -> bool:
    """Whether a statement counts fewer things missing than a clause of the same counter sets ("辅助科室缺1个"
    against "辅助科室缺2个科室，不得分"): that clause says nothing of so few (fix round s8e), and the statement
    may never name it by its words."""
    said = [
        (cn_int(m.group(1)), m.group(2)) for m in re.finditer(rf"{_MISS}({NUMBER})({COUNTER})", simplified(statement))
    ]
    for fault in faults:
        word = simplified(fault)
        for m in re.finditer(rf"{_MISS}({NUMBER})({COUNTER})", word):
            if "每" in word[: m.start()] or (bound := cn_int(m.group(1))) is None:
                continue
            if any(n is not None and n < bound and same_counter(c, m.group(2)) for n, c in said):
                return True
    return False


def counted_clauses(names: tuple[str, ...]) -> bool:
    """Every clause a count of one thing missing ("缺2个科室"): the counts written decide, never the words alone."""
    clauses = [_clause(n) for n in names]
    return bool(clauses) and all(c is not None for c in clauses) and len({c.noun for c in clauses if c}) == 1


def _listed(text: str, noun: str) -> list[str] | None:
    things = [t for t in _SPLIT.split(text) if t]
    if len(set(things)) != len(things):
        return None  # "缺病理科、病理科2个": one thing named twice
    return things if things and all(of_kind(t, noun) for t in things) else None


def _statement(said: str, noun: str, counter: str | None) -> tuple[str, int, str] | None:
    """(topic, things missing, how) one statement says, or None."""
    unit = counter or "个"  # the counter the clause counts in ("缺医师2名": 名)
    if HEDGES.search(said):
        return None
    if (m := _FULL.fullmatch(said)) is not None:
        return m.group("topic"), 0, f"“{said}”即缺 0 {unit}"
    # "内科、外科均已设置" is NOT read: the rule does not list the things required, so what is set up says nothing
    # of what is missing (fix round s8: it was read as none missing, a wrong number)
    if (m := _NONE_MISSING.fullmatch(said)) is not None:
        return (m.group("topic"), 0, f"“{said}”即缺 0 {unit}") if m.group("noun") in ("", noun) else None
    if (m := _NOT_HAD.fullmatch(said)) is not None and (things := _listed(m.group("list"), noun)):
        return "", len(things), f"“{said}”即缺 {len(things)} {unit}"
    m = _SHORT.fullmatch(said)
    if m is None or re.search(r"[缺少失无未没不]", m.group("list") or ""):
        return None  # "无缺少科室": a miss word inside the list is a negation of the miss, not a thing
    topic, listing, tail = m.group("topic"), m.group("list"), m.group("tail") or ""
    if m.group("n") is not None:
        value = cn_int(m.group("n"))
        if value is None or value != value.to_integral_value() or value < 0:
            return None
        if counter is not None and not same_counter(m.group("c"), counter):
            return None
        n = int(value)
        if tail and tail != noun:  # "缺2个辅助科室": the topic written after the count
            if not tail.endswith(noun) or topic:
                return None
            topic = tail
        if listing == noun:  # "缺医师1名": the noun before its count
            listing = ""
        if listing:
            open_list = listing.endswith("等")
            things = _listed(listing.removesuffix("等"), noun)
            if things is None or (len(things) != n if not open_list else len(things) > n):
                return None
        return topic, n, f"“{said}”即缺 {n} {unit}"
    if tail:
        listing += tail
    things = _listed(listing, noun)
    if things is None:
        return None
    return topic, len(things), f"“{said}”即缺 {len(things)} {unit}（{'、'.join(things)}）"


def _topic_of(said: str, clauses: list[_Clause]) -> str | None:
    """The clause topic a statement's topic is: its own, or, for a rule with one topic, none, that topic's
    noun, or a topic ending with the noun ("必备科室" for "缺1个科室")."""
    said = re.sub(r"(?:中|内|方面)$", "", said)
    topics = {c.topic for c in clauses}
    if said in topics:
        return said
    if len(topics) == 1:
        only = next(iter(topics))
        noun = clauses[0].noun
        if not said or (not only and said.endswith(noun)) or said == noun:
            return only
    return None


def missing_counts(text: str, names: tuple[str, ...], zeroing: tuple[int, ...],
                   points: tuple[Decimal, ...]) -> MissingCounts | None:  # fmt: skip
    """The clauses a description of what is missing reaches (see the module's conventions); None when the rule's
    clauses are not all counts of a thing missing or the description is not read whole."""
    clauses = [_clause(n) for n in names]
    if not clauses or any(c is None for c in clauses):
        return None
    listed = [c for c in clauses if c is not None]
    if len({c.noun for c in listed}) != 1:
        return None
    noun = listed[0].noun
    counters = {c.counter for c in listed if c.counter is not None}
    counter = next(iter(counters)) if len(counters) == 1 else None
    if len(counters) > 1:
        return None
    missing: dict[str, int] = {}
    notes: list[str] = []
    for said in re.split(r"[,;。，；：:\s]+", simplified(text)):
        said = re.sub(r"^(?:经查|经核查|经检查|其中|另外|但|且)", "", said.strip())
        if not said:
            continue
        read = _statement(said, noun, counter)
        if read is None:
            return None
        topic = _topic_of(read[0], listed)
        if topic is None or topic in missing:
            return None
        missing[topic] = read[1]
        notes.append(read[2])
    found = [i for i, c in enumerate(listed, 1) if c.topic in missing and missing[c.topic] >= c.count]
    zero = [i for i in found if i in zeroing]
    reached_topics = {listed[i - 1].topic for i in found}
    for topic, m in missing.items():
        # fix round s8e: "缺3个科室，不得分" says what three missing gives, never what one or two give; fewer than
        # the clause's count are no fault only when the text counts that few as a fault of another topic
        # ("必备科室缺1个…不得分 辅助科室缺2个…不得分": one 辅助科室 missing is tolerated)
        if (
            not zero
            and m > 0
            and topic not in reached_topics
            and not any(c.topic != topic and c.count <= m for c in listed)
        ):
            return None
    unsaid = sorted({c.topic or noun for c in listed if c.topic not in missing})
    if not zero:
        if unsaid:
            return None
        topics = [listed[i - 1].topic for i in found]
        if len(set(topics)) != len(topics):
            return None  # two clauses of one topic reached: which one deducts?
        if any(missing[listed[i - 1].topic] > listed[i - 1].count and points[i - 1] for i in found):
            return None  # "缺1个科室扣1分" with two missing: once, or once for each?
    reached = zero or found
    each = "；".join(
        f"第{i}项“{names[i - 1]}”（缺 {fmt(Decimal(listed[i - 1].count))} {listed[i - 1].counter or '个'}及以上）"
        + ("已出现" if i in found else "未出现")  # every clause the count reaches, the one that decides or not
        for i in range(1, len(listed) + 1)
        if listed[i - 1].topic in missing
    )
    how = f"{'，'.join(notes)}；扣分情形所写个数为起点（缺 N 个即 N 个及以上，其他量词同）：{each}"
    return MissingCounts(tuple(reached), how)
