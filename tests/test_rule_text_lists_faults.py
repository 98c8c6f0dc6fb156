"""Deduction lists as real tables write them (issue 13, lists family, round 2): faults numbered in printed order,
lists opened by what they rest on ("根据…要求,") or by how the check is made ("实地查看,"), 减/扣除 for 扣 and a
基础分, "无A、B及C各扣N分" (无 is every one's), and what is NOT a list: a lone item number ("1、完成的,得5分,…"),
a fault that is one step of a quantity ("下降1个百分点扣1分", "漏访1名新生儿扣1分"), commas and 、 mixed.
Texts are written like real ones, not copied from the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import Checklist
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

# a requirement, then its denial (不得分) and other faults: numbered as printed, the denial first
ROOMS = "村卫生室有诊室和药房,设备齐全(3分)。无诊室不得分;无药房扣1分;设备不全扣0.5分。"
LEDGER = "有健全的工作台帐得4分。台帐不全的扣2分;无台帐的不得分;台帐未及时更新的扣1分。"
ROOMS_TRAD = "村衛生室有診室和藥房,設備齊全(3分)。無診室不得分;無藥房扣1分;設備不全扣0.5分。"


@pytest.mark.parametrize(
    ("text", "weight", "holds", "expected"),
    [
        (ROOMS, "3", (1, 2, 3), "3"),
        (ROOMS, "3", (1, 3), "2"),  # 无药房: −1
        (ROOMS, "3", (2, 3), "0"),  # 无诊室 zeroes it, though printed before the deductions
        (ROOMS_TRAD, "3", (1, 2), "2.5"),
        (LEDGER, "4", (1, 2), "3"),  # the third fault, 台帐未及时更新: −1
        (LEDGER, "4", (1, 3), "0"),
    ],
)
def test_faults_are_numbered_in_printed_order(text, weight, holds, expected):
    trial = try_rule(text, weight=weight, holds=holds)
    assert isinstance(trial.rule, Checklist) and trial.rule.deduct, text
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason


# "根据/依据/按照…要求," opening a list, 得基础分/计基本分, and 减/扣除 for 扣
BASIS = "依据年度考核办法,村级活动室、农家书屋、文化广场均达标,得基础分6分。每项不达标扣除2分。"
BASIS_OTHER = "按照市里统一要求,门诊日志、处方登记、传染病登记本齐全,计基本分3分;每缺一项减1分。"
BASIS_TRAD = "健康檔案建檔率、電子檔案規範率、檔案使用率均達標,得4分,每項不達標減1分"


@pytest.mark.parametrize(
    ("text", "weight", "holds", "expected"),
    [
        (BASIS, "6", (1, 2, 3), "6"),
        (BASIS, "6", (2,), "2"),
        (BASIS, "6", (), "0"),
        (BASIS_OTHER, "3", (1, 3), "2"),
        (BASIS_OTHER, "3", (2,), "1"),
        (BASIS_TRAD, "4", (1,), "2"),
        (BASIS_TRAD, "4", (), "1"),  # 4 − 3 × 1: a base that three failures do not use up
    ],
)
def test_a_list_that_rests_on_a_basis_with_a_base_score(text, weight, holds, expected):
    trial = try_rule(text, weight=weight, holds=holds)
    assert isinstance(trial.rule, Checklist) and len(trial.rule.items) == 3, text
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason


# how the check is made is no item; a lone number "1、" is no item
@pytest.mark.parametrize(
    ("text", "weight", "holds", "expected"),
    [
        ("實地查看,消防通道、應急照明、滅火器材,每缺一項扣1分", "3", (1, 3), "2"),
        ("查阅资料,实地查看。工作计划;实施方案;年度总结,每少一项扣0.5分", "1.5", (1, 3), "1"),
        ("实地查看,台账、制度、记录,每缺一项扣1分", "3", (), "0"),
    ],
)
def test_how_the_check_is_made_is_not_an_item(text, weight, holds, expected):
    trial = try_rule(text, weight=weight, holds=holds)
    assert isinstance(trial.rule, Checklist) and len(trial.rule.items) == 3, text
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason


@pytest.mark.parametrize(
    ("text", "weight", "actual", "expected"),
    [
        ("1、完成的,得5分,有一项未完成的扣1分", "5", "6项未完成", "0"),
        ("1、按时完成的,得6分,有一项未按时完成的扣2分", "6", "2项未按时完成", "2"),
    ],
)
def test_a_lone_item_number_is_not_an_item(text, weight, actual, expected):
    trial = try_rule(text, weight=weight, actual=actual)
    assert not isinstance(trial.rule, Checklist), text
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason


# "无A、B及C各扣N分": the leading negation is every one's
@pytest.mark.parametrize(
    ("text", "weight", "note", "expected"),
    [
        ("未召开专题会议扣5分;无会议记录、签到表和影像资料各扣1分。", "5", "已召开专题会议，但无签到表", "4"),
        ("未建立档案扣6分;缺少建档目录、年度台账及归档说明各扣2分", "6", "已建立档案，缺少年度台账", "4"),
        ("未開展培訓扣4分;無培訓計劃、培訓記錄各扣1分", "4", "未開展培訓", "0"),
    ],
)
def test_one_score_for_each_of_a_list_of_faults(text, weight, note, expected):
    trial = try_rule(text, weight=weight, note=note)
    assert isinstance(trial.rule, Checklist) and trial.rule.deduct, text
    assert all(n.startswith(("未", "无", "缺")) for n in trial.rule.names), trial.rule.names  # 无 is every one's
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason
    assert round_trips(trial.rule)


@pytest.mark.parametrize(
    "text",
    [
        # one step of a quantity: a deduction per step or per case, never a named fault
        "辖区传染病报告及时率95%(10分),下降1个百分点扣1分;迟报1例传染病扣1分。",
        "新生儿访视率90%(8分)每降低1%扣0.5分;漏访1名新生儿扣1分",
        "群众满意度达到90%(5分),满意度低一个百分点扣0.5分;被投诉一次扣1分。",
        "现场查看,消防通道、应急照明、灭火器材齐全的,得3分,每缺一项扣1分,否则不得分",
    ],
)
def test_steps_and_unclear_lists_are_not_read_as_deduction_lists(text):
    assert not isinstance(parse_rule_text(text), Checklist), text  # the steps readers may take them; a list never


def test_a_list_with_commas_and_enumeration_commas_is_not_split_at_either():
    rule = parse_rule_text("检查人员现场核对,台账、制度、记录,每缺一项扣1分")
    assert not (isinstance(rule, Checklist) and len(rule.items) == 2), rule


# items that add up, against a description of only what is missing: the rest hold
SYSTEMS = "1.有工作制度(1分)2.有工作台账(2分)3.有工作记录(1分)"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "expected"),
    [
        (SYSTEMS, "4", "缺工作台账", "2"),
        (SYSTEMS, "4", "无工作台账，无工作记录", "1"),
        (SYSTEMS, "4", "缺工作台账和记录", "1"),  # 记录 is item 3's: each thing of the list denies its own item
        ("①建立會議製度1分②建立學習檔案1分③有年度總結2分", "4", "無學習檔案", "3"),
        ("有值班制度(1分),有交接班记录(1分),有应急预案(2分)。", "4", "缺应急预案", "2"),
    ],
)
def test_a_description_of_what_is_missing_leaves_the_rest_held(text, weight, actual, expected):
    trial = try_rule(text, weight=weight, actual=actual)
    assert isinstance(trial.rule, Checklist) and not trial.rule.deduct, text
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason
    assert "未提及的分项视为符合" in trial.outcome.reason


@pytest.mark.parametrize("actual", ["有工作制度，无工作台账", "工作台账不全", "缺工作台账和工作手册"])
def test_a_description_that_names_some_items_and_leaves_others_out_is_refused(actual):
    trial = try_rule(SYSTEMS, weight="4", actual=actual)
    assert trial.outcome is not None and trial.outcome.score is None, trial.outcome.reason


# one verb for things of several parts: "已建立工作制度和台账"
PARTS = "1.建立工作制度,得1分;2.建立工作台账,得2分;3.按时上报,得2分,每迟报一次扣0.5分"


@pytest.mark.parametrize(
    ("text", "weight", "actual", "expected"),
    [
        (PARTS, "5", "已建立工作制度和台账，迟报1次", "4.5"),
        (PARTS, "5", "未建立工作制度及台账，迟报2次", "1"),
        (
            "(1)制定工作方案(2分);(2)印发考核办法(1分);(3)报送信息不少于4条(2分),每少1条扣0.5分",
            "5",
            "已制定工作方案，印发考核办法，报送信息3条",
            "4.5",
        ),
    ],
)
def test_one_verb_said_of_the_things_of_several_parts(text, weight, actual, expected):
    trial = try_rule(text, weight=weight, actual=actual)
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason


def test_one_verb_over_things_of_one_part_is_not_spread():
    # 台账 and 记录 are both part 2's words: spreading would not give each a part of its own
    trial = try_rule(
        "1.建立工作制度,得1分;2.建立台账记录,得2分;3.按时上报,得2分,每迟报一次扣0.5分",
        weight="5",
        actual="已建立台账和记录，迟报1次",
    )
    assert trial.outcome is not None and trial.outcome.score is None, trial.outcome.reason


def test_each_thing_of_a_list_of_missing_things_denies_an_item_of_its_own():
    text = "工作制度、工作台账、工作记录齐全得4分,每缺一项扣1分"
    trial = try_rule(text, weight="4", actual="缺工作台账和记录")
    assert trial.outcome is not None and trial.outcome.score == Decimal(2), trial.outcome.reason
    trial = try_rule(text, weight="4", actual="缺工作台账和工作手册")  # 工作手册 is no item: not passed over
    assert trial.outcome is not None and trial.outcome.score is None, trial.outcome.reason
