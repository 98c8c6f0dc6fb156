"""A score outside 0..weight is a misreading, never clamped into range silently: with no bonus allowed such a
reading is refused with its arithmetic (``actual_text.outside_weight``); levels whose top exceeds the row's weight
are refused (the scale and the row disagree); "+5分"/"-1分" written after words are 得5分 and 扣1分."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.actual_text import outside_weight
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.services.evaluation import try_rule


@pytest.mark.parametrize(
    ("text", "actual", "score"),
    [
        ("各科室有具体工作措施的+5分,有1个目标未落实具体措施-1分,扣完为止", "0个", "5"),
        ("各科室有具体工作措施的+5分,有1个目标未落实具体措施-1分,扣完为止", "3个", "2"),
        ("台账齐全的+4分；每缺一本台账-0.5分", "2本", "3"),
        ("80%-90%得3分，90%以上得5分", "85%", "3"),  # a range, not a sign
    ],
)
def test_signed_marks_after_words_are_given_and_deducted_marks(text, actual, score):
    tried = try_rule(text, weight="5", actual=actual)
    assert tried.outcome is not None and tried.outcome.score == Decimal(score), tried.outcome.reason


def test_a_reading_that_would_score_below_zero_or_above_the_weight_is_refused_with_its_arithmetic():
    inputs = Inputs(weight=Decimal(5))
    below = outside_weight(Outcome(Decimal(-3), "3 × -1 = -3"), inputs)
    assert below is not None and below.score is None and "低于 0 分" in below.reason and "3 × -1 = -3" in below.reason
    above = outside_weight(Outcome(Decimal(8), "…"), inputs)
    assert above is not None and above.score is None and "超过本行分值 5 分" in above.reason
    assert outside_weight(Outcome(Decimal(8), "…"), Inputs(weight=Decimal(5), bonus_allowed=True)) is None
    assert outside_weight(Outcome(Decimal(5), "…"), inputs) is None
    assert outside_weight(Outcome(Decimal(0), "…"), inputs) is None


@pytest.mark.parametrize("actual", ["心理健康", "严重心理失衡"])
def test_levels_whose_top_exceeds_the_weight_are_refused_for_every_level(actual):
    tried = try_rule("心理健康计10分,有严重心理偏差或严重心理失衡计0分。", weight="5", actual=actual)
    assert tried.outcome is not None and tried.outcome.score is None
    assert "最高等级为 10 分，超过本行分值 5 分" in tried.outcome.reason
    fits = try_rule("心理健康计5分,有严重心理偏差或严重心理失衡计0分。", weight="5", actual=actual)
    assert fits.outcome is not None and fits.outcome.score == (5 if actual == "心理健康" else 0)
