"""Faults family, session 7: the evaluator's synonyms in the table's words, faults denied by their opposite
predicate, one-off kinds counted 0 or 1 times, and vetoes said with 未/没有 or without their quality.

Every text and actual here is written for these tests (other words, orders, numbers and spellings than any
corpus row); each reading has near-misses that must be refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.clause_synonyms import in_text_words, once_counted, opposite_restates
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips, trial_score

# --- synonyms: the statement in the words the table uses -----------------------------------------------------

SYNONYM_CASES = [
    ("工作经费未落实扣3分;经费配额不足扣1分。", 4, "工作资金已落实，配额足额", "4"),
    ("工作经费未落实扣3分;经费配额不足扣1分。", 4, "工作资金已落实，但经费配额不足", "3"),
    ("工作经费未落实扣3分;经费配额不足扣1分。", 4, "工作资金未落实", "1"),
    ("未组建工作专班扣2分;未制定实施方案扣1分。", 3, "已成立工作专班，未制定实施方案", "2"),
    ("未组建工作专班扣2分;未制定实施方案扣1分。", 3, "未成立工作专班，已制定实施方案", "1"),
    ("未按时上报统计报表扣2分;报表数据不准确扣1分。", 3, "统计报表均按时报送，数据准确", "3"),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), SYNONYM_CASES)
def test_a_synonym_is_read_as_the_tables_word(text, weight, actual, score):
    rule = parse_rule_text(text)
    assert rule is not None and round_trips(rule)
    assert trial_score(text, weight, actual=actual) == Decimal(score)


def test_synonyms_are_rewritten_only_to_the_one_word_the_clauses_use():
    assert in_text_words("专项经费已落实", ["资金未落实", "资金配额不足"]) == "专项资金已落实"
    assert in_text_words("已报送", ["未按时上报"]) == "已上报"
    # the clauses use both words of the group: nothing is rewritten (two things, not one)
    assert in_text_words("经费已到位", ["项目资金未到位", "工作经费不足"]) == "经费已到位"
    # a fixed term that holds a word is left alone
    assert in_text_words("建档立卡户信息完整", ["未建立档案"]) == "建档立卡户信息完整"


def test_a_fixed_term_is_not_a_synonym():
    assert trial_score("未建立档案扣2分;档案内容不全扣1分。", 3, actual="建档立卡户信息完整") is None


# --- opposites: a fault's subject with the positive predicate -----------------------------------------------

OPPOSITE_CASES = [
    ("路牌联系电话不通的扣2分;路牌标识不清的扣1分。", 3, "联系电话畅通，路牌标识清晰", "3"),
    ("台账记录与实际不符扣2分;统计数据错误扣1分。", 3, "台账记录与实际相符，统计数据准确", "3"),
    ("報表數據錯一處扣0.5分,上報時間不符扣1分,扣完為止。", 3, "报表数据错2处，上报时间一致", "2"),
    ("報表數據錯一處扣0.5分,上報時間不符扣1分,扣完為止。", 3, "报表数据正确，上报时间相符", "3"),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), OPPOSITE_CASES)
def test_a_fault_is_denied_by_its_opposite_predicate(text, weight, actual, score):
    assert trial_score(text, weight, actual=actual) == Decimal(score)


OPPOSITE_NEAR_MISSES = [
    ("台账记录与实际不符扣2分;统计数据错误扣1分。", 3, "台账记录与实际基本相符，统计数据准确"),  # hedged
    ("台账记录与实际不符扣2分;统计数据错误扣1分。", 3, "台账记录与实际相符，统计数据部分准确"),  # partial
    ("過程資料不詳實扣2分;未召開會議扣1分。", 3, "会议记录详实，已召开会议"),  # another subject
    ("報表數據錯一處扣0.5分,上報時間不符扣1分,扣完為止。", 3, "报表数据基本正确，上报时间相符"),
]


@pytest.mark.parametrize(("text", "weight", "actual"), OPPOSITE_NEAR_MISSES)
def test_a_hedged_or_other_opposite_is_refused(text, weight, actual):
    assert trial_score(text, weight, actual=actual) is None


def test_opposite_subjects_must_be_the_faults_or_its_tail():
    assert opposite_restates("分值计算散总一致", "分值计算散总不符")
    assert opposite_restates("联系方式均畅通", "发现河长牌联系方式不通的")  # the row's topic left out
    assert not opposite_restates("过程性资料详实", "资料不详实")  # narrower subject
    assert not opposite_restates("河长牌畅通", "河长牌联系方式不通")  # another subject
    assert not opposite_restates("分值计算散总基本一致", "分值计算散总不符")
    assert not opposite_restates("分值计算散总一致2处", "分值计算散总不符")


# --- a one-off kind counted 0 or 1 times ----------------------------------------------------------------------

ONCE_TEXT = "迟报扣0.5分,漏报扣1分,每错报一例扣0.2分。"


@pytest.mark.parametrize(
    ("actual", "score"), [("迟报1次，错报2例", "4.1"), ("迟报0次，漏报1起", "4"), ("漏报一次，迟报一次", "3.5")]
)
def test_a_one_off_kind_counted_once_or_never(actual, score):
    assert trial_score(ONCE_TEXT, 5, actual=actual) == Decimal(score)


@pytest.mark.parametrize("actual", ["漏报3次", "迟报2次，错报1例", "漏报1.5次"])
def test_a_one_off_kind_counted_more_than_once_is_refused(actual):
    assert trial_score(ONCE_TEXT, 5, actual=actual) is None  # deducted once, or each time? not written


def test_once_counted_takes_occurrence_counters_only():
    assert once_counted(Decimal(1), "次") and once_counted(Decimal(0), "起")
    assert not once_counted(Decimal(2), "次") and not once_counted(Decimal(1), "人")


# --- vetoes: said with 未/没有, or without the quality they ask ----------------------------------------------

VETO_TEXT = "宣传栏内容陈旧的扣1分,未按要求开展宣传活动的,不得分。培训考试不及格的,扣2分,无故不参加学习培训的一次扣3分,扣完为止。"


@pytest.mark.parametrize(
    ("note", "score"),
    [
        ("没有按要求开展宣传活动", "0"),
        ("未开展宣传活动", "0"),  # not done at all: not done as required either
        ("已按要求开展宣传活动，培训考试不及格", "8"),
    ],
)
def test_a_veto_said_in_other_words(note, score):
    assert trial_score(VETO_TEXT, 10, note=note) == Decimal(score)


@pytest.mark.parametrize("note", ["未及时开展宣传活动", "宣传栏内容陈旧"])
def test_a_veto_near_miss_is_refused(note):
    # "未及时开展" says nothing of "未按要求开展"; the kind's words must not be taken from the veto it runs on into
    assert trial_score(VETO_TEXT, 10, note=note) is None


# --- a requirement once a period, said of this period -------------------------------------------------------

PERIOD_CASES = [
    ("每月報送一次工作簡報,每少一次扣1分;簡報內容不真實的每份扣0.5分。", 3, "本月已报送工作简报", "3"),
    ("每月報送一次工作簡報,每少一次扣1分;簡報內容不真實的每份扣0.5分。", 3, "本月未报送工作简报，内容不真实1份", "1.5"),
    ("每年至少组织一次应急演练,每少一次扣2分;演练记录不全扣1分。", 3, "本年度已组织应急演练，演练记录齐全", "3"),
    ("每年至少组织一次应急演练,每少一次扣2分;演练记录不全扣1分。", 3, "本年度未组织应急演练", "1"),
]


@pytest.mark.parametrize(("text", "weight", "actual", "score"), PERIOD_CASES)
def test_a_requirement_once_a_period_said_of_this_period(text, weight, actual, score):
    assert trial_score(text, weight, actual=actual) == Decimal(score)


@pytest.mark.parametrize(
    ("text", "actual"),
    [
        ("每月報送一次工作簡報,每少一次扣1分;簡報內容不真實的每份扣0.5分。", "本季度已报送工作简报"),  # another period
        ("每月報送一次工作簡報,每少一次扣1分;簡報內容不真實的每份扣0.5分。", "本月基本报送工作简报"),  # hedged
        ("每月報送一次工作簡報,每少一次扣1分;簡報內容不真實的每份扣0.5分。", "本月已按时报送工作简报"),  # a quality
        ("每季度召开两次例会,每少一次扣1分。", "本季度已召开例会"),  # asked twice: done once, or twice?
    ],
)
def test_a_period_near_miss_is_refused(text, actual):
    assert trial_score(text, 3, actual=actual) is None


# --- polarity: two negated predicates are not a double negation; a negation's scope is its own ------------------

POLARITY_NEAR_MISSES = [
    # "不灵活不能运转" is two faults of one subject, not "灵活能运转": its denial never names it
    # "无漂浮物" denies the 漂浮物 of "有漂浮物未清理": it does not name the fault
    # (session 8, faults family: these four are now read as the fault DENIED, with hand scores, in
    # tests/test_rule_text_faults_s8.py::test_denials_once_refused_are_read_as_denials; what stays is never naming)
    ("库内有漂浮物及垃圾未清理扣2分;溢洪道堵塞扣2分。", 4, "库内无漂浮物，溢洪道堵塞"),  # half the event denied
]


@pytest.mark.parametrize(("text", "weight", "actual"), POLARITY_NEAR_MISSES)
def test_a_denial_is_never_read_as_the_fault(text, weight, actual):
    assert trial_score(text, weight, actual=actual) is None


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        ("溢洪道堵塞扣2分;启闭器不灵活不能运转扣2分。", 4, "溢洪道畅通，启闭器不灵活不能运转", "2"),
        ("大坝未除杂草扣4分;溢洪道堵塞扣2分。", 6, "大坝未除杂草，溢洪道畅通", "2"),
        ("未发现任何违规违纪行为的得10分,否则不得分。", 10, "未发现违规违纪行为", "10"),
    ],
)
def test_negated_predicates_still_name_their_fault(text, weight, actual, score):
    assert trial_score(text, weight, actual=actual) == Decimal(score)
