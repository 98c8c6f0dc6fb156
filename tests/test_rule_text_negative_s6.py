"""Counts family, session 6: scores below zero when the text allows them.

Tables let a deduction run past zero in a few wordings, always after the deductions ("扣完得负分", "该项可负分",
"可为负分", "得分可以为负", "可倒扣", "扣完後得負分"); they floor it at zero in others ("扣完为止", "不得为负",
"不倒扣", "不计负分", "最低0分"). A rule that deducts (per_case, per_kind, per_point, deduction_sum) keeps the raw score
when the text allows it and says so; ``apply_rule`` lets it through and still refuses a score below zero the text did
not allow. Texts are worded unlike any corpus text; hand scores are worked from the wording alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.actual_text import apply_rule, outside_weight
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs, Outcome, rule_from_mapping
from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.common import negative_allowed
from tests.rule_checks import round_trips


def _outcome(text: str, weight: str, actual: str | None = None, note: str | None = None) -> Outcome:
    rule = parse_rule_text(text)
    assert rule is not None, f"not understood: {text}"
    assert round_trips(rule), rule.to_dict()
    return apply_rule(rule, Inputs(weight=Decimal(weight), actual=parse_quantity(actual), note=note))


@pytest.mark.parametrize(
    "text",
    ["扣完得负分", "扣完可得负分", "该项可负分", "可为负分", "得分可以为负", "得分可为负数", "允许出现负分", "可倒扣",
     "扣完后倒扣", "实行倒扣", "扣完後得負分", "本项可计负分"],
)  # fmt: skip
def test_wordings_that_allow_a_score_below_zero(text: str) -> None:
    assert negative_allowed(f"每发现一处扣1分,{text}")


@pytest.mark.parametrize(
    "text",
    ["扣完为止", "不得为负", "不倒扣", "不计负分", "不出现负分", "最低0分", "得分不低于0分", "扣完为止,不得负分",
     "倒扣10分", "增长率为负数的不得分", "出现负分的按0分计", "负责人不在岗扣1分", "扣完得负分,最低为0分"],
)  # fmt: skip
def test_wordings_that_do_not(text: str) -> None:
    assert not negative_allowed(f"每发现一处扣1分,{text}")


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        ("每查出一起违规行为扣0.5分,扣完得负分", "3", "8起", Decimal("-1")),  # 3 − 4
        ("每例扣1分。該項可負分", "2", "5例", Decimal("-3")),  # traditional characters
        ("发现不合格病历，每份扣0.2分(得分可以为负)", "1", "7份", Decimal("-0.4")),
        ("每发现一处扣0.5分,扣完得负分", "3", "4处", Decimal("1")),  # above zero: as any deduction
    ],
)
def test_per_case_keeps_a_score_below_zero(text: str, weight: str, actual: str, score: Decimal) -> None:
    outcome = _outcome(text, weight, actual)
    assert outcome.score == score, outcome.reason
    if score < 0:
        assert "负分" in outcome.reason and "扣完为止" not in outcome.reason


def test_kinds_keep_a_score_below_zero() -> None:
    text = "未按规定着装扣1分/次、擅离岗位扣0.5分/次，扣完可得负分"
    outcome = _outcome(text, "2", "未按规定着装2次，擅离岗位1次")
    assert outcome.score == Decimal("-0.5"), outcome.reason


def test_per_point_keeps_a_score_below_zero() -> None:
    rule = parse_rule_text("完成率每低于目标1个百分点扣1分,扣完得负分")
    assert rule is not None and rule.to_dict().get("negative") is True and round_trips(rule)
    outcome = apply_rule(rule, Inputs(weight=Decimal(3), target=parse_quantity("100%"), actual=parse_quantity("95%")))
    assert outcome.score == Decimal("-2"), outcome.reason


@pytest.mark.parametrize(
    ("text", "weight", "actual"),
    [
        ("每发现一处扣0.5分,扣完为止", "3", "8处"),
        ("每发现一处扣0.5分,不计负分", "3", "8处"),
        ("每发现一处扣0.5分,最低0分", "3", "8处"),
        ("每发现一处扣0.5分", "3", "8处"),
    ],
)
def test_near_misses_stop_at_zero(text: str, weight: str, actual: str) -> None:
    outcome = _outcome(text, weight, actual)
    assert outcome.score == 0, outcome.reason


def test_the_option_round_trips_and_scores() -> None:
    rule = rule_from_mapping({"type": "per_case", "points": 1, "per": 1, "unit": "处", "negative": True})
    assert rule.to_dict()["negative"] is True
    outcome = apply_rule(rule, Inputs(weight=Decimal(2), actual=parse_quantity("5处")))
    assert outcome.score == Decimal("-3"), outcome.reason
    plain = rule_from_mapping({"type": "per_case", "points": 1, "per": 1, "unit": "处"})
    assert "negative" not in plain.to_dict()
    assert apply_rule(plain, Inputs(weight=Decimal(2), actual=parse_quantity("5处"))).score == 0


def test_outside_weight_refuses_a_negative_the_text_did_not_allow() -> None:
    inputs = Inputs(weight=Decimal(2))
    refused = outside_weight(Outcome(Decimal(-1), "读法"), inputs)
    assert refused is not None and refused.score is None
    assert outside_weight(Outcome(Decimal(-1), "读法", below_zero=True), inputs) is None
    over = outside_weight(Outcome(Decimal(3), "读法", below_zero=True), inputs)  # above the weight: still refused
    assert over is not None and over.score is None
