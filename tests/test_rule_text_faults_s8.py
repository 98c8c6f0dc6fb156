"""Faults family, session 8: the actual side of deduction lists and checklists — things missing counted against a
count in the clause, an event fault denied by its own words negated, a fault's event denied, and a count of the
whole list. Each reading with variants worded unlike any corpus text, and near-misses that must be refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.fault_said import condition_denied, negated_restatement
from medaid.evaluation.rules.faults import faults_found
from medaid.evaluation.rules.missing_counts import MissingCounts, missing_counts
from tests.rule_checks import rule_score, trial_score

# ---- things missing, counted against "缺N个X" (rules/missing_counts.py) ----

TWO_TOPICS = "临床科室缺1个科室，不得分；医技科室缺2个科室，不得分"
ONE_TOPIC = "缺1个科室，不得分"
LICENCES = "少任一種證件不得分"


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (TWO_TOPICS, 2, "临床科室齐全；医技科室缺病理科1个", "2"),  # 1 < 2: not reached
        (TWO_TOPICS, 2, "医技科室缺病理科、超声科2个，临床科室配备齐全", "0"),  # other order
        (TWO_TOPICS, 2, "临床科室缺儿科1个；医技科室齐全", "0"),
        (TWO_TOPICS, 2, "临床科室缺儿科1个", "0"),  # a zeroing clause reached: the other topic changes nothing
        (TWO_TOPICS, 2, "臨床科室齊全，醫技科室缺1個科室", "2"),  # traditional characters
        (TWO_TOPICS, 2, "临床科室齐全 医技科室缺3个科室", "0"),  # three is no lesser fault than two
        (ONE_TOPIC, 3, "无缺失科室", "3"),  # fix round s8: the miss denied (was read as one missing)
        (ONE_TOPIC, 3, "缺眼科", "0"),
        (ONE_TOPIC, 3, "眼科、口腔科未设置", "0"),
        (ONE_TOPIC, 3, "科室设置齐全", "3"),
        (LICENCES, 4, "缺卫生许可证", "0"),
        (LICENCES, 4, "缺少食品经营许可证1个", "0"),
    ],
)
def test_missing_things_are_counted_against_the_clause(text: str, weight: int, note: str, score: str) -> None:
    assert rule_score(text, weight, note=note) == Decimal(score)


@pytest.mark.parametrize(
    ("text", "weight", "note"),
    [
        (TWO_TOPICS, 2, "临床科室齐全"),  # the other topic not said, and no zeroing clause reached (see below)
        (TWO_TOPICS, 2, "临床科室基本齐全，医技科室齐全"),  # a hedge
        (TWO_TOPICS, 2, "临床科室齐全，医技科室缺病理科、超声科1个"),  # a list and a count that disagree
        (TWO_TOPICS, 2, "临床科室齐全，医技科室缺病理科等"),  # an open list without a count
        (TWO_TOPICS, 2, "临床科室齐全，医技科室设有病理科、超声科2个"),  # what is present: how many are required?
        (TWO_TOPICS, 2, "临床科室齐全，医技科室缺1名医生"),  # another counter and noun
        (TWO_TOPICS, 2, "内科、外科均已设置"),  # which topic?
        (ONE_TOPIC, 3, "内科、外科已设置"),  # without 均: are the others there?
        (ONE_TOPIC, 3, "内科、外科、妇产科、儿科都已设置"),  # fix round s8: the rule lists no required departments
        (ONE_TOPIC, 3, "缺眼科的设备"),  # no department missing
        (ONE_TOPIC, 3, "部分科室未设置"),
        (ONE_TOPIC, 3, "科室不全"),  # how many?
        (LICENCES, 4, "缺文件"),  # a 文件 is no 证件
        (LICENCES, 4, "缺少营业执照1个"),  # not written as a 证: left to the evaluator
    ],
)
def test_missing_things_that_cannot_be_counted_are_refused(text: str, weight: int, note: str) -> None:
    score = trial_score(text, weight, note=note)
    if note == "临床科室齐全":  # the older convention of deduction lists: faults not named did not happen
        assert score in (None, Decimal(2))
    else:
        assert score is None, note


def test_a_count_beyond_a_clause_that_deducts_points_is_refused() -> None:
    names, zeroing, points = ("缺1名医师", "缺3名医师"), (2,), (Decimal(2), Decimal(0))
    one = missing_counts("缺医师1名", names, zeroing, points)
    assert isinstance(one, MissingCounts) and one.found == (1,)
    assert missing_counts("缺医师2名", names, zeroing, points) is None  # 缺1名扣2分 twice over: once, or each?
    reached = missing_counts("缺内科医师、外科医师等3名", names, zeroing, points)
    assert reached is not None and reached.found == (2,)  # the zeroing clause decides


# ---- an event fault denied by its own words negated (rules/fault_said.negated_restatement) ----


@pytest.mark.parametrize(
    ("text", "actual", "score"),
    [
        ("医务人员收入与科室收入挂钩扣3分", "不挂钩", "5"),
        ("医务人员收入与科室收入挂钩扣3分", "医务人员收入与科室收入未挂钩", "5"),
        ("醫務人員收入與科室收入掛鉤扣3分", "医务人员收入与科室收入没有挂钩", "5"),
        ("道口设有拦鱼网扣2分；使用过期药品扣1分", "道口未设拦鱼网，使用过期药品", "4"),
        ("医务人员收入与科室收入挂钩扣3分", "医务人员收入与科室收入挂钩", "2"),
    ],
)
def test_an_event_fault_is_denied_by_its_words_negated(text: str, actual: str, score: str) -> None:
    assert rule_score(text, 5, actual=actual) == Decimal(score)


@pytest.mark.parametrize(
    "actual",
    ["不完全挂钩", "基本不挂钩", "医务人员收入与科室收入不挂钩，与药品收入挂钩"],
)
def test_a_partial_or_hedged_denial_of_an_event_fault_is_refused(actual: str) -> None:
    # before session 8 "…与…不挂钩" was read as naming the fault (the income "held" by its words): a wrong number
    assert trial_score("医务人员收入与科室收入挂钩扣3分", 5, actual=actual) is None


def test_a_bare_predicate_is_read_only_for_the_one_fault_that_ends_so() -> None:
    assert negated_restatement("不挂钩", ("收入与药品挂钩", "奖金与科室收入挂钩")) is None
    assert negated_restatement("不挂钩", ("收入与药品挂钩", "使用过期药品")) == 1
    assert faults_found("收入与药品不挂钩", ("收入与药品挂钩",)) == ([], None)


# ---- a fault's event denied (rules/fault_said.condition_denied) ----


@pytest.mark.parametrize(
    ("statement", "faults", "which"),
    [
        ("水面无垃圾及杂物", ("水面有垃圾及杂物未打捞", "围栏破损"), 1),
        ("全年负责人未变更", ("负责人变更未及时报备",), 1),
        ("本年度未发生火情", ("发生火情未及时报告", "巡查记录不全"), 1),
        ("联络员没有调整", ("联络员调整未报县河长办",), 1),
    ],
)
def test_a_faults_event_denied_denies_the_fault(statement: str, faults: tuple[str, ...], which: int) -> None:
    assert condition_denied(statement, faults) == which


@pytest.mark.parametrize(
    ("statement", "faults"),
    [
        ("水面无垃圾", ("水面有垃圾及杂物未打捞",)),  # only part of the event
        ("水面基本无垃圾及杂物", ("水面有垃圾及杂物未打捞",)),  # a hedge
        ("无台账", ("台账未及时更新",)),  # a thing, not an event: no 台账 is worse
        ("负责人变更已报备", ("负责人变更未及时报备",)),  # the requirement spoken of: other readings decide
        ("负责人变更2次", ("负责人变更未及时报备",)),
    ],
)
def test_a_partial_denial_of_the_event_is_not_read(statement: str, faults: tuple[str, ...]) -> None:
    assert condition_denied(statement, faults) is None


def test_the_event_denied_scores_the_row() -> None:
    text = "明确专(兼)职联络员(4分),没有明确联络员不得分。联络员调整未报县河长办备案的,扣2分。"
    assert rule_score(text, 4, note="已明确专职联络员，年内联络员未调整") == Decimal(4)
    assert trial_score(text, 4, note="已明确专职联络员，联络员调整1次") is None


# ---- a count of the whole list (rules/checklist_counts.py) ----

DEDUCTIONS = "未建立工作台账扣2分；未按时上报年度总结扣3分"
ITEMS = "有工作方案得2分；有工作台账得3分"


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        (DEDUCTIONS, 5, "两项均符合", "5"),
        (DEDUCTIONS, 5, "2项都符合要求", "5"),
        (DEDUCTIONS, 5, "两项均不符合", "0"),
        (DEDUCTIONS, 5, "均未完成", "0"),
        (ITEMS, 5, "两项均符合", "5"),
        (ITEMS, 5, "2项均不符合", "0"),
    ],
)
def test_a_count_of_the_whole_list_scores_it(text: str, weight: int, note: str, score: str) -> None:
    assert rule_score(text, weight, note=note) == Decimal(score)


@pytest.mark.parametrize(
    ("text", "weight", "note"),
    [
        (DEDUCTIONS, 5, "1项不符合"),  # which one? the items differ
        (DEDUCTIONS, 5, "3项均符合"),  # a list of two
        (DEDUCTIONS, 5, "两项基本符合"),
        (DEDUCTIONS, 5, "两项均已完成"),  # done, but on time? (未按时上报)
        (ITEMS, 3, "两项均符合"),  # 2 + 3 is not the weight 3: levels, not items
    ],
)
def test_a_count_that_does_not_say_which_items_is_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight, note=note) is None


# ---- the one fault "达不到要求" against the row's target (rules/target_faults.py) ----


@pytest.mark.parametrize(
    ("text", "target", "actual", "score"),
    [
        ("达不到要求不给分", "城区≤5%；乡镇≤8%", "城区4.2%，乡镇8%", "20"),
        ("达不到要求不给分", "城区≤5%；乡镇≤8%", "乡镇7%,城区5.1%", "0"),  # other order, one group short
        ("達不到標準的扣10分", "≥95%", "90%", "10"),  # traditional characters
        ("达不到标准的扣10分", "≥95%", "95%", "20"),
    ],
)
def test_a_shortfall_fault_is_read_against_the_target(text: str, target: str, actual: str, score: str) -> None:
    assert rule_score(text, 20, target=target, actual=actual) == Decimal(score)


@pytest.mark.parametrize(
    ("text", "target", "actual"),
    [
        ("达不到要求不给分", "95%", "96%"),  # no comparator: which way?
        ("达不到要求不给分", "≥95%", "96"),  # no unit beside a percentage
        ("达不到要求不给分", "城区≤5%；乡镇≤8%", "城区4.2%"),  # a group not given
        ("达不到要求不给分", "城区≤5%；乡镇≤8%", "城区4.2%，县城6%"),  # another group
        ("资料达不到要求扣5分", "≥95%", "90%"),  # a thing named: not the target
    ],
)
def test_a_shortfall_fault_that_cannot_be_compared_is_refused(text: str, target: str, actual: str) -> None:
    assert trial_score(text, 20, target=target, actual=actual) is None


# ---- a negated-predicate fault denied by its words without the negations (fault_said.positive_restatement) ----

PUMP = ("泵站未清淤", "闸门不灵活不能启闭", "排水渠堵塞", "未按时填写运行记录")


@pytest.mark.parametrize(
    ("statement", "which"),
    [
        ("闸门灵活能启闭", 2),
        ("闸门均灵活能启闭", 2),  # a filler word aside
        ("排水渠通畅", 3),  # an opposite of the negative predicate
        ("已按时填写运行记录", 4),
        ("泵站已清淤", 1),
    ],
)
def test_a_negated_fault_is_denied_by_its_positive(statement: str, which: int) -> None:
    from medaid.evaluation.rules.fault_said import positive_restatement

    assert positive_restatement(statement, PUMP) == which


@pytest.mark.parametrize(
    "statement",
    ["闸门灵活", "闸门基本灵活能启闭", "闸门灵活但不能启闭", "运行记录已填写", "排水渠大多通畅"],
)
def test_half_a_positive_or_a_hedged_one_is_not_read(statement: str) -> None:
    from medaid.evaluation.rules.fault_said import positive_restatement

    assert positive_restatement(statement, PUMP) is None


def test_a_list_of_statements_each_restating_a_fault_scores_the_row() -> None:
    text = "如发现泵站未清淤,闸门不灵活不能启闭,排水渠堵塞,道口设有拦网将依次扣除4分、2分、2分、2分。"
    assert rule_score(text, 10, actual="泵站未清淤;闸门灵活能启闭;排水渠通畅;道口未设拦网") == Decimal(6)


@pytest.mark.parametrize(
    ("statement", "faults", "which"),
    [
        ("已上报", ("未报",), 1),
        ("已报送", ("未报",), 1),
        ("河道垃圾已清除", ("河道未除垃圾", "护栏破损"), 1),  # the object put first, the verb written whole
        ("河道已清除垃圾", ("河道未除垃圾", "护栏破损"), 1),
    ],
)
def test_a_one_character_verb_written_whole(statement: str, faults: tuple[str, ...], which: int) -> None:
    from medaid.evaluation.rules.fault_said import positive_restatement

    assert positive_restatement(statement, faults) == which


@pytest.mark.parametrize(
    ("statement", "faults"),
    [
        ("已谎报", ("未报",)),  # a fault's own verb ends in 报 too
        ("已瞒报", ("未报",)),
        ("垃圾已清除", ("河道未除垃圾",)),  # the subject left out
        ("已上报但不及时", ("未报",)),
    ],
)
def test_a_verb_that_only_ends_like_the_faults_is_not_read(statement: str, faults: tuple[str, ...]) -> None:
    from medaid.evaluation.rules.fault_said import positive_restatement

    assert positive_restatement(statement, faults) is None


# ---- near-misses of session 7 that were refused and are now read as denials (their hand scores) ----


@pytest.mark.parametrize(
    ("text", "weight", "actual", "score"),
    [
        # the fault's words with every negation dropped: not the fault, its denial (溢洪道 not spoken of: not found)
        ("溢洪道堵塞扣2分;启闭器不灵活不能运转扣2分。", 4, "启闭器灵活能运转", "4"),
        ("台賬不齊全不規範扣2分;未建立制度扣1分。", 3, "台账齐全规范，已建立制度", "3"),
        # the event of "有…未清理" denied whole: the fault cannot have happened
        ("库内有漂浮物及垃圾未清理扣2分;溢洪道堵塞扣2分。", 4, "库内无漂浮物及垃圾，溢洪道堵塞", "2"),
        ("库区有垃圾未清运的扣3分;大坝未除草扣1分。", 4, "库区无垃圾", "4"),
        ("档案管理员调整未报上级备案的,扣2分", 4, "年内档案管理员未调整", "4"),
        ("档案管理员调整未报上级备案的,扣2分；档案不完整的扣1分", 4, "年内档案管理员未调整", "4"),
        ("人员变动未报备的扣1分", 2, "人员未变动", "2"),
    ],
)
def test_denials_once_refused_are_read_as_denials(text: str, weight: int, actual: str, score: str) -> None:
    assert trial_score(text, weight, note=actual) == Decimal(score)
    assert trial_score(text, weight, actual=actual) == Decimal(score)
