"""Faults family, session 9: kinds graded by severity per event, sentences that sanction something else, a total of
all kinds, the one kind of file 建档 stands for, partners spread over 分别, the one document a verb is about, a
subject every item shares, a requirement once a period met, a schedule met, and 缺陷 as a noun.

Each case: (text, weight, 扣分说明, hand score; None = refused), the working in the comment beside it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.clause_match import literals
from medaid.evaluation.rules.clause_partners import table_spelling
from tests.rule_checks import trial_score

ACCIDENTS = "发生安全事故:死亡1人扣20分/次;死亡2人及以上扣40分/次;受伤1人扣5分/次;受伤2人及以上扣10分/次。"
GRADED = [
    (ACCIDENTS, 50, "安全事故1次（死亡1人）", "30"),  # 死亡1人 20: 50−20
    (ACCIDENTS, 50, "安全事故1次(受伤4人)", "40"),  # 4 ≥ 2: 受伤2人及以上 10: 50−10
    (ACCIDENTS, 50, "安全事故2次（1次死亡1人，1次受伤2人）", "20"),  # 20 + 10: 50−30
    (ACCIDENTS, 50, "安全事故两次（1次死亡1人，1次受伤2人）", "20"),  # the count in Chinese numerals
    (ACCIDENTS, 50, "事故2次（死亡1人）", None),  # each of the two, or in all?
    (ACCIDENTS, 50, "安全事故2次（1次死亡1人）", None),  # the events in brackets add up to 1, not 2
    (ACCIDENTS, 50, "安全事故1次（死亡1人、受伤2人）", None),  # two severities in one event: one deduction or two?
    (ACCIDENTS, 50, "火灾1次（死亡1人）", None),  # another event than the text's
    (ACCIDENTS, 50, "安全事故1次（重伤1人）", None),  # a severity the text does not grade
    ("发生安全事故:死亡1人扣20分/次;受伤1人扣5分/次。", 50, "安全事故1次（死亡2人）", None),  # 2 is not 1, no 及以上
]

CLEANING = "发现乱堆乱放每处扣1分;发现垃圾每处扣1分。保洁员考勤达到100%,未达到的,按比例扣减保洁员工资"
PATROL = "每发现一次脱岗扣2分;每发现一次未巡护扣2分。护林员不听从指挥的予以解聘"
SANCTIONS = [
    (CLEANING, 10, "未发现问题；保洁员考勤100%", "10"),  # the wages sentence scores nothing: 10
    (CLEANING, 10, "乱堆乱放2处；保洁员考勤90%", "8"),  # 2 × 1; wages cut, not points: 10−2
    (PATROL, 10, "脱岗1次，服从指挥", "8"),  # 1 × 2; 解聘 is no deduction: 10−2
    ("发现乱堆乱放每处扣1分;发现垃圾每处扣1分。", 10, "未发现问题；保洁员考勤100%", None),  # no such sentence
    # the sentence scores: a statement of it is no sanction of something else
    ("发现乱堆乱放每处扣1分;发现垃圾每处扣1分;保洁员考勤未达到100%的扣2分", 10, "未发现问题；保洁员考勤90%", None),
]

TOTALS = [
    ("发现乱堆乱放每处扣1分;发现垃圾每处扣1分。", 10, "各类问题共3处", "7"),  # 3 × 1 whichever kind: 10−3
    ("发现乱堆乱放每处扣1分;发现垃圾每次扣2分。", 10, "各类问题共3处", None),  # the kinds score differently
]

FILES = [
    ("没有建立健康档案发现一次扣0.5分,档案内容不全每项扣0.1分。", 5, "均已建档，内容不全2项", "4.8"),  # 2 × 0.1
    ("没有建立健康档案发现一次扣0.5分,没有建立免疫档案发现一次扣0.5分。", 5, "均已建档", None),  # which file?
    ("没有建立健康档案发现一次扣0.5分,档案内容不全每项扣0.1分。", 5, "部分已建档，内容不全2项", None),  # a hedge
]

PUBLICITY = "无宣传栏扣2分,宣传内容每月2期,少1期扣0.5分;发现烟头每处扣0.5分。"
PERIODS = [
    (PUBLICITY, 5, "有宣传栏，每月更新2期，未发现烟头", "5"),  # 2 a month as asked: none short
    (PUBLICITY, 5, "有宣传栏且每月更新3期，未发现烟头", "5"),  # "且" cuts two statements; 3 ≥ 2
    (PUBLICITY, 5, "有宣传栏，每月更新1期，未发现烟头", None),  # short each month: how many months?
    (PUBLICITY, 5, "有宣传栏，每季度更新2期，未发现烟头", None),  # another period
    (PUBLICITY, 5, "有宣传栏，每月基本更新2期，未发现烟头", None),  # a hedge
    (PUBLICITY, 5, "有宣传栏，每月未更新2期，未发现烟头", None),  # a negation
]

WORKS = "工程未达到进度要求的扣2分;质量有缺陷的每处扣1分。"
SCHEDULES = [
    (WORKS, 10, "工程按期完成，质量无缺陷", "10"),  # 按期完成 is the schedule met; 无缺陷 no defect
    (WORKS, 10, "工程未按期完成，质量无缺陷", "8"),  # schedule missed: 10−2
    (WORKS, 10, "工程按期完成，质量缺陷2处", "8"),  # 2 defects × 1: 10−2
    (WORKS, 10, "工程基本按期完成，质量无缺陷", None),  # a hedge
]

AGREEMENT = "村医每年与卫生院、村委会分别签订《村卫生室管理协议书》得6分,缺一项扣3分。"
PARTNERS = [
    (AGREEMENT, 6, "已与卫生院、村委会分别签订协议书", "6"),  # both signed
    (AGREEMENT, 6, "已与卫生院签订，未与村委会签订", "3"),  # one missing: 6−3
    (AGREEMENT, 6, "与卫生院、村委会签订协议书", None),  # no 分别: one agreement of three parties?
    (AGREEMENT, 6, "已与卫生院签订合同，已与村委会签订合同", None),  # another document
    (AGREEMENT, 6, "已与卫生院、乡政府分别签订协议书", None),  # a partner the table does not name
    (AGREEMENT, 6, "已与卫生院签订协议书", None),  # 村委会 not spoken of
]


FOREST = (
    "责任区内全年无乱砍滥伐、乱采滥挖、毁林开垦等破坏林木行为的计10分。责任区内有上述事件发生,能及时报告的扣5分,"
    "不及时报告的扣10分。"
)
FULL_CONDITIONS = [
    (FOREST, 10, "责任区内全年无破坏林木行为", "10"),  # the full-marks condition without its examples
    (FOREST, 10, "责任区内全年无乱砍滥伐、乱采滥挖、毁林开垦等破坏林木行为", "10"),  # word for word
    (FOREST, 10, "责任区内全年无乱砍滥伐行为", None),  # one example denied: the others?
    (FOREST, 10, "责任区内基本无破坏林木行为", None),  # a hedge
]

SIGNS = "发现公示牌联系电话不通的每处扣2分;发现公示牌不干净整洁每个扣2分;10分扣完为止。"
PREDICATES = [
    (SIGNS, 10, "公示牌联系电话均畅通、干净整洁", "10"),  # two predicates of one subject, each a fault denied
    (SIGNS, 10, "公示牌联系电话均畅通、基本干净整洁", None),  # a hedge
    (SIGNS, 10, "公示牌联系电话均畅通、不干净整洁2个", "6"),  # 2 × 2: 10−4
]

CAMPAIGN = "未开展多种形式宣传教育活动的扣1分;未组织干部群众进行环境整治扣1分。"
SINGLE = [
    (CAMPAIGN, 2, "仅开展单一形式宣传，组织了干部群众进行环境整治", "1"),  # one form only: not several forms
    (CAMPAIGN, 2, "开展单一形式宣传，组织了干部群众进行环境整治", None),  # no 仅/只: not read so
    (CAMPAIGN, 2, "只采用单一形式宣传，组织了干部群众进行环境整治", None),  # another verb than the clause's
    (CAMPAIGN, 2, "仅开展部分宣传，组织了干部群众进行环境整治", None),  # a hedge
]


@pytest.mark.parametrize(("text", "weight", "note", "expected"), FULL_CONDITIONS + PREDICATES + SINGLE)
def test_faults_s9_statements(text: str, weight: int, note: str, expected: str | None) -> None:
    score = trial_score(text, weight, actual=note)
    assert score == (None if expected is None else Decimal(expected))


NOTICE = "无明显标识扣0.5分，未公示制度的，每一项扣0.1分。"
PLANS = [
    ("制度应公示10项", "有明显标识，公示制度10项", "1.5"),  # 10 of 10: none short
    ("制度应公示10项", "有明显标识，制度已公示8项", "1.3"),  # 2 short × 0.1: 1.5−0.2
    ("制度应公示10项", "无明显标识，公示制度0项", "0"),  # 0.5 + 10 × 0.1: 1.5−1.5
    ("制度应公示10项", "有明显标识，公示制度12项", None),  # more than asked: not read
    ("制度应公示10项", "有明显标识，公示规章10项", None),  # another thing
    ("制度应公示10项", "有明显标识，公示制度8个", None),  # another counter
    (None, "有明显标识，公示制度8项", None),  # no plan: how many are asked?
]


LABS = "各乡镇卫生院建立标准化预防接种门诊。每少一个乡镇扣0.5分;考核一个乡镇不合格扣0.5分。"
TWICE = [
    (LABS, 3, "少2个乡镇未建立，1个乡镇考核不合格", "1.5"),  # "未建立" repeats the shortfall: 2 × 0.5 + 0.5
    (LABS, 3, "少2个乡镇未上报，1个乡镇考核不合格", None),  # another verb than the requirement's
]


@pytest.mark.parametrize(("text", "weight", "actual", "expected"), TWICE)
def test_shortfall_said_twice(text: str, weight: int, actual: str, expected: str | None) -> None:
    score = trial_score(text, weight, actual=actual)
    assert score == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(("target", "actual", "expected"), PLANS)
def test_plan_in_target(target: str | None, actual: str, expected: str | None) -> None:
    score = trial_score(NOTICE, "1.5", target=target, actual=actual)
    assert score == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("text", "weight", "note", "expected"), GRADED + SANCTIONS + TOTALS + FILES + PERIODS + SCHEDULES + PARTNERS
)
def test_faults_s9(text: str, weight: int, note: str, expected: str | None) -> None:
    score = trial_score(text, weight, note=note)
    assert score == (None if expected is None else Decimal(expected))


def test_negation_before_a_preposition() -> None:
    # "未与村委会签订": 与 is a preposition here; the negation is what follows it
    (said,) = literals("未与村委会签订协议")
    assert said.negated and said.content.startswith("村委会")
    (said,) = literals("已与村委会签订协议")
    assert not said.negated


def test_table_spelling() -> None:
    clauses = "与卫生院签订《村卫生室管理协议书》|与村委会签订《村卫生室管理协议书》"
    assert table_spelling("已签订", clauses) == "已签订《村卫生室管理协议书》"
    assert table_spelling("签订了协议书", clauses) == "签订《村卫生室管理协议书》"
    assert table_spelling("签订合同", clauses) == "签订合同"  # another document: as written
    two = "签订《管理协议书》|签订《安全责任书》"
    assert table_spelling("已签订", two) == "已签订"  # two documents for one verb
    other = "未签订《安全责任书》|未签订劳动合同"
    assert table_spelling("未签订", other) == "未签订"  # the verb also of an object without title marks


def test_shared_subject() -> None:
    from medaid.evaluation.rules.clause_lists import items_by_words

    signed = ("村医每年与卫生院签订协议书", "村医每年与村委会签订协议书")
    # "村医每年" is the subject of both: the statements need not repeat it
    assert items_by_words("已与卫生院签订协议书，未与村委会签订协议书", signed) == ([1], None)
    # "宣传栏" is a thing each item asks, not a subject: left unsaid, nothing holds
    boards = ("宣传栏与标识设置规范", "宣传栏与展板内容及时更新")
    held, why = items_by_words("标识设置规范，展板内容及时更新", boards)
    assert why is not None and held == []
