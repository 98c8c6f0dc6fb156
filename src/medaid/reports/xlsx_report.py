"""The 评分表 workbook: the score sheet with the level columns merged as in the report,
the dimension summary, and every audit finding."""

from __future__ import annotations

from pathlib import Path

from medaid.reports.document import EvaluationReport
from medaid.reports.files import atomic
from medaid.reports.workbook import safe_workbook, write_header, write_row, write_text


def render_xlsx(report: EvaluationReport, path: Path) -> Path:
    with atomic(path) as temp, safe_workbook(temp) as (book, styles):
        wrap = book.add_format({"border": 1, "text_wrap": True, "valign": "vcenter"})
        sheet = book.add_worksheet("评分表")
        sheet.write_string(0, 0, f"{report.title} — 评分表", styles.title)
        grid = report.sheet
        write_header(sheet, 2, grid.header, styles)
        first = 3
        for cell in grid.cells:
            top, left = first + cell.row, cell.col
            if cell.rows > 1 or cell.cols > 1:
                sheet.merge_range(top, left, top + cell.rows - 1, left + cell.cols - 1, "", wrap)
            write_text(sheet, top, left, cell.text, styles, wrap)
        last = first + grid.row_count
        if grid.levels > 1:
            sheet.merge_range(last, 0, last, grid.levels - 1, "", styles.head)
        sheet.write_string(last, 0, "合计", styles.head)
        write_text(sheet, last, grid.levels, grid.total_weight, styles, styles.head)
        write_text(sheet, last, grid.levels + 4, grid.total, styles, styles.head)
        sheet.set_column(0, grid.levels - 1, 14)
        sheet.set_column(grid.levels, grid.levels, 6)
        sheet.set_column(grid.levels + 1, grid.levels + 1, 50)
        sheet.set_column(grid.levels + 2, grid.levels + 4, 10)
        sheet.set_column(grid.levels + 5, grid.levels + 5, 40)
        summary = book.add_worksheet("得分汇总")
        write_header(summary, 0, ("一级指标", "分值", "得分", "得分率"), styles)
        for i, d in enumerate(report.dimensions, start=1):
            write_row(summary, i, (d.name, d.weight, d.score, d.rate), styles)
        end = len(report.dimensions) + 1
        write_row(summary, end, ("合计", grid.total_weight, grid.total, ""), styles)
        write_row(summary, end + 1, ("等级", report.grade or "—", "", ""), styles)
        findings = book.add_worksheet("发现的问题")
        write_header(findings, 0, ("级别", "类别", "指标", "说明", "所载", "应为"), styles)
        for i, f in enumerate(report.findings, start=1):
            write_row(findings, i, (f.severity.label, f.kind.label, " › ".join(f.path), f.message,
                                    "" if f.claimed is None else str(f.claimed),
                                    "" if f.expected is None else str(f.expected)), styles)  # fmt: skip
        findings.set_column(2, 3, 50)
    return path
