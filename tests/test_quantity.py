"""Targets (指标值) and actuals (实际完成值) as tables print them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import Comparator, completion_ratio, is_met, parse_quantity

NUMERIC = [
    ("≥1500人次", Comparator.GE, "1500", "人次"),
    (">=95%", Comparator.GE, "95", "%"),
    ("＞50%", Comparator.GT, "50", "%"),
    (">50%", Comparator.GT, "50", "%"),
    ("≤15天", Comparator.LE, "15", "天"),
    ("<=1000000", Comparator.LE, "1000000", ""),
    ("=100%", Comparator.EQ, "100", "%"),
    ("96.2%", None, "96.2", "%"),
    ("12987人", None, "12987", "人"),
    ("9379.64万元", None, "93796400", "元"),
    ("1.13万人次", None, "11300", "人次"),
    ("不低于95%", Comparator.GE, "95", "%"),
    ("90%以上", Comparator.GE, "90", "%"),
    ("15天以内", Comparator.LE, "15", "天"),
    ("≦100%", Comparator.LE, "100", "%"),
    ("1,066单", None, "1066", "单"),
    ("2次", None, "2", "次"),
]


@pytest.mark.parametrize(("text", "comparator", "value", "unit"), NUMERIC, ids=[c[0] for c in NUMERIC])
def test_numeric_targets_and_actuals(text, comparator, value, unit):
    q = parse_quantity(text)
    assert q is not None
    assert q.comparator == comparator
    assert q.value == Decimal(value)
    assert q.unit == unit


QUALITATIVE = ["不低于上年", "明显提高", "逐步减轻", "是", "达成", "达成预期指标"]


@pytest.mark.parametrize("text", QUALITATIVE)
def test_qualitative_words_are_kept_as_words(text):
    q = parse_quantity(text)
    assert q is not None and q.value is None and q.qualitative == text


@pytest.mark.parametrize("text", [None, "", "——", "—", "/"])
def test_empty_cells_mean_no_value(text):
    assert parse_quantity(text) is None


MET = [
    ("≥1500人次", "1549人", True),
    ("≥75%", "75%", True),
    (">50%", "50%", False),
    (">2次", "2次", False),
    ("<=15天", "15天", True),
    ("≤15天", "16天", False),
    ("=100%", "100%", True),
    ("明显提高", "明显提高", True),
    ("不低于上年", "不低于上年", True),
    ("逐步减轻", "未减轻", False),
    ("是", "否", False),
    (">=90%", ">=90%", True),
    ("13500人", "12987人", False),
]


@pytest.mark.parametrize(("target", "actual", "met"), MET, ids=[f"{t}|{a}" for t, a, _ in MET])
def test_whether_an_actual_meets_its_target(target, actual, met):
    assert is_met(parse_quantity(target), parse_quantity(actual)) is met


def test_completion_ratio_of_at_most_targets_is_target_over_actual():
    assert completion_ratio(parse_quantity("≤15天"), parse_quantity("20天")) == Decimal("0.75")
    assert completion_ratio(parse_quantity("≥13500人"), parse_quantity("12987人")) == Decimal(12987) / 13500


def test_units_that_count_different_things_are_not_compared():
    assert completion_ratio(parse_quantity("≥100万元"), parse_quantity("95人")) is None


@pytest.mark.parametrize(
    ("text", "shown"),
    [("≥100万元", "≥100万元"), ("9379.64万元", "9379.64万元"), ("1.13万人次", "1.13万人次"), ("2亿元", "2亿元"),
     ("1500元", "1500元"), ("3千克", "3千克"), ("≥95%", "≥95%")],
)  # fmt: skip
def test_a_quantity_is_described_as_written_though_computed_in_its_unit(text, shown):
    """9379.64万元 computes as 93 796 400 元 but a reason shows it as the table wrote it."""
    assert parse_quantity(text).describe() == shown


def test_a_reason_names_amounts_in_the_unit_the_table_used():
    from medaid.evaluation.rules.base import Inputs
    from medaid.evaluation.ruletext import parse_rule_text

    rule = parse_rule_text("完成目标得满分，未完成按比例得分")
    assert rule is not None
    outcome = rule.apply(Inputs(weight=Decimal(5), target=parse_quantity("≥100万元"), actual=parse_quantity("80万元")))
    assert outcome.score == Decimal(4)
    assert "实际 80万元，指标值 ≥100万元" in outcome.reason
