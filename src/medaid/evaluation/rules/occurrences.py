"""Faults family (session 6, round 3): a one-off kind written with "一" and a counter ("节假日不出勤一天扣5分",
"未佩带工具的一次扣2分", "乱倒垃圾一处扣1分") is scored per occurrence, as 每天/每次/每处 are.

Pattern: in a list of kinds, tables write the step with or without 每 ("每次扣2分" / "一次扣2分" / "扣2分/次"); a
deduction fixed to "一天", "一次", "一处", "一人" counts that unit: two days are deducted twice. The reading is the
same for every kind of the list. A kind whose words end in no such "一 + counter" stays a one-off (出现即N分).
"""

from __future__ import annotations

import re
from dataclasses import replace

from medaid.evaluation.rules.case_kinds import CaseKind
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, cn_int

# A count of occurrences in a statement: things (``COUNTER``) or a span of days/hours ("2天", "3小时", "两个月");
# never a date ("6月底", "12月底前", "5月3日").
OCCURRENCES = (
    rf"(?<![月\d.])(?P<count>{NUMBER})(?P<unit>{COUNTER}|个?工作日|天|日(?![前后起止])|小时|个月|周)"
    rf"(?!底|初|末|份|中旬|上旬|下旬)"
)

# the counters a "一X" occurrence is written in: things counted (``count_vocab.COUNTERS``) and spans of time
_ONE = re.compile(
    r"^(?P<what>.+?)(?:的|者)?[,，]?(?:每)?[一1](?P<unit>人次|户次|例次|批次|天|日|次|处|人|名|例|起|件|份|户|家|项|个|"
    r"小时|周|个月|月)$"
)


def per_occurrence(kinds: tuple[CaseKind, ...]) -> tuple[CaseKind, ...]:
    """The kinds with each one-off "…一天/一次/一处" read as per 天/次/处."""
    out: list[CaseKind] = []
    for kind in kinds:
        found = _ONE.match(kind.what) if kind.once and kind.per == 1 else None
        if found is None or len(found.group("what")) < 2:
            out.append(kind)
            continue
        what = found.group("what")
        words = kind.words if kind.words and kind.words != kind.what else what
        out.append(replace(kind, what=what, words=words, once=False, unit=found.group("unit")))
    return tuple(out)


def several_cases(statement: str) -> bool:
    """Whether a statement counts more than one case or day ("节假日不出勤两天", "发现问题3处"): in a list that
    deducts each fault once it never names one fault. Not when it speaks of all (均/都/全部/各: "两项经费均列入
    预算")."""
    found = re.search(OCCURRENCES, statement)
    return (
        found is not None
        and cn_int(found.group("count")) not in (None, 0, 1)
        and not re.search(r"均|都|全部|皆|各", statement)
    )
