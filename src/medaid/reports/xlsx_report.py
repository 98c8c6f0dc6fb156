"""The 评分表 workbook: the score sheet with the level columns merged as in the report,
the dimension summary, and every audit finding.

分值 and 得分 are numbers (the 合计 row is their sum), 得分率 a fraction shown as a
percentage; a score that cannot be given (—) stays text.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from medaid.reports.document import EvaluationReport
from medaid.reports.files import atomic
from medaid.reports.workbook import (
    Rate,
    Score,
    data_table,
    print_setup,
    safe_workbook,
    write_header,
    write_row,
    write_text,
)

HUNDRED = Decimal(100)


def _score(value: Decimal | None, text: str) -> Score | str:
    return text if value is None else Score(value)


def _rate(points: Decimal | None, text: str) -> Rate | str:
    """The 得分率 the report prints (percentage points, rounded once in the result), as a fraction."""
    return text if points is None else Rate(points / HUNDRED)


def render_xlsx(report: EvaluationReport, path: Path) -> Path:
    with atomic(path) as temp, safe_workbook(temp) as (book, styles):
        wrap = book.add_format({"border": 1, "text_wrap": True, "valign": "vcenter"})
        number = book.add_format({"border": 1, "valign": "vcenter"})
        sheet = book.add_worksheet("评分表")
        sheet.write_string(0, 0, f"{report.title} — 评分表", styles.title)
        grid = report.sheet
        write_header(sheet, 2, grid.header, styles)
        first = 3
        for cell in grid.cells:
            top, left = first + cell.row, cell.col
            if cell.rows > 1 or cell.cols > 1:
                sheet.merge_range(top, left, top + cell.rows - 1, left + cell.cols - 1, "", wrap)
            if cell.value is not None:
                sheet.write_number(top, left, float(cell.value), number)
            else:
                write_text(sheet, top, left, cell.text, styles, wrap)
        last = first + grid.row_count
        if grid.levels > 1:
            sheet.merge_range(last, 0, last, grid.levels - 1, "", styles.head)
        sheet.write_string(last, 0, "合计", styles.head)
        for col, value, text in ((grid.levels, grid.total_weight_value, grid.total_weight),
                                 (grid.levels + 4, grid.total_value, grid.total)):  # fmt: skip
            if value is not None:
                sheet.write_number(last, col, float(value), styles.head)
            else:
                write_text(sheet, last, col, text, styles, styles.head)
        sheet.set_column(0, grid.levels - 1, 14)
        sheet.set_column(grid.levels, grid.levels, 6)
        sheet.set_column(grid.levels + 1, grid.levels + 1, 50)
        sheet.set_column(grid.levels + 2, grid.levels + 4, 10)
        sheet.set_column(grid.levels + 5, grid.levels + 5, 40)
        sheet.freeze_panes(first, 0)
        print_setup(sheet, header_row=2, landscape=True)
        summary = book.add_worksheet("得分汇总")
        write_header(summary, 0, ("一级指标", "分值", "得分", "得分率"), styles)
        for i, d in enumerate(report.dimensions, start=1):
            write_row(summary, i, (d.name, _score(d.weight_value, d.weight), _score(d.score_value, d.score),
                                   _rate(d.rate_value, d.rate)), styles)  # fmt: skip
        end = len(report.dimensions) + 1
        write_row(summary, end, ("合计", _score(grid.total_weight_value, grid.total_weight),
                                 _score(grid.total_value, grid.total),
                                 _rate(grid.total_rate, "")), styles)  # fmt: skip
        write_row(summary, end + 1, ("等级", report.grade or "—", "", ""), styles)
        summary.set_column(0, 0, 24)
        summary.set_column(1, 3, 10)
        print_setup(summary, header_row=0, landscape=False)
        findings = book.add_worksheet("发现的问题")
        write_header(findings, 0, ("级别", "类别", "指标", "说明", "所载", "应为"), styles)
        for i, f in enumerate(report.findings, start=1):
            write_row(findings, i, (f.severity.label, f.kind.label, " › ".join(f.path), f.message,
                                    _found(f.claimed), _found(f.expected)), styles)  # fmt: skip
        findings.set_column(0, 1, 12)
        findings.set_column(2, 3, 50)
        findings.set_column(4, 5, 10)
        data_table(findings, header_row=0, last_row=len(report.findings), last_col=5)
        print_setup(findings, header_row=0, landscape=True)
    return path


def _found(value: Decimal | str | None) -> Score | str:
    """所载 / 应为: a stated number stays a number; a text (or nothing) stays text."""
    if isinstance(value, Decimal):
        return Score(value) if value.is_finite() else str(value)
    return "" if value is None else value
