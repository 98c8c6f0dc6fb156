"""One entry point for every format: the same report object drawn as docx, pdf, html,
xlsx or json."""

from __future__ import annotations

import json
from pathlib import Path

from medaid.reports.document import EvaluationReport
from medaid.reports.files import atomic

FORMATS = ("docx", "pdf", "html", "xlsx", "json")


def render(report: EvaluationReport, fmt: str, path: Path, *, layout: str = "report") -> Path:
    """``layout`` "self": the Word file is the 项目支出绩效自评表 rather than the report."""
    if fmt == "docx" and layout == "self":
        from medaid.reports.self_table import render_self_table

        return render_self_table(report.audit.scored, path)
    if fmt == "docx":
        from medaid.reports.docx_report import render_docx

        return render_docx(report, path)
    if fmt in ("html", "pdf"):
        from medaid.reports.html_report import render_html, render_pdf

        return render_pdf(report, path) if fmt == "pdf" else render_html(report, path)
    if fmt == "xlsx":
        from medaid.reports.xlsx_report import render_xlsx

        return render_xlsx(report, path)
    if fmt == "json":
        with atomic(path) as temp:
            temp.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        return path
    raise ValueError(f"unknown format {fmt}")
