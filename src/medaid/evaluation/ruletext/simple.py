"""Whole-text shapes: 预算执行率, rate × weight, proportional, full-if-met."""

from __future__ import annotations

import re

from medaid.evaluation.rules import BudgetExecution, FullIfMet, Proportional, RateTimesWeight, Rule
from medaid.evaluation.ruletext.common import TIMES_WEIGHT

# --- the 预算执行率 row of the self-evaluation table -----------------------------------


def budget_execution(text: str) -> Rule | None:
    if re.fullmatch(r"(?:按)?预算执行率(?:计分|得分|×分值|计算)?(?:=执行率×分值)?", text):
        return BudgetExecution()
    return None


# --- rate × weight, proportional, full-if-met --------------------------------------------


def rate_times_weight(text: str) -> Rule | None:
    """ "按实际值×分值计算", "按分值乘以满意度计算得分" as the whole rule."""
    if TIMES_WEIGHT.search(text) and not re.search(r"得\d|计\d|以上|以下|低于", text):
        return RateTimesWeight()
    return None


_PROPORTIONAL = re.compile(
    r"按(?:照)?(?:实际)?完成(?:比例|率|值占目标值的比重|值占指标值的比重|情况占比)"
    r"|按比例(?:计分|得分|计算)|按完成比例"
)


def proportional(text: str) -> Rule | None:
    """ "定量指标达到指标值得满分，未达到按完成比例计分"; "没有完成的，按实际完成值占目标值的比重计算得分"."""
    if _PROPORTIONAL.search(text):
        return Proportional()
    return None


def full_if_met(text: str) -> Rule | None:
    """ "达到目标值得满分" (and "完成或超额完成目标值得基本分" alone)."""
    if re.fullmatch(
        r"(?:达到|完成|完成或超额完成)(?:目标值|指标值|目标|年度目标)(?:的)?,?得(?:满分|基本分)"
        r"(?:[,;]?(?:未达到|未完成|没有完成)(?:的)?,?(?:不得分|得0分))?",
        text,
    ):
        return FullIfMet()
    return None
