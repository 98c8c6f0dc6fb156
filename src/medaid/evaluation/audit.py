"""The consistency audit (contract 2): recompute every stated number of a scored table.

A finding names its kind, the indicator path, what the report states and what its own
numbers and rules give. Errors are contradictions; warnings are for a person to look at;
infos say what could not be checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from medaid.evaluation.checks import check_node, check_structure
from medaid.evaluation.figures import check_figures
from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.model import FULL_MARKS, Framework
from medaid.evaluation.notes import check_notes
from medaid.evaluation.numbers import ZERO, decimals_of, fmt, round2
from medaid.evaluation.published import Unread
from medaid.evaluation.samples import check_survey
from medaid.evaluation.scoring import ScoredFramework, ScoredNode, in_range, score_framework

TOLERANCE = Decimal("0.005")


@dataclass
class AuditReport:
    scored: ScoredFramework
    findings: list[Finding]
    unread: list[Unread] = field(default_factory=list)  # a Word or PDF report: what was not read (contract 5)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def stated_view(node: ScoredNode) -> Decimal | None:
    """The score the report states for a node, or the sum of what it states below it."""
    ind = node.indicator
    if ind.is_leaf:
        return ind.score
    if ind.claimed.score is not None:
        return ind.claimed.score
    parts = [stated_view(c) for c in node.children]
    if any(p is None for p in parts):
        return None
    return sum((p or ZERO for p in parts), ZERO)


def rate_agrees(stated: Decimal, text: str | None, exact: Decimal) -> bool:
    """A stated 得分率 agrees when rounded half-up or truncated at its own decimals."""
    places = Decimal(1).scaleb(-decimals_of(text or fmt(stated)))
    return stated in (exact.quantize(places, ROUND_HALF_UP), exact.quantize(places, ROUND_DOWN))


def _sums(node: ScoredNode, findings: list[Finding]) -> None:
    ind = node.indicator
    if not ind.is_leaf and ind.claimed.score is not None:
        parts = [stated_view(c) for c in node.children]
        if all(p is not None for p in parts):
            total = sum((p or ZERO for p in parts), ZERO)
            if abs(total - ind.claimed.score) > TOLERANCE:
                shown = " + ".join(fmt(p) for p in parts)
                findings.append(
                    Finding(
                        Severity.ERROR,
                        FindingKind.SCORE_SUM,
                        ind.path,
                        f"“{ind.name}”声明得分 {fmt(ind.claimed.score)} 分，但下级得分合计 {shown} = {fmt(total)} 分",
                        claimed=ind.claimed.score,
                        expected=total,
                        where=ind.where,
                    )
                )
    stated = stated_view(node)
    if ind.claimed.rate is not None and stated is not None and ind.weight:
        exact = stated / ind.weight * Decimal(100)
        if not rate_agrees(ind.claimed.rate, ind.claimed.rate_text, exact):
            findings.append(
                Finding(
                    Severity.ERROR,
                    FindingKind.RATE,
                    ind.path,
                    f"“{ind.name}”声明得分率 {ind.claimed.rate_text}，但 {fmt(stated)} ÷ {fmt(ind.weight)} = "
                    f"{round2(exact):.2f}%",
                    claimed=ind.claimed.rate,
                    expected=round2(exact),
                    where=ind.where,
                )
            )
    for child in node.children:
        _sums(child, findings)


def _root(scored: ScoredFramework, findings: list[Finding]) -> None:
    fw = scored.framework
    claimed = fw.claimed_total
    if not scored.nodes and (claimed is not None or fw.claimed_grade):
        stated = "、".join(
            ([f"总分 {fmt(claimed)} 分"] if claimed is not None else [])
            + ([f"等级“{fw.claimed_grade}”"] if fw.claimed_grade else [])
        )
        findings.append(
            Finding(
                Severity.INFO,
                FindingKind.UNCHECKED,
                (),
                f"无法复核：报告未公布评分表，声明的{stated}无法按指标逐项复核（只核对文中数据）",
                claimed=claimed,
            )
        )
    _total_range(scored, findings)
    views = [stated_view(n) for n in scored.nodes]
    if claimed is not None and scored.nodes and all(v is not None for v in views):
        total = sum((v or ZERO for v in views), ZERO)
        if abs(total - claimed) > TOLERANCE:
            shown = " + ".join(fmt(v) for v in views)
            findings.append(
                Finding(
                    Severity.ERROR,
                    FindingKind.SCORE_SUM,
                    (),
                    f"声明总分 {fmt(claimed)} 分，但一级指标得分合计 {shown} = {fmt(total)} 分",
                    claimed=claimed,
                    expected=total,
                )
            )
        elif scored.total is not None and abs(scored.total - claimed) > TOLERANCE:
            findings.append(
                Finding(
                    Severity.ERROR,
                    FindingKind.SCORE_SUM,
                    (),
                    f"声明总分 {fmt(claimed)} 分，按末级指标得分与评分标准逐项复核后总分为 {fmt(scored.total)} 分",
                    claimed=claimed,
                    expected=scored.total,
                )
            )
    if fw.claimed_grade:
        _grade(scored, fw.claimed_grade, findings)


def _total_range(scored: ScoredFramework, findings: list[Finding]) -> None:
    """A total outside 0–100, stated or recomputed, is impossible: no grade follows from it."""
    claimed, total = scored.framework.claimed_total, scored.total
    top = f"0–{fmt(FULL_MARKS)} 分"
    if claimed is not None and not in_range(claimed):
        findings.append(
            Finding(
                Severity.ERROR,
                FindingKind.SCORE_RANGE,
                (),
                f"声明总分 {fmt(claimed)} 分超出 {top}的范围",
                claimed=claimed,
                expected=max(ZERO, min(claimed, FULL_MARKS)),
            )
        )
    if total is not None and not in_range(total) and (claimed is None or abs(total - claimed) > TOLERANCE):
        findings.append(
            Finding(
                Severity.ERROR,
                FindingKind.SCORE_RANGE,
                (),
                f"按末级指标得分复核的总分 {fmt(total)} 分超出 {top}的范围，不评定等级",
                claimed=total,
                expected=max(ZERO, min(total, FULL_MARKS)),
            )
        )


def _grade(scored: ScoredFramework, stated: str, findings: list[Finding]) -> None:
    fw = scored.framework
    claimed = fw.claimed_total
    grade = fw.bands.canonical(stated)
    if grade is None:
        text = f"声明的等级“{stated}”不属于等级划分（{fw.bands.describe()}）"
        findings.append(Finding(Severity.WARNING, FindingKind.GRADE, (), text, claimed=stated))
    elif claimed is not None and not in_range(claimed):
        text = (
            f"声明总分 {fmt(claimed)} 分超出 0–{fmt(FULL_MARKS)} 分的范围，不属于任何等级，无法核对报告评定的“{stated}”"
        )
        findings.append(Finding(Severity.WARNING, FindingKind.GRADE, (), text, claimed=stated))
    elif claimed is not None and fw.bands.grade(claimed) != grade:
        expected = fw.bands.grade(claimed)
        findings.append(
            Finding(
                Severity.ERROR,
                FindingKind.GRADE,
                (),
                f"总分 {fmt(claimed)} 分应评为“{expected}”，报告评为“{stated}”（{fw.bands.describe()}）",
                claimed=stated,
                expected=expected,
            )
        )
    elif scored.total is not None and not in_range(scored.total):
        text = f"复核总分 {fmt(scored.total)} 分超出 0–{fmt(FULL_MARKS)} 分的范围，无法据此核对报告评定的“{stated}”"
        findings.append(Finding(Severity.WARNING, FindingKind.GRADE, (), text, claimed=stated))
    elif scored.grade is not None and scored.grade != grade:
        findings.append(
            Finding(
                Severity.WARNING,
                FindingKind.GRADE,
                (),
                f"按复核总分 {fmt(scored.total)} 分应评为“{scored.grade}”，报告评为“{stated}”",
                claimed=stated,
                expected=scored.grade,
            )
        )


def _unknown_weights(scored: ScoredFramework, findings: list[Finding]) -> list[Finding]:
    """Rows a table prints no 分值 for (a 自评表 that prints each row's 得分 but spreads its block's
    80 points unsaid, or a table of targets and actuals): no weight is invented, so their scores
    are not held against one; said once, with the rows."""
    nodes = scored.framework.walk()
    unknown = {n.path for n in nodes if n.weight is None}
    if not unknown:
        return findings
    kept = [f for f in findings if not (f.kind is FindingKind.SCORE_RANGE and f.path in unknown)]
    leaves = [n for n in nodes if n.is_leaf and n.weight is None]
    scored_leaves = [n for n in leaves if n.score is not None]
    if scored_leaves:
        names = "、".join(n.name for n in scored_leaves[:5]) + ("等" if len(scored_leaves) > 5 else "")
        text = (
            f"表中没有分值列：{len(scored_leaves)} 项指标（{names}）的分值未印出，由评价人员确定；"
            "其得分只计入合计，未按分值核对"
        )
        kept.append(Finding(Severity.INFO, FindingKind.UNCHECKED, (), text))
    return kept


def audit(framework: Framework) -> AuditReport:
    """Score a framework and report every inconsistency found in what it states."""
    scored = score_framework(framework)
    findings: list[Finding] = []
    findings.extend(check_structure(scored))
    for node in scored.nodes:
        _sums(node, findings)
        for each in node.walk():
            findings.extend(check_node(each, framework))
    _root(scored, findings)
    findings.extend(check_figures(framework.figures))
    findings.extend(check_notes(scored))
    if framework.survey is not None:
        findings.extend(check_survey(framework.survey))
    findings = _unknown_weights(scored, findings)
    unread: list[Unread] = []
    if framework.published is not None:
        from medaid.evaluation.text_audit import locate, text_findings  # it builds on this module

        findings.extend(text_findings(scored))
        findings = locate(findings, framework)
        unread = framework.published.unread
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    findings.sort(key=lambda f: order[f.severity])
    return AuditReport(scored, findings, unread)
