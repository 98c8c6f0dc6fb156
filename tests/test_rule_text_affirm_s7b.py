"""Affirm family, session 7 (second file): a question and its numbered answers; an actual that says a name's
statements with a comma for its 并; a denial of the 0 level's fault beside the condition restated; a quality of time
restated with its verb, the object left out. Texts worded unlike the corpus; None: refused or not read."""

from __future__ import annotations

import pytest

from tests.rule_checks import assert_scores_as_worked, round_trips

# --- a question and its numbered answers (ruletext/answered_questions.py) -----------------------------------------
CHECK = "2.核对家庭医生签约服务系统中签约人数是否与纸质协议数量相符 ①相符(10分) ②不相符(0分)"
TIMELY = "是否按时报送月报?(1)是(2分)(2)否(0分)"
FILES = "檔案資料是否齊全 1.齊全(3分) 2.基本齊全(1分) 3.不齊全(0分)"
QUESTIONS = [
    (CHECK, 10, "相符", "10"),
    (CHECK, 10, "不相符", "0"),
    (TIMELY, 2, "是", "2"),
    (TIMELY, 2, "否", "0"),
    (FILES, 3, "基本齐全", "1"),
    (FILES, 3, "齐全", "3"),
    # near misses: an answer not printed is no answer
    (CHECK, 10, "基本相符", None),
    (FILES, 3, "大部分齐全", None),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), QUESTIONS)
def test_a_question_and_its_numbered_answers(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


def test_answers_out_of_order_or_with_numbers_are_not_this_reading() -> None:
    from medaid.evaluation.ruletext import parse_rule_text
    from medaid.evaluation.ruletext.answered_questions import answered_question

    assert answered_question("资料是否齐全1齐全(3分)3不齐全(0分)") is None
    assert answered_question("是否开展培训1开展3次(2分)2开展1次(1分)") is None
    assert answered_question("资料是否齐全1齐全(3分)") is None
    rule = parse_rule_text(FILES)
    assert rule is not None and round_trips(rule)


# --- statements joined by 并 in the name, by a comma in the actual (rules/naming.py) --------------------------------
STABLE = "在检查期间保持检查组人员固定,得6分;不能保持人员固定并随意调换人员,不得分。"
JOINED = [
    (STABLE, 6, "不能保持人员固定,随意调换人员", "0"),
    (STABLE, 6, "不能保持人员固定；随意调换人员", "0"),
    # the condition restated, with the 0 level's fault denied beside it (rules/affirmations.py)
    (STABLE, 6, "在检查期间保持检查组人员固定,未调换人员", "6"),
    (STABLE, 6, "保持检查组人员固定,没有随意调换人员", "6"),
    # near misses: the fault denied alone says nothing of the condition; a part of the 0 level alone neither
    (STABLE, 6, "未调换人员", None),
    (STABLE, 6, "随意调换人员", None),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), JOINED)
def test_statements_of_a_joined_level(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


# --- a quality of time restated with its verb, the object left out (rules/affirmations.py) --------------------------
QUALITY = [
    ("按时报送村级财务报表(2分)", 2, "已按时报送", "2"),
    ("及时上报流动党员变动信息(3分)", 3, "已及时上报", "3"),
    ("定期召开支委会议的得2分,否则不得分。", 2, "已定期召开", "2"),
    # near misses: the quality not restated; an exhortation is no fact; a quality left out with the object
    ("及时上报流动党员变动信息(3分)", 3, "已上报", None),
    ("积极配合上级开展专项整治(4分)", 4, "积极配合", None),
    ("积极配合上级开展专项整治工作(4分)", 4, "积极配合工作", None),
    # a quality restated, a plain attribute left out between its words
    ("资料整理规范完整的得2分,否则不得分。", 2, "资料规范完整", "2"),
    ("及时足额拨付补助资金的得3分,否则不得分。", 3, "已及时拨付", None),
    ("及时上报流动党员变动信息和组织关系转接情况(3分)", 3, "已及时上报变动信息", None),
    # the judgement restated, a plain attribute left out between
    ("及时上报流动党员变动信息(3分)", 3, "已及时上报变动信息", "3"),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), QUALITY)
def test_a_quality_of_time_restated_with_its_verb(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


# --- a rate's bound, its deed not done at all scoring 0 (ruletext/rate_conditions.py) ------------------------------
HALLS = "各街道综合文化服务中心建有率达到100%,得2分;未建有的,不得分。"
RATES = [
    (HALLS, 2, "100%", "2"),
    (HALLS, 2, "0%", "0"),
    (HALLS, 2, "75%", "0"),
    ("农家书屋覆盖率不低于95%计4分,未覆盖不计分。", 4, "96.5%", "4"),
    ("农家书屋覆盖率不低于95%计4分,未覆盖不计分。", 4, "94.9%", "0"),
    ("健康教育开展率100%记3分;没有开展的不记分。", 3, "100%", "3"),
    # near misses: marks below the row's weight leave the rest unsaid; a number in another unit is not the rate
    (HALLS, 5, "75%", None),
    (HALLS, 2, "3个", None),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), RATES)
def test_a_rate_bound_and_its_deed_not_done(text: str, weight: int, actual: str, score: str | None) -> None:
    assert_scores_as_worked(text, weight, None, actual, score)


def test_another_zero_clause_or_a_rate_better_low_is_not_this_reading() -> None:
    from medaid.evaluation.ruletext.rate_conditions import rate_not_begun

    assert rate_not_begun("培训开展率100%计3分,未建立台账不计分。") is None
    assert rate_not_begun("投诉处理差错率达到5%以上,得2分,未差错不得分。") is None
    rule = rate_not_begun("村卫生室覆盖率达到90%的得2分;未覆盖的不得分。")
    assert rule is not None and round_trips(rule)
