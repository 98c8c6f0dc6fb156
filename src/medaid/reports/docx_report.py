"""The evaluation report in Word, laid out after GB/T 9704-2012 (党政机关公文格式).

A4, top margin 37 mm, binding margin 28 mm; title 22 pt 宋体 bold (小标宋 is not on most
machines); body 16 pt 仿宋 with a two-character first-line indent; 一、 headings 黑体,
（一） 楷体; page numbers "— 1 —" in 14 pt 宋体 on the outer side. East Asian font names
are set on ``w:eastAsia`` (python-docx's ``font.name`` sets only the Latin slots). 附件1
评分表 is on landscape pages with the level columns merged down, as the seeds print it.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from medaid.reports.charts import Chart
from medaid.reports.document import NUMERALS, EvaluationReport
from medaid.reports.files import atomic
from medaid.reports.survey_section import survey_lines

BODY, HEITI, KAITI, SONG = "仿宋", "黑体", "楷体", "宋体"


def _font(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _para(doc: DocumentType, text: str, *, font: str = BODY, size: float = 16, bold: bool = False,
          indent: bool = True, align: WD_ALIGN_PARAGRAPH | None = None) -> DocxParagraph:  # fmt: skip
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.9)  # 22 lines in the 225 mm text block
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), font, size, bold=bold)
    return p


def _page_number(paragraph: DocxParagraph) -> None:
    """— PAGE — in 14 pt 宋体."""
    _font(paragraph.add_run("— "), SONG, 14)
    run = paragraph.add_run()
    _font(run, SONG, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), SONG, 14)


def _setup(doc: DocumentType) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # the outer side of an odd page
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _page_number(even)


def _table(doc: DocumentType, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, text in enumerate(header):
        _cell(table.cell(0, c), text, bold=True)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            _cell(table.cell(r, c), text)


def _cell(cell: _Cell, text: str, *, bold: bool = False, size: float = 10.5) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), BODY, size, bold=bold)


def _score_sheet(doc: DocumentType, report: EvaluationReport) -> None:
    sheet = report.sheet
    table = doc.add_table(rows=2 + sheet.row_count, cols=len(sheet.header))
    table.style = "Table Grid"
    for c, text in enumerate(sheet.header):
        _cell(table.cell(0, c), text, bold=True, size=9)
    for cell in sheet.cells:
        top = table.cell(1 + cell.row, cell.col)
        if cell.rows > 1 or cell.cols > 1:
            top = top.merge(table.cell(cell.row + cell.rows, cell.col + cell.cols - 1))
        _cell(top, cell.text, size=9)
    last = 1 + sheet.row_count
    total = table.cell(last, 0).merge(table.cell(last, sheet.levels - 1))
    _cell(total, "合计", bold=True, size=9)
    _cell(table.cell(last, sheet.levels), sheet.total_weight, bold=True, size=9)
    _cell(table.cell(last, sheet.levels + 4), sheet.total, bold=True, size=9)


def _figure(doc: DocumentType, chart: Chart, number: int) -> int:
    """A chart, centred, with its caption 图N below; returns the figure's number."""
    number += 1
    doc.add_picture(io.BytesIO(chart.png), width=Mm(150))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, f"图{number} {chart.title}", font=HEITI, size=12, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, chart.caption, size=12)
    return number


def render_docx(report: EvaluationReport, path: Path) -> Path:
    doc = Document()
    _setup(doc)
    _para(doc, report.title, font=SONG, size=22, bold=True, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "")
    _para(doc, "摘要", font=HEITI, indent=False)
    for text in report.summary:
        _para(doc, text)
    sections: list[tuple[str, list[str]]] = [
        ("项目基本情况", [f"评价对象：{report.region}{report.year or ''}年{report.title.removesuffix('报告')}。"]),
        ("绩效评价工作情况", ["按评价指标体系逐项取得证据并计分；各项得分、得分率与等级均由评分表计算，见附件1。"]),
    ]
    number, figure = 0, 0
    for heading, texts in sections:
        _para(doc, f"{NUMERALS[number]}、{heading}", font=HEITI, indent=False)
        for text in texts:
            _para(doc, text)
        if number == 0 and report.facts:
            _para(doc, "根据业务数据计算的主要数据如下：")
            _table(doc, ["项目", "数值", "计算方法"], [[f.label, f.value, f.formula] for f in report.facts])
        if number == 0:
            for chart in report.data_charts:
                figure = _figure(doc, chart, figure)
        number += 1
    _para(doc, f"{NUMERALS[number]}、综合评价结论", font=HEITI, indent=False)
    number += 1
    for text in report.summary[:1]:
        _para(doc, text)
    _table(doc, ["一级指标", "分值", "得分", "得分率"],
           [[d.name, d.weight, d.score, d.rate] for d in report.dimensions]
           + [["合计", report.sheet.total_weight, report.sheet.total, ""]])  # fmt: skip
    if report.score_chart is not None:
        figure = _figure(doc, report.score_chart, figure)
    _para(doc, f"{NUMERALS[number]}、绩效分析", font=HEITI, indent=False)
    number += 1
    for i, analysis in enumerate(report.analyses):
        _para(doc, f"（{NUMERALS[i % 10]}）{analysis.heading}", font=KAITI, indent=False)
        for text in analysis.paragraphs:
            _para(doc, text)
    for heading, paragraphs in (("存在的问题", report.problems), ("改进建议", report.suggestions)):
        _para(doc, f"{NUMERALS[number]}、{heading}", font=HEITI, indent=False)
        number += 1
        if not paragraphs:
            _para(doc, "未发现需要说明的问题。" if heading == "存在的问题" else "无。")
        for j, paragraph in enumerate(paragraphs, start=1):
            _para(doc, f"{j}. {paragraph.shown}")
    if report.notes:
        _para(doc, f"{NUMERALS[number]}、其他需要说明的问题", font=HEITI, indent=False)
        for text in report.notes:
            _para(doc, text)
    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Mm(297), Mm(210)
    landscape.top_margin, landscape.bottom_margin = Mm(20), Mm(20)
    landscape.left_margin, landscape.right_margin = Mm(20), Mm(20)
    _para(doc, "附件1：评分表", font=HEITI, indent=False)
    _score_sheet(doc, report)
    if report.survey is not None:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _para(doc, "附件2：满意度调查分析", font=HEITI, indent=False)
        for text in survey_lines(report.survey):
            _para(doc, text, size=12)
        for chart in report.survey_charts:
            figure = _figure(doc, chart, figure)
    with atomic(path) as temp:  # an interrupted write leaves no half-written report
        doc.save(str(temp))
    return path
