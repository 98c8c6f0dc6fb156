"""Score a framework: leaves from their rule and actual, nodes as the sum of their children.

Every score carries its reason: the rule, its inputs and the arithmetic. Leaf scores are
rounded to two decimals half-up; subtotals add the rounded leaf scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from medaid.evaluation.model import Framework, Indicator
from medaid.evaluation.numbers import HUNDRED, ZERO, fmt, round2
from medaid.evaluation.rules import Inputs, Outcome, Proportional, Rule


class Source(StrEnum):
    """Where a score came from."""

    RULE = "rule"  # computed by the rule from the actual
    STATED = "stated"  # the entered or printed score (judgement, or a rule that cannot compute)
    SUM = "sum"  # the sum of the children
    MISSING = "missing"  # no score can be had

    @property
    def label(self) -> str:
        return {
            "rule": "按规则计算",
            "stated": "采用填报得分",
            "sum": "下级合计",
            "missing": "缺少得分",
        }[self.value]


# The self-evaluation default, applied when a leaf has a target and an actual but no rule text:
# "定量指标达到指标值得满分，未达到按完成比例计分".
DEFAULT_RULE = Proportional(text="定量指标达到指标值得满分，未达到按完成比例计分", implied=True)


@dataclass
class ScoredNode:
    indicator: Indicator
    score: Decimal | None
    source: Source
    reason: str
    rule: Rule | None = None
    outcome: Outcome | None = None
    children: list[ScoredNode] = field(default_factory=list)

    @property
    def rate(self) -> Decimal | None:
        """得分率 in percentage points."""
        weight = self.indicator.weight
        if self.score is None or not weight:
            return None
        return round2(self.score / weight * HUNDRED)

    def walk(self) -> list[ScoredNode]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class ScoredFramework:
    framework: Framework
    nodes: list[ScoredNode]
    total: Decimal | None
    grade: str | None

    def walk(self) -> list[ScoredNode]:
        out: list[ScoredNode] = []
        for node in self.nodes:
            out.extend(node.walk())
        return out

    @property
    def rate(self) -> Decimal | None:
        weight = self.framework.total_weight
        if self.total is None or not weight:
            return None
        return round2(self.total / weight * HUNDRED)


def inputs_of(node: Indicator) -> Inputs:
    return Inputs(
        weight=node.weight or ZERO,
        target=node.target,
        actual=node.actual,
        stated=node.score,
        note=node.note,
    )


def rule_of(node: Indicator) -> Rule | None:
    """The rule that applies: the written one, else the self-evaluation default when it can work."""
    if node.rule is not None:
        return node.rule
    if node.rule_text is None and node.target is not None and node.actual is not None:
        return DEFAULT_RULE
    return None


def score_leaf(node: Indicator) -> ScoredNode:
    rule = rule_of(node)
    outcome = rule.apply(inputs_of(node)) if rule is not None else None
    stated = node.score
    if rule is not None and outcome is not None and outcome.score is not None and not rule.implied:
        return ScoredNode(
            node,
            round2(outcome.score),
            Source.RULE,
            f"{rule.label}：{outcome.reason}",
            rule,
            outcome,
        )
    if stated is not None:
        if outcome is not None:
            why = f"{rule.label if rule else ''}：{outcome.reason}；采用填报得分 {fmt(stated)} 分"
        elif node.rule_text:
            why = f"评分标准未能识别为规则，采用填报得分 {fmt(stated)} 分"
        else:
            why = f"未写评分标准，采用填报得分 {fmt(stated)} 分"
        if node.note:
            why += f"（{node.note}）"
        return ScoredNode(node, round2(stated), Source.STATED, why, rule, outcome)
    if rule is not None and outcome is not None and outcome.score is not None:
        return ScoredNode(
            node,
            round2(outcome.score),
            Source.RULE,
            f"{rule.label}（默认）：{outcome.reason}",
            rule,
            outcome,
        )
    if outcome is not None:
        why = f"{rule.label if rule else ''}：{outcome.reason}"
    elif node.rule_text:
        why = "评分标准未能识别为规则，且未填报得分"
    else:
        why = "既无评分标准也无得分"
    return ScoredNode(node, None, Source.MISSING, why, rule, outcome)


def score_node(node: Indicator) -> ScoredNode:
    if node.is_leaf:
        return score_leaf(node)
    children = [score_node(child) for child in node.children]
    if any(c.score is None for c in children):
        missing = "、".join(c.indicator.name for c in children if c.score is None)
        return ScoredNode(node, None, Source.MISSING, f"下级指标缺少得分：{missing}", children=children)
    total = round2(sum((c.score or ZERO for c in children), ZERO))
    parts = " + ".join(fmt(c.score) for c in children)
    return ScoredNode(node, total, Source.SUM, f"下级合计 {parts} = {fmt(total)}", children=children)


def score_framework(framework: Framework) -> ScoredFramework:
    nodes = [score_node(node) for node in framework.indicators]
    total: Decimal | None = None
    if nodes and all(n.score is not None for n in nodes):
        total = round2(sum((n.score or ZERO for n in nodes), ZERO))
    elif not nodes and framework.claimed_total is not None:
        total = framework.claimed_total  # a report that publishes only its total
    grade = framework.bands.grade(total) if total is not None else None
    return ScoredFramework(framework, nodes, total, grade)
