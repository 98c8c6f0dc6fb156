"""项目支出绩效自评表 in its standard layout, as filled forms print it (../shared/FORMATS.md):

title 项目支出绩效自评表（XXXX年度）; 项目名称, 主管部门, 实施单位; 项目资金（万元） with
年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 for 年度资金总额 and its three
其中 rows; 年度总体目标 (预期目标 / 实际完成情况); 绩效指标 with 一级/二级/三级指标,
年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施 (the levels merged down); 总分.

Numbers come from the scored framework: the 预算执行率 row's budget block, each
indicator's target, actual, weight and score; 主管部门, 实施单位 and the goal texts from the
file's ``department``, ``unit`` and ``goal: {expected, achieved}``. The 其中 split of the
funds is not recorded, so those cells are left for the unit to fill.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from medaid.evaluation.model import Budget
from medaid.evaluation.numbers import fmt, fmt_pct
from medaid.evaluation.scoring import ScoredFramework, ScoredNode
from medaid.reports.docx_style import SONG, cell_text, font
from medaid.reports.files import atomic
from medaid.reports.scoresheet import score_sheet

COLUMNS = 8  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施
FUND_ROWS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")


def _budget_node(scored: ScoredFramework) -> ScoredNode | None:
    return next((n for n in scored.walk() if n.indicator.budget is not None), None)


def _put(table: Table, row: int, first: int, last: int, text: str, *, bold: bool = False) -> _Cell:
    cell = table.cell(row, first)
    if last > first:
        cell = cell.merge(table.cell(row, last))
    cell_text(cell, text, bold=bold, size=10)
    return cell


def _fund_rows(table: Table, start: int, node: ScoredNode | None) -> int:
    """项目资金（万元）: a header row and the four 资金 rows; returns the next row."""
    label = table.cell(start, 0).merge(table.cell(start + len(FUND_ROWS), 0))
    cell_text(label, "项目资金（万元）", bold=True, size=10)
    heads = ("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    for i, text in enumerate(heads):
        _put(table, start, 1 + i, 1 + i if i < len(heads) - 1 else COLUMNS - 1, text, bold=True)
    budget = node.indicator.budget if node is not None else None
    for r, name in enumerate(FUND_ROWS, start=start + 1):
        values = ["", "", "", "", "", ""]
        if r == start + 1 and budget is not None and node is not None:
            values = _budget_values(budget, node)
        elif r > start + 1:
            values = ["", "", "", "—", "", "—"]
        _put(table, r, 1, 1, name)
        for i, text in enumerate(values):
            _put(table, r, 2 + i, 2 + i if i < len(values) - 1 else COLUMNS - 1, text)
    return start + 1 + len(FUND_ROWS)


def _budget_values(budget: Budget, node: ScoredNode) -> list[str]:
    rate = fmt_pct(budget.rate) if budget.rate is not None else ""
    return [fmt(budget.initial), fmt(budget.annual), fmt(budget.executed), fmt(node.indicator.weight), rate,
            fmt(node.score)]  # fmt: skip


def render_self_table(scored: ScoredFramework, path: Path) -> Path:
    fw = scored.framework
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(18))
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(title.add_run(f"项目支出绩效自评表（{fw.year or '    '}年度）"), SONG, 18, bold=True)
    budget_node = _budget_node(scored)
    indicators = [n for n in scored.nodes if n is not budget_node]
    sheet = score_sheet(ScoredFramework(fw, indicators, scored.total, scored.grade))
    levels = sheet.levels
    rows = 2 + (1 + len(FUND_ROWS)) + 2 + 1 + sheet.row_count + 1
    table = doc.add_table(rows=rows, cols=COLUMNS)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    name = fw.title.removesuffix("绩效自评").removesuffix("项目支出")
    _put(table, 0, 0, 0, "项目名称", bold=True)
    _put(table, 0, 1, COLUMNS - 1, name)
    _put(table, 1, 0, 0, "主管部门", bold=True)
    _put(table, 1, 1, 3, fw.department or "")
    _put(table, 1, 4, 4, "实施单位", bold=True)
    _put(table, 1, 5, COLUMNS - 1, fw.unit or "")
    row = _fund_rows(table, 2, budget_node)
    goal = table.cell(row, 0).merge(table.cell(row + 1, 0))
    cell_text(goal, "年度总体目标", bold=True, size=10)
    _put(table, row, 1, 3, "预期目标", bold=True)
    _put(table, row, 4, COLUMNS - 1, "实际完成情况", bold=True)
    _put(table, row + 1, 1, 3, fw.goal_expected or "")
    _put(table, row + 1, 4, COLUMNS - 1, fw.goal_achieved or "")
    row += 2
    heads = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    for i, text in enumerate(heads):
        _put(table, row, i, i, text, bold=True)
    row += 1
    # the score sheet's columns: levels…, 分值, 评分标准, 指标值, 实际完成值, 得分, 评分说明 → this layout's
    moved = {levels: 5, levels + 2: 3, levels + 3: 4, levels + 4: 6}
    for cell in sheet.cells:
        if cell.col < levels:
            first, last = min(cell.col, 2), min(cell.col + cell.cols - 1, 2)
            top = table.cell(row + cell.row, first)
            if cell.rows > 1 or last > first:
                top = top.merge(table.cell(row + cell.row + cell.rows - 1, last))
            cell_text(top, cell.text, size=10)
        elif cell.col in moved:
            cell_text(table.cell(row + cell.row, moved[cell.col]), cell.text, size=10)
    for i, node in enumerate(sheet.rows):  # 偏差原因分析及改进措施: what the unit wrote, not medaid's reasons
        cell_text(table.cell(row + i, 7), node.indicator.note or "", size=10)
    total_row = row + sheet.row_count
    _put(table, total_row, 0, 4, "总分", bold=True)
    _put(table, total_row, 5, 5, "100")
    _put(table, total_row, 6, 6, fmt(scored.total), bold=True)
    _put(table, total_row, 7, 7, "")
    for r in table.rows:
        r.height = Pt(18)
    with atomic(path) as temp:
        doc.save(str(temp))
    return path
