"""A Word report's score table is read like the same table in a CSV (``flat_rows``): a 得分系数
column checks each printed 得分, a cell the reader cannot take is listed unread at its table row,
and a table that prints no 分值 is read as targets and actuals, as a CSV of it is."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from medaid.errors import MedaidError
from medaid.evaluation import audit, load_framework

TITLE = "2023年度城乡医疗救助资金项目绩效自评报告"
SCORED = [
    ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分系数", "得分"],
    ["产出指标", "数量指标", "资助参保人数", "≥12000人", "12100人", "20", "1", "20"],
    ["产出指标", "质量指标", "救助对象认定准确率", "≥98%", "97%", "20", "0.9", "16"],  # 20 × 0.9 = 18
    ["产出指标", "时效指标", "救助资金拨付及时率", "100%", "100%", "20", "1.2", "20"],  # not a factor (above 1)
    ["效益指标", "社会效益指标", "困难群众医疗费用负担减轻程度", "明显减轻", "明显减轻", "30", "1", "30"],
    ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "93%", "10", "1", "10"],
    ["合计", "", "", "", "", "100", "", "96"],
]
TARGETS = [
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值"],
    ["产出指标", "数量指标", "资助参保人数", "≥", "12000", "人", "12100"],
    ["产出指标", "时效指标", "救助资金拨付及时率", "=", "100", "%", "100"],
    ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥", "90", "%", "93"],
]


def _write(rows: list[list[str]], path: Path) -> Path:
    document = Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("一、评分情况如下表。")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def test_a_score_beside_its_weight_times_the_factor_is_checked_and_a_bad_factor_listed_at_its_row(tmp_path):
    report = audit(load_framework(_write(SCORED, tmp_path / "自评报告.docx")))
    wrong = [f for f in report.findings if f.kind.value == "figure"]
    assert [(f.path, f.location.to_dict()) for f in wrong] == [
        (("数据", "第 1 个表格第 3 行得分"), {"table": 1, "row": 3})
    ]
    assert (wrong[0].claimed, wrong[0].expected) == (Decimal(16), Decimal(18))
    unread = [(u.place.to_dict(), u.what) for u in report.unread]
    assert unread == [({"table": 1, "row": 4}, "“得分系数”列“1.2”")]
    assert report.scored.framework.claimed_total == Decimal(96)


def _leaves(framework) -> list[tuple[str, str | None, str | None, object]]:
    return [
        (n.name, n.target.text if n.target else None, n.actual.text if n.actual else None, n.weight)
        for n in framework.walk()
        if not n.children
    ]


def test_a_report_whose_table_prints_no_weight_is_read_as_targets_and_actuals_as_its_csv_is(tmp_path):
    framework = load_framework(_write(TARGETS, tmp_path / "目标表.docx"))
    csv = tmp_path / "目标表.csv"
    csv.write_text("\n".join(",".join(row) for row in TARGETS), encoding="utf-8")
    assert framework.partial and _leaves(framework) == _leaves(load_framework(csv))
    assert _leaves(framework)[0] == ("资助参保人数", "≥12000人", "12100人", None)
    found = [(f.severity.value, f.kind.value, f.message) for f in audit(framework).findings]
    assert found == [(f.severity.value, f.kind.value, f.message) for f in audit(load_framework(csv)).findings]
    assert [s for s, _, m in found if s != "info" or "达到指标值" not in m] == []  # no invented weight, no error


CORE = [
    ["一级指标", "二级指标", "三级指标", "是否核心指标", "指标值", "实际完成值", "分值", "得分", "偏差原因分析"],
    ["产出指标", "数量指标", "资助参保人数", "是", "≥12000人", "11800人", "40", "38", ""],
    ["产出指标", "数量指标", "医疗救助人次", "是", "≥1500人次", "1400人次", "20", "18", "年内住院人次下降"],
    ["产出指标", "质量指标", "救助对象认定准确率", "√", "≥98%", "99%", "20", "20", ""],
    ["满意度指标", "服务对象满意度指标", "救助对象满意度", "否", "≥90%", "88%", "20", "19", ""],
]


def _csv(rows: list[list[str]], path: Path) -> Path:
    path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    return path


def test_a_core_indicator_that_missed_its_target_without_a_reason_is_a_warning(tmp_path):
    report = audit(load_framework(_csv(CORE, tmp_path / "自评表.csv")))
    core = {leaf.name: leaf.core for leaf in report.scored.framework.walk() if not leaf.children}
    assert core == {"资助参保人数": True, "医疗救助人次": True, "救助对象认定准确率": True, "救助对象满意度": False}
    found = [(f.severity.value, f.path[-1], f.message) for f in report.findings if "核心指标" in f.message]
    # the one with a 偏差原因, the one met and the one not core say nothing
    assert found == [
        ("warning", "资助参保人数", "核心指标“资助参保人数”实际完成值 11800人 未达到指标值 ≥12000人，但未写偏差原因")
    ]


def test_a_core_column_that_is_neither_yes_nor_no_is_refused_at_its_row(tmp_path):
    rows = [list(r) for r in CORE]
    rows[2][3] = "重要"
    with pytest.raises(MedaidError) as refused:
        load_framework(_csv(rows, tmp_path / "自评表.csv"))
    assert "是否核心指标“重要”不是“是”或“否”" in str(refused.value) and "第3行" in str(refused.value).replace(" ", "")
