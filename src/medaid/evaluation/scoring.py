"""Score a framework: leaves from their rule and actual, nodes as the sum of their children.

Every score carries its reason: the rule, its inputs and the arithmetic. Leaf scores are
rounded to two decimals half-up; subtotals add the rounded leaf scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from medaid.evaluation.actual_text import apply_rule
from medaid.evaluation.model import FULL_MARKS, Framework, Indicator, Judgment
from medaid.evaluation.numbers import HUNDRED, ZERO, fmt, round2
from medaid.evaluation.rules import Inputs, Outcome, Proportional, Rule


class Source(StrEnum):
    """Where a score came from."""

    RULE = "rule"  # computed by the rule from the actual
    STATED = "stated"  # the entered or printed score (judgement, or a rule that cannot compute)
    SUM = "sum"  # the sum of the children
    MISSING = "missing"  # no score can be had
    JUDGED = "judged"  # an evaluator's judgment, where the rule needs a person (or there is none)
    OVERRIDE = "override"  # an evaluator's judgment replacing the score the rule computes
    PENDING = "pending"  # the rule needs an evaluator's judgment and none is given yet

    @property
    def label(self) -> str:
        return {
            "rule": "按规则计算",
            "stated": "采用填报得分",
            "sum": "下级合计",
            "missing": "缺少得分",
            "judged": "评价人员评分",
            "override": "评价人员调整",
            "pending": "待评价人员评分",
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
    automatic: Decimal | None = None  # the rule's own score, when an evaluator overrode it

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
    reason: str = ""  # how the total and grade were had, or why there is none

    def walk(self) -> list[ScoredNode]:
        out: list[ScoredNode] = []
        for node in self.nodes:
            out.extend(node.walk())
        return out

    @property
    def pending(self) -> list[ScoredNode]:
        """Leaves waiting for an evaluator's judgment."""
        return [n for n in self.walk() if n.indicator.is_leaf and n.source is Source.PENDING]

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


def _judged(node: Indicator, rule: Rule | None, outcome: Outcome | None, judgment: Judgment) -> ScoredNode:
    """A judgment scores the leaf; over a rule that computes a score it is an override."""
    score = round2(judgment.score)
    stated = f"（填报得分 {fmt(node.score)} 分）" if node.score is not None else ""
    if rule is not None and outcome is not None and outcome.score is not None:
        automatic = round2(outcome.score)
        label = f"{rule.label}（默认）" if rule.implied else rule.label
        why = (
            f"{label}：{outcome.reason}，自动得分 {fmt(automatic)} 分{stated}；"
            f"评价人员调整为 {fmt(score)} 分：{judgment.signed()}"
        )
        return ScoredNode(node, score, Source.OVERRIDE, why, rule, outcome, automatic=automatic)
    why = f"评价人员评分 {fmt(score)} 分：{judgment.signed()}"
    if stated:
        why += f"；取代{stated[1:-1]}"
    return ScoredNode(node, score, Source.JUDGED, why, rule, outcome)


def score_leaf(node: Indicator) -> ScoredNode:
    rule = rule_of(node)
    outcome = apply_rule(rule, inputs_of(node)) if rule is not None else None  # actual read from the note
    if node.judgment is not None:
        return _judged(node, rule, outcome, node.judgment)
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
    if rule is not None and outcome is not None and outcome.needs_judgement:
        return ScoredNode(node, None, Source.PENDING, f"{rule.label}：{outcome.reason}；待评价人员评分", rule, outcome)
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
    missing = [c for c in children if c.score is None]
    if missing:
        names = "、".join(c.indicator.name for c in missing)
        if all(c.source is Source.PENDING for c in missing):
            return ScoredNode(node, None, Source.PENDING, f"下级指标待评价人员评分：{names}", children=children)
        return ScoredNode(node, None, Source.MISSING, f"下级指标缺少得分：{names}", children=children)
    total = round2(sum((c.score or ZERO for c in children), ZERO))
    parts = " + ".join(fmt(c.score) for c in children)
    return ScoredNode(node, total, Source.SUM, f"下级合计 {parts} = {fmt(total)}", children=children)


def _names(nodes: list[ScoredNode], limit: int = 5) -> str:
    shown = "、".join("/".join(n.indicator.path) for n in nodes[:limit])
    return shown + ("等" if len(nodes) > limit else "")


def in_range(total: Decimal) -> bool:
    """A total a grade can be given to: 0 to the full marks of the grade scale (100)."""
    return ZERO <= total <= FULL_MARKS


def score_framework(framework: Framework) -> ScoredFramework:
    nodes = [score_node(node) for node in framework.indicators]
    if not nodes:  # a report that publishes only its total: nothing to recompute
        return ScoredFramework(framework, nodes, None, None, "报告未公布评分表，无法复核总分")
    if any(n.score is None for n in nodes):
        leaves = [n for node in nodes for n in node.walk() if n.indicator.is_leaf and n.score is None]
        pending = [n for n in leaves if n.source is Source.PENDING]
        missing = [n for n in leaves if n.source is not Source.PENDING]
        parts = [f"{len(missing)} 项指标缺少得分（{_names(missing)}）"] if missing else []
        if pending:
            parts.append(f"{len(pending)} 项指标待评价人员评分（{_names(pending)}）")
        return ScoredFramework(framework, nodes, None, None, "；".join(parts) + "，总分暂无法合计")
    total = round2(sum((n.score or ZERO for n in nodes), ZERO))
    sum_text = f"一级指标得分合计 {' + '.join(fmt(n.score) for n in nodes)} = {fmt(total)} 分"
    if not in_range(total):
        return ScoredFramework(
            framework, nodes, total, None, f"{sum_text}，超出 0–{fmt(FULL_MARKS)} 分的范围，不评定等级"
        )
    grade = framework.bands.grade(total)
    return ScoredFramework(framework, nodes, total, grade, f"{sum_text}，评为“{grade}”（{framework.bands.describe()}）")
