"""Formulas family, session 5 round 2: a ratio between a floor and a full-marks level of one named rate, the ratio
written as a range of points ("按比例在0-100分之间评分"), "得100%分" as full marks, 旳 for 的, and a shortfall's
unit beside "按比例扣分" that is no standard. Texts are written like real ones, not copied from the corpus."""

from __future__ import annotations

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import assert_scores_as_worked, round_trips

RATE = "覆盖率达到90%及以上的得满分,覆盖率≥50%的按比例得分,低于50%的不得分。"
# (text, weight, target, actual, score or None for a refusal)
SCORED = [
    # --- a floor and a full-marks level of one rate: rate ÷ level × weight between them --------------------
    (RATE, 2, "≥90%", "95%", "2"),
    (RATE, 2, "≥90%", "72%", "1.6"),
    (RATE, 2, "≥90%", "50%", "1.1111"),
    (RATE, 2, "≥90%", "49%", "0"),
    (RATE, 2, None, "81%", "1.8"),  # the text's level stands for the missing target
    (RATE, 2, "≥95%", "81%", None),  # a target other than the text's level: the base is not clear
    (RATE, 2, "≥90%", "45人", None),  # not a percentage
    # other order, other verbs, traditional characters, 旳 for 的
    ("知晓率低于60%的,不计分;知晓率在60%以上的按实际比例计分;知晓率达95%的计满分", 5, "≥95%", "76%", "4"),
    ("知晓率低于60%的,不计分;知晓率在60%以上的按实际比例计分;知晓率达95%的计满分", 5, "≥95%", "59.9%", "0"),
    ("受理率到達100%旳得滿分,受理率≥70%旳按比例得分,低于70%旳不得分。", 3, "100%", "80%", "2.4"),
    ("受理率到達100%旳得滿分,受理率≥70%旳按比例得分,低于70%旳不得分。", 3, "100%", "100%", "3"),
    ("办结率达到100%得100%分,办结率≥60%的按比例得分,不足60%的得0分", 4, "100%", "75%", "3"),  # 得100%分
    # --- the ratio as a range of points -----------------------------------------------------------------
    ("资金到位率达到或超过100%的得10分,到位率低于100%的,按比例在0-10分之间评分。", 10, "≥100%", "85%", "8.5"),
    ("资金到位率达到或超过100%的得10分,到位率低于100%的,按比例在0-10分之间评分。", 10, "≥100%", "120%", "10"),
    # --- 记分 for 计分 ------------------------------------------------------------------------------------
    ("计划任务全部完成的记满分,未完成的按完成比例记分", 5, "100%", "80%", "4"),
    ("年度任務全部完成記滿分;未完成的按完成比例記分,完成率低于50%的不記分", 5, "100%", "40%", "0"),
    ("年度任務全部完成記滿分;未完成的按完成比例記分,完成率低于50%的不記分", 5, "100%", "60%", "3"),
    # round 3: "该征收不去征收的,不记分" (nothing done when due) is a ratio of 0, which scores 0 anyway
    ("按政策全额征收上交记8分,降低比例的按比例记分,该征收不去征收的,不记分", 8, "100%", "80%", "6.4"),
    # --- the goal restated, then the formula in parentheses ------------------------------------------------
    ("老年人健康管理率达到目标值(按抽查的老年人健康管理率/70%×8计算得分)", 8, "≥70%", "56%", "6.4"),
    ("老年人健康管理率达到目标值(按抽查的老年人健康管理率/70%×8计算得分)", 8, "≥70%", "77%", "8"),
    ("孕產婦系統管理率達到目標(抽查的系統管理率/90%*5計算得分)", 5, "≥90%", "81%", "4.5"),
    ("建档率完成年度任务:(抽查的建档率/80%×6计算得分)", 6, "≥80%", "60%", "4.5"),
    ("达到目标值(抽查的建档率/80%×6计算得分)", 6, "≥80%", "72%", "5.4"),
    # --- the unit of a shortfall beside "按比例扣分" is no standard --------------------------------------------
    ("组织村医参加岗位培训并考核合格,考核不合格少1人按比例扣分。", 6, "30人", "24人", "4.8"),
    ("组织村医参加岗位培训并考核合格,考核不合格少1人按比例扣分。", 6, "30人", "30人", "6"),
    ("按时完成上级分配的技能培训人数,考核未通过缺一人按比例扣分", 5, "40人", "30人", "3.75"),
    ("组织村医参加岗位培训,考核不合格少1人按比例扣分,少2人以上不得分", 6, "30人", "24人", None),  # another score
]

NOT_GOAL_FORMULA = [
    # round 3 (lead's decision): "…(按抽查的老年人体检率/70%×8计算得分)" with another rate is read, the actual taken
    # for the formula's rate only when the row's target is 70% (tests/test_rule_text_formulas_round3.py)
    "老年人健康管理率达到目标值(按抽查的老年人体检率/70%×8计算得分),未开展随访的扣2分",  # another score
    "老年人健康管理率达到目标值(抽查老年人体检情况)",  # no formula in the parentheses
]

NOT_RATE_FLOOR = [
    "完成80%以上的按比例计分,达到90%的得满分,低于80%不得分",  # no rate named: the floor may be on the ratio
    "投诉率达到5%及以下的得满分,投诉率≥2%的按比例得分,低于2%的不得分",  # a less-is-better rate
    "覆盖率达到90%及以上的得满分,覆盖率≥50%的按比例得分,低于40%的不得分",  # 40–50 % is not said
    "覆盖率达到90%及以上的得满分,满意度≥50%的按比例得分,低于50%的不得分",  # two rates
    "覆盖率达到90%及以上的得满分,覆盖率≥50%的按比例得分,低于50%的不得分,未建档的扣1分",  # a fourth clause
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "score"), SCORED,
                         ids=[f"{s[0][:20]}→{s[3]}" for s in SCORED])  # fmt: skip
def test_a_wording_scores_as_worked_by_hand(text, weight, target, actual, score):
    assert_scores_as_worked(text, weight, target, actual, score)


@pytest.mark.parametrize("text", NOT_RATE_FLOOR)
def test_a_floor_not_clearly_on_the_rate_is_not_read_as_one(text):
    rule = parse_rule_text(text)
    assert rule is None or rule.kind != "proportional_rate_floor", rule


def test_the_score_never_falls_as_the_rate_rises():
    scores = [try_rule(RATE, weight="2", target="≥90%", actual=f"{v}%").outcome for v in range(30, 101, 5)]
    numbers = [o.score for o in scores if o is not None and o.score is not None]
    assert len(numbers) == len(scores) and numbers == sorted(numbers)


def test_the_reason_names_the_floor_and_the_level():
    outcome = try_rule(RATE, weight="2", target="≥90%", actual="72%").outcome
    assert outcome is not None and "下限 50%" in outcome.reason and "满分线 90%" in outcome.reason
    below = try_rule(RATE, weight="2", target="≥90%", actual="40%").outcome
    assert below is not None and "低于评分标准所写下限 50%" in below.reason


@pytest.mark.parametrize("text", [RATE, "受理率到達100%旳得滿分,受理率≥70%旳按比例得分,低于70%旳不得分。"])
def test_the_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "proportional_rate_floor"
    assert round_trips(rule)


@pytest.mark.parametrize("text", NOT_GOAL_FORMULA)
def test_a_goal_with_more_than_a_formula_is_not_read_as_the_formula(text):
    rule = parse_rule_text(text)
    assert rule is None or rule.kind != "formula", rule
