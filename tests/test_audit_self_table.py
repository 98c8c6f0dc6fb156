"""Auditing a 项目支出绩效自评表 as published (contract 5; ../shared/FORMATS.md).

The form is one table: 项目名称, 主管部门 and 实施单位, the 项目资金（万元） block whose 年度资金总额
row scores the 预算执行率, 年度总体目标, then the indicator header in the middle of the table, the
indicators and 总分. medaid writes it for every self-evaluation framework it ships; read back,
each must audit like the framework itself. A unit's form as printed (seed 002, Fuliang 2021)
reads like its transcription, in Word and in PDF, and an author's slips in it are found in
their cells.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from docx import Document

from medaid.evaluation import audit, load_framework
from medaid.evaluation.catalog import entries, resolve
from medaid.evaluation.model import Budget
from medaid.services.evaluation import audit_file
from medaid.services.reports import generate_report
from tests.published_reports import Form, write_form_docx, write_form_pdf

SELF = sorted(e.id for e in entries() if e.kind == "self" and load_framework(resolve(e.id)).indicators)
# A leaf whose rule needs an evaluator is `pending` in the framework; the 自评表 prints no 评分标准,
# so read back the same unscored leaf is `missing_score`. Both say: no score, none computed.
UNSCORED = {"pending": "missing_score"}


def _kinds(report) -> set[tuple[str, tuple[str, ...]]]:
    return {(UNSCORED.get(f.kind.value, f.kind.value), f.path) for f in report.findings}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("self_tables")


@cache
def _written(ref: str, folder: Path):
    """medaid's own 自评表 of ``ref`` (the auto layout of a self-evaluation), once per module."""
    out = folder / ref.replace("/", "_") / "自评表.docx"
    out.parent.mkdir()
    return generate_report(ref, out=out)


def test_every_self_evaluation_framework_shipped_is_covered():
    listed = {e.id for e in entries() if e.id.startswith("seeds/fuliang_2021_self_")} | {"templates/self_evaluation"}
    assert len(listed) == 6 and listed <= set(SELF)


@pytest.mark.parametrize("ref", SELF)
def test_medaids_own_self_table_audits_like_its_framework(ref, folder):
    written = _written(ref, folder)
    own, read = audit_file(ref).report, audit_file(str(written.path)).report
    assert read.scored.total == own.scored.total == written.total  # None for the template: nothing scored
    assert _kinds(read) <= _kinds(own)  # the table adds no inconsistency
    assert read.unread == []
    framework, back = own.scored.framework, read.scored.framework
    assert back.kind is not None and back.kind.value == "self"
    assert back.title == framework.title.removesuffix("绩效自评").removesuffix("项目支出")  # its 项目名称
    assert (back.department, back.unit, back.year) == (framework.department, framework.unit, framework.year)
    assert (back.goal_expected, back.goal_achieved) == (framework.goal_expected, framework.goal_achieved)
    budgets = {n.name: n.budget for n in framework.indicators if n.budget is not None}
    assert {n.name: n.budget for n in back.indicators if n.budget is not None} == {
        name: replace(b, rate_text=f"{b.rate:.2f}%" if b.rate is not None else None) for name, b in budgets.items()
    }  # medaid prints the 执行率 with two decimals


def _set(document, row: int, column: int, text: str) -> None:
    paragraph = document.tables[0].rows[row].cells[column].paragraphs[0]
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = text


def test_a_slip_in_a_written_self_table_is_found_in_its_cell(folder):
    """In medaid's 自评表 of Fuliang's 城乡医疗救助, one leaf's 得分 and the 执行率 are changed."""
    written = _written("seeds/fuliang_2021_self_medical_assistance", folder)
    document = Document(str(written.path))
    leaf = ("产出指标", "数量指标", "医疗救助对象人数")
    row = next(i for i, r in enumerate(document.tables[0].rows) if r.cells[2].text == leaf[-1])
    assert (row, document.tables[0].rows[row].cells[6].text) == (10, "20")
    assert document.tables[0].rows[3].cells[6].text == "100.00%"  # 年度资金总额 执行率
    _set(document, row, 6, "18")  # the completion ratio gives 20 (1549 of ≥1500)
    _set(document, 3, 6, "90.00%")  # 466 ÷ 466 is 100%
    slipped = folder / "slipped.docx"
    document.save(str(slipped))
    clean = audit_file(str(written.path)).to_dict()["findings"]
    found = audit_file(str(slipped)).to_dict()["findings"]
    before = {(f["kind"], tuple(f["path"])) for f in clean}
    new = {(f["kind"], tuple(f["path"])): f for f in found if (f["kind"], tuple(f["path"])) not in before}
    assert set(new) == {
        ("figure", ("预算执行率",)),  # 执行率 90.00% ≠ 全年执行数 ÷ 全年预算数
        ("score_sum", ()),  # 总分 98 ≠ 10 + 48 + 28 + 10
        ("target", leaf),  # 18 does not follow the completion ratio (no 评分标准 printed: a warning)
        ("reason", leaf),  # 2 points taken without a 偏差原因
    }
    assert not before - {(f["kind"], tuple(f["path"])) for f in found}
    rate = new[("figure", ("预算执行率",))]
    assert (rate["claimed"], rate["expected"], rate["location"]) == (90, 100, {"table": 1, "row": 4})
    total = new[("score_sum", ())]
    assert (total["claimed"], total["expected"], total["location"]) == (98, 96, {"table": 1, "row": 17})
    assert new[("target", leaf)]["location"] == {"table": 1, "row": row + 1}


# Fuliang's 困难企业职工基本医疗保险 自评表 as printed (seed 002): a 绩效指标 column left of the
# levels, its 其中 row filled, and a 执行率 (100%) that its own sums (1301.56 ÷ 1000) contradict.
CAPTION = ("项目支出绩效自评表", "(2021年度)")
FORM: Form = [
    ["项目名称", "困难企业职工基本医疗保险", "<", "<", "<", "<", "<", "<", "<"],
    ["主管部门", "浮梁县医疗保障局", "<", "<", "实施单位", "浮梁县医疗保险事业服务中心", "<", "<", "<"],
    ["项目资金 (万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "<"],
    ["^", "年度资金总额", "1000", "1000", "1301.56", "10", "100%", "10", "<"],
    ["^", "其中：当年财政拨款", "1000", "1000", "1301.56", "—", "100%", "—", "<"],
    ["^", "上年结转资金", "", "", "", "—", "", "—", "<"],
    ["^", "其他资金", "", "", "", "—", "", "—", "<"],
    ["年度 总体 目标", "预期目标", "<", "<", "实际完成情况", "<", "<", "<", "<"],
    ["^", "关破改及困难企业职工医保补助资金", "<", "<", "关破改及困难企业职工医保补助资金", "<", "<", "<", "<"],
    ["绩效 指标", "一级指标", "二级指标", "三级指标", "年度 指标值", "实际 完成值", "分 值", "得 分", "偏差原因分析 及改进措施"],
    ["^", "产出指标 (50分)", "数量指标", "关破改困难企业参加城镇职工医保在职人数", ">=2000人", "2244人", "10", "9", ""],
    ["^", "^", "^", "关破改困难企业参保职工医保退休人数", ">=5000人", "5151人", "10", "9", ""],
    ["^", "^", "质量指标", "符合条件申报对象的参保率", ">=98%", "98%", "10", "9", ""],
    ["^", "^", "^", "城镇职工关破改困难企业补助资金到位率", "=100%", "100%", "10", "10", ""],
    ["^", "^", "时效指标", "困难企业职工办理特殊及慢性病审批", "<=15天", "15天", "10", "9", ""],
    ["^", "效益指标 (30分)", "社会效益指标", "困难企业职工医疗费用负担减轻程度", "逐步提高", "逐步提高", "15", "15", ""],
    ["^", "^", "^", "困难企业职工就医方便程度", "明显提高", "明显提高", "15", "15", ""],
    ["^", "满意度指标(10分)", "服务对象满意度指标", "困难企业职工满意度", "≥95%", "95%", "10", "10", ""],
    ["总分", "<", "<", "<", "<", "<", "100", "96", ""],
]  # fmt: skip
SUB_ROW_RATE = ("figure", ("数据", "项目资金当年财政拨款执行率"))


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_units_form_as_printed_reads_like_its_transcription(form, tmp_path):
    write = write_form_docx if form == "docx" else write_form_pdf
    path = write(FORM, tmp_path / f"自评表.{form}", CAPTION)
    transcription = audit(load_framework(resolve("seeds/fuliang_2021_self_enterprise_workers")))
    report = audit(load_framework(path))
    counts = Counter((f.kind.value, f.path) for f in report.findings)
    # the 其中 row repeats the 年度资金总额 row, 执行率 and all: its 100% is wrong too
    assert counts == Counter((f.kind.value, f.path) for f in transcription.findings) + Counter([SUB_ROW_RATE])
    assert report.scored.total == transcription.scored.total == Decimal(96) and report.unread == []
    fw = report.scored.framework
    assert (fw.title, fw.kind and fw.kind.value, fw.claimed_total) == ("困难企业职工基本医疗保险", "self", 96)
    assert (fw.department, fw.unit) == ("浮梁县医疗保障局", "浮梁县医疗保险事业服务中心")
    assert fw.goal_expected == fw.goal_achieved == "关破改及困难企业职工医保补助资金"
    budget = fw.indicators[0]
    assert (budget.name, budget.weight, budget.score) == ("预算执行率", 10, 10)
    assert budget.budget == Budget(Decimal(1000), Decimal(1000), Decimal("1301.56"), Decimal(100), "100%")
    located = {(f.kind.value, f.path): f.location for f in report.findings}
    page = {"page": 1} if form == "pdf" else {}
    assert located[("figure", ("预算执行率",))].to_dict() == {**page, "table": 1, "row": 4}
    assert located[SUB_ROW_RATE].to_dict() == {**page, "table": 1, "row": 5}


def test_what_the_preamble_cannot_place_is_unread_never_guessed(tmp_path):
    form = [list(row) for row in FORM]
    form.insert(2, ["项目负责人", "程智", "<", "<", "电话", "", "<", "<", "<"])
    form[5][5] = "10"  # a 分值 on the 其中 row: only 年度资金总额 is scored
    # one text for 年度总体目标, not split into 预期目标 and 实际完成情况, and a row under it
    form[8] = ["年度总体目标", "见附件", "<", "<", "<", "<", "<", "<", "<"]
    form[9] = ["^", "目标见附件", "<", "<", "<", "<", "<", "<", "<"]
    path = write_form_docx(form, tmp_path / "自评表.docx", CAPTION)
    report = audit(load_framework(path))
    unread = [(u.place.to_dict(), u.what) for u in report.unread]
    assert unread == [
        ({"table": 1, "row": 3}, "“项目负责人 程智 电话”"),
        ({"table": 1, "row": 6}, "“其中：当年财政拨款 分值 10”"),
        ({"table": 1, "row": 9}, "“年度总体目标 见附件”"),
        ({"table": 1, "row": 10}, "“目标见附件”"),
    ]
    fw = report.scored.framework
    assert fw.goal_expected is None and fw.goal_achieved is None and fw.department == "浮梁县医疗保障局"
    assert report.scored.total == Decimal(96)  # the rest is read as before


def test_a_budget_indicator_row_takes_the_fund_blocks_sums_and_score(folder):
    """The template's 自评表 lists 预算执行率 among the indicators; a unit fills the 项目资金 block:
    its 得分 and sums go to that row, and the self-evaluation default scores it (419.4 ÷ 466)."""
    written = _written("templates/self_evaluation", folder)
    document = Document(str(written.path))
    for column, text in enumerate(("466", "466", "419.4", "10", "90.00%", "9"), start=2):
        _set(document, 3, column, text)
    path = folder / "template_filled.docx"
    document.save(str(path))
    report = audit(load_framework(path))
    node = next(n for n in report.scored.nodes if n.indicator.name == "预算执行率")
    assert node.indicator.budget == Budget(Decimal(466), Decimal(466), Decimal("419.4"), Decimal(90), "90.00%")
    assert (node.indicator.weight, node.indicator.score, node.score) == (10, 9, 9)
    assert not [f for f in report.findings if f.path == ("预算执行率",)] and report.unread == []
