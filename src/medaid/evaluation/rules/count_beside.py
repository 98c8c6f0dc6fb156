"""The words beside one count an actual states ("发现问题3处", "案例4例", "3处(台账不规范)"): whether the count is the
rule's, in its counter, of cases found (counts family; split out of rules/count_reading.py in s9's fix round).

A count is refused when it is no whole number, in another counter, of things named otherwise than the rule names
them, hedged, planned, of another period, bounded or approximate, possibly a veto, or beside a sample. "2次均按时上报"
(all done) counts 0 only when the number is every one due.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.count_details import bare_failure_of, named_in_detail, own_counter
from medaid.evaluation.rules.count_hedges import bounded, hedged_beyond, unsure
from medaid.evaluation.rules.count_phrasings import fault_around, listed_against
from medaid.evaluation.rules.count_results import Count
from medaid.evaluation.rules.count_statements import also_a_veto
from medaid.evaluation.rules.count_summaries import ITEM_COUNTERS
from medaid.evaluation.rules.count_vocab import CHANGE, classifies, cn_int, plain, same_counter
from medaid.evaluation.rules.count_words import content_chars

# counts family (s9): a count after a verb of looking, with no fault beside it, is of the things looked at
_SAMPLED = re.compile(r"^(?:共|随机|现场)?(?:抽查|抽取|抽检|抽样|检查|核查|查阅|查看|评查)")
_FAULTY = re.compile(r"[不未没无非缺漏错超少多迟晚差违误假]|问题|隐患|病害|垃圾|投诉")


@dataclass(frozen=True)
class Counting:
    """What the rule counts, as ``read_count`` was given it."""

    unit: str | None
    what: str
    subject: str
    condition: str
    fault: str
    topic: str
    clears: tuple[str, ...]
    vetoes: tuple[str, ...]
    limits: tuple[str, ...]
    items: Decimal | None


def counted_beside(
    found: re.Match[str], segment: str, segments: list[str], by_aside: bool, rule: Counting
) -> Count | tuple[Decimal, str | None]:
    """The count of ``segment`` (``found``: the words before it, the number, the counter, the words after it) and the
    words beside it (None: a count of 0 read from "均做到"), or the refusal."""
    from medaid.evaluation.rules.count_words import all_done, names_it, sample, states_condition

    unit, what, subject, topic = rule.unit, rule.what, rule.subject, rule.topic
    shown = unit or "处"
    pre, number, counter, post = found.groups()
    pre = re.sub(r"(?:典型)?(?:案例|事例|实例)$", "", pre) if counter == "例" else pre  # counts (s9): "案例4例"
    post = re.sub(r"^\((.+)\)$", r"\1", post)  # "3处(台账不规范)": what is counted, in brackets
    counted = cn_int(number)
    if counted is None or counted != counted.to_integral_value():
        return Count(None, f"“{segment}”不是整{shown}数")
    if (
        unit is not None
        and not same_counter(counter, unit)
        and not classifies(counter, unit, subject)
        and not own_counter(counter, topic)  # counts family (s7): "…或重复一个部分" counts parts in 个
    ):
        return Count(None, f"“{segment}”的单位是{counter}，规则按{unit}计")
    if not pre and all_done(post, what):
        # counts family (s8): "2次均按时上报" — of how many due? (fix round) "3个科室均达标" of 5
        if counted and (counter not in ITEM_COUNTERS or counted != rule.items):
            return Count(None, f"“{segment}”只说明这{fmt(counted)}{counter}均做到，未说明应做的{shown}数")
        return ZERO, None
    if (against := listed_against(pre, int(counted))) is not None:  # counts family: "缺A、B3项"
        return Count(None, f"“{segment}”{against}，与所写的 {fmt(counted)}{counter}不一致")
    if by_aside:  # the bracket is what is counted; the words before it name the occurrence
        words = content_chars(pre + post)
        if re.search(r"[不未没无非]", pre + post) or not words <= content_chars(topic or what):
            return Count(None, f"“{segment}”与规则所计的“{what}”不一致")
    elif (
        not names_it(pre + post, what, subject)
        and not states_condition(pre + post, subject or what, rule.condition)
        and not fault_around(pre, post, rule.fault, subject, rule.clears)
        # counts family (s7): the rule's words with a head, in the other order, or with an owner left out
        and not named_in_detail(pre, post, what, topic=topic, alone=not rule.vetoes and not rule.limits)
        and not bare_failure_of(pre + post, what)  # counts family (s9): "冲洗不达标" for "冲洗不符合质量要求"
    ):
        return Count(None, f"“{segment}”与规则所计的“{what}”不一致")
    if _SAMPLED.match(pre) and _FAULTY.search(pre + post) is None and _FAULTY.search(plain(what)):
        # counts family (s9): "抽查发现门诊处方50张" for "门诊处方超量开药": the things looked at, no fault named
        return Count(None, f"“{segment}”只写明抽查的{counter}数，未写明其中“{what}”的{shown}数")
    # counts family (s7 fix): words the rule's own do not hold that make the count no count of cases found
    # ("疑似不符合要求3处", "已解决问题5处", "上年存在问题", "约4处", "少于4处", "4处以上")
    if (why := unsure(pre + post)) is not None and unsure(topic or what) is None:
        return Count(None, f"“{segment}”{why}，不能按发现的{shown}数计")
    if (why := hedged_beyond(pre + post, topic or what)) is not None:  # s9 fix: "计划举办培训班4期"
        return Count(None, f"“{segment}”{why}，不能按实际的{shown}数计")
    if bounded(pre, post):
        return Count(None, f"“{segment}”的数是约数、界限或范围，不是确定的{shown}数")
    if other := also_a_veto(pre + post, what, rule.vetoes):
        return Count(None, f"“{segment}”也可能是“{other}”（该项不得分），无法判断是哪一类")  # "保险缺失1项"
    if not plain(pre + post) and what and CHANGE.match(plain(what)):
        return Count(None, f"规则按{what}的数量计分，“{segment}”未写明是增加数")
    if not pre + post and any(sample(s) for s in segments):
        return Count(None, f"“{segment}”写在抽查数旁，未写明是发现的问题数")  # "抽查20例,2例": 2 of what?
    return counted, pre + post
