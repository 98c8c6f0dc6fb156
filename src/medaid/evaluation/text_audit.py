"""The audit of a published report's text (contract 5): each number its text states, against
its score table and against the arithmetic.

- a subtotal "过程（分值 35 分，得分 34 分）": the 分值 against the indicator's weight, the 得分
  against what the table states for it (its subtotal in the 一级指标 table, or the sum of the
  scores below it, or a leaf's score);
- a rate "得分率 97.14%": against that score ÷ the weight (rounded or cut at the stated decimals);
- a total "综合得分为 93.6 分": against the table's 合计 (or the sum of the dimensions' scores);
- a leaf's score "医疗救助人次得 0 分（满分 5 分，扣 5 分）", "X：满分 3 分，…得 2.91 分": the 满分
  against the weight, the score (or 满分 − 扣分) against the table's, and 满分 − 扣分 = 得分;
  "得满分" against the table's score being the weight;
- a value "实际完成值 1,588人次", "综合满意度为 84.57%": against the table's 实际完成值 (the same
  number, at the coarser of the two precisions);
- a grade: the first one stated is the report's grade (checked against the bands by the
  audit); a later one that differs is a contradiction of the text with itself.

A disagreement is a finding of kind ``text`` (``grade`` for the grade) with the paragraph or
page it was read from. A 一级指标 table that disagrees with the score table on a weight or the
total is ``weight_sum`` or ``score_sum``, with its table row. Findings of the table get the
row they are about too (``locate``).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from medaid.evaluation.audit import TOLERANCE, rate_agrees, stated_view
from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.model import Framework
from medaid.evaluation.numbers import ZERO, fmt, round2
from medaid.evaluation.published import Published, Statement, StatementKind, same_quantity
from medaid.evaluation.scoring import ScoredFramework, ScoredNode


def _said(statement: Statement) -> str:
    if statement.place.in_table:
        return f"一级指标汇总表{statement.place.describe()}"
    return f"正文{statement.place.describe()}"


def _table_words(node: ScoredNode, value: Decimal) -> str:
    ind = node.indicator
    if ind.is_leaf or ind.claimed.score is not None:
        return f"评分表为 {fmt(value)} 分"
    if stated_view(node) is not None:
        return f"评分表下级得分合计为 {fmt(value)} 分"
    return f"按评分表复核为 {fmt(value)} 分"


def _table_score(node: ScoredNode) -> Decimal | None:
    stated = stated_view(node)
    return stated if stated is not None else node.score


def _subtotal(statement: Statement, node: ScoredNode) -> list[Finding]:
    ind, out = node.indicator, []
    said, quote = _said(statement), f"（原文：“{statement.quote}”）"
    if statement.weight is not None and ind.weight is not None and statement.weight != ind.weight:
        kind = FindingKind.WEIGHT_SUM if statement.place.in_table else FindingKind.TEXT
        text = f"{said}称“{ind.name}”分值 {fmt(statement.weight)} 分，评分表为 {fmt(ind.weight)} 分"
        out.append(
            Finding(Severity.ERROR, kind, ind.path, text + (quote if kind is FindingKind.TEXT else ""),
                    claimed=statement.weight, expected=ind.weight, location=statement.place)
        )  # fmt: skip
    table = _table_score(node)
    if statement.score is not None and table is not None and abs(statement.score - table) > TOLERANCE:
        text = f"{said}称“{ind.name}”得分 {fmt(statement.score)} 分，{_table_words(node, table)}{quote}"
        out.append(
            Finding(Severity.ERROR, FindingKind.TEXT, ind.path, text,
                    claimed=statement.score, expected=table, location=statement.place)
        )  # fmt: skip
    return out


def _leaf(statement: Statement, node: ScoredNode) -> list[Finding]:
    """A leaf's score as the text states it: its 满分, its score (or 满分 − 扣分), "得满分"."""
    ind, table = node.indicator, _table_score(node)
    weight, score, deduction = statement.weight, statement.score, statement.deduction
    out = []

    def found(words: str, claimed: Decimal, expected: Decimal) -> None:
        text = f"{_said(statement)}称“{ind.name}”{words}（原文：“{statement.quote}”）"
        out.append(Finding(Severity.ERROR, FindingKind.TEXT, ind.path, text, claimed=claimed, expected=expected,
                           location=statement.place))  # fmt: skip

    full_marks = score if statement.full and score != weight else None  # "得满分 6 分" after "满分 5 分"
    for stated in (weight, full_marks):
        if stated is not None and ind.weight is not None and stated != ind.weight:
            found(f"满分 {fmt(stated)} 分，评分表分值为 {fmt(ind.weight)} 分", stated, ind.weight)
    if statement.full:
        if table is not None and ind.weight is not None and abs(table - ind.weight) > TOLERANCE:
            found(f"得满分，{_table_words(node, table)}（分值 {fmt(ind.weight)} 分）", ind.weight, table)
        return out
    if weight is not None and deduction is not None:
        rest = weight - deduction
        if score is not None and abs(rest - score) > TOLERANCE:  # which of its numbers is the slip is not said
            words = f"满分 {fmt(weight)} 分、扣 {fmt(deduction)} 分、得 {fmt(score)} 分"
            found(f"{words}，但 {fmt(weight)} − {fmt(deduction)} = {fmt(rest)}", score, rest)
            return out
        if score is None:
            score = rest
    words = f"得分 {fmt(score)} 分" if statement.score is not None else f"满分 {fmt(weight)} 分、扣 {fmt(deduction)} 分"
    if score is not None and table is not None and abs(score - table) > TOLERANCE:
        found(f"{words}，{_table_words(node, table)}", score, table)
    return out


def _actual(statement: Statement, node: ScoredNode) -> list[Finding]:
    """A value the text states against the table's 实际完成值."""
    ind = node.indicator
    if statement.value is None or ind.actual is None or same_quantity(statement.value, ind.actual.text) is not False:
        return []
    text = (
        f"{_said(statement)}称“{ind.name}”实际完成值 {statement.value}，评分表为 {ind.actual.text}"
        f"（原文：“{statement.quote}”）"
    )
    return [
        Finding(Severity.ERROR, FindingKind.TEXT, ind.path, text,
                claimed=statement.value, expected=ind.actual.text, location=statement.place)
    ]  # fmt: skip


def _rate(statement: Statement, node: ScoredNode) -> list[Finding]:
    ind, score = node.indicator, _table_score(node)
    if statement.rate is None or score is None or not ind.weight:
        return []
    exact = score / ind.weight * Decimal(100)
    if rate_agrees(statement.rate, statement.rate_text, exact):
        return []
    text = (
        f"{_said(statement)}称“{ind.name}”得分率 {statement.rate_text}，但评分表得分 {fmt(score)} ÷ 分值 "
        f"{fmt(ind.weight)} = {round2(exact):.2f}%（原文：“{statement.quote}”）"
    )
    return [
        Finding(Severity.ERROR, FindingKind.TEXT, ind.path, text,
                claimed=statement.rate, expected=round2(exact), location=statement.place)
    ]  # fmt: skip


def _total(statement: Statement, scored: ScoredFramework, published: Published) -> list[Finding]:
    fw = scored.framework
    if statement is published.total_from_text or statement.score is None:
        return []
    reference, words = fw.claimed_total, "评分表合计为"
    if published.total_from_text is not None:
        words = f"{published.total_from_text.place.describe()}称"
    if reference is None:
        views = [stated_view(n) for n in scored.nodes]
        if scored.nodes and all(v is not None for v in views):
            reference, words = sum((v or ZERO for v in views), ZERO), "评分表一级指标得分合计为"
        else:
            reference, words = scored.total, "按评分表复核为"
    if reference is None or abs(statement.score - reference) <= TOLERANCE:
        return []
    stated = fmt(statement.score)
    if statement.place.in_table:
        kind, text = FindingKind.SCORE_SUM, f"{_said(statement)}合计 {stated} 分，评分表合计为 {fmt(reference)} 分"
    else:
        kind = FindingKind.TEXT
        text = f"{_said(statement)}称总分 {stated} 分，{words} {fmt(reference)} 分（原文：“{statement.quote}”）"
    return [Finding(Severity.ERROR, kind, (), text, claimed=statement.score, expected=reference,
                    location=statement.place)]  # fmt: skip


def _grade(statement: Statement, framework: Framework, first: Statement | None) -> list[Finding]:
    if first is None or statement is first or statement.grade is None or first.grade is None:
        return []
    bands = framework.bands
    if bands.canonical(statement.grade) == bands.canonical(first.grade):
        return []
    text = (
        f"正文{statement.place.describe()}称等级为“{statement.grade}”，"
        f"而{first.place.describe()}称“{first.grade}”（原文：“{statement.quote}”）"
    )
    return [Finding(Severity.ERROR, FindingKind.GRADE, (), text, claimed=statement.grade, expected=first.grade,
                    location=statement.place)]  # fmt: skip


def text_findings(scored: ScoredFramework) -> list[Finding]:
    """Every statement of a published report's text that its table or the arithmetic contradicts."""
    published = scored.framework.published
    if published is None:
        return []
    nodes = {n.indicator.path: n for n in scored.walk()}
    out: list[Finding] = []
    for statement in published.statements:
        node = nodes.get(statement.path)
        if statement.kind is StatementKind.SUBTOTAL and node is not None:
            out.extend(_subtotal(statement, node))
        elif statement.kind is StatementKind.RATE and node is not None:
            out.extend(_rate(statement, node))
        elif statement.kind is StatementKind.LEAF and node is not None:
            out.extend(_leaf(statement, node))
        elif statement.kind is StatementKind.ACTUAL and node is not None:
            out.extend(_actual(statement, node))
        elif statement.kind is StatementKind.TOTAL:
            out.extend(_total(statement, scored, published))
        elif statement.kind is StatementKind.GRADE:
            out.extend(_grade(statement, scored.framework, published.grade_from_text))
    return out


_CLAIMS = (FindingKind.SCORE_SUM, FindingKind.RATE, FindingKind.SCORE_RANGE)


def locate(findings: list[Finding], framework: Framework) -> list[Finding]:
    """The place in a published report each finding is about: the row of its indicator (of the
    一级指标 table for a claimed subtotal or rate), the row or sentence of the claimed total, the
    sentence of the claimed grade."""
    published = framework.published
    if published is None:
        return findings
    out = []
    for finding in findings:
        place = finding.location
        if place is None and finding.kind in _CLAIMS and finding.path in published.claims:
            place = published.claims[finding.path]  # the subtotal or rate of the 一级指标 table
        elif place is None and finding.path:
            place = published.rows.get(finding.path)
        elif place is None and finding.kind is FindingKind.GRADE and published.grade_from_text is not None:
            place = published.grade_from_text.place
        elif (
            place is None
            and finding.kind in (FindingKind.SCORE_SUM, FindingKind.SCORE_RANGE)
            and finding.claimed is not None
            and finding.claimed == framework.claimed_total
        ):
            place = published.rows.get(())  # about the claimed total: where it is stated
        out.append(finding if place is None else replace(finding, location=place))
    return out
