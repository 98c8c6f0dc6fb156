"""The evaluation report as one HTML page (Jinja2, autoescaped), and as PDF through
WeasyPrint, which lays out CSS paged media (A4, page numbers on the outer side) and
embeds the CJK fonts it uses (Debian: fonts-noto-cjk)."""

from __future__ import annotations

import base64
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from medaid.reports.charts import Chart
from medaid.reports.document import NUMERALS, EvaluationReport
from medaid.reports.files import atomic
from medaid.reports.scoresheet import Cell
from medaid.reports.survey_section import survey_lines


def render_html_text(report: EvaluationReport) -> str:
    env = Environment(loader=PackageLoader("medaid.reports", "templates"), autoescape=select_autoescape(["j2"]))
    rows: dict[int, list[Cell]] = defaultdict(list)
    for cell in report.sheet.cells:
        rows[cell.row].append(cell)
    return env.get_template("report.html.j2").render(
        r=report,
        rows=[sorted(rows[i], key=lambda c: c.col) for i in range(report.sheet.row_count)],
        numerals=NUMERALS,
        survey_lines=survey_lines(report.survey) if report.survey else [],
        score_chart=_image(report.score_chart) if report.score_chart else None,
        data_charts=[_image(c) for c in report.data_charts],
        survey_charts=[_image(c) for c in report.survey_charts],
    )


def _image(chart: Chart) -> dict[str, str]:
    return {"title": chart.title, "caption": chart.caption,
            "src": "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")}  # fmt: skip


def _write(path: Path, data: bytes) -> Path:
    with atomic(path) as temp:
        temp.write_bytes(data)
    return path


def render_html(report: EvaluationReport, path: Path) -> Path:
    return _write(path, render_html_text(report).encode("utf-8"))


def render_pdf(report: EvaluationReport, path: Path) -> Path:
    from weasyprint import HTML

    pdf = HTML(string=render_html_text(report)).write_pdf()
    assert pdf is not None
    return _write(path, pdf)
