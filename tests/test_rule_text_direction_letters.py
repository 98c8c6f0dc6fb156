"""Positive and negative indicators whose formulas use letters ("正向指标(即目标值为≥X,得分=权重*B/A),反向指标
(即目标值为≤X,得分=权重*A/B)"): the letters are named by the text ("A为目标值，B为实际值") or by the two formulas
being each other's inverse (the 正向 one must rise with the actual); the row's ≥ or ≤ picks the formula. Texts
that leave a letter open, or whose formulas contradict their direction, are refused. Wordings are written as
tables write them, not copied from the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips
from tests.rule_variants import variants

PRINCIPLE = (
    "计分原则：正向指标（即目标值为≥X，得分=权重×B/A），反向指标（即目标值为≤X，得分=权重×A/B），得分不得超过权重。"
)
DEFINED = "正向指标得分=分值×B/A，反向指标得分=分值×A/B，A为目标值，B为实际值"
SWAPPED = "正向指标得分=分值×A/B，反向指标得分=分值×B/A，A为实际完成值，B为年度目标值"

# (wording, weight, target, actual, expected score worked by hand)
# fmt: off
SCORED = [
    (PRINCIPLE, 10, "≤80万元", "100万元", "8"),  # 反向: 10 × 80 / 100
    (PRINCIPLE, 10, "≤80万元", "64万元", "10"),  # 12.5, not above the weight
    (PRINCIPLE, 10, "≥200人", "150人", "7.5"),  # 正向: 10 × 150 / 200
    (PRINCIPLE.replace("×", "*"), 6, "≤10天", "12天", "5"),
    (DEFINED, 5, "≥40%", "30%", "3.75"),
    (DEFINED, 5, "≤5%", "8%", "3.125"),
    (SWAPPED, 5, "≥40%", "30%", "3.75"),  # the letters the other way round, defined
    (SWAPPED, 5, "≤5%", "8%", "3.125"),
    # both directions in words, the cap on the weight named 权重
    ("正向指标得分=实际值/目标值×权重；反向指标得分=目标值/实际值×权重；得分最高不超过权重", 10, "≥300人", "240人", "8"),
    ("正向指标得分=实际值/目标值×权重；反向指标得分=目标值/实际值×权重；得分最高不超过权重", 10, "≤3%", "2%", "10"),
]
REFUSED = [
    (PRINCIPLE, 10, "80万元", "100万元"),  # no ≥ or ≤: which formula is not said
    ("正向指标得分=分值×B/A", 5, "≥40%", "30%"),  # one formula, letters not named
    ("正向指标得分=分值×B/A，反向指标得分=分值×A/B，A为实际值，B为目标值", 5, "≤5%", "8%"),  # 正向 falling
    ("正向指标(即目标值为≤X,得分=权重*B/A),反向指标(即目标值为≥X,得分=权重*A/B)", 10, "≤100人", "120人"),
    ("正向指标得分=分值×B/C，反向指标得分=分值×A/B", 5, "≤5%", "8%"),  # not each other's inverse
]
# fmt: on


def _score(text: str, weight: int, target: str | None, actual: str) -> Decimal | None:
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=None, holds=None,
                     bonus_allowed=False)  # fmt: skip
    return None if trial.outcome is None else trial.outcome.score


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), SCORED)
def test_lettered_directions_score_as_worked_by_hand(text, weight, target, actual, expected):
    score = _score(text, weight, target, actual)
    assert score is not None, text
    assert abs(score - Decimal(expected)) < Decimal("0.005"), (text, score)


@pytest.mark.parametrize(("text", "weight", "target", "actual"), REFUSED)
def test_letters_left_open_or_contradicting_the_direction_are_refused(text, weight, target, actual):
    assert _score(text, weight, target, actual) is None, text


def test_the_reason_says_how_the_letters_were_read():
    trial = try_rule(PRINCIPLE, weight="10", target="≤80万元", actual="100万元", note=None, holds=None,
                     bonus_allowed=False)  # fmt: skip
    assert trial.outcome is not None
    assert "A 为目标值、B 为实际值" in trial.outcome.reason
    assert "反向指标" in trial.outcome.reason


@pytest.mark.parametrize("text", [PRINCIPLE, DEFINED, SWAPPED])
def test_a_lettered_reading_round_trips(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), SCORED)
def test_a_rewritten_wording_scores_the_same_or_is_refused(text, weight, target, actual, expected):
    for name, variant in variants(text).items():
        score = _score(variant, weight, target, actual)
        assert score is None or abs(score - Decimal(expected)) < Decimal("0.005"), (name, variant, score)
        assert score is not None, (name, variant)  # every rewriting of these is still read
