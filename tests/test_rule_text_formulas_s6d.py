"""Formulas family, session 6 round 4: the adversarial review's probes of the 扣分说明 completions (F15, F26,
F29) and further variants. A graded word (基本合格, 较满意) is not the rate's own word, and a bound or an
approximation (以上, 左右, 约) is not a value: both are refused, never read as the actual."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

RATE = "得分=合格率×分值"
DONE = "得分=完成率×分值"


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (RATE, "抽查20户，基本合格17户"),  # F15
        (RATE, "抽查20户，较合格17户"),
        ("得分=满意率×分值", "调查100人，较满意92人"),
        ("得分=满意率×分值", "调查100人，比较满意92人"),
        (RATE, "抽查20户，合格17户以上"),  # F29
        ("满意率×10", "发放问卷200份，满意180份以上"),
        ("得分=知晓率×分值", "调查100人，知晓约92人"),
        (DONE, "完成任务的95%以上"),  # F26
        (DONE, "完成年度目标的90%以上"),
        ("按完成比例计分", "完成计划的90%左右"),
    ],
)
def test_a_graded_word_or_a_bound_is_refused(text: str, note: str) -> None:
    assert trial_score(text, 10, note=note) is None


@pytest.mark.parametrize(
    ("text", "note", "score"),
    [
        (RATE, "抽查20户，合格17户", "8.5"),
        ("得分=满意率×分值", "调查100人，满意92人", "9.2"),
        (DONE, "完成任务的95%", "9.5"),
    ],
)
def test_the_exact_counts_and_shares_are_still_read(text: str, note: str, score: str) -> None:
    assert trial_score(text, 10, note=note) == Decimal(score)
