"""The evaluation engine: frameworks, Chinese scoring rules, grades and a consistency audit.

This package imports no web, CLI or document library, with one exception held by
.importlinter: the two readers of published reports (``loading/published_docx.py`` with
python-docx, ``loading/published_pdf.py`` with pdfplumber) turn a .docx or .pdf into plain
rows and texts for contract 5; nothing else here touches a document library.
"""

from medaid.evaluation.audit import AuditReport, audit
from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.judging import JudgmentError, apply_judgments, check_judgment, find_indicator, parse_path
from medaid.evaluation.loading import InvalidFramework, load_framework
from medaid.evaluation.model import Evidence, Framework, Indicator, Judgment, Kind, Survey
from medaid.evaluation.result import audit_dict, scored_dict
from medaid.evaluation.sampling import sample_size
from medaid.evaluation.scoring import ScoredFramework, ScoredNode, Source, score_framework

__all__ = [
    "AuditReport",
    "Evidence",
    "Finding",
    "FindingKind",
    "Framework",
    "Indicator",
    "InvalidFramework",
    "Judgment",
    "JudgmentError",
    "Kind",
    "ScoredFramework",
    "ScoredNode",
    "Severity",
    "Source",
    "Survey",
    "apply_judgments",
    "audit",
    "audit_dict",
    "check_judgment",
    "find_indicator",
    "load_framework",
    "parse_path",
    "sample_size",
    "score_framework",
    "scored_dict",
]
