"""Reports: the Word, PDF, HTML, Excel and JSON renderings of one evaluation, checked by
opening what was written — structure, numbers and merged cells against the scored result."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from medaid.evaluation import audit, load_framework
from medaid.evaluation.catalog import entries, find
from medaid.evaluation.numbers import fmt
from medaid.evaluation.scoring import ScoredNode
from medaid.reports.document import EvaluationReport, build_report
from medaid.reports.model import DRAFT_MARK
from medaid.reports.render import render

SEEDS = [e for e in entries() if e.group == "seeds"]


def report_of(name: str, tmp_path: Path) -> EvaluationReport:
    return build_report(audit(load_framework(find(name))), narrative_file=tmp_path / "文字稿.yaml")


def spans(nodes: list[ScoredNode], levels: int) -> list[tuple[int, int, int, str]]:
    """(first row, level, rows spanned, name) of every branch the score sheet merges down."""
    out, row = [], 0

    def walk(node: ScoredNode, level: int) -> None:
        nonlocal row
        if node.children and level < levels - 1:
            start = row
            for child in node.children:
                walk(child, level + 1)
            out.append((start, level, row - start, node.indicator.name))
        else:
            row += 1

    for node in nodes:
        walk(node, 0)
    return out


def test_the_word_report_has_the_outline_the_numbers_and_the_typography(tmp_path: Path):
    report = report_of("seeds/liucheng_2023", tmp_path)
    doc = Document(str(render(report, "docx", tmp_path / "r.docx")))
    texts = [p.text for p in doc.paragraphs]
    for heading in ("摘要", "三、项目绩效情况", "（二）绩效分析", "四、存在的问题", "五、改进建议", "附件1：评分表"):
        assert heading in texts, heading
    assert "经评价，该项目综合得分为 90.3 分，评价等级为“优”。" in texts
    assert "《柳城县2023年城乡医疗救助项目财政绩效评价》所载总分为 93.6 分，按评分表逐项复核为 90.3 分。" in texts
    dimensions = next(t for t in doc.tables if t.rows[0].cells[0].text == "一级指标" and len(t.columns) == 4)
    rows = [[c.text for c in r.cells] for r in dimensions.rows]
    assert rows[0] == ["一级指标", "分值", "得分", "得分率"]
    expected = [[n.indicator.name, fmt(n.indicator.weight), fmt(n.score), f"{n.rate:.2f}%"]
                for n in report.audit.scored.nodes]  # fmt: skip
    assert rows[1:-1] == expected and rows[-1] == ["合计", "100", "90.3", "90.30%"]
    section = doc.sections[-1]
    body_section = doc.sections[1]  # after the cover
    assert (round(body_section.page_width.mm), round(body_section.page_height.mm)) == (210, 297)
    assert round(body_section.top_margin.mm) == 37 and section.orientation == 1  # no survey: 附件1 (landscape) is last
    body = next(p for p in doc.paragraphs if p.text.startswith("经评价"))
    assert body.style.name == "Body Text" and body.style.font.size.pt == 16
    assert body.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    footer = body_section.footer.paragraphs[0]._element.xml
    assert "PAGE" in footer and "— " in body_section.footer.paragraphs[0].text


def test_problems_are_drafts_by_theme_and_edits_are_kept(tmp_path: Path):
    report = report_of("seeds/liucheng_2023", tmp_path)
    first = report.themes[0]
    assert first.problem.draft and "医疗救助实际资助参保得 2.2 分（满分 6 分，扣 3.8 分）" in first.problem.text
    assert any(t.title == "评分表存在数字不一致" for t in report.themes)
    saved = tmp_path / "文字稿.yaml"
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["存在的问题"][0]["原稿"] == first.problem.text and data["存在的问题"][0]["主题"] == first.topic
    data["存在的问题"][0] = {"标题": "资助参保人数与名册不符", "内容": "经核实少资助 511 人。"}  # 原稿 deleted: checked
    saved.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    again = report_of("seeds/liucheng_2023", tmp_path)
    assert again.themes[0].title == "资助参保人数与名册不符"
    assert again.themes[0].problem.text == "经核实少资助 511 人。" and not again.themes[0].problem.draft
    assert again.themes[0].advice.draft and again.themes[1].problem.draft  # untouched paragraphs stay marked
    doc = Document(str(render(again, "docx", tmp_path / "r.docx")))
    texts = [p.text for p in doc.paragraphs]
    assert "（一）资助参保人数与名册不符" in texts and "经核实少资助 511 人。" in texts
    assert any(t.startswith(DRAFT_MARK) for t in texts)


def test_an_edited_text_written_before_the_scores_changed_is_flagged_not_printed_as_final(tmp_path: Path):
    report_of("seeds/liucheng_2023", tmp_path)
    saved = tmp_path / "文字稿.yaml"
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    data["存在的问题"][0]["内容"] = "资助参保少资助 511 人，扣 3.8 分。"  # edited, 原稿 kept
    saved.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert not report_of("seeds/liucheng_2023", tmp_path).themes[0].problem.draft  # the numbers still hold
    data["存在的问题"][0]["原稿"] = "医疗救助实际资助参保得 4 分（满分 6 分，扣 2 分）"  # drafted from other scores
    data["存在的问题"][1]["原稿"] = "旧的数字"  # an untouched draft from other scores: today's draft replaces it
    data["存在的问题"][1]["内容"] = "旧的数字"
    saved.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    again = report_of("seeds/liucheng_2023", tmp_path)
    assert again.themes[0].problem.draft and again.themes[0].problem.text == "资助参保少资助 511 人，扣 3.8 分。"
    assert any("写于评分结果变化之前" in p.text and p.warning for p in again.notes)
    fresh = report_of("seeds/liucheng_2023", tmp_path / "新")  # the drafts of today
    assert again.themes[1].problem.text == fresh.themes[1].problem.text != "旧的数字"


@pytest.mark.parametrize("seed", SEEDS, ids=[e.path.stem for e in SEEDS])
def test_a_seed_report_reproduces_its_score_sheet_with_the_same_merged_cells(seed, tmp_path: Path):
    report = build_report(audit(load_framework(seed.path)))
    if not report.audit.scored.nodes:
        pytest.skip("the report publishes only its total")
    sheet = report.sheet
    expected = spans(report.audit.scored.nodes, sheet.levels)
    leaves = [n for n in report.audit.scored.walk() if not n.children]
    doc = Document(str(render(report, "docx", tmp_path / "r.docx")))
    table = doc.tables[-1]
    assert len(table.rows) == 2 + sheet.row_count
    for start, level, rows, name in expected:
        column = [table.cell(1 + start + i, level) for i in range(rows)]
        assert all(c._tc is column[0]._tc for c in column), name  # one merged cell over its leaves
        assert column[0].text.startswith(name)
        if start + rows < sheet.row_count:
            assert table.cell(1 + start + rows, level)._tc is not column[0]._tc
    book = openpyxl.load_workbook(render(report, "xlsx", tmp_path / "r.xlsx"))
    merged = {(r.min_row, r.min_col, r.max_row - r.min_row + 1) for r in book["评分表"].merged_cells.ranges}
    for start, level, rows, name in expected:
        if rows > 1:
            assert (4 + start, level + 1, rows) in merged, name
    scores = [c.value for c in book["评分表"]["A"]]  # title, blank, header, then the body
    assert scores[2] == "一级指标" and len(leaves) >= sheet.row_count


def test_the_workbook_numbers_come_from_the_result_and_text_cannot_run(tmp_path: Path):
    framework = tmp_path / "f.yaml"
    framework.write_text(
        "title: 公式注入测试\nindicators:\n"
        "  - {name: '=HYPERLINK(\"http://x\")', weight: 60, score: 50, note: '@SUM(A1)'}\n"
        "  - {name: '+投入', weight: 40, score: 40}\n",
        encoding="utf-8",
    )
    report = build_report(audit(load_framework(framework)))
    book = openpyxl.load_workbook(render(report, "xlsx", tmp_path / "r.xlsx"))
    sheet = book["评分表"]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells['=HYPERLINK("http://x")'].data_type == "s" and cells['=HYPERLINK("http://x")'].quotePrefix
    assert cells["+投入"].quotePrefix
    note = next(c for c in cells.values() if "@SUM(A1)" in c.value)  # the entered score's note, in 评分说明
    assert note.data_type == "s"
    summary = [[c.value for c in r] for r in book["得分汇总"].iter_rows()]
    assert summary[-2] == ["合计", 100, 90, 0.9] and summary[-1][:2] == ["等级", "优"]


def test_the_findings_sheet_names_each_kind_in_chinese(tmp_path: Path):
    """Was: the 类别 column showed kind codes such as score_sum."""
    report = report_of("seeds/liucheng_2023", tmp_path)
    book = openpyxl.load_workbook(render(report, "xlsx", tmp_path / "r.xlsx"))
    kinds = [r[1].value for r in book["发现的问题"].iter_rows(min_row=2)]
    assert kinds and "得分合计不符" in kinds and "得分与评分标准不符" in kinds
    assert not any(re.fullmatch(r"[a-z_]+", str(k)) for k in kinds)


def test_json_carries_the_scored_tree_the_audit_and_the_report_text(tmp_path: Path):
    report = report_of("seeds/hefei_yaohai_2023", tmp_path)
    data = json.loads(render(report, "json", tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["total"] == 98 and data["grade"] == "优"
    assert data["report"]["dimensions"][0]["name"] == report.dimensions[0].name
    assert {f["kind"] for f in data["audit"]["findings"]} >= {"score_sum"}  # the stated 产出 50 vs 48


@pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None,
                    reason="poppler-utils is installed by make test (scripts/system-deps.sh)")  # fmt: skip
def test_the_pdf_has_real_chinese_text_in_embedded_fonts(tmp_path: Path):
    report = report_of("seeds/liucheng_2023", tmp_path)
    pdf = render(report, "pdf", tmp_path / "r.pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = [line for line in fonts.splitlines()[2:] if line.split()[-5:-4] == ["yes"]]
    assert any(name in fonts for name in ("UMing", "UKai", "Micro-Hei", "CJK")), fonts
    assert embedded and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "综合评价情况及评价结论" in text and "90.3" in text and "附件1：评分表" in text
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page-*.png"))
    assert page.stat().st_size > 2000  # a rendered page, not an empty one


def test_html_escapes_and_marks_drafts(tmp_path: Path):
    report = report_of("seeds/liucheng_2023", tmp_path)
    html = render(report, "html", tmp_path / "r.html").read_text(encoding="utf-8")
    assert DRAFT_MARK in html and "医疗救助实际资助参保得 2.2 分（满分 6 分，扣 3.8 分）" in html
    assert "rowspan=" in html and "<td colspan=" in html
    framework = tmp_path / "f.yaml"
    framework.write_text("title: x\nindicators:\n  - {name: '<script>alert(1)</script>', weight: 100, score: 90}\n",
                         encoding="utf-8")  # fmt: skip
    html = render(build_report(audit(load_framework(framework))), "html", tmp_path / "x.html").read_text("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def cells_of(row) -> list[str]:
    """A Word table row's cells, each merged cell once."""
    out, previous = [], None
    for cell in row.cells:
        if cell._tc is not previous:
            out.append(cell.text)
        previous = cell._tc
    return out


def test_a_self_evaluation_framework_renders_the_standard_self_evaluation_table(tmp_path: Path):
    from medaid.services.reports import generate_report

    out = tmp_path / "自评表.docx"
    made = generate_report("seeds/fuliang_2021_self_medical_assistance", out=out)  # layout auto: a self evaluation
    assert made.path == out
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "项目支出绩效自评表（2021年度）"
    rows = [cells_of(r) for r in doc.tables[0].rows]
    assert rows[0] == ["项目名称", "浮梁县2021年城乡医疗救助"]
    assert rows[1] == [
        "主管部门",
        "浮梁县医疗保障局",
        "实施单位",
        "浮梁县医疗保险事业服务中心",
    ]  # as the seed prints them
    goal = rows.index(["年度总体目标", "预期目标", "实际完成情况"])
    assert rows[goal + 1][1].startswith("目标 1、持续实施重、特大疾病医疗救助。")
    assert rows[2][2:] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert rows[3][1:] == ["年度资金总额", "466", "466", "466", "10", "100.00%", "10"]
    head = rows.index(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                       "偏差原因分析及改进措施"])  # fmt: skip
    assert rows[head + 1] == [
        "产出指标（50分）",
        "数量指标（20分）",
        "医疗救助对象人数",
        "≥1500人次",
        "1549人",
        "20",
        "20",
        "",
    ]
    assert rows[-1] == ["总分", "100", "98", ""]  # the seed's stated total, reproduced from the rows
    table = doc.tables[0]
    first = table.cell(head + 1, 0)
    assert all(table.cell(head + 1 + i, 0)._tc is first._tc for i in range(3))  # 产出指标 over its three rows


def test_data_themes_name_a_deficit_a_subsidy_shortfall_and_the_verification_findings():
    from medaid.analytics.metric_defs import BY_NAME
    from medaid.analytics.metrics import Value
    from medaid.analytics.runs import YearFindings
    from medaid.reports.themes import build_themes

    def value(name: str, amount: str) -> Value:
        return Value(BY_NAME[name], Decimal(amount), None, None)

    figures = {v.metric.name: v for v in (value("current_balance", "-125000.50"), value("cumulative_balance", "-3000"),
                                          value("subsidy_completion_rate", "96.20"))}  # fmt: skip
    found = YearFindings(2023, ["2023-11", "2023-12"], {"non_recipient": 3, "missed": 1}, 120_000, 45_678)
    checked = audit(load_framework(find("examples/county_2023_financial")))
    themes = {spec.key: (problem, advice) for spec, problem, advice in build_themes(checked, figures, found, None)}
    ledger, _ = themes["ledger"]
    assert "2023年仅有 2 个月形成核查台账" in ledger
    assert "核查台账（2 个月）列出结算与救助对象名单不符 4 笔：多享：非救助对象 3 笔、应享未享 1 笔" in ledger
    assert "涉及应退金额 456.78\u00a0元、应补金额 1,200.00\u00a0元" in ledger
    fund, fund_advice = themes["fund"]
    assert "当年基金收不抵支，当期收支差为 -12.50\u00a0万元，年末累计结余 -0.30\u00a0万元" in fund  # one unit for both
    assert "弥补 12.50\u00a0万元 的当期收支缺口" in fund_advice
    payment, payment_advice = themes["payment"]
    assert "资助参保完成率得 3.5 分" in payment and "资助参保完成率（现为 97.50%）" in payment_advice
