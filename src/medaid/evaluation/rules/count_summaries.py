"""Counts written in words the way evaluators write a 扣分说明 for a per-case rule (counts family, session 8).

How evaluators word the count of faults of a rule "每有一项不符合要求扣1分", "缺1个科室,扣0.5分" — the general
pattern, not one table's sentence:

- **a summary** of the items checked: [count] [均/都/全部/全] [negation] [the rule's fault word without its
  negation] [要求/规定/标准]: "2项均符合", "两项均符合要求", "(1)(2)两项均符合", "全部符合" (none), "1项不符合",
  "2项均不符合要求", "两项均未完成" (the count). The summary must be in the rule's counter; a summary with no
  negation needs a quantifier (均/都/全部/全/皆), and with a number, the number of items the full marks cover:
  "2项符合", "3项均符合" of 5 do not say the others are right;
- **descriptions beside a summary**: the evaluator says what was seen, then sums it up
  ("救护车、消防车不能出入，1项不符合"; "周边环境远离噪声…，救护车、消防车可出入，2项均符合"). The summary is the
  count; each description has no number and no hedge; a summary of none beside a description that states a fault
  (a negation or a word of a defect), or more descriptions than the summary counts, is refused (the two disagree);
- **the missing things named before their count**: "缺康复科1个科室", "缺A、B、C3个必选科室" for a rule counting
  things missing (缺/少/漏…): the count, when the names (cut at 、和及与) are as many as it says and the thing after
  the counter is the rule's own, with a qualifier before it or none ("必选科室" of "科室"; not a negation, hedge,
  number or part of the whole);
- **every thing named present**: "全科、预防保健科、中医科、康复科均已设置", "各科室均已设立" for a rule counting
  things missing: none of those named is missing (a count beside it is of the others), when the things are a list
  joined by 、 (or the rule's own thing) with 均/都/全部 and a verb of being there (设置, 设立, 开设, 建立, 配备,
  配置, 具备, 有), no number, negation or hedge;
- **the required things complete**: "必选轮转科室齐全", "必备科室齐全" for "缺1个科室": a qualifier saying the things
  are the required ones (必选, 必备, 必设, 应设, 规定, 所有, 全部, 各) before the rule's own thing, then 齐全 (齐备,
  配齐) — "主要科室齐全", "部分科室齐全" say nothing of the others and are refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.count_exceptions import excepts, plainly_met
from medaid.evaluation.rules.count_hedges import _BOUND_BEFORE, HEDGES, negations
from medaid.evaluation.rules.count_opposites import opposite
from medaid.evaluation.rules.count_vocab import COUNTER, MISSING, NUMBER, cn_int, of_kind, plain, same_counter
from medaid.evaluation.rules.wording import BOUND_AFTER_NUMBER

# counters of items listed or checked, not of times or cases found: "3项均完成" may be all, "3次均按时上报" of how
# many due?
ITEM_COUNTERS = ("项", "条", "款", "个", "份", "种", "类")
_ITEM_REFS = re.compile(r"^(?:\(\d+\)|[①②③④⑤⑥⑦⑧⑨])+(?:项)?|^第\d+(?:[、,和及与]\d+)*项")
_NEGATED = re.compile(r"^(?P<neg>不|未|没有|没)(?P<core>.+?)(?:要求|规定|标准)?$")
_QUANTIFIER = "(?:均|都|全部|全都|全|皆)"
_GENERAL = r"(?:共|合计|共计|以上|上述|所列|所查|检查)?"


def summary(segment: str, what: str, unit: str | None, items: Decimal | None = None) -> Decimal | None:
    """The count a summary states ("2项均符合": 0; "2项均不符合要求": 2; "1项不符合": 1), or None. ``items``: how many
    items the full marks cover; "3项均符合" says none failed only when that is all of them (3 of 5 says nothing of
    the other two), so a summary of none with a number needs ``items`` and the same number."""
    rule = _NEGATED.match(plain(what))
    if rule is None or not rule.group("core"):
        return None
    said = _ITEM_REFS.sub("", segment)
    named = segment[: len(segment) - len(said)]
    refs = re.findall(r"\(\d+\)|[①②③④⑤⑥⑦⑧⑨]", named) or re.findall(r"\d+", named)
    core = re.escape(rule.group("core"))
    found = re.fullmatch(
        rf"{_GENERAL}(?:(?P<n>{NUMBER})(?P<c>{COUNTER}))?(?P<q>{_QUANTIFIER})?(?P<neg>不|未|没有|没)?{core}"
        r"(?:要求|规定|标准|条件)?(?:的)?",
        said,
    )
    if found is None:
        return None
    if found.group("c") and unit is not None and not same_counter(found.group("c"), unit):
        return None
    if refs and found.group("n") and cn_int(found.group("n")) != len(refs):
        return None  # "(1)(2)三项均符合": the items named and the number disagree
    if found.group("neg") is None and refs and len(refs) != items:
        return None  # "第1、2项均符合" of 5 items says nothing of the other three
    if found.group("neg") is None:  # none: only with a quantifier ("2项均符合", "全部符合")
        # with a number, only items (项/条/款: "3次均按时上报" says nothing of the times due) and all of them
        if found.group("n") and (found.group("c") not in ITEM_COUNTERS or cn_int(found.group("n")) != items):
            return None
        return ZERO if found.group("q") else None
    if found.group("neg") != rule.group("neg") and {found.group("neg"), rule.group("neg")} != {"没", "没有"}:
        return None  # "2项未符合" for "不符合": another word, left to the reading of the words
    count = cn_int(found.group("n")) if found.group("n") else None
    if count is None or count != count.to_integral_value() or (items is not None and count > items):
        return None  # "均不符合" with no number: how many?
    return count


# how an explanation opens, saying nothing of the items: "经检查，2项均符合要求"
_LEAD_IN = re.compile(r"(?:经|通过)?(?:现场)?(?:检查|核查|查看|核实|查)")


def summarized(
    segments: list[str], what: str, unit: str | None, items: Decimal | None = None
) -> tuple[Decimal, str] | None:
    """The count of an explanation made of descriptions and one summary of them ("救护车、消防车不能出入，1项不符合"),
    with a note on how it was read; None when it is no such explanation or the descriptions disagree with it."""
    if len(segments) < 2:
        return None
    sums = [(i, value) for i, s in enumerate(segments) if (value := summary(s, what, unit, items)) is not None]
    if len(sums) != 1:
        return None
    index, value = sums[0]
    described = [_ITEM_REFS.sub("", s) for i, s in enumerate(segments) if i != index and not _LEAD_IN.fullmatch(s)]
    # what was seen may name places and owners ("周边环境远离噪声"): only a hedge makes a description unsure
    if any(re.search(r"\d|分", s) or HEDGES.search(s) is not None for s in described):
        return None
    # a summary of N: at most N descriptions (each may be one); a summary of none (s8 fix round): each description
    # plainly a success — a defect is told in any words ("嘈杂", "通道狭窄", "设有路障"), so none is read as one
    if (value == 0 and not all(plainly_met(s) for s in described)) or len(described) > value > 0:
        return None
    note = f"按小结“{segments[index]}”计 {fmt(value)}{unit or '项'}，其余为所查情况的描述"
    return value, note


_NAMES_SPLIT = re.compile(r"[、和及与]")


def named_missing(segment: str, what: str, subject: str, unit: str | None) -> tuple[Decimal, str] | None:
    """ "缺康复科1个科室", "缺A、B、C3个必选科室" for a rule counting things missing: the count and the things named."""
    wanted = plain(what)
    if not wanted or wanted[0] not in MISSING or not subject:
        return None
    found = re.fullmatch(
        rf"(?P<verb>缺少|缺失|缺|少|漏)(?P<names>[^\d]+?)(?P<n>\d+|[一二两三四五六七八九十]+)(?P<c>{COUNTER})(?P<thing>[^\d]*)",
        segment,
    )
    if found is None:
        return None
    if unit is not None and not same_counter(found.group("c"), unit):
        return None
    bound = _BOUND_BEFORE.search(found.group("names")) or BOUND_AFTER_NUMBER.match(found.group("thing"))
    if bound or re.search(r"或|还是|及以上|等", found.group("names")):
        return None  # s8 fix round: "缺康复科至少1个科室", "缺康复科或儿科1个科室": which, or how many?
    thing = re.sub(r"的$", "", found.group("thing"))
    if thing and (not thing.endswith(subject) or _unsafe(thing[: -len(subject)])):
        return None
    names = [n for n in _NAMES_SPLIT.split(re.sub(r"\([^()]*\)", "", found.group("names"))) if n]
    count = cn_int(found.group("n"))
    if count is None or len(names) != count or any(_unsafe(n) or len(n) < 2 for n in names):
        return None
    return count, "、".join(names)


def _unsafe(words: str) -> bool:
    """A qualifier or a thing's name that may not stand beside a count: a negation, a hedge, a number, a part of the
    whole ("主要", "部分"). A name may hold a word of work done ("预防保健科"): it is a name, not a deed."""
    return (
        bool(re.search(r"\d", words))
        or negations(words) > 0
        or re.search(r"[无非]", words) is not None
        or (HEDGES.search(words) is not None or _SOME.search(words) is not None)
    )


_SOME = re.compile(r"主要|重点|大部|部分|个别|少数|多数|其他|其余|基本|核心|一般|常规")
_PRESENT = re.compile(
    rf"^(?P<things>[^\d]+?){_QUANTIFIER}(?:已经|已)?(?:设置|设立|开设|建立|配备|配置|具备|设有|开设有|有)(?:齐全)?$"
)
_REQUIRED = re.compile(r"必选|必备|必设|必需|应设|应有|规定|所有|全部|各")


def all_present(segment: str, what: str, subject: str) -> tuple[str, tuple[str, ...]] | None:
    """Why the statement says no thing is missing ("A、B、C均已设置", "必选科室齐全"), and the things it names
    (none: all of them, "各科室均已设立", "必选科室齐全"); None for any other statement. A bracket other than an
    inclusion ("（康复科除外）", "（缺康复科）") may except one: refused (rules/count_exceptions.py)."""
    wanted = plain(what)
    if not wanted or wanted[0] not in MISSING or not subject or re.search(r"\d", segment) or excepts(segment):
        return None
    said = re.sub(r"\([^()]*\)", "", segment)
    if (found := _PRESENT.match(said)) is not None:
        things = [t for t in _NAMES_SPLIT.split(found.group("things")) if t]
        if any(_unsafe(t) or not of_kind(t, subject) for t in things):
            return None
        qualifier = things[0][: -len(subject)] if things[0].endswith(subject) else None
        every = len(things) == 1 and qualifier is not None and (not qualifier or _REQUIRED.search(qualifier))
        return f"“{segment}”写明所列{subject}均已具备，即未缺", () if every else tuple(things)
    complete = re.fullmatch(rf"(?P<head>[^\d]*?){re.escape(subject)}(?:均|都|已)*(?:齐全|齐备|配齐)", said)
    if complete is not None and _REQUIRED.search(complete.group("head")) and not _unsafe(complete.group("head")):
        return f"“{segment}”写明应有的{subject}齐全，即未缺", ()
    return None


def present_alone(named: tuple[str, ...], items: Decimal | None, topic: str, subject: str) -> bool:
    """A statement that the things named are there, with no count beside it, says none is missing when it speaks of
    all of them: each the text lists ("应设内科、外科、儿科、康复科": "内科、外科、儿科均已设置" says nothing of
    康复科), or as many as the full marks cover ("全科、预防保健科、中医科、康复科均已设置" of 4); s8 fix round."""
    if not named:
        return True
    listed = [t for run in re.findall(r"[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+", topic) for t in run.split("、")]
    listed = [re.sub(r"^(?:应设|应有|必设|设有|设置|包括|含)", "", t) for t in listed]
    kind = [t for t in listed if of_kind(t, subject)]
    if len(kind) >= 2:
        return set(kind) <= set(named)
    return items is None or len(named) == items


def opposed_veto(segment: str, vetoes: tuple[str, ...]) -> str | None:
    """The veto whose opposite the statement states ("填写完整" of "填写不全"), if one (from count_reading)."""
    hits = [v for v in vetoes if opposite(segment, v)]
    return hits[0] if len(hits) == 1 else None


def denies_head(denied: str, what: str) -> bool:
    """ "无事故" for "发生一次不超标事故": the thing denied is the head noun what is counted ends with ("事故" of
    "不超标事故"), so no case of the narrower kind either (counts family, s8). The head is two characters at least,
    with no negation, number or hedge; a head the words only begin with ("事故未上报") is no such denial."""
    head, wanted = plain(denied), plain(what)
    # the word before the head may not negate, compare or name a fault of it: "不超标事故" is no "超标事故"
    return (
        len(head) >= 2
        and wanted != head
        and wanted.endswith(head)
        and wanted[-len(head) - 1] not in "不未没无非缺漏错超少多迟"
        and not re.search(r"或|和|与|、|,|及(?!时|格|早)", wanted)  # "无脱岗" denies one of "缺岗或脱岗" only
        # a head of two characters, or one after 的: "大事故" may start inside "重大"
        and (len(head) == 2 or wanted[-len(head) - 1] == "的")
        and not re.search(r"\d|[不未没无非缺漏错]", head)
        and HEDGES.search(head) is None
        # counts family (s9 round 2): "无台账" for "未建立台账" is the fault itself, not a denial of it — the thing
        # denied is what a negated verb before it lacks (a negation inside a modifier before 的 is no such verb:
        # "无投诉" for "未及时处理的投诉")
        and _MADE.search(wanted[: -len(head)]) is None  # "未建立的台账": the ledger is still the one lacked
        and (wanted[-len(head) - 1] == "的" or _LACKED.search(wanted[: -len(head)]) is None)
    )


_MADE = re.compile(r"[未没无缺漏不](?:按规定|按要求|及时)?(?:建|制|设|配|签|开|成立|编|提供|备|订|办|购|装)")
_LACKED = re.compile(r"[未没无缺漏]|不(?:按|依|建|开|制|签|落|设|配|执|实|进|组|上|报|公|及|规|作|履|提|办)")


_NUMBERED = re.compile(r"[(（](\d{1,2})[)）]|([①②③④⑤⑥⑦⑧⑨⑩])")


def numbered_items(text: str) -> int:
    """How many items the text numbers "（1）…（2）…" or "①②" (0: none), s8 fix round: "3项均符合" of a text that
    numbers three items is all of them, whatever full ÷ points is."""
    marks = {m.group(1) or m.group(2) for m in _NUMBERED.finditer(text)}
    return len(marks) if len(marks) >= 2 else 0
