"""The rule library through the project's own structured syntax, and the judged rules'
demands on the stated score (range, written reason)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation import audit, load_framework
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, RuleSpecError, rule_from_mapping


def score(spec, weight, actual=None, target=None):
    rule = rule_from_mapping(spec)
    return rule.apply(Inputs(weight=Decimal(weight), target=parse_quantity(target), actual=parse_quantity(actual)))


def test_structured_per_point_with_whole_steps():
    spec = {"type": "per_point", "direction": "below", "reference": "100%", "step": 5, "points": 2, "partial": "floor"}
    assert score(spec, 5, "88%").score == Decimal(1)


def test_structured_per_point_above_a_ceiling():
    spec = {"type": "per_point", "direction": "above", "reference": "15%", "points": 0.5, "full": 2}
    assert score(spec, 2, "16.8%").score == Decimal("1.1")


def test_structured_bands_with_formula_band():
    spec = {"type": "banded", "bands": [{"low": 90, "points": 10}, {"high": 90}]}
    assert score(spec, 10, "77.5%").score == Decimal("7.75")
    assert score(spec, 10, "90%").score == Decimal(10)


def test_structured_qualitative_levels_as_fractions_or_points():
    spec = {"type": "qualitative", "levels": {"优": 1.0, "良": 0.8, "中": 0.6, "差": 0}}
    assert score(spec, 5, "良").score == Decimal(4)
    points = {"type": "qualitative", "levels": {"健全": 2, "基本健全": 1, "不健全": 0}}
    assert score(points, 2, "基本健全").score == Decimal(1)


def test_structured_per_case_and_proportional():
    assert score({"type": "per_case", "points": 0.5}, 5, "3例").score == Decimal("3.5")
    assert score({"type": "proportional"}, 10, "12987人", "≥13500人").score == Decimal(10) * 12987 / 13500


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"type": "magic"}, "未知的规则类型“magic”"),
        ({"type": "per_point", "points": "一分"}, "规则参数 points 应为数字"),
        ({"type": "per_point"}, "规则缺少参数 points"),
        ({"type": "per_point", "points": 1, "direction": "sideways"}, "direction 应为 below"),
        ({"type": "banded"}, "banded 规则需要 bands 列表"),
        ({"type": "checklist", "items": []}, "checklist 规则需要 items 列表"),
        ({"type": "qualitative", "levels": ["优"]}, "levels 应为"),
    ],
)
def test_malformed_structured_rules_say_what_to_fix(spec, message):
    with pytest.raises(RuleSpecError, match=message):
        rule_from_mapping(spec)


MANUAL = """
title: 人工评分
indicators:
  - name: 档案管理
    weight: 100
    rule: {type: manual}
    score: 90
"""


def test_manual_score_below_full_marks_requires_a_written_reason(write):
    report = audit(load_framework(write("m.yaml", MANUAL)))
    [finding] = report.errors
    assert finding.kind.value == "reason" and "未写扣分说明" in finding.message
    with_reason = MANUAL.replace("score: 90", "score: 90\n    note: 档案缺少2022年公示材料，扣10分")
    assert audit(load_framework(write("m2.yaml", with_reason))).errors == []


def test_judged_score_outside_the_rule_range_is_an_error(write):
    text = """
    title: 酌情
    indicators:
      - name: 救助资金及时到位率
        weight: 5
        rule: 产出时效指标:按计划的时间周期实施并完工得5分,否则按0-5分(不含5分)酌情给分。
        score: 3
        note: 结算周期过长，扣2分
      - name: 项目质量控制
        weight: 95
        rule: 1. 建立质量管控制度的，得90分。2. 按规定检查的，得5分。
        score: 96
        note: 加分
    """
    report = audit(load_framework(write("j.yaml", text)))
    errors = {(f.kind.value, f.path[-1]) for f in report.errors}
    assert ("rule", "项目质量控制") in errors  # 96 > 95, outside 0–95
    assert ("score_range", "项目质量控制") in errors
    assert not any(path == "救助资金及时到位率" for _, path in errors)  # 3 is within 0–5


def test_stated_score_matching_the_whole_step_reading_is_a_warning_not_an_error(write):
    text = """
    title: 读法
    indicators:
      - name: 预算完成率
        weight: 100
        actual: 88%
        rule: 100%计满分，每低于5%扣20分，扣完为止
        score: 60
        note: 低于两档
    """
    report = audit(load_framework(write("p.yaml", text)))
    assert report.errors == []
    [warning] = [f for f in report.findings if f.kind.value == "rule"]
    assert warning.severity.value == "warning" and warning.expected == Decimal(52)
    assert "整档" in warning.message


def test_leaf_without_score_or_computable_rule_is_an_error_outside_templates(write):
    text = """
    title: 缺得分
    indicators:
      - {name: 产出, weight: 50, score: 50}
      - {name: 效益, weight: 50, rule: 政策知晓率达到90%得10分，否则按实际知晓率*分值计算}
    """
    report = audit(load_framework(write("x.yaml", text)))
    [finding] = [f for f in report.errors if f.kind.value == "missing_score"]
    assert finding.path == ("效益",) and "缺少实际完成值" in finding.message
    assert report.scored.total is None


def test_partial_stated_in_a_structured_rule_makes_the_reading_explicit(write):
    """partial: floor is the file's own reading: 88% is two whole steps below 100% → 60.
    A stated 52 (the proportional reading) is then an error, not a warning."""
    text = """
    title: 写明读法
    indicators:
      - name: 预算完成率
        weight: 100
        actual: 88%
        rule: {type: per_point, direction: below, reference: 100%, step: 5, points: 20, partial: floor}
        score: 52
        note: 按比例扣分
    """
    report = audit(load_framework(write("f.yaml", text)))
    [error] = [f for f in report.errors if f.kind.value == "rule"]
    assert (error.claimed, error.expected) == (Decimal(52), Decimal(60))
    assert not [f for f in report.findings if f.kind.value == "rule" and f.severity.value == "warning"]


def test_structured_rule_without_partial_keeps_the_other_readings_as_warnings(write):
    text = """
    title: 未写读法
    indicators:
      - name: 预算完成率
        weight: 100
        actual: 88%
        rule: {type: per_point, direction: below, reference: 100%, step: 5, points: 20}
        score: 60
        note: 两档
    """
    report = audit(load_framework(write("f.yaml", text)))
    assert report.errors == []
    [warning] = [f for f in report.findings if f.kind.value == "rule"]
    assert warning.severity.value == "warning" and warning.expected == Decimal(52)


# (spec, cases found, score): the cut-off must say whether it includes its number
PER_CASE_CUT_OFFS = [
    ({"type": "per_case", "points": 0.5, "full": 5, "zero_cases": 3, "zero_inclusive": True}, "3例", "0"),
    ({"type": "per_case", "points": 0.5, "full": 5, "zero_cases": 3, "zero_inclusive": False}, "3例", "3.5"),
    ({"type": "per_case", "points": 0.5, "full": 5, "zero_cases": 3, "zero_inclusive": False}, "4例", "0"),
    ({"type": "per_case", "points": 0.5, "full": 5, "max_deduction": 2}, "6例", "3"),
]


@pytest.mark.parametrize(("spec", "actual", "expected"), PER_CASE_CUT_OFFS)
def test_structured_per_case_cut_off(spec, actual, expected):
    assert score(spec, 5, actual).score == Decimal(expected)


def test_structured_per_case_cut_off_without_its_reading_is_refused():
    with pytest.raises(RuleSpecError, match="zero_inclusive"):
        rule_from_mapping({"type": "per_case", "points": 0.5, "zero_cases": 3})


def test_plain_yishang_cut_off_matching_the_other_reading_is_a_warning(write):
    """ "3例以上不得分" at 3 cases: 0 as read (以上 includes 3); a stated 3.5 matches the
    exclusive reading, so the audit asks for the reading instead of calling it wrong."""
    text = """
    title: 以上
    indicators:
      - name: 救助标准执行率
        weight: 100
        actual: 3例
        rule: 得100分，每发现1例扣0.5分，3例以上不得分
        score: 98.5
        note: 发现3例
    """
    report = audit(load_framework(write("y.yaml", text)))
    assert report.errors == []
    [warning] = [f for f in report.findings if f.kind.value == "rule"]
    assert warning.severity.value == "warning" and warning.expected == Decimal(0)
    assert "不含本数" in warning.message and "zero_inclusive" in warning.message
