"""The audit finds each kind of inconsistency (contract 2) and raises no false alarm on a
consistent table. Each scenario is a small table a reader can check by hand."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from medaid.evaluation import audit, audit_dict, load_framework

CONSISTENT = """
title: 一致的评分表
kind: financial
claimed: {total: 93.5, grade: 优秀}
indicators:
  - name: 过程
    weight: 40
    claimed: {score: 39, rate: 97.5%}
    children:
      - name: 资金支出进度
        weight: 6
        actual: 95.95%
        rule: 截至年底预算支出进度达到90%及以上，得6分；70%（含）-90%的，按照分值乘以实际进度计算得分；60%（含）-70%的，得1分；低于60%的，得0分。
        score: 6
      - name: 项目质量控制
        weight: 34
        rule: 1. 建立质量管控制度且执行良好的，得24分。2. 按规定检查、监控的，得10分。
        score: 33
        note: 未形成核查台账，扣1分
  - name: 效果
    weight: 60
    claimed: {score: 54.5, rate: 90.83%}
    children:
      - name: 政策知晓率
        weight: 10
        actual: 77.5%
        rule: 政策知晓率达到90%得10分，否则按实际知晓率*分值计算
        score: 7.75
        note: 知晓率77.5%
      - name: 受助对象满意度
        weight: 50
        actual: 93.5%
        rule: 调查对象满意度90%以上（含90%）得50分，满意度60（含）-90%按分值乘以满意度计算得分，满意度低于60%得0分。
        score: 46.75
        note: 满意度93.5%
"""


def _audit(write, text):
    return audit(load_framework(write("t.yaml", text)))


def _kinds(report):
    return {(f.kind.value, f.path) for f in report.findings if f.severity.value == "error"}


def test_consistent_table_has_no_error(write):
    report = _audit(write, CONSISTENT.replace("score: 46.75", "score: 50"))
    report = _audit(
        write,
        CONSISTENT.replace("score: 46.75", "score: 50")
        .replace("score: 54.5", "score: 57.75")
        .replace("rate: 90.83%", "rate: 96.25%")
        .replace("total: 93.5", "total: 96.75"),
    )
    assert report.errors == []
    assert report.exit_code == 0
    assert report.scored.total == Decimal("96.75")


def test_stated_score_against_its_rule(write):
    # 93.5% satisfaction is in the ≥90% band: 50, not 46.75
    report = _audit(write, CONSISTENT)
    rule = [f for f in report.errors if f.kind.value == "rule"]
    assert len(rule) == 1
    assert rule[0].path == ("效果", "受助对象满意度")
    assert (rule[0].claimed, rule[0].expected) == (Decimal("46.75"), Decimal(50))
    assert report.exit_code == 1


def test_subtotal_that_does_not_add_up(write):
    report = _audit(write, CONSISTENT.replace("score: 39,", "score: 38,").replace("rate: 97.5%", "rate: 95%"))
    [finding] = [f for f in report.errors if f.kind.value == "score_sum" and f.path == ("过程",)]
    assert finding.claimed == 38 and finding.expected == 39
    assert "6 + 33 = 39" in finding.message


def test_total_that_does_not_add_up(write):
    report = _audit(write, CONSISTENT.replace("total: 93.5", "total: 95.5"))
    assert ("score_sum", ()) in _kinds(report)


def test_rate_mistyped_and_truncation_tolerated(write):
    assert ("rate", ("过程",)) in _kinds(_audit(write, CONSISTENT.replace("rate: 97.5%", "rate: 75%")))
    # 54.5 / 60 = 90.8333…: both 90.83% (rounded) and 90.83% (cut) are fine; so is 90.8%
    assert ("rate", ("效果",)) not in _kinds(_audit(write, CONSISTENT.replace("rate: 90.83%", "rate: 90.8%")))


def test_rate_truncated_at_two_decimals_is_not_an_error(write):
    text = CONSISTENT.replace(
        "weight: 40\n    claimed: {score: 39, rate: 97.5%}", "weight: 40\n    claimed: {score: 39}"
    )
    text = text.replace("score: 54.5, rate: 90.83%", "score: 54.5, rate: 90.83%")
    assert ("rate", ("效果",)) not in _kinds(_audit(write, text))


def test_grade_that_does_not_follow_the_band(write):
    report = _audit(write, CONSISTENT.replace("grade: 优秀", "grade: 良好"))
    [finding] = [f for f in report.errors if f.kind.value == "grade"]
    assert finding.expected == "优" and finding.claimed == "良好"


def test_score_above_weight(write):
    report = _audit(write, CONSISTENT.replace("score: 7.75", "score: 12"))
    assert ("score_range", ("效果", "政策知晓率")) in _kinds(report)


def test_rule_whose_full_marks_differ_from_the_weight(write):
    report = _audit(write, CONSISTENT.replace("得24分", "得30分"))
    [finding] = [f for f in report.errors if f.kind.value == "rule_weight"]
    assert finding.path == ("过程", "项目质量控制")
    assert finding.expected == 40 and finding.claimed == 34


def test_weights_that_do_not_add_up(write):
    report = _audit(write, CONSISTENT.replace("weight: 34", "weight: 30"))
    assert ("weight_sum", ("过程",)) in _kinds(report)


def test_implausible_target_is_a_warning(write):
    text = """
    title: 合肥式的目标值
    kind: self
    indicators:
      - name: 代参保人数
        weight: 100
        target: 241000人
        actual: 3304人
        score: 80
        note: 指标值年初填写错误
    """
    report = _audit(write, text)
    warnings = [f for f in report.findings if f.kind.value == "target"]
    assert {f.severity.value for f in warnings} == {"warning"}
    assert any("1.37%" in f.message and "填写有误" in f.message for f in warnings)
    assert any(f.expected == Decimal("1.37") for f in warnings)  # 100 × 3304/241000 by completion
    assert report.exit_code == 0


def test_figures_are_recomputed_across_units(write):
    text = """
    title: 数据核对
    partial: true
    indicators: []
    figures:
      - {name: 实际支出, value: 2649.26, unit: 万元}
      - {name: 资助参保支出, value: 3462630.00, unit: 元}
      - {name: 资助参保占比, value: 13.07%, formula: 资助参保支出 / 实际支出}
      - {name: 住院救助支出, value: 20421473.57, unit: 元}
      - {name: 住院占比, value: 77.80%, formula: 住院救助支出 / 实际支出}
    """
    report = _audit(write, text)
    figures = [f for f in report.errors if f.kind.value == "figure"]
    assert [f.path for f in figures] == [("数据", "住院占比")]
    assert figures[0].expected == Decimal("77.08")


def test_structured_rule_and_reading_option(write):
    text = """
    title: 结构化规则
    indicators:
      - name: 预算完成率
        weight: 100
        actual: 88%
        rule: {text: 100%计满分，每低于5%扣20分，扣完为止, partial: floor}
        score: 60
        note: 两档
    """
    report = _audit(write, text)
    assert report.errors == []
    assert report.scored.total == Decimal(60)


def test_json_shape_of_contract_2(write):
    data = audit_dict(_audit(write, CONSISTENT))
    assert set(data) >= {"findings", "computed", "claimed"}
    finding = data["findings"][0]
    assert set(finding) >= {"severity", "kind", "path", "claimed", "expected", "message"}
    assert data["claimed"] == {"total": 93.5, "grade": "优秀"}
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("grade", ["优", "优秀"])
def test_grade_aliases(write, grade):
    report = _audit(
        write,
        CONSISTENT.replace("score: 46.75", "score: 50")
        .replace("score: 54.5", "score: 57.75")
        .replace("rate: 90.83%", "rate: 96.25%")
        .replace("total: 93.5", "total: 96.75")
        .replace("grade: 优秀", f"grade: {grade}"),
    )
    assert report.errors == []


def test_financial_evaluation_with_light_outputs_is_warned(write):
    text = """
    title: 结构
    kind: financial
    indicators:
      - {name: 决策, weight: 30, score: 30}
      - {name: 过程, weight: 20, score: 20}
      - {name: 产出, weight: 25, score: 25}
      - {name: 效益, weight: 25, score: 25}
    """
    report = _audit(write, text)
    assert any(f.kind.value == "structure" and f.severity.value == "warning" for f in report.findings)


def test_target_warning_follows_the_direction_of_the_target(write):
    text = """
    title: 上限
    indicators:
      - {name: 办结时限, weight: 50, target: ≤10次, actual: 1次, score: 50}
      - {name: 审批时限, weight: 50, target: ≤15个工作日, actual: 100个工作日, score: 0, note: 超期}
    """
    report = _audit(write, text)
    targets = [f for f in report.findings if f.kind.value == "target" and f.severity.value == "warning"]
    assert {f.path for f in targets} == {("审批时限",)}  # staying far below a ceiling is fine
    assert any("6.67 倍" in f.message for f in targets)


def test_percent_cells_read_as_fractions_from_excel(write):
    text = """
    title: 百分比单元格
    indicators:
      - {name: 住院救助比例, weight: 100, target: ≥75%, actual: 0.8, score: 100}
    """
    report = _audit(write, text)
    assert not [f for f in report.findings if f.severity.value != "info"]


def test_formula_out_of_range_is_an_error_not_a_crash(write):
    text = """
    title: 公式
    partial: true
    indicators: []
    figures:
      - {name: 甲, value: 1}
      - {name: 乙, value: 2, formula: 甲 * 1e400}
    """
    [finding] = _audit(write, text).errors
    assert finding.kind.value == "figure" and "超出范围" in finding.message


def test_a_report_with_only_its_total_has_no_computed_total(write):
    """Two seed reports publish a total and no table: there is nothing to recompute."""
    text = """
    title: 只有总分
    partial: true
    claimed: {total: 85.21, grade: 良}
    indicators: []
    """
    report = _audit(write, text)
    assert report.scored.total is None and report.scored.grade is None
    [info] = [f for f in report.findings if f.kind.value == "unchecked"]
    assert info.severity.value == "info" and info.message.startswith("无法复核：报告未公布评分表")
    assert report.exit_code == 0
    data = audit_dict(report)
    assert data["computed"] == {"total": None, "grade": None}
    assert data["claimed"] == {"total": 85.21, "grade": "良"}
    assert isinstance(data["findings"], list)
    json.dumps(data, ensure_ascii=False)


OVER_FULL_MARKS = """
title: 总分超出满分
claimed: {total: 118, grade: 优}
indicators:
  - {name: 产出, weight: 50, score: 50}
  - {name: 效益, weight: 50, score: 50}
"""


def test_a_claimed_total_above_full_marks_is_out_of_range_and_gets_no_grade(write):
    report = _audit(write, OVER_FULL_MARKS)
    [out] = [f for f in report.errors if f.kind.value == "score_range"]
    assert out.path == () and (out.claimed, out.expected) == (Decimal(118), Decimal(100))
    [grade] = [f for f in report.findings if f.kind.value == "grade"]
    assert "超出" in grade.message and "应评为" not in grade.message


def test_a_computed_total_above_full_marks_is_out_of_range_and_gets_no_grade(write):
    text = """
    title: 下级分值超出
    indicators:
      - name: 产出
        weight: 50
        children:
          - {name: 数量, weight: 40, score: 40}
          - {name: 质量, weight: 30, score: 30}
      - {name: 效益, weight: 50, score: 50}
    """
    report = _audit(write, text)
    assert report.scored.total == Decimal(120) and report.scored.grade is None
    ranges = {(f.path, f.claimed, f.expected) for f in report.errors if f.kind.value == "score_range"}
    assert ranges == {(("产出",), Decimal(70), Decimal(50)), ((), Decimal(120), Decimal(100))}
    assert "超出" in report.scored.reason
