"""The evaluation report's layout in Word and PDF: a cover, a 目录, the body numbered from
1, headings in Word's heading styles (so the navigation pane and the TOC work) and as PDF
bookmarks, tables whose header row repeats and whose rows never split, 附件1 on landscape
pages and 附件2 back on portrait ones — and not a word the blocks did not give."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from PIL import Image

from medaid.evaluation import audit, load_framework
from medaid.evaluation.catalog import find
from medaid.reports.charts import Chart
from medaid.reports.document import EvaluationReport, build_report
from medaid.reports.docx_report import render_docx
from medaid.reports.html_report import render_html_text, render_pdf
from medaid.reports.model import Cover, Figure, Heading, Para, Part, ScoreSheetBlock, Table

AMOUNT = "17,134,168.08\u00a0元"  # the builder joins a value and its unit with a no-break space


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 340), (200, 220, 240)).save(buffer, format="PNG")
    return buffer.getvalue()


def _laid_out(report: EvaluationReport) -> EvaluationReport:
    """The seed's scored report with a cover, a body, 附件1 (landscape) and 附件2 (portrait)."""
    body = Part()
    body.add(Heading("摘要", 0), Para("经评价，该项目综合得分为 82.7 分，评价等级为“良”。"))
    body.add(
        Heading("一、项目基本情况", 1),
        Heading("（一）项目概况", 2),
        Para("示例县城乡医疗救助项目由示例县医疗保障局实施。", draft=True),
    )
    body.add(Table("表1 主要业务数据", ("项目", "数值", "计算方法"), (("医疗救助金额", AMOUNT, "救助支付之和"), ("救助人次", "21,313\u00a0人次", "结算笔数")),
                   numeric=(1,), widths=(3, 2.2, 6), note="数据来源：结算明细。"))  # fmt: skip
    body.add(
        Figure(Chart("各维度得分", _png(), "各一级指标的得分与分值。"), "图1 各维度得分", "各一级指标的得分与分值。")
    )
    body.add(
        Heading("二、项目绩效情况", 1), Heading("（一）绩效分析", 2), Heading("1. 投入（分值 15 分，得分 14.5 分）", 3)
    )
    body.add(Para("投入指标分值 15 分，得分 14.5 分，得分率 96.67%。"))
    annex1 = Part([Heading("附件1：评分表", 1), ScoreSheetBlock()], landscape=True, title="附件1：评分表")
    annex2 = Part([Heading("附件2：满意度调查分析", 1), Para("本次调查回收有效答卷 400 份。"),
                   Table("表2 第1题：答案分布", ("选项", "人数", "占比"), (("满意", "300", "75.00%"),), numeric=(1, 2))],
                  title="附件2：满意度调查分析")  # fmt: skip
    cover = Cover(
        "示例县2023年城乡医疗救助项目财政绩效评价报告",
        (("项目名称", "城乡医疗救助项目"), ("项目单位", "示例县医疗保障局")),
        "2024年7月",
    )
    return dataclasses.replace(report, cover=cover, parts=[body, annex1, annex2])


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> EvaluationReport:
    folder = tmp_path_factory.mktemp("seed")
    return build_report(audit(load_framework(find("seeds/liucheng_2023"))), narrative_file=folder / "文字稿.yaml")


@pytest.fixture(scope="module")
def report(seed_report: EvaluationReport) -> EvaluationReport:
    return _laid_out(seed_report)


@pytest.fixture(scope="module")
def word(report: EvaluationReport, tmp_path_factory: pytest.TempPathFactory) -> DocumentType:
    return Document(str(render_docx(report, tmp_path_factory.mktemp("docx") / "评价报告.docx")))


def headings(report: EvaluationReport) -> list[Heading]:
    return [b for p in report.parts for b in p.blocks if isinstance(b, Heading)]


def test_the_word_report_opens_on_an_unnumbered_cover_then_a_toc_field_then_the_body_from_page_1(word, report):
    cover, body = word.sections[0], word.sections[1]
    assert cover.footer.is_linked_to_previous and cover.even_page_footer.is_linked_to_previous  # no footer at all
    assert "PAGE" not in cover._sectPr.xml
    assert word.paragraphs[0].style.name == "Title" and word.paragraphs[0].text == report.cover.title
    assert [p.text for p in word.paragraphs[1:3]] == ["项目名称：城乡医疗救助项目", "项目单位：示例县医疗保障局"]
    date = next(p for p in word.paragraphs if p.text == "2024年7月")
    assert date._p.pPr.find(qn("w:framePr")).get(qn("w:yAlign")) == "bottom"  # at the foot of the cover page
    toc = next(p for p in word.paragraphs if p.text == "目 录")
    assert toc.paragraph_format.page_break_before
    instructions = [e.text for e in word.element.body.iter(qn("w:instrText"))]
    assert ' TOC \\o "1-3" \\h \\z \\u ' in instructions
    listed = [p.text for p in word.paragraphs if p.style.name.startswith("toc ")]  # until Word adds page numbers
    headings = [b.text for part in report.parts for b in part.blocks if isinstance(b, Heading) and b.level <= 3]
    assert listed == headings
    update = word.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"  # Word fills the TOC on opening
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    odd, even = body.footer.paragraphs[0], body.even_page_footer.paragraphs[0]
    assert "PAGE" in odd._p.xml and odd.text.startswith("— ") and odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT  # the outer side of an even page
    assert all(s._sectPr.find(qn("w:pgNumType")) is None for s in word.sections[2:])  # numbering runs on


def test_every_heading_is_in_a_word_heading_style_and_body_text_in_a_named_style(word, report):
    by_text = {p.text: p for p in word.paragraphs}
    for heading in headings(report):
        assert by_text[heading.text].style.name == f"Heading {max(heading.level, 1)}", heading.text
    assert by_text["摘要"].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not [p.text for p in word.paragraphs if p.text and p.style.name == "Normal"]
    assert by_text["投入指标分值 15 分，得分 14.5 分，得分率 96.67%。"].style.name == "Body Text"
    draft = by_text[
        "【草稿，请评价人员修改】示例县城乡医疗救助项目由示例县医疗保障局实施。"
    ]  # Para.shown, one paragraph
    assert str(draft.runs[0].font.color.rgb) == "BB0000" and draft.runs[1].font.color.rgb is None
    assert by_text["表1 主要业务数据"].style.name == by_text["图1 各维度得分"].style.name == "Caption"
    fonts = {
        name: word.styles[name].element.rPr for name in ("Heading 1", "Heading 2", "Heading 3", "Body Text", "Caption")
    }
    assert {n: r.rFonts.get(qn("w:eastAsia")) for n, r in fonts.items()} == {
        "Heading 1": "黑体", "Heading 2": "楷体", "Heading 3": "仿宋", "Body Text": "仿宋", "Caption": "黑体"}  # fmt: skip
    assert word.styles["Heading 3"].font.bold and not word.styles["Heading 1"].font.bold
    assert word.styles["Body Text"].font.size.pt == 16 and word.styles["Caption"].font.size.pt == 12
    assert all(str(word.styles[n].font.color.rgb) == "000000" for n in fonts)  # black, no theme colour
    assert word.styles["Title"].element.pPr.find(qn("w:pBdr")) is None


def test_tables_repeat_their_header_row_never_split_a_row_and_keep_numbers_with_their_unit(word):
    assert len(word.tables) == 3  # 表1, 附件1 评分表, 表2
    for table in word.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    facts = word.tables[0]
    amount = facts.cell(1, 1)
    assert amount.text == AMOUNT and amount.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert facts.cell(1, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    widths = [c.width.mm for c in facts.columns]
    assert round(sum(widths)) == 156 and widths[2] > widths[0] > widths[1]  # 3 : 2.2 : 6 of the text width


def test_the_score_sheet_is_on_a_landscape_section_and_annex_2_is_back_on_portrait(word, report):
    sheet = word.tables[1]
    assert tuple(c.text for c in sheet.rows[0].cells) == report.sheet.header
    total = [c.text for c in sheet.rows[-1].cells]
    assert total[0] == "合计" and total[report.sheet.levels] == report.sheet.total_weight
    assert total[report.sheet.levels + 4] == report.sheet.total
    orientation = [(s.orientation, round(s.page_width.mm), round(s.page_height.mm)) for s in word.sections]
    assert orientation == [(WD_ORIENT.PORTRAIT, 210, 297), (WD_ORIENT.PORTRAIT, 210, 297),
                           (WD_ORIENT.LANDSCAPE, 297, 210), (WD_ORIENT.PORTRAIT, 210, 297)]  # fmt: skip
    widths = [c.width.mm for c in sheet.columns]
    assert round(sum(widths)) == 257 and min(widths) >= 11.9  # the text width of the landscape page
    level = word.sections[2]
    assert round(level.left_margin.mm) == round(level.top_margin.mm) == 20


def test_the_word_file_says_what_the_builder_wrote_and_nothing_else(seed_report, tmp_path: Path):
    """The real builder's report: every paragraph is a block's text (or the cover, 目录 and TOC placeholder)."""
    word = Document(str(render_docx(seed_report, tmp_path / "r.docx")))
    blocks = [b for p in seed_report.parts for b in p.blocks]
    expected = {b.text for b in blocks if isinstance(b, Heading)} | {b.shown for b in blocks if isinstance(b, Para)}
    expected |= {b.caption for b in blocks if isinstance(b, Table | Figure)} | {
        b.note for b in blocks if isinstance(b, Table)
    }
    expected |= {b.text for b in blocks if isinstance(b, Figure)}
    cover = seed_report.cover
    assert cover is not None
    expected |= {cover.title, cover.date, "目 录"} | {f"{k}：{v}" for k, v in cover.lines}
    written = [p.text for p in word.paragraphs if p.text]
    assert set(written) <= expected, set(written) - expected
    assert {b.shown for b in blocks if isinstance(b, Para)} <= set(written)  # each sentence whole, in one paragraph
    assert any(tuple(c.text for c in t.rows[0].cells) == seed_report.sheet.header for t in word.tables)


def test_the_html_has_unique_heading_ids_a_toc_with_page_numbers_and_repeating_table_heads(report):
    html = render_html_text(report)
    ids = re.findall(r'<h[1-3] id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == len(headings(report))
    assert ids == re.findall(r'<li class="t\d"><a href="#([^"]+)"', html)  # the 目录 lists every heading, in order
    assert "target-counter(attr(href), page)" in html
    assert html.count("<thead>") == 3 and html.count("<table") == 3
    assert f'<td class="num">{AMOUNT}</td>' in html  # right-aligned, nowrap, the no-break space kept
    assert '<span class="mark">【草稿，请评价人员修改】</span>示例县城乡医疗救助项目由示例县医疗保障局实施。' in html
    assert render_html_text(report) == html  # stable


def _pdf_text(path: Path) -> list[str] | None:
    """Each page's text, with pdfplumber or pypdf; None when neither is installed."""
    if importlib.util.find_spec("pdfplumber"):
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return [page.extract_text() or "" for page in pdf.pages]
    if importlib.util.find_spec("pypdf"):
        from pypdf import PdfReader

        return [page.extract_text() or "" for page in PdfReader(path).pages]
    return None


def test_the_pdf_has_a_cover_bookmarks_for_the_headings_and_landscape_annex_pages(report, tmp_path: Path):
    from weasyprint import HTML

    document = HTML(string=render_html_text(report)).render()
    tree = document.make_bookmark_tree()
    top = [(label, target[0]) for label, target, _children, _state in tree]
    assert [label for label, _ in top] == [h.text for h in headings(report) if h.level <= 1]
    page = dict(top)
    assert min(page.values()) >= 2  # the cover (page index 0) and the 目录 carry no heading
    nested = next(children for label, _t, children, _s in tree if label == "二、项目绩效情况")
    assert [label for label, *_ in nested] == ["（一）绩效分析"] and nested[0][2][0][0].startswith("1. 投入")
    size = [(p.width, p.height) for p in document.pages]
    assert size[0][0] < size[0][1]  # the cover is portrait A4
    annex1, annex2 = size[page["附件1：评分表"]], size[page["附件2：满意度调查分析"]]
    assert annex1[0] > annex1[1] and annex2[0] < annex2[1]
    texts = _pdf_text(render_pdf(report, tmp_path / "r.pdf"))
    if texts is None:
        pytest.skip("neither pdfplumber nor pypdf is installed: the page texts were not read")
    assert report.cover.title[:10] in texts[0] and "—" not in texts[0]  # the cover has no page number
    assert "目 录" in texts[1] and re.search(r"摘要\s*\.{3,}\s*1\b", texts[1])  # the body starts at page 1
    first = page["摘要"]
    assert "— 1 —" in texts[first] and "经评价，该项目综合得分为 82.7 分" in texts[first]
