"""Checks of one node and of the tree's structure, used by the audit and by scoring."""

from __future__ import annotations

from decimal import Decimal

from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.judged_checks import TOLERANCE, judged_findings, pending_finding
from medaid.evaluation.model import Framework, Indicator, Kind
from medaid.evaluation.numbers import HUNDRED, ZERO, fmt, round2
from medaid.evaluation.plausibility import budget_findings, target_findings
from medaid.evaluation.quantity import is_met
from medaid.evaluation.rules import Manual, Rule
from medaid.evaluation.scoring import ScoredFramework, ScoredNode, Source

# 财预〔2020〕10号: 产出、效益指标权重原则上不低于60%.
OUTPUT_BENEFIT_MIN = Decimal(60)


def _weight_sum(node: Indicator, findings: list[Finding]) -> None:
    if node.children and not node.weight_inferred and node.weight is not None:
        total = sum((c.weight or ZERO for c in node.children), ZERO)
        if total != node.weight:
            parts = " + ".join(fmt(c.weight) for c in node.children)
            findings.append(
                Finding(
                    Severity.ERROR,
                    FindingKind.WEIGHT_SUM,
                    node.path,
                    f"“{node.name}”分值为 {fmt(node.weight)} 分，但下级分值合计 {parts} = {fmt(total)} 分",
                    claimed=node.weight,
                    expected=total,
                    where=node.where,
                )
            )
    for child in node.children:
        _weight_sum(child, findings)


def check_structure(scored: ScoredFramework) -> list[Finding]:
    fw = scored.framework
    findings: list[Finding] = []
    for node in fw.indicators:
        _weight_sum(node, findings)
    total = fw.total_weight
    if fw.indicators and not fw.partial and total != HUNDRED:
        parts = " + ".join(fmt(n.weight) for n in fw.indicators)
        findings.append(
            Finding(
                Severity.ERROR,
                FindingKind.WEIGHT_SUM,
                (),
                f"一级指标分值合计 {parts} = {fmt(total)} 分，应为 100 分",
                claimed=HUNDRED,
                expected=total,
            )
        )
    if fw.kind is Kind.FINANCIAL and fw.indicators:
        share = sum(
            (n.weight or ZERO for n in fw.indicators if any(w in n.name for w in ("产出", "效益", "效果"))),
            ZERO,
        )
        if total and share / total * HUNDRED < OUTPUT_BENEFIT_MIN:
            findings.append(
                Finding(
                    Severity.WARNING,
                    FindingKind.STRUCTURE,
                    (),
                    f"财政评价中产出、效益指标合计 {fmt(share)} 分，低于《项目支出绩效评价管理办法》"
                    f"（财预〔2020〕10号）要求的 60%",
                    expected=OUTPUT_BENEFIT_MIN,
                    claimed=share,
                )
            )
    return findings


def check_node(node: ScoredNode, framework: Framework) -> list[Finding]:
    ind = node.indicator
    out: list[Finding] = []
    weight = ind.weight or ZERO
    judgment = ind.judgment if ind.is_leaf else None
    stated = judgment.score if judgment is not None else ind.stated_score
    if stated is not None and (stated < 0 or stated > weight):
        who = "评价人员评分" if judgment is not None else "得分"
        out.append(
            Finding(
                Severity.ERROR,
                FindingKind.SCORE_RANGE,
                ind.path,
                f"“{ind.name}”{who} {fmt(stated)} 分超出 0–{fmt(weight)} 分的范围",
                claimed=stated,
                expected=max(ZERO, min(stated, weight)),
                where=ind.where,
            )
        )
    out.extend(_computed_range(node, weight))
    if ind.budget is not None:
        out.extend(budget_findings(ind))
    if not ind.is_leaf:
        return out
    rule, outcome = node.rule, node.outcome
    if rule is not None and not rule.implied:
        out.extend(_rule_weight(ind, rule, weight))
    if judgment is not None:
        out.extend(judged_findings(node, judgment))
    elif rule is not None and outcome is not None and stated is not None:
        out.extend(_rule(ind, stated, rule, outcome.score, outcome.allowed, outcome.alternatives))
    if ind.rule_text and ind.rule is None:
        fallback = "采用评价人员评分" if judgment is not None else "采用填报得分"
        out.append(
            Finding(
                Severity.ERROR if stated is None else Severity.INFO,
                FindingKind.RULE_UNPARSED,
                ind.path,
                f"评分标准“{_short(ind.rule_text)}”不是可识别的句式，"
                + ("且未填报得分，无法计分" if stated is None else f"无法按规则复核，{fallback}")
                + "；如需复核，请改写为支持的句式或结构化规则（见 docs/rules.md）",
                where=ind.where,
            )
        )
    elif node.source is Source.MISSING:
        out.append(
            Finding(
                Severity.INFO if framework.partial or is_template(framework) else Severity.ERROR,
                FindingKind.MISSING_SCORE,
                ind.path,
                f"“{ind.name}”无法计分：{node.reason}",
                where=ind.where,
            )
        )
    elif node.source is Source.PENDING:
        out.append(pending_finding(node))
    out.extend(target_findings(ind))
    out.extend(core_findings(ind))
    if judgment is None and stated is not None and stated < weight and not ind.note:
        manual = isinstance(rule, Manual)
        out.append(
            Finding(
                Severity.ERROR if manual else Severity.INFO,
                FindingKind.REASON,
                ind.path,
                f"“{ind.name}”扣 {fmt(weight - stated)} 分，但未写扣分说明",
                claimed=stated,
                where=ind.where,
            )
        )
    return out


def core_findings(ind: Indicator) -> list[Finding]:
    """A core indicator (是否核心指标: 是) that missed its target must say why: its 偏差原因 is what the
    finance bureau reads first. Met, not comparable, or explained: nothing to say."""
    if not ind.core or ind.note or ind.target is None or ind.actual is None:
        return []
    if is_met(ind.target, ind.actual) is not False:
        return []
    return [
        Finding(
            Severity.WARNING,
            FindingKind.REASON,
            ind.path,
            f"核心指标“{ind.name}”实际完成值 {ind.actual.text} 未达到指标值 {ind.target.text}，但未写偏差原因",
            where=ind.where,
        )
    ]


def _computed_range(node: ScoredNode, weight: Decimal) -> list[Finding]:
    """A node whose children's scores add up to more than its weight (or below 0)."""
    ind, score = node.indicator, node.score
    if ind.is_leaf or score is None or ZERO <= score <= weight:
        return []
    if ind.claimed.score is not None and abs(ind.claimed.score - score) <= TOLERANCE:
        return []  # the stated subtotal is the same number, already reported
    return [
        Finding(
            Severity.ERROR,
            FindingKind.SCORE_RANGE,
            ind.path,
            f"“{ind.name}”下级得分合计 {fmt(score)} 分，超出 0–{fmt(weight)} 分的范围",
            claimed=score,
            expected=max(ZERO, min(score, weight)),
            where=ind.where,
        )
    ]


def _rule_weight(ind: Indicator, rule: Rule, weight: Decimal) -> list[Finding]:
    full, top = rule.full_marks(), rule.top_of_range()
    if full is not None and full != weight:
        text, expected = f"“{ind.name}”分值 {fmt(weight)} 分，但评分标准的满分为 {fmt(full)} 分", full
    elif top is not None and top > weight:
        text, expected = f"“{ind.name}”分值 {fmt(weight)} 分，但评分标准允许给到 {fmt(top)} 分", top
    else:
        return []
    return [Finding(Severity.ERROR, FindingKind.RULE_WEIGHT, ind.path, text, claimed=weight, expected=expected,
                    where=ind.where)]  # fmt: skip


def is_template(framework: Framework) -> bool:
    """A framework with no score, no actual and no judgment anywhere is a template to be filled."""
    return not any(n.score is not None or n.actual is not None or n.judgment is not None for n in framework.walk())


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _rule(
    ind: Indicator,
    stated: Decimal,
    rule: Rule,
    score: Decimal | None,
    allowed: tuple[Decimal, Decimal] | None,
    alternatives: dict[str, Decimal],
) -> list[Finding]:
    if score is not None:
        expected = round2(score)
        if abs(stated - expected) <= TOLERANCE:
            return []
        readings = [k for k, v in alternatives.items() if abs(round2(v) - stated) <= TOLERANCE]
        if rule.implied:
            severity, kind = Severity.WARNING, FindingKind.TARGET
            text = f"“{ind.name}”按完成比例应得 {fmt(expected)} 分，填报 {fmt(stated)} 分（表中未写评分标准，仅供核对）"
        elif readings and rule.reading_option:
            severity, kind = Severity.WARNING, FindingKind.RULE
            theirs = "、".join(rule.reading_name(r) for r in readings)
            text = (
                f"“{ind.name}”按评分标准（{rule.reading()}）应得 {fmt(expected)} 分，填报 {fmt(stated)} 分"
                f"与“{theirs}”的读法一致；评分标准未写明读法，请在规则中注明（如 {rule.reading_option}）"
            )
        else:
            severity, kind = Severity.ERROR, FindingKind.RULE
            text = f"“{ind.name}”按评分标准应得 {fmt(expected)} 分，填报 {fmt(stated)} 分"
        return [Finding(severity, kind, ind.path, text, claimed=stated, expected=expected, where=ind.where)]
    if allowed is not None and not (allowed[0] - TOLERANCE <= stated <= allowed[1] + TOLERANCE):
        return [
            Finding(
                Severity.ERROR,
                FindingKind.RULE,
                ind.path,
                f"“{ind.name}”填报 {fmt(stated)} 分，超出评分标准允许的 {fmt(allowed[0])}–{fmt(allowed[1])} 分",
                claimed=stated,
                expected=f"{fmt(allowed[0])}–{fmt(allowed[1])}",
                where=ind.where,
            )
        ]
    return []
