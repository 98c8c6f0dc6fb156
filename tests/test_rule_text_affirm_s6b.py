"""Affirm family, session 6, round 2 (issue 13): ranges marked at one end, units of things counted one by one, item
numbers that are bounds; sanctions beyond the row (本表…扣完, 一票否决); none-or-some levels against a count; a
condition in several sentences; a 0 level that lists its failures. Wordings are constructed (other verbs, clause
order, units, punctuation, traditional characters), scores worked by hand from the Chinese alone; near misses are
refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.conditions import read_condition
from medaid.evaluation.ruletext.outcomes import prepare
from medaid.evaluation.ruletext.wider_sanctions import without_wider_sanctions
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips, trial_score

D = Decimal


# --- ranges marked at one end: the other end keeps the half-open convention the mark chooses ----------------------
# (condition, inside, outside)
# fmt: off
SPANS = [
    ("10%-20%(不含)", ["10", "19.9"], ["9.9", "20"]),  # [10, 20)
    ("占比30%-50%(不含)", ["30", "49"], ["50", "29"]),  # [30, 50)
    ("80%-90%(含)", ["90", "80.1"], ["80", "90.1"]),  # (80, 90]
    ("80%(不含)-90%", ["90", "85"], ["80"]),  # (80, 90]
    ("80%(含)-90%", ["80", "89"], ["90"]),  # [80, 90)
    ("11岁-16岁(不含16周岁)", ["11", "15"], ["16"]),  # the mark names the upper end
    ("80%-90%(含80%)", ["80"], ["90"]),  # the mark names the lower end: [80, 90)
    ("10万元-20万元(含20万元)", ["200000"], ["100000"]),  # a mark in the unit as written
]
# fmt: on


@pytest.mark.parametrize(("text", "inside", "outside"), SPANS)
def test_a_range_marked_at_one_end(text, inside, outside):
    condition = read_condition(text)
    assert condition is not None
    assert all(condition.contains(D(v)) for v in inside)
    assert not any(condition.contains(D(v)) for v in outside)


def test_a_mark_naming_neither_bound_is_not_read():
    assert read_condition("80%-90%(含85%)") is None


@pytest.mark.parametrize(
    ("text", "unit", "low"),
    [("5万头以上", "头", "50000"), ("100只(含)以上", "只", "100"), ("3盏以上", "盏", "3"), ("2艘以上", "艘", "2"),
     ("不少于20棵", "棵", "20"), ("3周岁以上", "周岁", "3")],
)  # fmt: skip
def test_units_of_things_counted_one_by_one(text, unit, low):
    condition = read_condition(text)
    assert condition is not None and condition.unit == unit and condition.low == D(low)


@pytest.mark.parametrize(
    ("text", "kept"),
    [("3周岁以下计2分,3-6周岁计3分", "3周岁以下"), ("5头以上得2分", "5头以上"), ("2盏(含)以上得1分", "2盏(含)以上"),
     ("5以上得2分", "5以上")],
)  # fmt: skip
def test_a_leading_number_with_its_unit_is_a_bound_not_an_item_number(text, kept):
    assert prepare(text).startswith(kept)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("2根据要求得1分", "根据要求"),
        ("3部署到位得2分", "部署到位"),
        ("2计划生育得1分", "计划生育"),
        ("2建立制度得1分", "建立制度"),
    ],
)
def test_an_item_number_before_words_is_still_taken_out(text, rest):
    assert prepare(text).startswith(rest)


def test_bands_in_a_counted_unit_score():
    text = "存栏5万头以上得5分,3-5万头得3分,3万头以下不得分"
    assert _score(text, 5, None, "4.2万头") == D(3)
    assert _score(text, 5, None, "60000头") == D(5)
    assert _score(text, 5, None, "85%") is None  # not a count of head


# --- sanctions beyond the row, none-or-some levels, several sentences, listed failures -----------------------------
# (wording, weight, actual, expected score worked by hand)
# fmt: off
SCORED = [
    # a sanction on the table or the assessment: this row 0 when its condition holds
    ("无事故得20分,发生一次,本表100分扣完", 20, "0次", "20"),
    ("无事故得20分,发生一次,本表100分扣完", 20, "2起", "0"),
    ("全年无重大案件得8分,发生一起,全表分数扣完", 8, "无重大案件", "8"),
    ("全年无重大案件得8分,发生一起,全表分数扣完", 8, "发生重大案件1起", "0"),
    ("全年无重大案件得8分,发生一起,全表分数扣完", 8, "0起", "8"),
    ("未发生安全事故得5分,发生安全事故的,实行一票否决", 5, "0次", "5"),
    ("未发生安全事故得5分,发生安全事故的,实行一票否决", 5, "1起", "0"),
    ("零投诉计3分,出现一次,本表不得分", 3, "0次", "3"),
    ("零投诉计3分,出现一次,本表不得分", 3, "出现投诉2次", "0"),
    ("無事故得10分,發生一次,本表100分扣完", 10, "全年零事故", "10"),
    ("無事故得10分,發生一次,本表100分扣完", 10, "发生1次不超标事故", "0"),  # a kind of 事故
    # a condition in several sentences: every requirement before the marks
    ("建立村级便民服务室,配备专职代办员。代办事项公开上墙得3分。", 3,
     "已建立便民服务室，配备专职代办员，代办事项已公开上墙", "3"),
    ("建立村级便民服务室,配备专职代办员。代办事项公开上墙得3分。", 3, "未建立便民服务室", "0"),
    ("组织领导。成立工作领导小组得2分", 2, "已成立工作领导小组", "2"),  # a heading is no requirement
    ("各村要高度重视宣传工作。设立宣传栏的得2分,否则不得分", 2, "已设立宣传栏", "2"),  # nor an exhortation
    # a 0 level that lists its failures
    ("认真做好农民工培训工作得4分,全年未开展培训或未按要求建立台账的不得分", 4, "开展培训2期,按要求建立台账", "4"),
    ("认真做好农民工培训工作得4分,全年未开展培训或未按要求建立台账的不得分", 4, "开展培训1期,但未按要求建立台账", "0"),
    ("认真做好农民工培训工作得4分,全年未开展培训或未按要求建立台账的不得分", 4, "全年未开展培训", "0"),
    ("有经职代会讨论通过的厂务公开制度(2分)。无制度或有但未经职代会讨论通过均不得分", 2,
     "有制度但未经职代会讨论通过", "0"),
    # none or some in the level's own words, or a kind of the thing with its count
    ("未发生重大质量事故得6分，发生不得分", 6, "未发生", "6"),
    ("未发生重大质量事故得6分，发生不得分", 6, "发生", "0"),
    ("无事故得20分,发生一次,本表100分扣完", 20, "死亡事故1次", "0"),
    # the rest of a condition taking all its marks is 不得分
    ("水稻单产达到500公斤的记6分,达不到的扣6分", 6, "520公斤", "6"),
    ("水稻单产达到500公斤的记6分,达不到的扣6分", 6, "480公斤", "0"),
    ("建立台账得4分,未建立扣4分", 4, "未建立台账", "0"),
]

REFUSED = [
    # a count of something else than events, a narrower thing denied, a wider thing said, another thing
    ("无事故得20分,发生一次,本表100分扣完", 20, "1人"),
    ("无事故得20分,发生一次,本表100分扣完", 20, "未发生重大事故"),
    ("未发生安全事故得5分,发生安全事故的,实行一票否决", 5, "发生1次事故"),
    ("无事故得20分,发生一次,本表100分扣完", 20, "发生1次火灾"),
    ("零投诉计3分,出现一次,本表不得分", 3, "3%"),
    ("无事故得20分,发生一次,本表100分扣完", 20, "安全生产形势平稳"),
    # a requirement of an earlier sentence left unsaid
    ("建立村级便民服务室,配备专职代办员。代办事项公开上墙得3分。", 3, "代办事项已公开上墙"),
    # failures neither named nor all denied; a count of 0 in other words than the failure's
    ("认真做好农民工培训工作得4分,全年未开展培训或未按要求建立台账的不得分", 4, "培训效果良好"),
    ("认真做好农民工培训工作得4分,全年未开展培训或未按要求建立台账的不得分", 4, "开展培训0期"),
    ("认真做好农民工培训工作得4分,全年未开展培训或未按要求建立台账的不得分", 4, "开展培训2期"),
    # a requirement of the condition (规范) that no failure listed covers
    ("资金拨付程序规范,经集体研究决定的得2分；未经集体研究的不得分", 2, "经集体研究决定"),
    # "无" alone: none, or 否; a count of 0 of a narrower thing
    ("无违规违纪问题得5分，有违规违纪问题不得分", 5, "无"),
    ("无违规违纪问题得5分，有违规违纪问题不得分", 5, "有"),
    ("无事故得20分,发生一次,本表100分扣完", 20, "发生0起重大事故"),
    # a deduction of part of the marks when not met: what it is taken from is not said
    ("水稻单产达到500公斤的记6分,达不到的扣3分", 6, "480公斤"),
]
# fmt: on


def _score(text: str, weight: int, target: str | None, actual: str | None) -> Decimal | None:
    return trial_score(text, weight, target=target, actual=actual)


@pytest.mark.parametrize(("text", "weight", "actual", "expected"), SCORED)
def test_scores_as_worked_by_hand(text, weight, actual, expected):
    assert _score(text, weight, None, actual) == Decimal(expected)
    rule = parse_rule_text(text)
    assert rule is not None and round_trips(rule)


@pytest.mark.parametrize(("text", "weight", "actual"), REFUSED)
def test_near_miss_is_refused(text, weight, actual):
    assert _score(text, weight, None, actual) is None


def test_the_reason_leaves_the_wider_sanction_to_the_evaluator():
    trial = try_rule("未发生安全事故得5分,发生安全事故的,实行一票否决", weight="5", target=None, actual="1起", note=None,
                     holds=None, bonus_allowed=False)  # fmt: skip
    assert trial.outcome is not None and trial.outcome.score == 0
    assert "一票否决" in trial.outcome.reason and "由评估人员决定" in trial.outcome.reason
    kept = try_rule("未发生安全事故得5分,发生安全事故的,实行一票否决", weight="5", target=None, actual="0次", note=None,
                    holds=None, bonus_allowed=False)  # fmt: skip
    assert kept.outcome is not None and "一票否决" not in kept.outcome.reason


@pytest.mark.parametrize(
    ("text", "rest"),
    [("无事故得20分,发生一次,本表100分扣完", "无事故得20分,发生一次,不得分"),
     ("少任一种证件不得分(实行一票否决)。", "少任一种证件不得分。"),
     ("符合政策生育率82%以下的记零分,并给予一票否决。", "符合政策生育率82%以下的记零分。"),
     ("发生重大事故的,则实行一票否决", "发生重大事故的,不得分"),
     ("每发现一处扣1分,总分扣完为止", "每发现一处扣1分,总分扣完为止")],  # a floor, not a sanction
)  # fmt: skip
def test_a_wider_sanction_is_this_rows_zero(text, rest):
    assert without_wider_sanctions(text) == rest
