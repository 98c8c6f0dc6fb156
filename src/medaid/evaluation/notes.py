"""A typed note that states a number the scored result does not give.

A note (扣分说明, or an evaluator's written reason) may say "…，得3.5分" or "… = 97.50%".
When the score shown is 6, or the actual 100 %, the document contradicts itself: that is
an audit finding, and the note is not repeated as the report's explanation. Only the
note's final stated score ("得X分", "得满分") and its final computed ratio ("甲 ÷ 乙 = P%")
are compared; a note that states neither is not checked.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.numbers import fmt, round2
from medaid.evaluation.scoring import ScoredFramework, ScoredNode, Source

_SCORE = re.compile(r"得\s*(满分|\d+(?:\.\d+)?)\s*分")
# a computed ratio "甲 ÷ 乙 = P%" (not a target such as "指标值 =100%")
_PERCENT = re.compile(r"[÷/][^=；;。，,]*=\s*(\d+(?:\.\d+)?)\s*%")


def _note_of(node: ScoredNode) -> str | None:
    ind = node.indicator
    if node.source in (Source.JUDGED, Source.OVERRIDE) and ind.judgment is not None:
        return ind.judgment.reason
    return ind.note


def check_note(node: ScoredNode) -> list[Finding]:
    note = _note_of(node)
    ind = node.indicator
    if not note or node.children or node.score is None:
        return []
    out = []
    scores = _SCORE.findall(note)
    if scores:
        said = ind.weight if scores[-1] == "满分" else Decimal(scores[-1])
        if said is not None and round2(said) != round2(node.score):
            out.append(Finding(
                Severity.ERROR, FindingKind.NOTE, ind.path,
                f"{ind.name}的说明写得 {fmt(said)} 分，评分为 {fmt(node.score)} 分：“{note}”",
                claimed=said, expected=node.score, where=ind.where,
            ))  # fmt: skip
    percents = _PERCENT.findall(note)
    actual = ind.actual
    if percents and actual is not None and actual.is_percent and actual.value is not None:
        said_pct = Decimal(percents[-1])
        if abs(said_pct - actual.value) >= Decimal("0.01"):
            out.append(Finding(
                Severity.WARNING, FindingKind.NOTE, ind.path,
                f"{ind.name}的说明算得 {fmt(said_pct)}%，实际完成值为 {actual.text}：“{note}”",
                claimed=said_pct, expected=actual.value, where=ind.where,
            ))  # fmt: skip
    return out


def check_notes(scored: ScoredFramework) -> list[Finding]:
    return [f for node in scored.walk() for f in check_note(node)]
