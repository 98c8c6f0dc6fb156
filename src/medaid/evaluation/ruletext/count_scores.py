"""Counts that score: "每实现一个乡镇…得0.5分，最高得2分"; "1个部门0.5分，满分2分"; "每完成一人得1分";
"2分/个，6分封顶"; and several kinds at once ("国家级每项加2分，省级每项加1分，最高5分": ``kinds``).

Reading conventions (docs/rules.md): the count clause is read as for per-case deductions (``counts``); its
points are 得/计/加/加记 N分 or a bare "N分"; the cap is 最高(得)N分, 最多不超过N分, 上限N分, N分封顶, 以N分为限,
加满N分为止, 满分N分 or the one full-marks score the text gives ("(本项6分)"). A text that deducts (扣, 减) is
not a count that scores.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.count_vocab import counts_faults, plain
from medaid.evaluation.rules.counts import CountScore
from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.count_context import condition_before
from medaid.evaluation.ruletext.count_measures import measure_score
from medaid.evaluation.ruletext.count_spelling import canon_counts
from medaid.evaluation.ruletext.counts import (
    RANKING,
    Counted,
    counted,
    full_marks,
    leftover,
    unbracket,
    vetoes,
)
from medaid.evaluation.ruletext.fault_levels import fault_levels
from medaid.evaluation.ruletext.kinds import gain_caps, several

_LIMIT_CAP = re.compile(rf"(^|[,;。])(?:以|本项|该项|此项)?{NUM}分为限")
# counts family: the cap's words in either order, "加分累计不超过5分" as "累计加分不超过5分"
_CAP_ORDER = re.compile(r"(加分|得分)(累计|合计|总计)(?=(?:最高|最多)?(?:不超过|不得超过|不高于))")
_BASE = re.compile(rf"(?:得)?(?:基本分|基础分)(?:为)?{NUM}分")
_GAIN = re.compile(rf"(?:(?<![满高多过扣至完])(?:得|加记|加计|加|计|记)|(?<![满高多过扣至完得加计记分\d.])){NUM}分")


def count_score(text: str) -> Rule | None:
    """ "每实现一个乡镇…得0.5分，最高得2分"; "1个部门0.5分，满分2分"; "每完成一人得1分"."""
    if RANKING.search(text):
        return None
    body = canon_counts(unbracket(text))
    if "扣" in body.replace("扣完为止", ""):
        return None
    body = _LIMIT_CAP.sub(r"\1最高\2分", body)  # ",5分为限" after a count that scores: the most it gives
    body = _CAP_ORDER.sub(r"\2\1", body)  # counts family: "加分累计不超过8分" is "累计加分不超过8分"
    spans: list[tuple[int, int]] = []
    caps = gain_caps(body, spans)
    clauses = [c for c in counted(body, _GAIN) if c is None or not any(a <= c.span[1] - 1 < b for a, b in spans)]
    if not clauses:
        return measure_score(body)  # counts family: "每完成1000亩,加0.1分,以3分为限"
    if None in clauses:
        return None
    if any(c is not None and _counts_faults(c) for c in clauses):
        # counts family (s8e): "缺1项,得0.5分" is what one fault leaves, not points per fault: levels by the count
        return fault_levels(body, [c for c in clauses if c is not None]) if all(map(_counts_faults, clauses)) else None
    if len(clauses) > 1:
        return several(body, [c for c in clauses if c is not None], gain=True)
    clause = clauses[0]
    assert clause is not None
    if not clause.each and re.match(r"(?:有|配备|配有|设有|明确|确定|安排)", clause.words):
        # counts family (s8): "…,有一名办事员兼职抓日常工作记4分": one to be had (a requirement), not each one counted
        return None
    spans.append(clause.span)
    bases = [(Decimal(m.group(1)), m.span()) for m in _BASE.finditer(body)]
    spans += [span for _, span in bases]
    full, agree = full_marks(body, clause.span[0], spans)
    if full is not None and full <= 0 and not _none_is_zero(body):
        return None  # counts family: "1件1分,无0分" — what none scores, not the count's full marks (never a cap of 0)
    if full is not None and full <= 0:
        full = None  # counts family (s7): "(1件1分、无0分)": what none scores, as the count gives it; no cap
    if (zero := _NONE_ZERO.search(body)) is not None and _none_is_zero(body):
        spans.append(zero.span())  # counts family (s7): "无0分" is the count's own score of none
    if (span := _range_cap(body, clause)) is not None:
        caps.add(span[0])  # counts family (s7): "一至二件(1件1分…)": the most counted, times the points
        spans.append(span[1])
    if full is not None:
        caps.add(full)
    if not agree or len(caps) > 1 or len(bases) > 1 or not _none_scores_none(body, spans, clause):
        return None
    if leftover(body, spans):
        return None
    return CountScore(points=clause.points, per=clause.per, cap=caps.pop() if caps else None, unit=clause.unit,
                      what=clause.what, subject=clause.subject, base=bases[0][0] if bases else ZERO,
                      condition=condition_before(body, clause.span[0]))  # fmt: skip


def _counts_faults(clause: Counted | None) -> bool:
    """What the clause counts is a fault (缺, 未, 不符合…: ``count_vocab.counts_faults``): no count that scores."""
    if clause is None:
        return False
    return bool(clause.fault) or counts_faults(clause.what) or counts_faults(clause.words)


def _none_scores_none(body: str, spans: list[tuple[int, int]], clause: Counted) -> bool:
    """ "无专业人员的得0分" says what the count gives for none anyway: read, and nothing else that zeroes."""
    found = vetoes(body, spans)
    if found is None:
        return False
    named = (plain(clause.what), plain(clause.subject))
    return all(re.match(r"^(?:无|没有|未)", v) and plain(re.sub(r"^(?:无|没有|未)", "", v)) in named for v in found)


_NONE_ZERO = re.compile(r"(?:^|[,;。、(])(?:无|没有|无的|没有的)(?:的)?(?:得|计|记)?0分(?:[,;。)]|$)")


def _none_is_zero(body: str) -> bool:
    """ "无0分" (counts family, s7): the one score of 0 the text writes is what none scores."""
    return len(re.findall(r"(?<![\d.])0分", body)) == 1 and _NONE_ZERO.search(body) is not None


_RANGE = re.compile(
    r"(?:^|(?<=[,;。]))(?P<low>\d+|[一二两三四五六七八九十]+)(?:至|到|-|~|—)(?P<high>\d+|[一二两三四五六七八九十]+)"
    r"(?P<unit>[\u4e00-\u9fff])(?=[,;。(]|$)"
)


def _range_cap(body: str, clause: Counted) -> tuple[Decimal, tuple[int, int]] | None:
    """ "一至二件" beside "1件1分" (counts family, s7): the count asked for is one to two, so the most it gives is two
    times the points; only in the clause's own unit, one range, the low end not above the high."""
    from medaid.evaluation.rules.count_vocab import cn_int

    found = [m for m in _RANGE.finditer(body) if m.group("unit") == clause.unit]
    if len(found) != 1:
        return None
    low, high = cn_int(found[0].group("low")), cn_int(found[0].group("high"))
    if low is None or high is None or low > high or high <= 0:
        return None
    return high / clause.per * clause.points, found[0].span()
