"""Round 3 readings of the formulas family (issue 13), each a family of wordings, with variants written
for these tests (not copied from the corpus) and near-misses that must be refused:

- a goal restated before a parenthesized formula on ANOTHER rate ("A率达到目标值(抽查的B率/85%×10计算得分)"):
  the row's actual is taken for the formula's rate only when the row's target is the formula's divisor;
- beside "完成…得N分,未完成的按比例计分", a clause scoring 0 when the task was due and nothing was done
  ("该征收不去征收的,不记分", "应上报而未上报的不得分") says nothing more than the ratio.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

GOAL = "儿童保健管理率达到目标值(抽查的儿童体检覆盖率/90%×8计算得分)"
GOAL_TRAD = "兒童保健管理率達到目標值(抽查的兒童體檢覆蓋率/80%*5計分)"
GOAL_TASK = "孕产妇管理率达到年度目标，(抽查孕产妇访视率÷75%×6计分)"

NOTHING = "依法征收污水处理费,全额征收上交记10分。降低比例的按比例记分。该征收不去征收的,不记分。"
NOTHING_REPORT = "按要求全部上报的得6分,未全部上报的按比例计分,应上报而未上报的不得分"
NOTHING_TRAD = "足額徵收上繳的得8分,不足的按比例計分;應當徵收而沒有徵收的得0分"

# (wording, weight, target, actual, expected score worked by hand)
# fmt: off
SCORED = [
    (GOAL, 8, "≥90%", "72%", "6.4"),  # 72 ÷ 90 × 8
    (GOAL, 8, "≥90%", "90%", "8"),
    (GOAL, 8, "≥90%", "95%", "8"),  # the formula stops at its full marks
    (GOAL_TRAD, 5, "≥80%", "60%", "3.75"),  # 60 ÷ 80 × 5
    (GOAL_TASK, 6, "≥75%", "60%", "4.8"),  # 60 ÷ 75 × 6
    (NOTHING, 10, "100%", "100%", "10"),
    (NOTHING, 10, "100%", "75%", "7.5"),
    (NOTHING, 10, "100%", "0%", "0"),
    (NOTHING_REPORT, 6, "100%", "50%", "3"),
    (NOTHING_TRAD, 8, "100%", "90%", "7.2"),
]

# near-misses: the reading would give a number the text does not settle
REFUSED = [
    (GOAL, 8, "≥95%", "72%"),  # the target is not the divisor: which rate is the actual?
    (GOAL, 8, None, "72%"),  # no target at all
    (GOAL, 8, "≤90%", "72%"),  # a less-is-better target is not the divisor's goal
    ("儿童保健管理率达到目标值(抽查的儿童体检覆盖率/90%×8计算得分,低于60%不得分)", 8, "≥90%", "72%"),
    # "未完成的不得分" beside "按比例计分": not a task left undone altogether, a contradiction
    ("全额征收上交的得10分,不足的按比例计分,未完成的不得分", 10, "100%", "75%"),
    # a floor beside the ratio is not a "nothing done" clause
    ("全额征收上交的得10分,不足的按比例计分,征收率低于60%的不得分", 10, "100%", "75%"),
]
# fmt: on


def _score(text: str, weight: int, target: str | None, actual: str | None) -> Decimal | None:
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=None, holds=None,
                     bonus_allowed=False)  # fmt: skip
    return None if trial.outcome is None else trial.outcome.score


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), SCORED)
def test_a_round3_reading_scores_as_worked_by_hand(text, weight, target, actual, expected):
    score = _score(text, weight, target, actual)
    assert score is not None, text
    assert abs(score - Decimal(expected)) < Decimal("0.005"), (text, score)


@pytest.mark.parametrize(("text", "weight", "target", "actual"), REFUSED)
def test_a_near_miss_is_refused(text, weight, target, actual):
    assert _score(text, weight, target, actual) is None, text


@pytest.mark.parametrize("text", sorted({t for t, *_ in SCORED}))
def test_each_round3_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


def test_the_goal_reading_says_which_value_was_taken_and_why_it_refuses():
    taken = try_rule(GOAL, weight="8", target="≥90%", actual="72%", note=None, holds=None, bonus_allowed=False)
    assert taken.outcome is not None
    assert "公式除以 90%，即指标值" in taken.outcome.reason
    refused = try_rule(GOAL, weight="8", target="≥95%", actual="72%", note=None, holds=None, bonus_allowed=False)
    assert refused.outcome is not None and refused.outcome.score is None
    assert "未写明" in refused.outcome.reason
