"""The evaluation report as one HTML page (Jinja2, autoescaped), and as PDF through
WeasyPrint, which lays out CSS paged media and embeds the CJK fonts it uses (Debian:
fonts-noto-cjk, wqy, arphic).

The same blocks as the Word file (``model.py``), with no words of their own but "目 录" and
the page numbers: a cover page without a number, a 目录 whose page numbers WeasyPrint
fills (``target-counter``), the body numbered from "— 1 —" on the outer side, PDF
bookmarks following the headings, table header rows repeated on every page, 附件1 on
landscape pages and 附件2 back on portrait ones.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape

from medaid.reports.files import atomic
from medaid.reports.model import DRAFT_MARK, Figure, Heading, Para, Part, ScoreSheetBlock, Table
from medaid.reports.page import LANDSCAPE_WIDTH_MM, PORTRAIT_WIDTH_MM, column_mm, sheet_widths

if TYPE_CHECKING:
    from medaid.reports.document import EvaluationReport
    from medaid.reports.scoresheet import Cell, ScoreSheet


@dataclass
class _Heading:
    id: str
    level: int
    text: str


@dataclass
class _Part:
    landscape: bool
    blocks: list[dict[str, object]] = field(default_factory=list)


def _sheet_rows(sheet: ScoreSheet) -> list[list[Cell]]:
    rows: dict[int, list[Cell]] = defaultdict(list)
    for cell in sheet.cells:
        rows[cell.row].append(cell)
    return [sorted(rows[i], key=lambda c: c.col) for i in range(sheet.row_count)]


def _block(block: object, part: Part, report: EvaluationReport, headings: list[_Heading]) -> dict[str, object]:
    """One block as the template draws it; the texts are the block's own."""
    width = LANDSCAPE_WIDTH_MM if part.landscape else PORTRAIT_WIDTH_MM
    if isinstance(block, Heading):
        heading = _Heading(f"h{len(headings) + 1}", block.level, block.text)
        headings.append(heading)
        return {"kind": "heading", "tag": f"h{min(max(block.level, 1), 3)}", "id": heading.id, "text": block.text,
                "level": block.level, "annex": block.text == part.title}  # fmt: skip
    if isinstance(block, Para):
        mark = DRAFT_MARK if block.draft else ""
        return {"kind": "para", "mark": mark, "text": block.shown.removeprefix(mark), "draft": block.draft,
                "warning": block.warning}  # fmt: skip
    if isinstance(block, Table):
        return {"kind": "table", "caption": block.caption, "header": block.header, "note": block.note,
                "widths": [w / width * 100 for w in column_mm(block.widths, len(block.header), width)]
                if block.widths else [], "numeric": block.numeric, "rows": block.rows}  # fmt: skip
    if isinstance(block, Figure):
        src = "data:image/png;base64," + base64.b64encode(block.chart.png).decode("ascii")
        return {"kind": "figure", "src": src, "caption": block.caption, "text": block.text}
    if isinstance(block, ScoreSheetBlock):
        sheet = report.sheet
        return {"kind": "sheet", "sheet": sheet, "rows": _sheet_rows(sheet), "width": width,
                "widths": sheet_widths(sheet.levels, width), "numbers": (sheet.levels, sheet.levels + 4)}  # fmt: skip
    raise TypeError(f"报告中有无法绘制的内容：{type(block).__name__}")


def render_html_text(report: EvaluationReport) -> str:
    env = Environment(loader=PackageLoader("medaid.reports", "templates"), autoescape=select_autoescape(["j2"]))
    headings: list[_Heading] = []
    parts = [_Part(p.landscape, [_block(b, p, report, headings) for b in p.blocks]) for p in report.parts]
    return env.get_template("report.html.j2").render(r=report, cover=report.cover, parts=parts, toc=headings)


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
