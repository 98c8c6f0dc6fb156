"""Descriptions in words against checklists, yes/no and levels, written as real tables write them (words family,
second batch): alternatives of a negated fault ("无…检查或监督记录"), a negated verb over listed objects ("未确定A、
B和C"), a verb said without its object ("已签订"), a sentence kept whole ("有场所及设备"), deductions left to the
evaluator (视情/酌情), a bare "未落实的扣N分", items listed with their marks without numbers ("A2分、B2分,每完成1项
取得该项分数") and fault lists with a subject before the negation ("工作无计划、无检查").

The texts are variants written for these tests, not copied from any corpus; each score is worked by hand from the
Chinese alone. ``None``: refused (no number), never a guess."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips


def _score(
    text: str, weight: str, actual: str | None = None, note: str | None = None, holds: tuple[int, ...] | None = None
) -> Decimal | None:
    rule = parse_rule_text(text)
    assert rule is not None, text
    assert round_trips(rule)
    outcome = rule.apply(Inputs(weight=Decimal(weight), actual=parse_quantity(actual), note=note, holds=holds))
    assert outcome.reason
    if outcome.score is not None:
        assert Decimal(0) <= outcome.score <= Decimal(weight)
    return outcome.score


_CHECKED = "无年度工作目标落实情况的检查或考核记录的,不得分;检查和考核不符合制度规定的,扣1分;考核资料不齐全的,扣1分。"
_OBJECTS = "未明确分管领导、联络员和工作专班的不得分。"

# (rule text, weight, actual, score by hand; None: refused)
# fmt: off
CASES = [
    # "无…A或B记录": each side is a fault; a statement of both sides denies it, one side alone does not
    (_CHECKED, 4, "有检查考核记录，符合制度规定，资料齐全", "4"),
    (_CHECKED, 4, "有检查和考核记录，检查考核符合制度规定，考核资料齐全", "4"),
    (_CHECKED, 4, "有检查记录，符合制度规定，资料齐全", None),  # 考核 left unsaid
    (_CHECKED, 4, "有考核记录", None),
    (_CHECKED, 4, "无检查或考核记录", "0"),
    (_CHECKED, 4, "检查考核不符合制度规定，考核资料不齐全", "2"),
    ("未制定工作方案或实施计划的扣2分", 2, "已制定工作方案和实施计划", "2"),
    ("未制定工作方案或实施计划的扣2分", 2, "已制定工作方案", None),
    ("未按时上报或上报数据错误的扣1分", 1, "按时上报", None),
    ("未按时上报或上报数据错误的扣1分", 1, "上报数据错误", "0"),
    ("未建立台账或登记的扣1分", 1, "已登记", None),  # 登记 alone is not read as the fault
    # a negated verb over listed objects: each missing is the fault, every one said done denies it
    (_OBJECTS, 3, "分管领导、联络员、工作专班均已明确", "3"),
    (_OBJECTS, 3, "联络员未明确", "0"),
    (_OBJECTS, 3, "分管领导、联络员、工作专班均未明确", "0"),
    (_OBJECTS, 3, "已明确分管领导", None),  # the others not said
    ("未建立工作制度、工作台账的扣2分", 5, "工作台账已建立，工作制度未建立", "3"),
    ("未建立工作制度、工作台账的扣2分", 5, "工作制度、工作台账均已建立", "5"),
    # the verb of the only fault said without its object
    ("未组织召开年度安全工作专题会议的扣3分。", 3, "已组织召开", "3"),
    ("未组织召开年度安全工作专题会议的扣3分。", 3, "未组织召开", "0"),
    ("未与各村签订目标责任书的扣2分", 2, "已签订", "2"),
    ("未与各村签订目标责任书的扣2分", 2, "没有签订", "0"),
    ("未按时与各村签订目标责任书的扣2分", 2, "已签订", None),  # 按时 left unsaid
    ("未建立台账扣2分；未制定方案扣1分", 3, "已制定", "3"),
    ("未建立台账扣2分；未制定方案扣1分", 3, "已建立", "3"),
    # a sentence kept whole when cut it speaks of no fault
    ("无办公场所及设备不得分", 4, "有办公场所及设备", "4"),
    ("无办公场所及设备不得分", 4, "无办公场所及设备", "0"),
    ("无年度培训目标与考核计划的,不得分;培训目标未以正式文件下发的,不得分。", 3,
     "有年度目标与考核计划，并以正式文件下发", "3"),
    # "未落实的,扣N分": the requirement not met takes N
    ("未落实的,扣2分。", 5, "已落实", "5"),
    ("未落实的,扣2分。", 5, "未落实", "3"),
    ("未完成的，扣1分", 3, "全部完成", "3"),
    # a negation and its verb before listed faults are each one's; "缺一项扣N分" answered by what is missing
    ("未建立制度、台账、档案的,每项扣1分", 3, "未建立台账", "2"),
    ("未建立制度、台账、档案的,每项扣1分", 3, "制度、台账、档案均已建立", "3"),
    ("制度、台账、档案,每缺一项扣1分", 3, "缺台账", "2"),
    ("要求:1、有工作方案;2、有会议记录;3、有年度总结。缺一项扣1分", 3, "无会议记录，无年度总结", "1"),
    ("要求:1、有工作方案;2、有会议记录;3、有年度总结。缺一项扣1分", 3, "会议记录不全", None),
    ("建立工作制度、工作台账和工作记录，缺一项扣1分", 3, "已建立工作制度和工作台账", None),  # 记录 unsaid
    ("建立工作制度、工作台账和工作记录，缺一项扣1分", 3, "已建立工作制度、工作台账和工作记录", "3"),
]
NOTES = [
    # a subject before the negation of the first of listed faults: faults, not requirements
    ("工作无方案、无督查、无总结,每项扣1分", 3, "无督查，无总结", "1"),
    ("工作无方案、无督查、无总结,每项扣1分", 3, "无督查、无总结", "1"),
    ("工作无方案、无督查、无总结,每项扣1分", 3, "未发现上述问题", "3"),
]
# deductions left to the evaluator: never read as fixed, never taken as not happened
DISCRETIONARY = [
    "未成立工作专班的不得分。宣传工作不到位的视情扣5分,未按规划落实的扣3分。",
    "未建立台账扣2分，台账不规范的酌情扣1分",
    "资料不全的视情况扣分;未报送的扣2分",
    "未开展培训的扣2分，培训效果差的根据情况扣1分",
]
HOLDS = [
    ("考查下列3项工作的完成情况,按完成情况计分。其中:完成危房改造2分、完成道路硬化3分、完成河道清淤5分,"
     "每完成1项取得该项分数,未完成项不得分。", 10, (1, 3), "7"),
    ("考查下列3项工作的完成情况,按完成情况计分。其中:完成危房改造2分、完成道路硬化3分、完成河道清淤5分,"
     "每完成1项取得该项分数,未完成项不得分。", 10, (), "0"),
    ("制度健全3分；台账规范2分；按时报送5分。符合一项得该项分数,不符合的项不得分", 10, (1, 3), "8"),
    ("制度健全3分,台账规范2分,按时报送5分,完成1项得相应分数", 10, (2,), "2"),
    # the marks do not add up to the weight: refused
    ("制度健全3分；台账规范2分；按时报送4分。符合一项得该项分数", 10, (1, 2, 3), None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "expected"), CASES)
def test_an_actual_in_words_scores_as_worked_by_hand(text: str, weight: int, actual: str, expected: str | None):
    assert _score(text, str(weight), actual) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(("text", "weight", "note", "expected"), NOTES)
def test_an_explanation_in_words_scores_as_worked_by_hand(text: str, weight: int, note: str, expected: str | None):
    assert _score(text, str(weight), note=note) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize("text", DISCRETIONARY)
def test_a_deduction_left_to_the_evaluator_gives_no_number(text: str):
    rule = parse_rule_text(text)
    if rule is None:
        return
    for said in ("未按规划落实", "台账不规范", "已报送", "未开展培训", "无"):
        outcome = rule.apply(Inputs(weight=Decimal(10), actual=None, note=said))
        assert outcome.score is None, (text, said, outcome.reason)


@pytest.mark.parametrize(("text", "weight", "holds", "expected"), HOLDS)
def test_items_listed_with_their_marks_score_the_items_that_hold(
    text: str, weight: int, holds: tuple[int, ...], expected: str | None
):
    assert _score(text, str(weight), holds=holds) == (None if expected is None else Decimal(expected))
