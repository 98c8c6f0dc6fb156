"""Round 3 of session 6 (faults family): a clause with a comparison and a number is decided by the number, never
by its words; a denial after a 、-list (A、B均未V) is each thing's, and a statement that names an item is never
left to "未提及的分项视为符合"; "一天扣5分" / "一次扣2分" in a list of kinds is per occurrence, and a count is
never one case of a one-off."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import rule_score


def _score(text: str, weight: str, actual: str) -> Decimal | None:
    return rule_score(text, weight, actual=actual)


_FUNDS = "人均经费不低于2元。低于人均2元扣1分;无专项经费不得分"
_COVER = "未建立管理台账扣2分;覆盖率不足90%的扣3分"
_MEET = "专题会议全年少于4次的,扣3分;无会议记录扣1分"
_COST = "经费未纳入预算扣2分;人均投入5元以下的扣2分"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        (_FUNDS, "2", "人均2元", "2"),  # 2元 is not below 2元
        (_FUNDS, "2", "人均1.5元", "1"),
        (_FUNDS, "2", "人均经费2.5元，有专项经费", "2"),
        (_FUNDS, "2", "人均2元，无专项经费", "0"),
        (_COVER, "5", "覆盖率90%", "5"),  # 不足90%: 90% is not short of it
        (_COVER, "5", "覆盖率85%，已建立管理台账", "2"),
        (_MEET, "5", "召开专题会议4次", "5"),
        (_MEET, "5", "全年召开专题会议3次", "2"),
        (_COST, "4", "人均投入5元", "2"),  # 5元以下 includes 5元
        (_COST, "4", "人均投入6元", "4"),
    ],
)
def test_a_number_is_compared_with_the_clause(text: str, weight: str, actual: str, hand: str) -> None:
    assert _score(text, weight, actual) == Decimal(hand)


@pytest.mark.parametrize(
    ("text", "weight", "actual"),
    [
        (_FUNDS, "2", "人均2元/人"),  # another unit: not decided, and never named by its words
        (_COVER, "5", "覆盖率达90户"),
        (_MEET, "5", "专题会议开了4天"),
        (_FUNDS, "2", "人均经费不足2元"),  # a bound said, not a value: 2 is not the amount
    ],
)
def test_a_number_in_another_unit_is_refused(text: str, weight: str, actual: str) -> None:
    assert _score(text, weight, actual) is None


_BOOKS = "建立工作台账、会议记录和年度总结,每缺一项扣2分"


@pytest.mark.parametrize(
    ("actual", "hand"),
    [
        ("工作台账、会议记录均未建立", "2"),
        ("工作台账和会议记录都没有", "2"),
        ("会议记录、年度总结均无", "2"),
        ("缺会议记录", "4"),
    ],
)
def test_a_denial_after_a_list_is_each_things(actual: str, hand: str) -> None:
    assert _score(_BOOKS, "6", actual) == Decimal(hand)


@pytest.mark.parametrize(
    ("text", "weight", "actual"),
    [
        # the list names 乡镇 and 村委会: both matched to one item is no reading ("未提及的分项视为符合" never)
        ("每年与乡镇、村委会分别签订责任书得10分,缺一项扣5分", "10", "与乡镇、村委会均未签订"),
        ("每年與鄉鎮、村委會分別簽訂責任書得10分,缺一項扣5分", "10", "与乡镇、村委会都没有签订"),
    ],
)
def test_items_a_statement_names_are_never_left_unsaid(text: str, weight: str, actual: str) -> None:
    assert _score(text, weight, actual) in (None, Decimal(0))


_DUTY = "1.节假日不出勤一天扣5分;2.未佩带工具的一次扣2分"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        (_DUTY, "20", "节假日不出勤2天；未佩带工具1次", "8"),
        (_DUTY, "10", "节假日不出勤2天；未佩带工具1次", "0"),  # 12 deducted from 10: no score below 0
        (_DUTY, "20", "节假日不出勤1天", "15"),
        ("1.值班脱岗一次扣3分;2.乱倒垃圾一处扣1分", "10", "值班脱岗2次，乱倒垃圾3处", "1"),
        ("一、上班迟到一人次扣1分；二、未按规定着装的每人扣0.5分", "5", "上班迟到3人次，未按规定着装2人", "1"),
    ],
)
def test_one_day_is_per_day(text: str, weight: str, actual: str, hand: str) -> None:
    assert _score(text, weight, actual) == Decimal(hand)


@pytest.mark.parametrize(
    ("text", "weight", "actual"),
    [
        # a one-off (no "一X") counted twice is never one case
        ("1.节假日不出勤一天扣5分;2.未建立台账扣2分", "20", "节假日不出勤两天；未建立台账"),
        ("1.值班脱岗扣5分;2.未建立台账扣2分", "20", "值班脱岗3小时；未建立台账"),
    ],
)
def test_a_count_is_never_one_case(text: str, weight: str, actual: str) -> None:
    assert _score(text, weight, actual) is None


@pytest.mark.parametrize(
    ("text", "weight", "actual", "hand"),
    [
        ("未与乡镇签订责任书的扣2分;未与村委会签订责任书的扣2分", "4", "与乡镇、村委会均未签订", "0"),
        ("未与乡镇签订责任书的扣2分;未与村委会签订责任书的扣3分", "6", "村委会、乡镇都没有签订", "1"),
        ("未与乡镇签订责任书的扣2分;未与村委会签订责任书的扣2分", "4", "与乡镇未签订", "2"),
    ],
)
def test_a_denial_after_a_list_names_each_fault(text: str, weight: str, actual: str, hand: str) -> None:
    assert _score(text, weight, actual) == Decimal(hand)
