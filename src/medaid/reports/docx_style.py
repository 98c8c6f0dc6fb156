"""Word styles for medaid's documents: the report's named styles (GB/T 9704 look, East
Asian fonts on ``w:eastAsia``) and the direct run formatting the 自评表 (``self_table.py``)
uses. One place, so the report and the self-evaluation table look alike."""

from __future__ import annotations

from typing import cast

from docx.document import Document as DocumentType
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.run import Run

from medaid.reports.page import PORTRAIT_WIDTH_MM

FANGSONG, HEITI, KAITI, SONG = "仿宋", "黑体", "楷体", "宋体"
RED = RGBColor(0xBB, 0, 0)
LINE = 28.9  # pt: 22 lines in the 225 mm text block
TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'
CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)  # fmt: skip
# name: font, size (pt), bold, alignment, first-line indent (characters), exact line height (pt) or single
STYLES: dict[str, tuple[str, float, bool, WD_ALIGN_PARAGRAPH, float, float | None]] = {
    "Normal": (FANGSONG, 12, False, JUSTIFY, 0, None),
    "Title": (SONG, 22, True, CENTER, 0, None),
    "Heading 1": (HEITI, 16, False, LEFT, 2, LINE),
    "Heading 2": (KAITI, 16, False, LEFT, 2, LINE),
    "Heading 3": (FANGSONG, 16, True, LEFT, 2, LINE),
    "Body Text": (FANGSONG, 16, False, JUSTIFY, 2, LINE),
    "Caption": (HEITI, 12, False, CENTER, 0, None),
    "TOC Heading": (HEITI, 16, False, CENTER, 0, LINE),
    "toc 1": (FANGSONG, 14, False, LEFT, 0, 24),
    "toc 2": (FANGSONG, 14, False, LEFT, 0, 24),
    "toc 3": (FANGSONG, 14, False, LEFT, 0, 24),
    "Footer": (SONG, 14, False, LEFT, 0, None),
    "Cover Line": (FANGSONG, 16, False, LEFT, 0, LINE * 1.25),
    "Cover Date": (FANGSONG, 16, False, CENTER, 0, None),
    "Table Text": (FANGSONG, 10.5, False, LEFT, 0, None),
    "Table Note": (FANGSONG, 10.5, False, LEFT, 0, None),
    "Score Sheet Text": (FANGSONG, 9, False, LEFT, 0, None),
    "Figure": (FANGSONG, 12, False, CENTER, 0, None),
    "Figure Text": (FANGSONG, 12, False, JUSTIFY, 2, None),
    "Section Break": (FANGSONG, 1, False, LEFT, 0, None),  # the empty paragraph that ends a section
}


def _pstyle(doc: DocumentType, name: str) -> ParagraphStyle:
    return cast(ParagraphStyle, doc.styles[name])


def _style(doc: DocumentType, name: str) -> None:
    """Restyle a built-in style (or add a paragraph style) with East Asian fonts, in black."""
    font, size, bold, align, indent, line = STYLES[name]
    try:
        style = _pstyle(doc, name)
    except KeyError:
        style = cast(ParagraphStyle, doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
        style.base_style = doc.styles["Normal"]
        if name.startswith("toc "):  # Word's own TOC styles: name "toc 1", id "TOC1"
            style.element.set(qn("w:styleId"), "TOC" + name[-1])
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(slot), font)
    style.font.size, style.font.bold, style.font.italic = Pt(size), bold, False
    style.font.color.rgb = RGBColor(0, 0, 0)
    pf = style.paragraph_format
    pf.alignment, pf.space_before, pf.space_after = align, Pt(0), Pt(0)
    pf.first_line_indent, pf.left_indent = Pt(size * indent), Pt(0)
    if line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
    border = style.element.pPr.find(qn("w:pBdr")) if style.element.pPr is not None else None
    if border is not None:  # the template's Title has a blue rule under it
        style.element.pPr.remove(border)


def styles(doc: DocumentType) -> None:
    for name in STYLES:
        _style(doc, name)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption", "Figure"):
        _pstyle(doc, name).paragraph_format.keep_with_next = True
        if name.startswith("Heading"):
            _pstyle(doc, name).next_paragraph_style = _pstyle(doc, "Body Text")
    _pstyle(doc, "Caption").paragraph_format.space_before = Pt(6)
    _pstyle(doc, "Table Note").paragraph_format.space_after = Pt(6)
    _pstyle(doc, "Figure Text").paragraph_format.space_after = Pt(6)
    _pstyle(doc, "Title").paragraph_format.space_before = Pt(96)
    _pstyle(doc, "Title").paragraph_format.space_after = Pt(72)
    for level in (1, 2, 3):
        toc = _pstyle(doc, f"toc {level}").paragraph_format
        toc.left_indent = Pt(14 * 2 * (level - 1))
        toc.tab_stops.add_tab_stop(Mm(PORTRAIT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def font(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    """Direct formatting of one run (``self_table.py``, the 自评表, draws this way)."""
    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def cell_text(cell: _Cell, text: str, *, bold: bool = False, size: float = 10.5) -> None:
    """A 仿宋 table cell with direct formatting (``self_table.py``)."""
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    font(paragraph.add_run(text), FANGSONG, size, bold=bold)
