"""Periods that fall short of a rate, counted (counts family, s9): "每月家电下乡补贴率在97%以上得3分,有一个月达不到该
比率的扣1分".

The text sets a rate each period must reach (``rate``, reached at or above it: "在97%以上", "达到97%", "不低于97%") and
deducts ``points`` for each period that does not; the score is the full marks less the deductions, never below 0 (a
deduction stops at 0). The actual (or, without one, the explanation) must give, in one statement:
- the number of periods short of the rate: "有2个月补贴率低于97%", "3个月未达到97%", "2个月不达标" (the rate, when
  written, the text's own; the words beside it the rate's own words, "补贴率" of "家电下乡补贴率");
- or that every period reached it: "12个月补贴率均在97%以上", "各月均达到97%", "无月份低于97%" (12 months, 4
  quarters: a number of periods short of the year says nothing of the others).
A hedge (基本, 个别, 约…), another rate, another period, two statements that disagree, or more periods than a year
holds is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, floored
from medaid.evaluation.rules.count_hedges import HEDGES
from medaid.evaluation.rules.count_vocab import cn_int, simplified
from medaid.evaluation.rules.count_words import content_chars

IN_YEAR = {"月": 12, "季度": 4}
_NUMBER = r"\d+|[一二两三四五六七八九十]+"
_SHORT = r"(?P<verb>低于|未达到|未达|没有达到|没达到|达不到|不足|不到|未达标|不达标|没有达标)"
_REACHED = r"(?:均|都|全部|全)(?:在|达到|达|不低于|高于)?"


@dataclass(frozen=True)
class PeriodCount(Rule):
    """每期须达到某比率，每有一期未达到扣分（模块说明）。"""

    period: str  # "月", "季度"
    subject: str  # what the rate is of: "家电下乡补贴率"
    rate: Decimal  # in %
    points: Decimal
    full: Decimal

    kind = "period_count"
    label = "按未达标期数扣分"
    deducts_from_start = True

    def params(self) -> dict[str, object]:
        return {"period": self.period, "subject": self.subject, "rate": float(self.rate),
                "points": float(self.points), "full": float(self.full)}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return self.full

    def _reading(self) -> str:
        return (f"读作：每{self.period}{self.subject}须达到 {fmt(self.rate)}%，满分 {fmt(self.full)} 分，"
                f"每有1个{self.period}未达到扣 {fmt(self.points)} 分")  # fmt: skip

    def _short(self, statement: str) -> Decimal | str | None:
        """The periods short of the rate a statement gives; a reason when it cannot be read; None: not about it."""
        period = "个?" + re.escape(self.period)
        rate = r"(?P<rate>\d+(?:\.\d+)?)%"
        every = (rf"(?:全年)?(?:{IN_YEAR[self.period]}{period}|各{re.escape(self.period)}|每{period}"
                 rf"|所有{re.escape(self.period)}份?)")  # fmt: skip
        found = re.fullmatch(
            rf"(?:有|共有|共)?(?P<n>{_NUMBER}){period}(?P<words>[^\d]*?)(?:{_SHORT})(?:{rate})?", statement
        )
        if found is None:
            found = re.fullmatch(rf"(?:无|没有){re.escape(self.period)}份?(?P<words>[^\d]*?)(?:{_SHORT})(?:{rate})?",
                                 statement)  # fmt: skip
            if found is None:
                found = re.fullmatch(rf"{every}(?P<words>[^\d]*?){_REACHED}(?:{rate})(?:及)?(?:以上)?", statement)
                if found is None:
                    return None
            count: Decimal | None = ZERO
        else:
            count = cn_int(found.group("n"))
        said = found.group("rate")
        if said is not None and Decimal(said) != self.rate:
            return f"“{statement}”的比率 {said}% 不是评分标准的 {fmt(self.rate)}%"
        verb = found.groupdict().get("verb") or ""
        if said is None and verb in ("低于", "不足", "不到", ""):
            return f"“{statement}”未写明比率"  # "低于" what? ("未达到", "不达标" name the text's own rate)
        words = found.group("words")
        if words and not content_chars(words) <= content_chars(self.subject):
            return f"“{statement}”说的“{words}”不是评分标准所计的“{self.subject}”"
        if count is None or count > IN_YEAR[self.period]:
            return f"“{statement}”的{self.period}数不是一年中的{self.period}数"
        return count

    def apply(self, inputs: Inputs) -> Outcome:
        written = inputs.actual.text if inputs.actual is not None else inputs.note
        source = "实际完成值" if inputs.actual is not None else "扣分说明"
        if not written:
            return Outcome(None, f"未写明未达到 {fmt(self.rate)}% 的{self.period}数（{self._reading()}）")
        if HEDGES.search(simplified(written)):
            return Outcome(None, f"{source}“{written}”写法含糊，需人工判断（{self._reading()}）")
        counts: list[Decimal] = []
        for statement in re.split(r"[,;。，；]", simplified(written).replace(" ", "")):
            if not statement:
                continue
            got = self._short(statement)
            if isinstance(got, str):
                return Outcome(None, f"{source}{got}（{self._reading()}）")
            if got is None:
                return Outcome(None, f"{source}“{statement}”不是未达到 {fmt(self.rate)}% 的{self.period}数"
                                     f"（{self._reading()}）")  # fmt: skip
            counts.append(got)
        if len(counts) != 1:
            return Outcome(
                None, f"{source}“{written}”写有{len(counts)}个{self.period}数，需人工判断（{self._reading()}）"
            )
        short = counts[0]
        raw = self.full - short * self.points
        score, note = floored(raw, self.full, False)
        how = (f"{self._reading()}；{source}“{written}”即 {fmt(short)} 个{self.period}未达到，扣 {fmt(short)} × "
               f"{fmt(self.points)} = {fmt(short * self.points)} 分；得分 = {fmt(self.full)} − "
               f"{fmt(short * self.points)} = {fmt(raw)}{note}")  # fmt: skip
        return Outcome(score, how)


def period_count_from_mapping(spec: Mapping[str, object], text: str | None) -> PeriodCount:
    """``{type: period_count, period: 月, subject: 补贴率, rate: 97, points: 1, full: 3}``."""
    from medaid.evaluation.rules.structured import RuleSpecError
    from medaid.evaluation.rules.structured_fields import number

    period, rate, points, full = str(spec.get("period") or ""), number(spec, "rate"), number(spec, "points"), number(
        spec, "full")  # fmt: skip
    if period not in IN_YEAR or rate is None or points is None or full is None:
        raise RuleSpecError(
            "period_count 规则需要 period（月或季度）、rate（达到的比率）、points（每期扣分）和 full（满分）"
        )
    return PeriodCount(period=period, subject=str(spec.get("subject") or ""), rate=rate, points=points, full=full,
                       text=text)  # fmt: skip
