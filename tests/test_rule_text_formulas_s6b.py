"""Formulas family, session 6 round 2 (issue 13): full marks stated by the text against the row's weight, the
actual's own name in a label that also holds a plan word, and the mean of listed scores. Wordings are
constructed (other verbs, clause order, units, punctuation, traditional characters), scores worked by hand
from the Chinese alone; near misses are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.named_values import labelled_pair
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips, trial_score


def _score(text: str, weight: int, target: str | None, actual: str | None, note: str | None) -> Decimal | None:
    return trial_score(text, weight, target=target, actual=actual, note=note)


# --- 1. a heading's full marks: scored only where they are the row's weight ---------------------------------

# (wording, weight, target, actual, expected score worked by hand)
# fmt: off
HEADED = [
    ("本项满分30分。得分=群众满意率×分值", 30, None, "90%", "27"),
    ("该项总分为12分;按知晓率×分值计算", 12, None, "75%", "9"),
    ("本指标分值为8分。按實際完成比例計分", 8, "100人", "90人", "7.2"),
    ("此项满分5分,得分=实际完成数/计划数×分值", 5, "200户", "150户", "3.75"),
    # the heading last, or without a marks word
    ("按完成比例计分,本项满分10分。", 10, "50个", "40个", "8"),
    ("本项6分;按满意度×分值计算", 6, None, "95%", "5.7"),
]
HEADED_REFUSED = [
    # the heading's marks differ from the row's weight: whether 分值 is 30 or 20 is not said
    ("本项满分30分。得分=群众满意率×分值", 20, None, "90%"),
    ("本项满分30分。得分=群众满意率×分值", 40, None, "50%"),
    ("该项总分为12分;按知晓率×分值计算", 10, None, "75%"),
    ("本指标分值为8分。按實際完成比例計分", 10, "100人", "90人"),
    ("此项满分5分,得分=实际完成数/计划数×分值", 6, "200户", "150户"),
    ("按完成比例计分,本项满分10分。", 20, "50个", "40个"),
    ("本项6分;按满意度×分值计算", 5, None, "95%"),
    # a header before a colon that differs from the weight, with a formula
    ("群众满意度(30分):得分=群众满意率×分值", 20, None, "60%"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), HEADED)
def test_a_heading_that_is_the_weight_scores_as_worked_by_hand(text, weight, target, actual, expected):
    score = _score(text, weight, target, actual, None)
    assert score is not None and abs(score - Decimal(expected)) < Decimal("0.005"), (text, score)


@pytest.mark.parametrize(("text", "weight", "target", "actual"), HEADED_REFUSED)
def test_a_heading_that_differs_from_the_weight_is_refused(text, weight, target, actual):
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=None, holds=None,
                     bonus_allowed=False)  # fmt: skip
    assert trial.outcome is not None and trial.outcome.score is None, (text, trial.outcome)
    assert "满分" in trial.outcome.reason and "不同" in trial.outcome.reason


@pytest.mark.parametrize("text", sorted({t for t, *_ in HEADED}))
def test_each_heading_reading_round_trips(text):
    rule = parse_rule_text(text)
    assert rule is not None and round_trips(rule)


# --- 2. a label with the actual's own name and a plan word that is part of that name -------------------------

ACTUAL_NAME, PLAN_NAME = "部门全年预算调剂金额", "年初部门预算数"


@pytest.mark.parametrize(
    ("note", "plan", "actual"),
    [
        ("年初部门预算数800万元;全年预算调剂金额16万元", "800万元", "16万元"),
        ("全年预算调剂金额3万元，年初部门预算数600万元", "600万元", "3万元"),
        ("預算調劑金額20萬元，年初部門預算數1000萬元", "1000万元", "20万元"),
    ],
)
def test_a_label_with_the_actuals_own_word_is_the_actual(note, plan, actual):
    from medaid.evaluation.ruletext.normalize import normalize_rule_text

    pair = labelled_pair(normalize_rule_text(note), ACTUAL_NAME, PLAN_NAME)
    assert pair is not None
    assert pair[0].text == plan and pair[1].text == actual


@pytest.mark.parametrize(
    "note",
    [
        "年初部门预算数500万元，全年预算520万元",  # the annual budget: a plan word, not the actual's own word
        "年初部门预算数500万元，预算调剂金额计划10万元",  # a plan word outside the actual's name
        "年初部门预算数500万元，全年预算调剂金额10万元，全年预算510万元",  # a third amount
    ],
)
def test_a_label_without_the_actuals_own_word_is_not_the_actual(note):
    assert labelled_pair(note, ACTUAL_NAME, PLAN_NAME) is None


def test_the_budget_change_formula_scores_from_the_explanation():
    text = "指标得分=(1-10×部门全年预算调剂金额/年初部门预算数)×指标分值"
    score = _score(text, 10, None, None, "全年预算调剂金额16万元，年初部门预算数800万元")
    assert score == Decimal(8)  # 16 ÷ 800 = 2 %, (1 − 10 × 2 %) × 10 = 8


# --- 3. the mean of the scores listed for each thing ----------------------------------------------------------

AVERAGE = "统计每个项目的检查得分,平均作为该项最终得分C=(C1+C2+…+Cn)/n。式中:C为该项得分,C1、C2…Cn为单个项目得分,n为项目个数。"
AVERAGE_STEP = (
    "统计考评单位每个项目的质量检查得分,加权平均作为该项最终得分Q=(Q1+Q2+Q3+.Qn)×(1/n)式中:Q为质量得分,"
    "Q1、Q2.Qn为单个项目得分,n为项目个数。资料需要补正的,每次扣2分,以补正通知书为准。"
)

# (wording, weight, explanation, expected)
# fmt: off
AVERAGED = [
    (AVERAGE, 20, "抽查项目4个，得分分别为18分、16分、20分、14分", "17"),
    (AVERAGE, 20, "各项目得分依次为15、18分", "16.5"),
    (AVERAGE, 10, "共1个项目，得分9.5分", "9.5"),
    (AVERAGE_STEP, 25, "项目3个，得分分别为24分、21分、24分；收到补正通知书2次", "19"),
    (AVERAGE_STEP, 25, "无补正通知书；项目2个，得分分别为22分、20分", "21"),
]
AVERAGE_REFUSED = [
    (AVERAGE, 20, "抽查项目4个，得分分别为18分、16分、20分"),  # three scores for four projects
    (AVERAGE, 20, "项目3个，得分分别为85分、90分、88分"),  # scores above the weight: another scale
    (AVERAGE, 20, "项目均合格"),  # no scores
    (AVERAGE_STEP, 25, "项目2个，得分分别为22分、20分"),  # the deduction's count not written
    (AVERAGE_STEP, 25, "项目2个，得分分别为22分、20分；补正通知书若干次"),  # no number of cases
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "expected"), AVERAGED)
def test_a_mean_of_listed_scores_scores_as_worked_by_hand(text, weight, note, expected):
    score = _score(text, weight, None, None, note)
    assert score is not None and abs(score - Decimal(expected)) < Decimal("0.005"), (note, score)


@pytest.mark.parametrize(("text", "weight", "note"), AVERAGE_REFUSED)
def test_a_list_that_does_not_settle_the_mean_is_refused(text, weight, note):
    assert _score(text, weight, None, None, note) is None, note


@pytest.mark.parametrize(
    "text",
    [
        # "加权平均" without a formula: the weights are not said
        "统计每个项目的检查得分,加权平均作为该项得分。",
        # a definition that scores
        "A=(A1+A2+…+An)/n,式中:A1为单个项目得分,每缺1份扣2分。",
    ],
)
def test_a_mean_near_miss_is_not_read_as_a_mean(text):
    rule = parse_rule_text(text)
    assert rule is None or rule.kind != "listed_average"


@pytest.mark.parametrize("text", [AVERAGE, AVERAGE_STEP])
def test_each_mean_reading_round_trips(text):
    rule = parse_rule_text(text)
    assert rule is not None and rule.kind == "listed_average" and round_trips(rule)


# --- 4. a completion written as a share of the plan, and changes that are not the actual ----------------------

# (wording, weight, target, explanation, expected)
# fmt: off
NOTED = [
    ("按完成比例计分", 10, None, "完成1140人，占计划的95%", "9.5"),
    ("得分=完成率×分值", 20, None, "全年完成改造320户，为年度任务的80%", "16"),
    ("得分=实际完成值/目标值×分值", 10, None, "備案完成量為年度任務的87.6%", "8.76"),
    ("按预算执行率×分值计算", 5, None, "实际支出占预算的90%", "4.5"),
    ("按完成比例计分", 10, "≥95%", "实际完成90%，比目标低5%", "9.4737"),
    ("按满意度×分值计算", 10, None, "满意度为86%,较上年提高3个百分点", "8.6"),
    # a rate written as its two counts
    ("得分=合格率×分值", 10, None, "抽查20户，合格17户", "8.5"),
    ("按知晓率×分值计算", 5, None, "随机调查80人，其中知晓72人", "4.5"),
    ("得分=满意度×分值", 8, None, "回收问卷50份;满意45份", "7.2"),
]
NOTED_REFUSED = [
    ("得分=完成率×分值", 10, None, "完成计划的95%，完成率96%"),  # two completions
    ("按完成比例计分", 10, None, "完成年度任务的92%，完成计划的90%"),  # two shares
    ("按满意度×分值计算", 10, None, "占计划的95%"),  # a share of the plan is no satisfaction rate
    ("得分=合格率×分值", 10, None, "抽查20户，不合格3户"),  # 不合格 is not a count of 合格
    ("得分=合格率×分值", 10, None, "抽查20户，合格17户，另有3户待查"),  # a third count in the unit
    ("得分=合格率×分值", 10, None, "抽查20户，合格17人"),  # part and whole in different units
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "note", "expected"), NOTED)
def test_a_completion_as_evaluators_write_it_scores_as_worked_by_hand(text, weight, target, note, expected):
    score = _score(text, weight, target, None, note)
    assert score is not None and abs(score - Decimal(expected)) < Decimal("0.005"), (note, score)


@pytest.mark.parametrize(("text", "weight", "target", "note"), NOTED_REFUSED)
def test_a_note_with_two_candidate_completions_is_refused(text, weight, target, note):
    assert _score(text, weight, target, None, note) is None, note
