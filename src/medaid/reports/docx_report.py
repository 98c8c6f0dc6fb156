"""The evaluation report in Word, laid out after GB/T 9704-2012 (党政机关公文格式).

The blocks of ``report.parts`` (``model.py``) are drawn as they are: this module adds no
words of its own except "目 录", the page numbers and the TOC field's placeholder.

A cover (no page number), a 目录 page holding a real TOC field that Word fills when the
file is opened, then the body numbered from "— 1 —" (on the outer side: right on odd
pages, left on even ones). Every look comes from a named style, so the navigation pane,
the TOC and the user's own restyling work: "Heading 1" 黑体 (level 0 摘要 and level 1
一、), "Heading 2" 楷体 （一）, "Heading 3" 仿宋 bold 1., "Body Text" 仿宋 16 pt with a
two-character indent, "Caption" 黑体 12 pt for 表N/图N, "Title" 宋体 22 pt (小标宋 is not
on most machines). East Asian font names go on ``w:eastAsia`` (python-docx's
``font.name`` sets only the Latin slots). Each part after the first starts a section of
its own: 附件1 评分表 on A4 landscape, 附件2 back on portrait. Tables repeat their header
row on every page and never split a row.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from medaid.reports.docx_style import CENTER, LEFT, RED, RIGHT, TOC_FIELD, styles
from medaid.reports.files import atomic
from medaid.reports.model import DRAFT_MARK, Figure, Heading, Para, Part, ScoreSheetBlock, Table
from medaid.reports.page import LANDSCAPE_WIDTH_MM, PORTRAIT_WIDTH_MM, column_mm, sheet_widths

if TYPE_CHECKING:
    from medaid.reports.document import EvaluationReport
    from medaid.reports.scoresheet import ScoreSheet


def _settings(doc: DocumentType) -> None:
    """Odd and even footers; Word updates the fields (the TOC) when the file is opened."""
    doc.settings.odd_and_even_pages_header_footer = True
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    later = {qn(f"w:{t}") for t in ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                                    "themeFontLang", "clrSchemeMapping", "shapeDefaults", "decimalSymbol")}  # fmt: skip
    anchor = next((e for e in settings if e.tag in later), None)  # the schema's order: updateFields goes here
    settings.insert(list(settings).index(anchor), update) if anchor is not None else settings.append(update)
    language = settings.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:eastAsia"), "zh-CN")


def _fld(paragraph: Paragraph, kind: str) -> None:
    """A field character: begin, separate or end."""
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._element.append(element)


def _field_start(paragraph: Paragraph, instruction: str) -> None:
    """A complex field up to its result: begin, the instruction, separate."""
    _fld(paragraph, "begin")
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {instruction} "
    paragraph.add_run()._element.append(element)
    _fld(paragraph, "separate")


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A complex field in one paragraph, with the result shown until Word updates it."""
    _field_start(paragraph, instruction)
    paragraph.add_run(placeholder)
    _fld(paragraph, "end")


def _page_setup(section: Section, *, landscape: bool) -> None:
    if landscape:
        section.orientation, section.page_width, section.page_height = WD_ORIENT.LANDSCAPE, Mm(297), Mm(210)
        section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Mm(20)
    else:
        section.orientation, section.page_width, section.page_height = WD_ORIENT.PORTRAIT, Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(8 if landscape else 23)  # the number 7 mm below the text block (GB/T 9704)


def _page_numbers(section: Section) -> None:
    """ "— N —" on the outer side, counting from 1 in this section."""
    for footer, align in ((section.footer, RIGHT), (section.even_page_footer, LEFT)):
        footer.is_linked_to_previous = False  # a footer of its own; the cover section keeps none
        paragraph = footer.paragraphs[0]
        paragraph.style, paragraph.alignment = "Footer", align
        paragraph.add_run("— ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" —")
    number = OxmlElement("w:pgNumType")
    number.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(number, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                                          "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
                                          "w:docGrid", "w:printerSettings", "w:sectPrChange")  # fmt: skip


def _cover(doc: DocumentType, report: EvaluationReport) -> None:
    cover = report.cover
    doc.add_paragraph(cover.title if cover else report.title, style="Title")
    if cover is None:
        return
    widest = max((len(f"{label}：{value}") for label, value in cover.lines), default=0)
    indent = max(0.0, (PORTRAIT_WIDTH_MM - widest * 16 * 25.4 / 72) / 2)  # a left-aligned block, centred
    for label, value in cover.lines:
        doc.add_paragraph(f"{label}：{value}", style="Cover Line").paragraph_format.left_indent = Mm(indent)
    date = doc.add_paragraph(cover.date, style="Cover Date")
    frame = OxmlElement("w:framePr")  # at the foot of the text block, whatever the lines above take
    for key, val in (("w", str(round(PORTRAIT_WIDTH_MM * 56.7))), ("hAnchor", "margin"), ("vAnchor", "margin"),
                     ("xAlign", "center"), ("yAlign", "bottom"), ("wrap", "notBeside")):  # fmt: skip
        frame.set(qn(f"w:{key}"), val)
    ppr = date._p.get_or_add_pPr()
    ppr.insert(1 if ppr.pStyle is not None else 0, frame)  # framePr comes right after pStyle


def _toc(doc: DocumentType, report: EvaluationReport) -> None:
    """目录: a TOC field whose result, until Word updates it with page numbers, lists the headings."""
    doc.add_paragraph("目 录", style="TOC Heading").paragraph_format.page_break_before = True
    entries = [b for part in report.parts for b in part.blocks if isinstance(b, Heading) and b.level <= 3]
    if not entries:
        _field(doc.add_paragraph(style="toc 1"), TOC_FIELD, "")
        return
    for i, heading in enumerate(entries):
        paragraph = doc.add_paragraph(style=f"toc {max(heading.level, 1)}")
        if i == 0:
            _field_start(paragraph, TOC_FIELD)
        paragraph.add_run(heading.text)
        if i == len(entries) - 1:
            _fld(paragraph, "end")


def _row_props(table: DocxTable, header_rows: int) -> None:
    """No row splits across pages; the header row repeats on every page."""
    for i, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if i < header_rows:
            trpr.append(OxmlElement("w:tblHeader"))


def _grid(table: DocxTable, widths_mm: list[float]) -> None:
    """Fixed column widths (grid, every cell, the table's own width) so Word keeps them."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblw = table._tbl.tblPr.find(qn("w:tblW"))
    if tblw is not None:
        tblw.set(qn("w:type"), "dxa")
        tblw.set(qn("w:w"), str(round(sum(widths_mm) * 56.7)))
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _fill(cell: _Cell, text: str, style: str, *, align: WD_ALIGN_PARAGRAPH = LEFT, bold: bool = False,
          nowrap: bool = False) -> None:  # fmt: skip
    paragraph = cell.paragraphs[0]
    paragraph.style, paragraph.alignment = style, align
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if nowrap:
        cell._tc.get_or_add_tcPr().insert_element_before(OxmlElement("w:noWrap"), "w:tcMar", "w:textDirection",
                                                         "w:tcFitText", "w:vAlign", "w:hideMark")  # fmt: skip


def _table(doc: DocumentType, block: Table, width_mm: float) -> None:
    doc.add_paragraph(block.caption, style="Caption")
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    _grid(table, column_mm(block.widths, len(block.header), width_mm))
    for c, text in enumerate(block.header):
        _fill(table.cell(0, c), text, "Table Text", align=CENTER, bold=True)
    for r, row in enumerate(block.rows, start=1):
        for c, text in enumerate(row):
            number = c in block.numeric
            _fill(table.cell(r, c), text, "Table Text", align=RIGHT if number else LEFT, nowrap=number)
    _row_props(table, 1)
    if block.note:
        doc.add_paragraph(block.note, style="Table Note")


def _score_sheet(doc: DocumentType, sheet: ScoreSheet, width_mm: float) -> None:
    """附件1: the grid with its level cells merged down, a 合计 row with the total weight and score."""
    table = doc.add_table(rows=2 + sheet.row_count, cols=len(sheet.header))
    table.style = "Table Grid"
    _grid(table, sheet_widths(sheet.levels, width_mm))
    numbers = (sheet.levels, sheet.levels + 4)  # 分值, 得分
    for c, text in enumerate(sheet.header):
        _fill(table.cell(0, c), text, "Score Sheet Text", align=CENTER, bold=True)
    for cell in sheet.cells:
        top = table.cell(1 + cell.row, cell.col)
        if cell.rows > 1 or cell.cols > 1:
            top = top.merge(table.cell(cell.row + cell.rows, cell.col + cell.cols - 1))
        _fill(top, cell.text, "Score Sheet Text", align=CENTER if cell.col in numbers else LEFT)
    last = 1 + sheet.row_count
    _fill(table.cell(last, 0).merge(table.cell(last, sheet.levels - 1)), "合计", "Score Sheet Text", align=CENTER,
          bold=True)  # fmt: skip
    _fill(table.cell(last, numbers[0]), sheet.total_weight, "Score Sheet Text", align=CENTER, bold=True)
    _fill(table.cell(last, numbers[1]), sheet.total, "Score Sheet Text", align=CENTER, bold=True)
    _row_props(table, 1)


def _figure(doc: DocumentType, block: Figure) -> None:
    doc.add_paragraph(style="Figure").add_run().add_picture(io.BytesIO(block.chart.png), width=Mm(150))
    doc.add_paragraph(block.caption, style="Caption").paragraph_format.keep_with_next = False
    if block.text:
        doc.add_paragraph(block.text, style="Figure Text")


def _part(doc: DocumentType, part: Part, report: EvaluationReport) -> None:
    width = LANDSCAPE_WIDTH_MM if part.landscape else PORTRAIT_WIDTH_MM
    for block in part.blocks:
        if isinstance(block, Heading):
            paragraph = doc.add_paragraph(block.text, style=f"Heading {min(max(block.level, 1), 3)}")
            if block.level == 0 or block.text == part.title:  # 摘要 centred; 附件N at the left margin
                paragraph.alignment = CENTER if block.level == 0 else LEFT
                paragraph.paragraph_format.first_line_indent = Pt(0)
        elif isinstance(block, Para):  # one paragraph, text block.shown; the draft mark and cautions in red
            paragraph, mark = doc.add_paragraph(style="Body Text"), DRAFT_MARK if block.draft else ""
            if mark:
                paragraph.add_run(mark).font.color.rgb = RED
            run = paragraph.add_run(block.shown.removeprefix(mark))
            if block.warning:
                run.font.color.rgb = RED
        elif isinstance(block, Table):
            _table(doc, block, width)
        elif isinstance(block, Figure):
            _figure(doc, block)
        elif isinstance(block, ScoreSheetBlock):
            _score_sheet(doc, report.sheet, width)


def render_docx(report: EvaluationReport, path: Path) -> Path:
    doc = Document()
    styles(doc)
    _settings(doc)
    _page_setup(doc.sections[0], landscape=False)
    _cover(doc, report)
    _toc(doc, report)
    for i, part in enumerate(report.parts):
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        doc.paragraphs[-1].style = "Section Break"
        if i == 0:
            _page_numbers(section)  # the body counts from 1; later sections inherit the footers
        else:
            restart = section._sectPr.find(qn("w:pgNumType"))
            if restart is not None:  # copied from the body's section: numbering runs on instead
                section._sectPr.remove(restart)
        _page_setup(section, landscape=part.landscape)
        _part(doc, part, report)
    with atomic(path) as temp:  # an interrupted write leaves no half-written report
        doc.save(str(temp))
    return path
