"""Formulas family, session 6 (issue 13): a rate the text computes and scores "by its ratio", and a heading
stating the item's total marks before a formula. Wordings are constructed (other verbs, clause order, units,
punctuation, traditional characters), scores worked by hand from the Chinese alone; near misses are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips, trial_score

# (wording, weight, target, actual, expected score worked by hand)
# fmt: off
SCORED = [
    # a rate computed from two counts, then scored by its ratio: weight × the rate
    ("依据年末在校生数和入学时注册学生数统计出学生保留率，按该比例计分", 20, None, "90%", "18"),
    ("以实际参检人数和应参检人数核算体检覆盖率,依其比率给分。", 5, None, "84%", "4.2"),
    ("根據實際到課人次與應到人次計算出勤率，按此百分比賦分", 8, None, "75%", "6"),
    ("按照接种登记数和辖区儿童数测算的接种率,以其比率计算得分", 10, "≥95%", "96%", "9.6"),
    # a heading stating the total marks, then the formula
    ("本项满分30分。得分=群众满意率×30", 30, None, "90%", "27"),
    ("该指标总分为40分;计分公式:水质达标率×40", 40, None, "75%", "30"),
    ("記分10分:按完成率×分值計算", 10, "100%", "64%", "6.4"),
]

REFUSED = [
    # a rate better the lower it is: its ratio × the weight would reward the worse value
    ("依据年末结余资金和全年预算数计算资金结余率,按其比率计分", 10, None, "5%"),
    ("根据差错件数和办件总数统计差错率，按其比率赋分", 10, None, "2%"),
    # a threshold beside the ratio: says more than "by its ratio"
    ("根据在籍人数和学籍数计算巩固率,达到95%的,按其比率赋分", 10, None, "96%"),
    # the heading's marks differ from the formula's (and the row's weight): which is meant is not said
    ("本项满分20分,得分=达标率×60", 20, None, "85%"),
    ("该项指标总计分为60分。计分公式:综合达标率×60", 20, None, "85%"),
]
# fmt: on


def _score(text: str, weight: int, target: str | None, actual: str | None) -> Decimal | None:
    return trial_score(text, weight, target=target, actual=actual)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), SCORED)
def test_a_stated_rate_reading_scores_as_worked_by_hand(text, weight, target, actual, expected):
    score = _score(text, weight, target, actual)
    assert score is not None, text
    assert abs(score - Decimal(expected)) < Decimal("0.005"), (text, score)


@pytest.mark.parametrize(("text", "weight", "target", "actual"), REFUSED)
def test_a_stated_rate_near_miss_is_refused(text, weight, target, actual):
    assert _score(text, weight, target, actual) is None, text


@pytest.mark.parametrize("text", sorted({t for t, *_ in SCORED}))
def test_each_stated_rate_reading_round_trips(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


def test_the_heading_reading_says_the_marks_it_read():
    trial = try_rule("本项满分30分。得分=群众满意率×30", weight="30", target=None, actual="90%", note=None,
                     holds=None, bonus_allowed=False)  # fmt: skip
    assert trial.outcome is not None and trial.outcome.score == Decimal(27)


# A coefficient for each status: (wording, weight, description of the counts, expected score worked by hand)
# fmt: off
STATUS_TEXT = "本项满分12分。在建工程、已竣工工程、未开工工程的得分系数分别按0.6、1和0计算"
STATUS_SCORED = [
    (STATUS_TEXT, 12, "共5处工程：已竣工3处，在建2处", "10.08"),  # 12 × (3 + 1.2) ÷ 5
    (STATUS_TEXT, 12, "已竣工工程4处、未开工工程1处", "9.6"),  # no total written: the counts' sum
    (STATUS_TEXT, 12, "计划工程共6处，均已竣工", "12"),
    ("已验收項目、在建項目與未啟動項目折算系數分別為1、0.5、0", 10, "已驗收2個、在建2個", "7.5"),  # traditional
    ("已完成任务、推进中任务和未开展任务的系数分别是1,0.4及0", 6, "共10项：已完成5项，推进中5项", "4.2"),
]
STATUS_REFUSED = [
    (STATUS_TEXT, 12, "共6处工程：已竣工3处，在建2处"),  # the total is not the counts' sum
    (STATUS_TEXT, 12, "已竣工3处，另有2处待定"),  # a count beside no status
    (STATUS_TEXT, 12, "工程进展顺利"),  # no status counted
    (STATUS_TEXT, 12, "均已竣工"),  # all, but how many is not said beside a count
    ("本项满分20分。在建工程、已竣工工程的得分系数分别为0.5和1", 12, "已竣工工程2处"),  # 20 above the weight
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "expected"), STATUS_SCORED)
def test_a_status_coefficient_reading_scores_as_worked_by_hand(text, weight, note, expected):
    trial = try_rule(text, weight=str(weight), target=None, actual=None, note=note, holds=None, bonus_allowed=False)
    assert trial.outcome is not None and trial.outcome.score is not None, (text, note)
    assert abs(trial.outcome.score - Decimal(expected)) < Decimal("0.005"), (text, note, trial.outcome.score)
    assert "系数" in trial.outcome.reason


@pytest.mark.parametrize(("text", "weight", "note"), STATUS_REFUSED)
def test_a_status_description_that_does_not_settle_the_counts_is_refused(text, weight, note):
    trial = try_rule(text, weight=str(weight), target=None, actual=None, note=note, holds=None, bonus_allowed=False)
    assert trial.outcome is None or trial.outcome.score is None, (text, note)


@pytest.mark.parametrize(
    "text",
    [
        "在建工程、已竣工工程分别得0.6分、1分",  # points, not coefficients
        "在建工程、已竣工工程的得分系数分别为0.6、1.5",  # a number above 1
        "在建工程、已竣工工程、未开工工程的得分系数分别为0.6、1",  # three statuses, two numbers
        "完成项目、未完成项目的系数分别为1和0",  # one status's name inside the other's
    ],
)
def test_a_status_list_near_miss_is_not_read_as_coefficients(text):
    rule = parse_rule_text(text)
    assert rule is None or rule.kind != "status_shares", text


@pytest.mark.parametrize("text", sorted({t for t, *_ in STATUS_SCORED}))
def test_each_status_coefficient_reading_round_trips(text):
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "status_shares"
    assert round_trips(rule)


# A ratio taken off the marks, "(1-k×A/B)×分值": (wording, weight, target, actual, expected score worked by hand)
# fmt: off
FALLING = "得分=(1-5×预算调整数/年初预算数)×分值。若预算调整数/年初预算数>20%,此项不得分"
FALLING_SCORED = [
    (FALLING, 10, "800万元", "40万元", "7.5"),  # 40 ÷ 800 = 5 %; (1 − 0.25) × 10
    (FALLING, 10, "800万元", "200万元", "0"),  # 25 % > 20 %
    ("考核得分=1-10×追加预算额/批复预算数))×权重", 6, "1000万元", "30万元", "4.2"),  # openings lost in copying
    ("指標得分=(1-10×預算調劑金額/年初預算數)×指標分值", 8, "500万元", "10万元", "6.4"),  # traditional
]
FALLING_REFUSED = [
    # the 0 from another point than where the formula reaches 0 (5 × 10 % = 0.5): a jump the formula does not make
    ("得分=(1-5×预算调整数/年初预算数)×分值。若预算调整数/年初预算数>10%,此项得0分", 10, "800万元", "40万元"),
    # the plan and the actual in two units
    (FALLING, 10, "800万元", "4次"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), FALLING_SCORED)
def test_a_ratio_taken_off_the_marks_scores_as_worked_by_hand(text, weight, target, actual, expected):
    score = _score(text, weight, target, actual)
    assert score is not None, text
    assert abs(score - Decimal(expected)) < Decimal("0.005"), (text, score)


@pytest.mark.parametrize(("text", "weight", "target", "actual"), FALLING_REFUSED)
def test_a_ratio_taken_off_the_marks_near_miss_is_refused(text, weight, target, actual):
    assert _score(text, weight, target, actual) is None, text


def test_a_ratio_taken_off_the_marks_says_less_is_better():
    trial = try_rule(FALLING, weight="10", target="800万元", actual="40万元", note=None, holds=None,
                     bonus_allowed=False)  # fmt: skip
    assert trial.outcome is not None and "比值越低越好" in trial.outcome.reason


@pytest.mark.parametrize("text", sorted({t for t, *_ in FALLING_SCORED}))
def test_each_ratio_taken_off_the_marks_round_trips(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)
