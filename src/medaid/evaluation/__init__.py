"""The evaluation engine: frameworks, Chinese scoring rules, grades and a consistency audit.

This package imports no web, CLI or document library.
"""

from medaid.evaluation.audit import AuditReport, audit
from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.loading import InvalidFramework, load_framework
from medaid.evaluation.model import Framework, Indicator, Kind
from medaid.evaluation.result import audit_dict, scored_dict
from medaid.evaluation.scoring import ScoredFramework, ScoredNode, score_framework

__all__ = [
    "AuditReport",
    "Finding",
    "FindingKind",
    "Framework",
    "Indicator",
    "InvalidFramework",
    "Kind",
    "ScoredFramework",
    "ScoredNode",
    "Severity",
    "audit",
    "audit_dict",
    "load_framework",
    "score_framework",
    "scored_dict",
]
