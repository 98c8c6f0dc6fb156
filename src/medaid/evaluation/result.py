"""JSON shapes of a scored framework and of an audit (contract 2)."""

from __future__ import annotations

from decimal import Decimal

from medaid.evaluation.audit import AuditReport
from medaid.evaluation.scoring import ScoredFramework, ScoredNode, Source

JUDGED_SOURCES = (Source.JUDGED, Source.OVERRIDE)


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def node_dict(node: ScoredNode) -> dict[str, object]:
    ind = node.indicator
    out: dict[str, object] = {
        "name": ind.name,
        "path": list(ind.path),
        "weight": number(ind.weight),
        "score": number(node.score),
        "rate": number(node.rate),
        "source": node.source.value,
        "reason": node.reason,
    }
    if ind.stated_score is not None:
        out["stated"] = number(ind.stated_score)
    if ind.target is not None:
        out["target"] = ind.target.to_dict()
    if ind.actual is not None:
        out["actual"] = ind.actual.to_dict()
    if node.rule is not None:
        out["rule"] = node.rule.to_dict()
    elif ind.rule_text:
        out["rule"] = {"type": "not_understood", "text": ind.rule_text}
    if node.outcome is not None and node.outcome.allowed is not None:
        low, high = node.outcome.allowed
        out["allowed"] = [number(low), number(high)]
    if ind.note:
        out["note"] = ind.note
    if ind.evidence:
        out["evidence"] = ind.evidence
    if ind.metric:
        out["metric"] = ind.metric
    if ind.is_leaf and ind.judgment is not None:
        out["judgment"] = ind.judgment.to_dict()
        if node.automatic is not None:
            out["automatic_score"] = number(node.automatic)
    if node.children:
        out["children"] = [node_dict(c) for c in node.children]
    return out


def judgment_dict(node: ScoredNode) -> dict[str, object]:
    """A judged or overridden leaf, for the audit's list of judgments."""
    ind = node.indicator
    out: dict[str, object] = {
        "name": ind.name,
        "path": list(ind.path),
        "score": number(node.score),
        "source": node.source.value,
        "judgment": ind.judgment.to_dict() if ind.judgment is not None else None,
    }
    if node.automatic is not None:
        out["automatic_score"] = number(node.automatic)
    return out


def scored_dict(scored: ScoredFramework) -> dict[str, object]:
    fw = scored.framework
    return {
        "title": fw.title,
        "kind": fw.kind.value if fw.kind else None,
        "region": fw.region,
        "year": fw.year,
        "source": fw.source,
        "total": number(scored.total),
        "grade": scored.grade,
        "total_reason": scored.reason,
        "rate": number(scored.rate),
        "bands": [{"grade": b.grade, "min": number(b.low)} for b in fw.bands.bands],
        "claimed": {"total": number(fw.claimed_total), "grade": fw.claimed_grade},
        "indicators": [node_dict(n) for n in scored.nodes],
    }


def audit_dict(report: AuditReport) -> dict[str, object]:
    fw = report.scored.framework
    return {
        "findings": [f.to_dict() for f in report.findings],
        "computed": {"total": number(report.scored.total), "grade": report.scored.grade},
        "claimed": {"total": number(fw.claimed_total), "grade": fw.claimed_grade},
        "total_reason": report.scored.reason,
        "judgments": [judgment_dict(n) for n in report.scored.walk() if n.source in JUDGED_SOURCES],
        "pending": [list(n.indicator.path) for n in report.scored.pending],
        "unread": [u.to_dict() for u in report.unread],
        "title": fw.title,
        "file": fw.file,
    }
