"""Lists family, session 9: words around a rule that do not score it themselves (``ruletext.wrapped_rules``).

- "没有年度任务的按缺项考核计分": a unit without the task is left out of the row (缺项); an actual saying so is
  refused, any other actual is scored by the rest of the text.
- "…没有分工文件不得分(5分)": the bracket after a 不得分 clause is the rule's full marks; another weight is refused.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.either_bounds import EitherBounds
from medaid.evaluation.rules.listed_subjects import SubjectsBound
from medaid.evaluation.rules.wrappers import NotAssessed, StatedFull
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips, trial_score

TASK = "协助有关部门完成当年度下达的农村危房改造任务。没有年度任务的按缺项考核计分,没有完成年度任务的不得分。"
BUILD = "无建设任务的,按缺项处理;未完成建设任务的扣2分。"
COVER = "不涉及该业务的按缺项计分。未建立工作台账的扣1分,未按时报送的扣2分。"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        (TASK, 3, "完成年度任务", Decimal(3)),  # 未说没有任务: the rest, nothing denied, 3
        (TASK, 3, "未完成年度任务", Decimal(0)),  # 没有完成年度任务的不得分: 0
        (TASK, 3, "年度任务未完成", Decimal(0)),  # the same, the words in another order: 0
        (BUILD, 2, "未完成建设任务", Decimal(0)),  # 2 − 2 = 0
        (COVER, 3, "未按时报送", Decimal(1)),  # 3 − 2 = 1
        (COVER, 3, "已建立工作台账并按时报送", Decimal(3)),  # no deduction: 3
    ],
    ids=[
        "task-done-3",
        "task-not-done-0",
        "task-not-done-order-0",
        "build-not-done-0",
        "cover-late-1",
        "cover-all-3",
    ],
)
def test_a_row_with_a_not_assessed_clause_scores_any_other_actual_by_its_rest(
    text: str, weight: int, actual: str, score: Decimal
) -> None:
    assert trial_score(text, weight, actual=actual) == score


@pytest.mark.parametrize(
    ("text", "weight", "actual"),
    [
        (TASK, 3, "没有年度任务"),  # the clause itself: 缺项, not 0 for 没有完成
        (TASK, 3, "本年度无任务"),  # 无…任务 in other words
        (TASK, 3, "未下达年度任务"),
        (BUILD, 2, "无建设任务"),  # read before the deduction reader, which gave 0 (2 − 2) here
        (COVER, 3, "不涉及该业务"),
    ],
    ids=["no-task", "no-task-other-words", "task-not-given", "no-build-task", "not-concerned"],
)
def test_a_unit_without_the_thing_is_refused_as_a_not_assessed_item(text: str, weight: int, actual: str) -> None:
    assert trial_score(text, weight, actual=actual) is None


def test_a_not_assessed_reading_round_trips_and_keeps_its_clause() -> None:
    rule = parse_rule_text(TASK)
    assert isinstance(rule, NotAssessed) and rule.absent == "没有年度任务" and rule.thing == "年度任务"
    assert round_trips(rule)


def test_a_not_assessed_clause_with_a_number_or_marks_is_not_taken_out() -> None:
    assert not isinstance(parse_rule_text("无2个以上建设任务的按缺项处理;未完成建设任务的扣2分。"), NotAssessed)
    assert not isinstance(parse_rule_text("无建设任务的按缺项计3分;未完成建设任务的扣2分。"), NotAssessed)


LEDGER = "建立工作台账,实行专人负责制,没有台账记录或专人负责记录不得分(3分)。"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        (LEDGER, 3, "有台账记录和专人负责记录", Decimal(3)),  # the bracket is the full marks: 3
        (LEDGER, 3, "没有台账记录或专人负责记录", Decimal(0)),  # 不得分: 0
        ("没有台账记录不计分（4分）", 4, "没有台账记录", Decimal(0)),  # full-width bracket, 不计分: 0
        ("没有台账记录不计分。(4分)", 4, "有台账记录", Decimal(4)),  # the bracket after the full stop: 4
    ],
    ids=["ledger-kept-3", "ledger-missing-0", "full-width-0", "after-stop-4"],
)
def test_full_marks_in_a_bracket_after_a_zero_clause(text: str, weight: int, actual: str, score: Decimal) -> None:
    assert trial_score(text, weight, actual=actual) == score


def test_full_marks_in_a_bracket_that_differ_from_the_weight_are_refused() -> None:
    assert trial_score(LEDGER, 4, actual="有台账记录和专人负责记录") is None  # (3分) on a 4-point row


@pytest.mark.parametrize(
    "text",
    [
        "有方案得2分,没有台账不得分(3分)",  # other marks: the bracket may be the last item's own
        "没有台账记录的扣2分(3分)",  # the last clause deducts: the bracket may be its marks
        "没有台账记录不得分(3分),没有方案的扣1分",  # the bracket is not at the end
    ],
    ids=["other-marks", "deduction-last", "not-at-end"],
)
def test_a_bracket_that_may_be_an_items_marks_is_not_read_as_the_full_marks(text: str) -> None:
    assert not isinstance(parse_rule_text(text), StatedFull)


def test_a_stated_full_reading_round_trips() -> None:
    rule = parse_rule_text(LEDGER)
    assert isinstance(rule, StatedFull) and rule.full == Decimal(3)
    assert round_trips(rule)


# Levels of one requirement by how often it is done, a part of a composite text (``rules.frequency_levels``)
CHECKUP = (
    "每年组织一次健康体检,得4分,每两年组织一次健康体检,得3分。根据体检结果,制定有针对性的健康管理计划或措施,得4分。"
)
TRAINING = "每年开展一次业务培训,得3分,每两年开展一次业务培训,得2分。建立培训档案,得2分。"


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (CHECKUP, 8, "每年组织一次健康体检，并根据体检结果制定了有针对性的健康管理计划", Decimal(8)),  # 4 + 4
        (CHECKUP, 8, "每两年组织一次健康体检，根据体检结果制定了有针对性的健康管理计划或措施", Decimal(7)),  # 3 + 4
        (CHECKUP, 8, "每年组织一次健康体检，未制定健康管理计划或措施", Decimal(4)),  # 4 + 0
        (TRAINING, 5, "每两年开展一次业务培训，未建立培训档案", Decimal(2)),  # 2 + 0
        (TRAINING, 5, "每2年开展1次业务培训，建立了培训档案", Decimal(4)),  # 每2年 = 每两年: 2 + 2
    ],
    ids=["yearly-plan-8", "two-yearly-plan-7", "yearly-no-plan-4", "training-two-yearly-2", "digits-4"],
)
def test_frequency_levels_are_matched_by_their_period(text: str, weight: int, note: str, score: Decimal) -> None:
    assert trial_score(text, weight, note=note) == score


@pytest.mark.parametrize(
    ("text", "weight", "note"),
    [
        (CHECKUP, 8, "每三年组织一次健康体检，根据体检结果制定了有针对性的健康管理计划"),  # a period not listed
        (CHECKUP, 8, "每年组织两次健康体检，根据体检结果制定了有针对性的健康管理计划"),  # another count
        (CHECKUP, 8, "未组织健康体检，根据体检结果制定了有针对性的健康管理计划"),  # no level scores none
        (CHECKUP, 8, "组织了健康体检，根据体检结果制定了有针对性的健康管理计划"),  # no frequency said
        (CHECKUP, 8, "每两年组织一次健康体检，并根据体检结果制定了健康管理计划"),  # 有针对性 left out
        (TRAINING, 5, "每年开展一次安全演练，建立了培训档案"),  # another thing at the frequency
    ],
    ids=["three-yearly", "twice-a-year", "none-held", "no-frequency", "quality-left-out", "other-thing"],
)
def test_a_frequency_not_listed_or_not_said_is_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight, note=note) is None


def test_frequency_levels_round_trip_inside_the_composite() -> None:
    rule = parse_rule_text(CHECKUP)
    assert rule is not None and round_trips(rule)


# One bound each listed thing must reach (``rules.listed_subjects``)
RICE = "早、晚稻達到500公斤單產指標的記6分,達不到單產要求的扣6分。"  # traditional, as the table prints it
WHEAT = "小麦、玉米单产均达到400公斤的得5分,达不到的不得分。"
RESERVOIR = "大、中型水库蓄水率达到80%的得4分,低于80%的不得分。"


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (RICE, 6, "早稻单产520公斤，晚稻单产505公斤", Decimal(6)),  # both ≥ 500: 6
        (RICE, 6, "早稻单产480公斤，晚稻单产510公斤", Decimal(0)),  # 早稻 short: 扣6分 = 0
        (RICE, 6, "早稻单产500公斤，晚稻单产500公斤", Decimal(6)),  # 达到 includes 500
        (WHEAT, 5, "小麦单产420公斤，玉米单产390公斤", Decimal(0)),  # 玉米 short: 0
        (WHEAT, 5, "玉米单产400公斤，小麦单产401公斤", Decimal(5)),  # the other order: 5
        (RESERVOIR, 4, "大型水库蓄水率85%，中型水库蓄水率82%", Decimal(4)),  # 大、中型 = 大型, 中型: 4
        (RESERVOIR, 4, "大型水库蓄水率85%，中型水库蓄水率79.5%", Decimal(0)),
    ],
    ids=[
        "rice-both-6",
        "rice-early-short-0",
        "rice-at-bound-6",
        "wheat-corn-short-0",
        "wheat-order-5",
        "reservoir-4",
        "reservoir-middle-short-0",
    ],
)
def test_each_listed_thing_must_reach_the_bound(text: str, weight: int, note: str, score: Decimal) -> None:
    assert trial_score(text, weight, note=note) == score


@pytest.mark.parametrize(
    ("text", "weight", "note"),
    [
        (WHEAT, 5, "小麦单产420公斤"),  # 玉米 not said (the bound reader gave 5 for 小麦 alone)
        (WHEAT, 5, "小麦单产约420公斤，玉米单产400公斤"),  # a hedged number
        (WHEAT, 5, "小麦单产420斤，玉米单产410斤"),  # another unit
        (WHEAT, 5, "小麦未达到400公斤，玉米单产410公斤"),  # 400 is the bound, not the value
        (RICE, 6, "早稻种植面积520亩，晚稻单产505公斤"),  # not the 单产
        (RICE, 8, "早稻单产520公斤，晚稻单产505公斤"),  # an 8-point row against a 6-mark text
    ],
    ids=["one-missing", "hedged", "other-unit", "denial", "other-measure", "other-weight"],
)
def test_a_listed_thing_without_a_sure_value_is_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight, note=note) is None


@pytest.mark.parametrize(
    "text",
    [
        "早、晚稻达到500公斤单产指标的记6分,达不到单产要求的扣3分。",  # 扣3 of 6: 3 or 0?
        "早稻达到500公斤单产指标的记6分,达不到单产要求的扣6分。",  # one thing: the bound readers'
        "早、晚稻达到500公斤单产指标的记6分,达不到其他要求的扣6分。",  # the failure of something else
    ],
    ids=["other-deduction", "one-thing", "other-failure"],
)
def test_texts_that_are_not_one_bound_for_each_listed_thing(text: str) -> None:
    assert not isinstance(parse_rule_text(text), SubjectsBound)


def test_a_subjects_bound_reading_round_trips() -> None:
    rule = parse_rule_text(RICE)
    assert isinstance(rule, SubjectsBound) and rule.subjects == ("早稻", "晚稻") and rule.measure == "单产"
    assert round_trips(rule)


# A value kept under a bound, and other measures any of which scores none (``rules.either_bounds``)
FALLOW = "②稻田抛荒面积控制在0.1%以下的计10分,稻田抛荒面积超过0.1%或稻田连片抛荒在2亩以上的不计分。"
FIRE = "森林火灾受害率控制在0.9‰以下的得5分,森林火灾受害率超过0.9‰或单次过火面积在100亩以上的不得分。"


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (FALLOW, 10, "稻田抛荒面积占0.05%，最大一处连片抛荒1亩", Decimal(10)),  # 0.05 ≤ 0.1, 1 < 2: 10
        (FALLOW, 10, "稻田抛荒面积占0.1%，无连片抛荒", Decimal(10)),  # 0.1 not 超过 0.1, none: 10
        (FALLOW, 10, "稻田抛荒面积占0.06%，有一处连片抛荒2亩", Decimal(0)),  # 2亩以上 includes 2: 0
        (FIRE, 5, "森林火灾受害率0.5‰，单次最大过火面积30亩", Decimal(5)),
        (FIRE, 5, "森林火灾受害率0.5‰，有一次过火面积120亩", Decimal(0)),  # 120 ≥ 100: 0
        (FIRE, 5, "森林火灾受害率1.2‰，未发生过火", Decimal(0)),  # 1.2 > 0.9: 0
    ],
    ids=["fallow-10", "fallow-at-bound-10", "fallow-plot-at-2-0", "fire-5", "fire-area-0", "fire-rate-0"],
)
def test_a_bound_kept_and_other_measures_scoring_none(text: str, weight: int, note: str, score: Decimal) -> None:
    assert trial_score(text, weight, note=note) == score


@pytest.mark.parametrize(
    ("text", "weight", "note"),
    [
        (FIRE, 5, "森林火灾受害率0.5‰"),  # the area not spoken of
        (FIRE, 5, "森林火灾受害率约0.5‰，单次最大过火面积30亩"),  # hedged
        (FIRE, 5, "森林火灾受害率0.9‰以下，单次最大过火面积30亩"),  # a range, not a value
        (FIRE, 5, "森林火灾受害率0.5‰，过火面积分别为30亩、50亩"),  # two areas
        (FALLOW, 8, "稻田抛荒面积占0.05%，无连片抛荒"),  # an 8-point row against a 10-mark text
    ],
    ids=["area-unsaid", "hedged", "range", "two-areas", "other-weight"],
)
def test_a_condition_without_a_sure_value_is_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight, note=note) is None


@pytest.mark.parametrize(
    "text",
    [
        "森林火灾受害率控制在0.9‰以下的得5分,森林火灾受害率超过0.9‰或发生重大火灾的不得分。",  # an event
        "森林火灾受害率控制在0.9‰以下的得5分,森林火灾受害率超过0.8‰或单次过火面积在100亩以上的不得分。",  # 0.8
        "抛荒率控制在5%以下的得3分,抛荒率超过5%或撂荒率在10%以上的不得分。",  # two conditions in %
        "森林火灾受害率控制在0.9‰以下的得5分,森林火灾受害率超过0.9‰或单次过火面积在100亩以上的扣3分。",
    ],
    ids=["event", "other-number", "same-unit", "deduction"],
)
def test_texts_that_are_not_a_bound_with_other_measures(text: str) -> None:
    assert not isinstance(parse_rule_text(text), EitherBounds)


def test_an_either_bounds_reading_round_trips() -> None:
    rule = parse_rule_text(FALLOW)
    assert isinstance(rule, EitherBounds) and len(rule.limits) == 2 and rule.limits[1].inclusive
    assert round_trips(rule)


# A number after ≥/≤ inside a condition is a threshold, not marks (``ruletext.clauses``)
@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        ("未建立台账扣5分;未对评分≥30分的孕妇进行随访管理扣2分", 10, "未建立台账", Decimal(5)),  # 10 − 5, not 30 − 5
        ("未建立台账扣5分;未对评分≥30分的孕妇进行随访管理扣2分", 10, "未对评分≥30分的孕妇进行随访管理", Decimal(8)),
    ],
    ids=["ledger-5", "follow-up-8"],
)
def test_a_threshold_in_marks_is_not_the_full_marks(text: str, weight: int, note: str, score: Decimal) -> None:
    assert trial_score(text, weight, note=note) == score


@pytest.mark.parametrize(
    "note",
    [
        "无连片抛荒",  # says nothing of the rate: not 0 %
        "稻田抛荒面积占0.05%，连片抛荒面积合计3亩（分散5处）",  # a total of several plots, not one plot's size
    ],
    ids=["denial-of-the-other-only", "total-of-plots"],
)
def test_a_denial_or_a_total_is_not_a_value_of_a_condition(note: str) -> None:
    assert trial_score(FALLOW, 10, note=note) is None
