"""Checklists as real tables write them (issue 13, lists family): numbered items whose requirements each print
their marks ("1.有领导小组(2分),并职责明确(1分)"), requirements each with their own failure ("…计0.5分,无方案不计分"),
numbered deductions ("1.无实施方案扣0.5分;2.…"), scoring elements (得分要素) with shares and a 业绩值, and
items with rules of their own read as parts. Texts are written like real ones, not copied from the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules import Checklist, Inputs
from medaid.evaluation.rules.composite import Composite
from medaid.evaluation.rules.shares import ElementShares
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips

SMOKE = "1.单位成立控烟工作小组(3分),并明确职责分工(1分)2.制定年度控烟计划(2分)、实施方案(2分)3.主要领导带头不吸烟(2分)"
SMOKE_FULL_STOP = "1、设立健康教育科(2分)并配备专职人员(2分)。2、有年度工作计划(1分)。"
SMOKE_TRAD = (
    "1.單位成立控煙工作小組(3分),並明確職責分工(1分)2.制定年度控煙計劃(2分)、實施方案(2分)3.主要領導帶頭不吸煙(2分)"
)
PAIRED = (
    "建立村级工作台账计1分,无台账不计分;每季度召开专题会议计1分,少于每季一次不计分;落实专人负责计2分,未落实的计0分。"
)
DEDUCTIONS = "1.无年度培训计划扣1分;2.抽查人员不掌握操作规程扣1分,无培训记录扣0.5分。"
ELEMENTS_EQUAL = (
    "得分要素:1.目标与部门职责相符;2.目标明确具体;3.目标可量化;4.目标与预算匹配。具备一个得分要素业绩值加25%。"
    "业绩值为100%得满分,每降低25%扣除权重分的1/4,扣完为止。"
)
ELEMENTS_OWN = (
    "评分要素:1.资金拨付及时;2.资金使用合规;3.财务资料完整。具备要素1得30%,具备要素2得50%,具备要素3得20%。"
    "业绩值为100%得满分,每降低1%扣权重分的1%,扣完为止。"
)
ELEMENTS_BASE = (
    "得分要素:1.制定了管理办法;2.办法内容完整;3.办法得到执行。业绩值为100%得满分,每降低1%扣权重分的1%,扣完为止。"
    "具备要素1得60%,其余要素每符合一项增加20%。"
)
SHARES = "一、建立工作协调机制得20%分,机制运行顺畅得20%。二、建立信息通报制度得30%分,通报及时得30%。"
OPEN_ITEM = "(1)按时出席例会2分;(2)报送简报不少于6期(3分),简报每少1期扣0.5分;(3)按时完成交办任务1分。"
OPEN_ITEM_COUNTED = "(1)按时出席例会2分;(2)全年报送简报不少于6篇3分,简报每少一篇扣0.5分;(3)按时完成交办任务1分。"


@pytest.mark.parametrize(
    ("text", "weight", "holds", "expected"),
    [
        (SMOKE, "10", (1, 2, 3, 4, 5), "10"),
        (SMOKE, "10", (1, 3, 5), "7"),  # 3 + 2 + 2: the sub-items are counted in printed order
        (SMOKE, "10", (2, 4), "3"),
        (SMOKE, "10", (), "0"),
        (SMOKE_TRAD, "10", (1, 3, 5), "7"),
        (SMOKE_FULL_STOP, "5", (1, 3), "3"),
        (SMOKE_FULL_STOP, "5", (2,), "2"),
        (PAIRED, "4", (1, 2, 3), "4"),
        (PAIRED, "4", (2,), "1"),
        (PAIRED, "4", (3,), "2"),
    ],
)
def test_each_requirement_with_its_own_marks_is_an_item(text, weight, holds, expected):
    trial = try_rule(text, weight=weight, holds=holds)
    assert isinstance(trial.rule, Checklist), text
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason


def test_sub_items_beyond_the_list_and_a_weight_that_is_not_their_sum_are_refused():
    outcome = try_rule(SMOKE, weight="10", holds=(6,)).outcome
    assert outcome is not None and outcome.score is None and "超出" in outcome.reason
    outcome = try_rule(SMOKE, weight="12", holds=(1,)).outcome
    assert outcome is not None and outcome.score is None and "不一致" in outcome.reason


@pytest.mark.parametrize(
    "text",
    [
        "1.工作方案合理(2分),基本合理(1分)2.台账完整(2分)",  # degrees of one requirement: levels, not sub-items
        "1.每年开展一次培训(3分),每两年开展一次培训(2分)2.有培训记录(1分)",  # alternatives
        "1.资金使用规范(4分),被审计查出问题的不计分2.档案完整(2分)",  # a 不计分 of another event
        "目标明确(2分),基本明确(1分)",
    ],
)
def test_levels_alternatives_and_other_events_are_not_sub_items(text):
    rule = parse_rule_text(text)
    assert not (isinstance(rule, Checklist) and not rule.either and len(rule.items) >= 3), rule


def test_requirements_without_a_failure_each_are_not_read_as_paired_items():
    rule = parse_rule_text("优秀计3分,差的不计分;良好计2分;合格计1分。")
    assert not (isinstance(rule, Checklist) and rule.items == (Decimal(3), Decimal(2), Decimal(1)))


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("有年度培训计划；抽查人员掌握操作规程；有培训记录", "2.5"),
        ("无年度培训计划；抽查人员不掌握操作规程；有培训记录", "0.5"),
    ],
)
def test_numbered_deductions_are_a_list_of_deductions(note, expected):
    rule = parse_rule_text(DEDUCTIONS)
    assert isinstance(rule, Checklist) and rule.deduct and rule.items == (Decimal(1), Decimal(1), Decimal("0.5"))
    outcome = rule.apply(Inputs(weight=Decimal("2.5"), holds=(1, 2, 3) if expected == "2.5" else (3,)))
    assert outcome.score == Decimal(expected), outcome.reason


@pytest.mark.parametrize(
    ("text", "weight", "holds", "expected"),
    [
        (ELEMENTS_EQUAL, "4", (1, 2, 3, 4), "4"),
        (ELEMENTS_EQUAL, "4", (1, 3), "2"),  # 50 %: 2 steps of 25 % below, 1/4 each
        (ELEMENTS_EQUAL, "4", (), "0"),
        (ELEMENTS_OWN, "5", (1, 2, 3), "5"),
        (ELEMENTS_OWN, "5", (2, 3), "3.5"),  # 70 %: 30 steps of 1 %
        (ELEMENTS_OWN, "5", (1,), "1.5"),
        (ELEMENTS_BASE, "2", (1, 3), "1.6"),
        (ELEMENTS_BASE, "2", (1,), "1.2"),
        (SHARES, "10", (1, 2, 3, 4), "10"),
        (SHARES, "10", (1, 3), "5"),
        (SHARES, "10", (4,), "3"),
    ],
)
def test_scoring_elements_add_their_values(text, weight, holds, expected):
    trial = try_rule(text, weight=weight, holds=holds)
    assert isinstance(trial.rule, ElementShares), text
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason
    assert "业绩值" in trial.outcome.reason


def test_elements_without_the_base_element_are_refused():
    outcome = try_rule(ELEMENTS_BASE, weight="2", holds=(2, 3)).outcome
    assert outcome is not None and outcome.score is None and "要素1" in outcome.reason


def test_elements_with_equal_values_take_a_count():
    outcome = try_rule(ELEMENTS_EQUAL, weight="4", actual="符合3项").outcome
    assert outcome is not None and outcome.score == Decimal(3), outcome.reason


@pytest.mark.parametrize(
    "text",
    [
        # values that do not add up to the value of full marks: what the rest is worth is not said
        "得分要素:1.甲;2.乙。具备要素1得30%,具备要素2得50%。业绩值为100%得满分,每降低1%扣权重分的1%。",
        # a step in % against values without it: units never mixed
        "得分要素:1.目标明确;2.目标可量化。具备一个得分要素业绩值加1。业绩值为2得满分,每降低1%扣权重分的1%。",
        # shares that do not add up to 100 %
        "一、建立协调机制得20%分,机制运行顺畅得20%。二、建立通报制度得30%分。",
    ],
)
def test_elements_that_do_not_add_up_are_not_read(text):
    assert not isinstance(parse_rule_text(text), ElementShares)


@pytest.mark.parametrize("text", [ELEMENTS_EQUAL, ELEMENTS_OWN, ELEMENTS_BASE, SHARES])
def test_elements_round_trip_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


@pytest.mark.parametrize(
    ("text", "actual", "expected"),
    [
        (OPEN_ITEM, "按时出席例会;报送简报8期;按时完成交办任务", "6"),
        (OPEN_ITEM, "按时出席例会;报送简报4期;按时完成交办任务", "5"),  # 少2期 × 0.5
        (OPEN_ITEM, "未按时出席例会;报送简报0期;按时完成交办任务", "1"),
        (OPEN_ITEM_COUNTED, "按时出席例会;报送简报7篇;按时完成交办任务", "6"),
        (OPEN_ITEM_COUNTED, "按时出席例会;报送简报5篇;未按时完成交办任务", "4.5"),
        (OPEN_ITEM_COUNTED, "按时出席例会;报送简报较多;按时完成交办任务", None),  # no number: how many not said
    ],
)
def test_an_item_with_rules_of_its_own_is_a_part_scored_its_own_way(text, actual, expected):
    trial = try_rule(text, weight="6", actual=actual)
    assert isinstance(trial.rule, Checklist) and trial.rule.open_items == (2,)
    want = None if expected is None else Decimal(expected)
    assert trial.outcome is not None and trial.outcome.score == want, trial.outcome.reason
    if want is not None:
        assert "按各部分分别计分" in trial.outcome.reason


@pytest.mark.parametrize("text", [OPEN_ITEM, "(1)按时出席例会2分;(2)报送简报不少于6期(3分),简报每少1期扣0.5分"])
def test_a_part_with_deductions_scores_its_marks_only_when_it_holds_in_full(text):
    rule = parse_rule_text(text)
    assert isinstance(rule, Checklist | Composite)
    whole = sum(rule.items) if isinstance(rule, Checklist) else rule.total()
    weight = Decimal(whole)
    every = tuple(range(1, 4)) if whole == 6 else (1, 2)
    assert rule.apply(Inputs(weight=weight, holds=every)).score == weight
    assert rule.apply(Inputs(weight=weight, holds=(1,))).score is None  # part 2 not held: how short is not said


GATED = (
    "(1)制定了年度工作计划;(2)编制了专项资金管理办法;(3)管理办法经主管部门批准;(4)管理办法按要求公开。"
    "符合以上1项得1分,未编制专项资金管理办法的本指标(2)-(4)项不得分。"
)


@pytest.mark.parametrize(
    ("holds", "expected"),
    [((1, 2, 3, 4), "4"), ((1, 3, 4), "1"), ((2, 3), "2"), ((3, 4), "0")],
)
def test_items_that_need_a_prerequisite_score_only_with_it(holds, expected):
    trial = try_rule(GATED, weight="4", holds=holds)
    assert trial.rule is not None and trial.rule.kind == "gated_checklist"
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason
    assert "前提" in trial.outcome.reason


def test_a_prerequisite_that_names_no_item_of_its_range_is_not_read():
    text = GATED.replace("未编制专项资金管理办法", "未通过年度绩效审计")
    rule = parse_rule_text(text)
    assert rule is None or rule.kind != "gated_checklist"


def test_the_prerequisite_round_trips_through_the_structured_syntax():
    rule = parse_rule_text(GATED)
    assert rule is not None
    assert round_trips(rule)


def test_the_same_thing_done_late_is_a_level_not_another_item():
    rule = parse_rule_text("及时上报得2分,未及时上报不得分;迟报得1分,未报不得分")
    assert not (isinstance(rule, Checklist) and not rule.either and rule.items == (Decimal(2), Decimal(1)))


@pytest.mark.parametrize(("holds", "expected"), [((1, 2, 3), "3"), ((1, 3), "2"), ((2,), "1"), ((), "0")])
def test_elements_without_a_value_share_the_full_marks_equally(holds, expected):
    text = "得分要素:1.项目有实施方案;2.方案经集体决策;3.方案按规定公开。"
    trial = try_rule(text, weight="3", holds=holds)
    assert isinstance(trial.rule, ElementShares)
    assert trial.outcome is not None and trial.outcome.score == Decimal(expected), trial.outcome.reason


def test_thresholds_of_one_value_inside_an_item_are_not_sub_items():
    rule = parse_rule_text("1.资金到位率100%(2分),90%以上(1分)2.资料齐全(2分)")
    assert not (isinstance(rule, Checklist) and rule.items == (Decimal(2), Decimal(1), Decimal(2)))


@pytest.mark.parametrize(
    "text",
    [
        "得分要素:1.目标明确;2.目标可量化;3.目标合理。根据实际情况酌情评分",
        "得分要素:1.目标明确;2.目标可量化。由专家评议",
    ],
)
def test_elements_followed_by_anything_else_are_not_shared_equally(text):
    assert not isinstance(parse_rule_text(text), ElementShares)
