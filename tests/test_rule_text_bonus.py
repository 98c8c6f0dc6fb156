"""Bonus (加分) steps as tables write them without 每 (issue 13, steps and bonus family): "多完成1人加1分" is a step
of one at the start of a clause, read as "每多完成1人加1分", as "少一次扣2.5分" is for deductions; a score above
the weight only when the framework allows a bonus, else capped at the weight. Texts written like real ones, not
copied from the corpus; None: refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import StepBonus
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule

TIERS = (
    "未完成計劃的，每少1个百分点扣0.2分；超额完成的：完成率100%-120%（含）之间，每超出1个百分点加0.15分；"
    "完成率120%以上，每超出1个百分点加0.05分。本项最多加减5分。"
)

# text, weight, target, actual, bonus allowed, hand score (None: refused), how
# fmt: off
CASES = [
    ("完成任务得满分,多完成1人加1分,最多加3分", "5", "≥2人", "4人", True, "7", "多2人加2分"),
    ("完成任务得满分,多完成1人加1分,最多加3分", "5", "≥2人", "9人", True, "8", "最多加3分"),
    ("完成任务得满分,多完成1人加1分,最多加3分", "5", "≥2人", "4人", False, "5", "不允许超过分值"),
    ("完成任务得满分，多完成一人加1分，最多加3分", "5", "≥2人", "3人", True, "6", "一人即1人"),
    ("完成任务得基本分,多完成1项加0.5分,少完成1项扣1分", "4", "≥6项", "4项", True, "2", "少2项扣2分"),
    ("完成任务得基本分,多完成1项加0.5分,少完成1项扣1分", "4", "≥6项", "8项", True, "5", "多2项加1分"),
    ("完成任务得满分,多完成1人加1分", "5", "≥2人", "80%", True, None, "步长是人，实际是百分比"),
    # --- a base written "得基本分N分"; words between the direction and the number ---
    ("招商引资完成任务得基本分5分，每超1000万元加0.5分，最高加3分", "5", "≥1亿元", "1.2亿元", True, "6", "超2000万元加1分"),
    ("招商引资完成任务得基本分5分，每超1000万元加0.5分，最高加3分", "5", "≥1亿元", "9000万元", True, None, "未写低于目标时如何计分：需人工判断"),
    ("完成任务得满分，每多培训10人加0.1分，加分不超过1分", "3", "≥100人", "150人", True, "3.5", "多50人加0.5分"),
    ("完成任务得满分，每多培训10人加0.1分，加分不超过1分", "3", "≥100人", "400人", True, "4", "加分不超过1分"),
    ("完成任务得满分，每多培训10人加0.1分，加分不超过1分", "3", "≥100人", "150人", False, "3", "不允许超过分值"),
    # --- tiered upward steps: scored where both readings of the upper tier agree ---
    (TIERS, "20", "100%", "95%", True, "19", "低5个百分点扣1分"),
    (TIERS, "20", "100%", "110%", True, "21.5", "第一档内：10 × 0.15"),
    (TIERS, "20", "100%", "120%", True, "23", "第一档满：20 × 0.15"),
    (TIERS, "20", "100%", "125%", True, None, "分段 3 + 0.25 与整体 1.25 不同"),
    (TIERS, "20", "100%", "200%", True, "25", "分段 3 + 4 = 7 与整体 5，均封顶加5分"),
    (TIERS, "20", "100%", "200%", False, "20", "不允许超过分值"),
    (TIERS, "20", "90%", "120%", True, None, "分档从100%起算，指标值为90%"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "bonus", "hand", "how"), CASES)
def test_a_bonus_step_of_one_scores_as_worked_by_hand(text, weight, target, actual, bonus, hand, how):
    trial = try_rule(text, weight=weight, target=target, actual=actual, bonus_allowed=bonus)
    assert trial.outcome is not None, f"not understood: {text}"
    if hand is None:
        assert trial.outcome.score is None, f"{how}: {trial.outcome.reason}"
    else:
        assert trial.outcome.score == Decimal(hand), f"{how}: {trial.outcome.reason}"


@pytest.mark.parametrize(
    "text",
    [
        "完成任务得满分,多完成3人加1分",  # a step of three without 每 may as well be a threshold
        "超额完成10%以上加1分",  # a threshold bonus, not a step
        "完成率100%-120%之间,每超出1个百分点加0.2分;完成率120%以上,每超出1个百分点加0.1分",  # 120% itself: which tier?
    ],
)
def test_a_step_of_more_than_one_without_mei_is_not_read_as_a_step(text):
    assert not isinstance(parse_rule_text(text), StepBonus)
