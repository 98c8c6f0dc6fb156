"""Rules an evaluator applies by judgement: discretionary ranges and the manual score that must carry a
written reason. Qualitative grades are in ``levels``, checklists in ``checklist`` (re-exported here)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import is_met, qualitative_met
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.checklist import Checklist
from medaid.evaluation.rules.levels import Level, Qualitative, YesNo, match_level

__all__ = ["Checklist", "Judgement", "Level", "Manual", "Qualitative", "YesNo", "match_level"]


@dataclass(frozen=True)
class Judgement(Rule):
    """达到得满分，否则在区间内酌情给分。

    "按计划的时间周期实施并完工得5分，否则按0-5分（不含5分）酌情给分";
    "达到设定的质量标准得3分，基本达到按1-5分（不含5分）酌情给分，未达到标准得0分";
    "是，得5分，否则酌情给分".
    """

    full: Decimal | None
    low: Decimal = ZERO
    high: Decimal | None = None
    high_inclusive: bool = False
    fail: Decimal | None = None  # score when clearly not met (未达到标准得0分)

    kind = "judgement"
    label = "达标满分否则酌情"

    def params(self) -> dict[str, object]:
        return {
            "full": None if self.full is None else float(self.full),
            "low": float(self.low),
            "high": None if self.high is None else float(self.high),
            "high_inclusive": self.high_inclusive,
            "fail": None if self.fail is None else float(self.fail),
        }

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def top_of_range(self) -> Decimal | None:
        tops = [x for x in (self.full, self.high) if x is not None]
        return max(tops) if tops else None

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        high = self.high if self.high is not None else full
        met: bool | None = None
        if inputs.actual is not None:
            if inputs.target is not None:
                met = is_met(inputs.target, inputs.actual)
            else:
                met = qualitative_met(None, inputs.actual)
        if met and inputs.actual is not None:
            return Outcome(
                min(full, inputs.weight),
                f"实际“{inputs.actual.text}”达到要求，得满分 {fmt(full)} 分",
            )
        span = f"{fmt(self.low)}–{fmt(high)} 分" + ("" if self.high_inclusive else f"（不含 {fmt(high)} 分）")
        lowest = min(self.low, self.fail) if self.fail is not None else self.low
        highest = high if met is False else max(high, full)
        return Outcome(
            None,
            f"未达到或无法从文字判断是否达到要求，按 {span} 酌情给分",
            allowed=(lowest, highest),
            needs_judgement=True,
        )


@dataclass(frozen=True)
class Manual(Rule):
    """人工评分：得分由评价人员给出；低于满分时必须写明扣分理由（扣分说明）。"""

    kind = "manual"
    label = "人工评分"

    def params(self) -> dict[str, object]:
        return {}

    def apply(self, inputs: Inputs) -> Outcome:
        return Outcome(
            None,
            "人工评分，以填报得分为准",
            allowed=(ZERO, inputs.weight),
            needs_judgement=True,
        )
