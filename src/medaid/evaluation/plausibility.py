"""Plausibility of what a leaf states beside its score: a target far from its actual (a
mistyped target), and a self-evaluation 执行率 that its own budget figures contradict."""

from __future__ import annotations

from decimal import Decimal

from medaid.evaluation.figures import agrees, precision_of
from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.model import Indicator
from medaid.evaluation.numbers import HUNDRED, fmt, round2
from medaid.evaluation.quantity import Comparator, raw_ratio

# A completion ratio this far from 1 suggests a mistyped target (Hefei: 3304 against 241000).
IMPLAUSIBLE_LOW = Decimal("0.2")
IMPLAUSIBLE_HIGH = Decimal(5)


def target_findings(ind: Indicator) -> list[Finding]:
    """A target far from the actual suggests a typing error (Hefei: 241000 for 3304).

    For an "at most" target only an actual far above it is odd; staying far below a
    ceiling is good performance.
    """
    target, actual = ind.target, ind.actual
    if target is None or actual is None or target.value is None or actual.value is None or target.is_percent:
        return []
    if target.value == 0:  # "=0笔", "≤0起": a count of failures has no completion ratio
        return []
    ratio = raw_ratio(target, actual)
    if ratio is None:
        if not actual.is_percent:  # a percentage actual is the completion rate itself
            return [
                Finding(
                    Severity.INFO,
                    FindingKind.TARGET,
                    ind.path,
                    f"“{ind.name}”指标值单位（{target.unit}）与实际值单位（{actual.unit}）不同，未作比较",
                    where=ind.where,
                )
            ]
        return []
    ceiling = target.comparator in (Comparator.LE, Comparator.LT)
    if ratio > IMPLAUSIBLE_HIGH:
        text = (
            f"“{ind.name}”实际 {fmt(actual.value)}{actual.unit} 为指标值 {target.describe()} 的 "
            f"{round2(ratio):.2f} 倍，" + ("远超上限，请核对单位或数值" if ceiling else "指标值可能设得过低或填写有误")
        )
    elif ratio < IMPLAUSIBLE_LOW and not ceiling:
        text = (
            f"“{ind.name}”实际 {fmt(actual.value)}{actual.unit} 仅为指标值 {target.describe()} 的 "
            f"{round2(ratio * HUNDRED):.2f}%，指标值可能填写有误"
        )
    else:
        return []
    return [
        Finding(
            Severity.WARNING,
            FindingKind.TARGET,
            ind.path,
            text,
            claimed=target.text,
            expected=actual.text,
            where=ind.where,
        )
    ]


def budget_findings(ind: Indicator) -> list[Finding]:
    budget = ind.budget
    if budget is None or budget.rate is None:
        return []
    computed = budget.computed_rate
    if computed is None:
        return []
    if agrees(budget.rate, computed, precision_of(budget.rate_text or fmt(budget.rate))):
        return []
    return [
        Finding(
            Severity.ERROR,
            FindingKind.FIGURE,
            ind.path,
            f"执行率填报 {budget.rate_text}，但全年执行数 {fmt(budget.executed)} ÷ 全年预算数 "
            f"{fmt(budget.annual)} = {round2(computed):.2f}%",
            claimed=budget.rate,
            expected=round2(computed),
            where=ind.where,
        )
    ]
