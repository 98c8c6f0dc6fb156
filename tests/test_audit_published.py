"""Auditing a report as it is published, in Word or PDF (contract 5).

The report is written here from the transcription of the Liucheng 2023 report (seed 001): its
score table (merged level cells, a 合计 row), a 一级指标 summary table and paragraphs stating
each subtotal, 得分率, the total and the grade. Read back, it must audit like the
transcription itself. Then an author's slips are made in it, one of each kind, and each must be
reported where it is: the table row, the paragraph (Word) or the page (PDF).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from medaid.errors import InputFileError
from medaid.evaluation import audit, audit_dict, load_framework
from medaid.evaluation.catalog import entries, resolve
from medaid.evaluation.loading.source import SourceText
from medaid.evaluation.loading.statements import read_statements
from medaid.evaluation.published import Place
from tests.published_reports import Report, Table, encrypted_pdf, report_of, write_docx, write_pdf

KNOWLEDGE = ("效果", "项目效果", "社会效益", "政策知晓率")  # the leaf whose score the author mistypes

# Each slip: what the author wrote instead, and the finding it must give (kind, path).
SLIPS = [
    ("（二）过程（35 分，得 34 分）", "（二）过程（35 分，得 33 分）", "text", ("过程",)),
    ("综合得分为 93.6 分", "综合得分为 95.6 分", "text", ()),
    ("投入指标分值 5 分，得分 5 分，得分率 100.00%", "投入指标分值 5 分，得分 5 分，得分率 90.00%", "text", ("投入",)),
    ("评价等级为优秀", "评价等级为良", "grade", ()),
]


def _counts(report) -> Counter:
    return Counter((f.kind.value, f.path) for f in report.findings)


@pytest.fixture(scope="module")
def seed():
    return load_framework(resolve("seeds/liucheng_2023"))


@pytest.fixture(scope="module")
def documents(seed, tmp_path_factory):
    """The clean report and the one with slips, each as .docx and .pdf (WeasyPrint: once here)."""
    folder = tmp_path_factory.mktemp("published")
    clean = report_of(seed)
    slipped = report_of(seed)
    row = next(r for r in slipped.main_table.rows if r[3] == "政策知晓率" or r[2] == "政策知晓率")
    assert row[5] == "7.75"
    row[5] = "8.75"  # the rule gives 7.75 (77.5% × 10)
    for old, new, _, _ in SLIPS:
        slipped.replace(old, new)
    return {
        "report": slipped,
        ("clean", "docx"): write_docx(clean, folder / "clean.docx"),
        ("clean", "pdf"): write_pdf(clean, folder / "clean.pdf", image_page=True),
        ("slipped", "docx"): write_docx(slipped, folder / "slipped.docx"),
        ("slipped", "pdf"): write_pdf(slipped, folder / "slipped.pdf"),
    }


@cache
def _pages(pdf: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        return ["".join((page.extract_text() or "").split()) for page in document.pages]


def _page_of(pdf: Path, words: str) -> int:
    """The page a PDF prints ``words`` on (spaces aside)."""
    return 1 + next(i for i, text in enumerate(_pages(pdf)) if "".join(words.split()) in text)


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_published_report_audits_like_its_transcription(seed, documents, form):
    """The document carries no figures and no survey, so those checks of the seed are left out;
    every other finding is the same, and so is the recomputed total."""
    expected = audit(replace(seed, figures=[], survey=None))
    report = audit(load_framework(documents[("clean", form)]))
    assert _counts(report) == _counts(expected)
    assert report.scored.total == expected.scored.total == Decimal("90.3")
    fw = report.scored.framework
    assert (fw.claimed_total, fw.claimed_grade) == (Decimal("93.6"), "优秀")
    assert not any(f.kind.value == "text" for f in report.findings)
    # the rate of 产出 in the 一级指标 table is the transcription's own slip (27.5 ÷ 30 is 91.67%, not 75%)
    rate = next(f for f in report.findings if f.kind.value == "rate")
    assert rate.path == ("产出",) and rate.claimed == Decimal(75)
    summary_row = {"table": 1, "row": 4}  # the first table; its header, 投入, 过程, then 产出
    assert rate.location.to_dict() == (summary_row if form == "docx" else {"page": 1, **summary_row})
    if form == "pdf":  # the last page is a picture: read as nothing, and said so
        last = len(_pages(documents[("clean", "pdf")]))
        assert [(u.what, u.place.page) for u in report.unread] == [("整页", last)]
    else:
        assert report.unread == []


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_each_slip_of_the_author_is_found_where_it_is(documents, form):
    clean = audit(load_framework(documents[("clean", form)]))
    slipped = audit(load_framework(documents[("slipped", form)]))
    new = _counts(slipped) - _counts(clean)
    expected = {(kind, path) for _, _, kind, path in SLIPS}
    # the mistyped leaf: its rule gives 7.75 (rule), and 效果's stated 27.1 no longer adds up (score_sum)
    expected |= {("rule", KNOWLEDGE), ("score_sum", ("效果",))}
    assert set(new) == expected and all(n == 1 for n in new.values())
    assert not _counts(clean) - _counts(slipped)

    report = documents["report"]
    data = {(f["kind"], tuple(f["path"])): f for f in audit_dict(slipped)["findings"]}
    for _, new_text, kind, path in SLIPS:
        location = data[(kind, path)]["location"]
        if form == "docx":
            assert location == {"paragraph": report.paragraph_number(new_text)}
            assert f"第 {location['paragraph']} 段" in data[(kind, path)]["message"] or kind == "grade"
        else:
            assert location == {"page": _page_of(documents[("slipped", "pdf")], new_text)}
    subtotal = data[("text", ("过程",))]
    assert (subtotal["claimed"], subtotal["expected"]) == (33, 34)
    assert "“过程”得分 33 分，评分表为 34 分" in subtotal["message"]
    assert (data[("text", ())]["claimed"], data[("text", ())]["expected"]) == (95.6, 93.6)
    assert (data[("text", ("投入",))]["claimed"], data[("text", ("投入",))]["expected"]) == (90, 100)
    assert data[("grade", ())]["claimed"] == "良" and data[("grade", ())]["expected"] == "优"
    leaf = data[("rule", KNOWLEDGE)]
    if form == "docx":  # the score table is the document's second table; row 1 is its header
        rows = report.main_table.rows
        number = 2 + next(i for i, r in enumerate(rows) if "政策知晓率" in r[:4])
        assert leaf["location"] == {"table": 2, "row": number}
    else:
        assert set(leaf["location"]) == {"page", "table", "row"}
        assert leaf["location"]["page"] == _page_of(documents[("slipped", "pdf")], "政策知晓率达到90%得10分")


SEEDS = sorted(e.id for e in entries() if e.group in ("seeds", "examples") and load_framework(resolve(e.id)).indicators)


def _as_transcribed(framework) -> Counter:
    """The findings of a transcription without its figures, survey and budget block (a report
    written by ``report_of`` carries its tables and statements only)."""
    report = audit(replace(framework, figures=[], survey=None))
    return Counter((f.kind.value, f.path) for f in report.findings if f.kind.value != "figure")


@pytest.mark.parametrize("ref", SEEDS)
def test_every_transcription_reads_back_from_word_as_it_was(ref, tmp_path):
    framework = load_framework(resolve(ref))
    report = audit(load_framework(write_docx(report_of(framework), tmp_path / "r.docx")))
    assert Counter((f.kind.value, f.path) for f in report.findings) == _as_transcribed(framework)
    assert report.scored.total == audit(framework).scored.total and report.unread == []


def test_merged_cells_and_rows_that_run_over_pages_read_back_from_pdf(tmp_path):
    """The Fuliang department table has 一级 cells spanning pages and rows split by a page break."""
    framework = load_framework(resolve("seeds/fuliang_2021_department"))
    report = audit(load_framework(write_pdf(report_of(framework), tmp_path / "r.pdf")))
    assert Counter((f.kind.value, f.path) for f in report.findings) == _as_transcribed(framework)
    assert report.scored.total == audit(framework).scored.total


def test_what_cannot_be_read_is_listed_as_unread_never_guessed(seed, tmp_path):
    report = report_of(seed)
    report.blocks.insert(2, Table(["项目", "数值", "计算方法"], [["救助人次", "37841人次", "住院+门诊+依申请"]]))
    report.blocks.insert(3, "4. 项目效益情况（分值 30 分，得 26 分）")  # the report's dimension is 效果
    report.blocks.insert(4, "社会保障指标得分率 80%。")  # no indicator named in the sentence
    path = write_docx(report, tmp_path / "r.docx")
    result = audit(load_framework(path))
    clean = audit(replace(seed, figures=[], survey=None))
    assert _counts(result) == _counts(clean)  # nothing unread became a finding
    unread = [(u.place.to_dict(), u.what) for u in result.unread]
    assert unread[0] == ({"table": 1}, "（表头：项目、数值、计算方法）")
    assert unread[1] == ({"paragraph": 3}, "“4. 项目效益情况（分值 30 分，得 26 分）”")
    assert unread[2] == ({"paragraph": 4}, "“社会保障指标得分率 80%”")
    assert [u["location"] for u in audit_dict(result)["unread"]] == [{"table": 1}, {"paragraph": 3}, {"paragraph": 4}]


def _statements(framework, *texts: str):
    units = [SourceText(text, Place(paragraph=i)) for i, text in enumerate(texts, start=1)]
    return read_statements(framework, units, flowing=False)


@pytest.mark.parametrize(
    ("text", "kind", "path", "value"),
    [
        ("（一）产出指标（满分50分，实得50分）", "subtotal", ("产出指标",), 50),
        ("1.数量指标（满分10分，实得8分）", "subtotal", ("产出指标", "数量指标"), 8),
        ("质量指标分值 20 分，评价得分 20 分，得分率为 100%。", "rate", ("产出指标", "质量指标"), 100),
        ("其中产出指标 50 分（得分率 100%），效益指标 30 分（得分率 100%）。", "rate", ("效益指标",), 100),
        # a mistyped 分值 does not send the statement to the earlier 产出指标, whose weight is 50
        ("产出指标（满分50分，实得50分），效益指标（满分 50 分，实得 30 分）", "subtotal", ("效益指标",), 30),
        ("经评价，该项目综合得分为100分，评价结果为“优”。", "grade", (), "优"),
        ("绩效综合评价得分为85.21分，等级为“良”。", "total", (), Decimal("85.21")),
        ("综合得分 93.6 分", "total", (), Decimal("93.6")),
        ("项目总分 93.6 分", "total", (), Decimal("93.6")),
    ],
)
def test_statement_forms_of_real_reports_are_read(text, kind, path, value):
    framework = load_framework(resolve("seeds/hefei_yaohai_2023"))
    statements, unread = _statements(framework, text)
    found = [s for s in statements if s.kind.value == kind]
    assert found and not unread
    last = found[-1]
    assert last.path == path
    assert {"subtotal": last.score, "rate": last.rate, "total": last.score, "grade": last.grade}[kind] == value


def test_a_name_inside_a_longer_word_is_not_taken_for_the_indicator():
    """“效益指标” is an indicator; “社会效益” in “项目社会效益情况” is no indicator of the table."""
    framework = load_framework(resolve("seeds/hefei_yaohai_2023"))
    statements, unread = _statements(framework, "项目经济效益指标得分率 80%。", "指标体系总分为100分。")
    assert statements == [] and len(unread) == 1  # and the scale of the table is no total


def test_a_broken_word_file_is_a_chinese_error_naming_it(tmp_path):
    path = tmp_path / "评价报告.docx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(InputFileError) as raised:
        load_framework(path)
    assert "无法读取 Word 文件" in raised.value.message and "评价报告.docx" in raised.value.message
    assert "另存为" in raised.value.fix
    old = tmp_path / "评价报告.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputFileError, match="不支持的文件类型") as raised:
        load_framework(old)
    assert "另存为 .docx" in raised.value.fix


def test_an_encrypted_pdf_asks_for_the_password_to_be_removed(tmp_path):
    with pytest.raises(InputFileError) as raised:
        load_framework(encrypted_pdf(tmp_path / "加密.pdf"))
    assert "已加密" in raised.value.message and "加密.pdf" in raised.value.message
    assert "去除密码" in raised.value.fix


def test_a_report_without_a_score_table_says_what_to_do(tmp_path):
    from weasyprint import HTML

    pdf = tmp_path / "无表.pdf"
    HTML(string="<p>经评价，该项目综合得分为 93.6 分。</p>").write_pdf(str(pdf))
    with pytest.raises(InputFileError) as raised:
        load_framework(pdf)
    assert "PDF中找不到评分表" in raised.value.message.replace(" ", "") and "xlsx" in raised.value.fix
    docx = write_docx(Report("无表", ["经评价，该项目综合得分为 93.6 分。"]), tmp_path / "无表.docx")
    with pytest.raises(InputFileError) as raised:
        load_framework(docx)
    assert "Word 文件中找不到评分表" in raised.value.message


def test_a_table_error_names_the_table_and_its_row(seed, tmp_path):
    report = report_of(seed)
    report.main_table.rows[0][0] = ""  # the first row's 一级指标 left empty: nothing above to repeat
    report.main_table.merge_levels = 0
    with pytest.raises(InputFileError) as raised:
        load_framework(write_docx(report, tmp_path / "r.docx"))
    assert "第 2 个表格第 2 行" in raised.value.message and "上级指标为空" in raised.value.message
