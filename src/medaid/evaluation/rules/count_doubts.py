"""Counts no reading can trust, whatever the rule (counts family, s9 fix round):
- a count of faults of a sampled thing greater than the things sampled: "抽取10份档案,1份有空项扣1分…" with "有空项11份"
  is a misreading (11 files of a 10-file sample);
- a count given as an approximation ("有空项约2份", "少报约3个月", "大约5处", "3处左右"): the count is not known;
- a count of another period ("去年漏项1份", "上年度少报2个月"): not the period assessed;
- a count withdrawn ("漏项1份经核实为误报", "经复核不成立").
Each is refused (a judge reads the explanation), never scored as if it were a count found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.case_kinds import CaseKind

SAMPLE = re.compile(
    r"(?:随机)?(?:抽取|抽查|抽选|抽检|抽阅|调阅|查阅)(?P<n>\d+)(?P<unit>份|本|卷|件|户|人|名|家|所|张|篇|套)"
)
_NUMBER = re.compile(r"\d|[一二两三四五六七八九十]")
# An approximate count: "约3个月", "大约5处", "3处左右", "将近4份", "10余份", "若干处".
_APPROX = re.compile(
    r"(?<![民公合预签节制条契违践租婚])约(?![定束谈请见])|大概|估计|预计|差不多|将近|接近|若干|(?<=[\d个次处份项件月天年期户人%])(?:左右|上下)"
    r"|(?<=\d)余(?=[份处项个次件人户月天期])|\d多[份处项个次件人户]"
)
# A count withdrawn: "漏项1份经核实为误报", "投诉2次经核查不属实", "违规1次经复核不成立", "已撤销".
_WITHDRAWN = re.compile(r"误报|不属实|不成立|撤销|撤回|误判")
# A count of another period: "去年", "上年度", "往年", "以往", "前年", "上一年".
_ELSEWHERE = re.compile(r"去年|前年|上年|上一年|往年|以往|历年|上一轮|上轮")


def over_sample(text: str, kinds: Sequence[CaseKind], counts: Mapping[int, Decimal]) -> str | None:
    """Why a count is refused: one kind counted in the sampled unit more times than things were sampled."""
    sample = SAMPLE.search(text)
    if sample is None:
        return None
    size, unit = Decimal(sample.group("n")), sample.group("unit")
    for i, count in counts.items():
        if kinds[i].unit == unit and count > size:
            return (f"“{kinds[i].what}”{fmt(count)}{unit}，多于评分标准抽取的 {fmt(size)}{unit}"
                    f"（抽查的每{unit}最多计一次），数量可能写错")  # fmt: skip
    return None


def doubtful_statement(given: str, *, periods: bool = True) -> str | None:
    """Why a written count is refused: a statement with a number that is approximate or (``periods``) of another
    period."""
    for statement in (s for s in re.split(r"[,;。，；、()（）]", given) if s):
        if not _NUMBER.search(statement):
            continue
        if (approx := _APPROX.search(statement)) is not None:
            return f"“{statement}”的数量是约数（“{approx.group(0)}”），实际数量不明"
        if (gone := _WITHDRAWN.search(statement)) is not None:
            return f"“{statement}”写明该数“{gone.group(0)}”，是否仍计需核实"
        if periods and (other := _ELSEWHERE.search(statement)) is not None:
            return f"“{statement}”写的是{other.group(0)}的情况，不是本考核期的"
    return None


def counted_doubt(text: str, kinds: Sequence[CaseKind], counts: Mapping[int, Decimal], given: str) -> str | None:
    """Why the counts read from ``given`` for the rule ``text`` are refused (see the module's docstring)."""
    return over_sample(text, kinds, counts) or doubtful_statement(given)
