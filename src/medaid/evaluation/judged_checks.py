"""Findings about evaluators' judgments (评价人员评分): an adjustment of a rule's automatic
score is reported for the record (info, never an error: self-evaluation forms give 9 of 10
to a met target, 酌情扣分); a judged score outside what the rule allows is an error; a leaf
still waiting for a judgment says how to enter one (info)."""

from __future__ import annotations

from decimal import Decimal

from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.model import Judgment
from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules import Outcome
from medaid.evaluation.scoring import ScoredNode, Source

TOLERANCE = Decimal("0.005")


def judge_command(path: tuple[str, ...]) -> str:
    """How a user enters a judgment for the leaf at ``path`` (the CLI of the workspace)."""
    return f'用 medaid judge 工作区 "{"/".join(path)}" --score 分数 --reason 理由 录入'


def allowed_by_rule(outcome: Outcome | None, weight: Decimal) -> tuple[Decimal, Decimal] | None:
    """The range a rule leaves to the evaluator, within 0..weight; None if it says nothing."""
    if outcome is None or outcome.allowed is None:
        return None
    low, high = outcome.allowed
    return max(low, ZERO), min(high, weight)


def judged_findings(node: ScoredNode, judgment: Judgment) -> list[Finding]:
    ind = node.indicator
    out: list[Finding] = []
    if node.source is Source.OVERRIDE and node.automatic is not None:
        same = "（与自动得分相同）" if abs(node.automatic - judgment.score) <= TOLERANCE else ""
        out.append(
            Finding(
                Severity.INFO,
                FindingKind.OVERRIDE,
                ind.path,
                f"“{ind.name}”按评分标准自动得分 {fmt(node.automatic)} 分，评价人员调整为 "
                f"{fmt(judgment.score)} 分{same}：{judgment.signed()}",
                claimed=judgment.score,
                expected=node.automatic,
                where=ind.where,
            )
        )
    allowed = node.outcome.allowed if node.outcome is not None else None
    if allowed is not None and not (allowed[0] - TOLERANCE <= judgment.score <= allowed[1] + TOLERANCE):
        out.append(
            Finding(
                Severity.ERROR,
                FindingKind.RULE,
                ind.path,
                f"“{ind.name}”评价人员评分 {fmt(judgment.score)} 分，超出评分标准允许的 "
                f"{fmt(allowed[0])}–{fmt(allowed[1])} 分",
                claimed=judgment.score,
                expected=f"{fmt(allowed[0])}–{fmt(allowed[1])}",
                where=ind.where,
            )
        )
    return out


def pending_finding(node: ScoredNode) -> Finding:
    """A leaf whose rule needs an evaluator's judgment and that has none yet."""
    ind = node.indicator
    weight = ind.weight or ZERO
    low, high = allowed_by_rule(node.outcome, weight) or (ZERO, weight)
    return Finding(
        Severity.INFO,
        FindingKind.PENDING,
        ind.path,
        f"“{ind.name}”{node.reason}（可评 {fmt(low)}–{fmt(high)} 分）。{judge_command(ind.path)}",
        where=ind.where,
    )
