"""An explanation in words matched to a list's faults by the words they share (rules/clause_match.py), and levels
named by a comparison with the target (rules/target_levels.py) — docs/rules.md, "Statements matched by their
words".

The texts are written the way real tables word these rules, not copied from the corpus; each score is worked
by hand from the Chinese alone. ``None``: refused (no number), never a guess."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.rules.clause_lists import items_by_words
from medaid.evaluation.rules.clause_match import literals, proper, read_statement
from medaid.evaluation.rules.number_faults import number_fault
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips


def _score(
    text: str, weight: str, actual: str | None = None, note: str | None = None, target: str | None = None
) -> Decimal | None:
    rule = parse_rule_text(text)
    assert rule is not None, text
    assert round_trips(rule)
    outcome = rule.apply(
        Inputs(weight=Decimal(weight), actual=parse_quantity(actual), note=note, target=parse_quantity(target))
    )
    assert outcome.reason
    if outcome.score is not None:
        assert Decimal(0) <= outcome.score <= Decimal(weight)
    return outcome.score


_MECHANISM = "未建立工作机制的扣2分;未按季度上报工作进展和督查情况的扣1分。"
_ROSTER = "未及时更新人员名单的扣1分;未签订目标责任书的扣2分。"
# (rule text, weight, explanation, score by hand; None: refused)
# fmt: off
FAULTS = [
    # each statement's parts matched to one fault's parts by shared words, polarity from 已/未
    (_MECHANISM, 3, "已建立工作机制，按季度上报进展和督查情况", "3"),
    (_MECHANISM, 3, "已建立机制，未上报督查情况", "2"),  # not reported at all: not reported each quarter
    (_MECHANISM, 3, "未建立机制；未按季度上报工作进展", "0"),
    (_MECHANISM, 3, "仅建立了部分机制", None),  # a weakened statement is not read
    (_MECHANISM, 3, "已上报", None),  # 按季度 left unsaid: not a denial of the fault
    # a positive statement must keep the quality; a negative one may leave it out; an opposite is a negation
    (_ROSTER, 3, "已更新人员名单，已签订目标责任书", None),
    (_ROSTER, 3, "未更新人员名单，已签订目标责任书", "2"),
    (_ROSTER, 3, "人员名单及时更新，目标责任书已签订", "3"),
    (_ROSTER, 3, "名单更新延迟，已签订目标责任书", "2"),
    (_ROSTER, 3, "人員名單按時更新，目標責任書已簽訂", "3"),  # traditional characters
    # an event must be said whole to be denied: "未领取" is not "重复领取"
    ("重复领取补贴扣2分;未建立发放台账扣2分。", 4, "未领取补贴，已建立发放台账", None),
    ("重复领取补贴扣2分;未建立发放台账扣2分。", 4, "无重复领取补贴，已建立发放台账", "4"),
    # the verb said must be the fault's: 建立 is not 制定
    ("未制定年度工作计划扣2分;未建立工作台账扣1分。", 3, "年度工作计划、工作台账均已建立", None),
    ("未实行考核办法扣1分;未配备专职人员扣1分。", 2, "已实施考核办法，已配备专职人员", "2"),
    # a circumstance before the fault is not one of its parts
    ("1.发生一次安全责任事故扣5分。2.辖区道路改造后,未及时报送调整方案的扣3分。", 8,
     "全年未发生安全责任事故，调整方案已及时报送", "8"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "hand"), FAULTS, ids=[f"{f[0][:10]}|{f[2]}" for f in FAULTS])
def test_an_explanation_is_matched_to_the_faults_by_its_words(text: str, weight: int, note: str, hand: str | None):
    assert _score(text, str(weight), note=note) == (None if hand is None else Decimal(hand))


def test_a_statement_that_matches_two_faults_alike_is_refused() -> None:
    items = [literals(proper(x)) for x in ("安全台账未更新", "消防台账未更新")]
    reading = read_statement("台账已更新", items)
    assert reading.why is not None and "多个" in reading.why


def test_a_statement_that_matches_no_fault_is_refused() -> None:
    items = [literals(proper(x)) for x in ("未建立安全台账", "未签订责任书")]
    assert read_statement("宣传氛围浓厚", items).why is not None


def test_a_negation_inside_a_word_is_not_counted() -> None:
    assert literals("无故推诿群众诉求")[0].negated is False  # 无故: without reason
    assert literals("资料不全")[0].negated is True
    assert literals("无缺会现象")[0].negated is False  # two negations


# (rule text, weight, target, actual, score by hand; None: refused)
# fmt: off
TARGETS = [
    ("年度用电总量小于或等于年度目标值,得8分;大于目标值,不得分。", 8, "≤1.5亿千瓦时", "1.42亿千瓦时", "8"),
    ("年度用电总量小于或等于年度目标值,得8分;大于目标值,不得分。", 8, "≤1.5亿千瓦时", "1.5亿千瓦时", "8"),
    ("年度用电总量小于或等于年度目标值,得8分;大于目标值,不得分。", 8, "≤1.5亿千瓦时", "1.6亿千瓦时", "0"),
    ("森林覆盖率达到年度目标值,得5分;低于目标值,不得分。", 5, "≥62%", "62.4%", "5"),
    ("森林覆盖率达到年度目标值,得5分;低于目标值,不得分。", 5, "≥62%", "61.9%", "0"),
    ("森林覆盖率达到年度目标值,得5分;低于目标值,不得分。", 5, "62%", "63%", None),  # 达到: which way?
    ("森林覆盖率达到年度目标值,得5分;低于目标值,不得分。", 5, "≥62%", "63公顷", None),  # another unit
    ("年度用电总量小于或等于年度目标值,得8分;大于目标值,不得分。", 8, "≥1.5亿千瓦时", "1.4亿千瓦时", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "target", "actual", "hand"), TARGETS)
def test_levels_named_by_a_comparison_with_the_target(text: str, weight: int, target: str, actual: str,
                                                     hand: str | None) -> None:  # fmt: skip
    assert _score(text, str(weight), actual=actual, target=target) == (None if hand is None else Decimal(hand))


_PAYMENT = "各项救助金按时足额发放,且实现低保金社会化发放率100%,得6分,达不到要求的不得分。"
_REPORTS = ("及时报送月度报表", "被市级媒体采用不少于3篇")
# (rule text, weight, actual, score by hand; None: refused)
# fmt: off
REQUIREMENTS = [
    # every requirement of the scoring level said met; one said not met, by a measurement or an opposite
    (_PAYMENT, 6, "各项救助金按时足额发放，低保金社会化发放率100%", "6"),
    (_PAYMENT, 6, "各项救助金按时足额发放，低保金社会化发放率97%", "0"),
    (_PAYMENT, 6, "低保金社会化发放率100%，但有3个月救助金延迟发放", "0"),
    (_PAYMENT, 6, "救助金已发放，低保金社会化发放率100%", None),  # 按时足额 left unsaid
    (_PAYMENT, 6, "低保金社会化发放率100%", None),  # the other requirement unsaid
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "hand"), REQUIREMENTS)
def test_a_condition_of_several_requirements_is_met_by_statements_of_each(text: str, weight: int, actual: str,
                                                                          hand: str | None) -> None:  # fmt: skip
    assert _score(text, str(weight), actual=actual) == (None if hand is None else Decimal(hand))


def test_requirements_held_by_their_words_and_measurements() -> None:
    assert items_by_words("及时报送月度报表，被市级媒体采用4篇", _REPORTS) == ([1, 2], None)
    assert items_by_words("月度报表报送延迟，被市级媒体采用2篇", _REPORTS) == ([], None)
    assert items_by_words("及时报送月度报表，被市级媒体采用3篇", _REPORTS) == ([1, 2], None)
    assert items_by_words("报送月度报表，被市级媒体采用4篇", _REPORTS)[1] is not None  # 及时 unsaid
    assert items_by_words("及时报送月度报表", _REPORTS)[1] is not None  # the second unsaid


def test_a_measurement_is_compared_with_the_bound_its_words_state() -> None:
    limit = ["群众投诉率不超过1%"]
    assert items_by_words("群众投诉率0.5%", limit) == ([1], None)
    assert items_by_words("群众投诉率1%", limit) == ([1], None)
    assert items_by_words("群众投诉率1.5%", limit) == ([], None)
    assert items_by_words("群众投诉率1.5次", limit)[1] is not None  # another unit
    floor = ["培训不少于4次"]
    assert items_by_words("培训3次", floor) == ([], None)
    assert items_by_words("培训4次", floor) == ([1], None)


def test_a_bare_verb_names_the_one_fault_it_begins() -> None:
    text = "未建立工作台账扣2分;台账记录不及时扣1分。"
    assert _score(text, "3", note="未建立") == Decimal(1)
    assert _score(text, "3", note="已建立") == Decimal(3)  # the one fault of 建立 denied, the other not found
    assert _score("未建立工作台账扣2分;未建立工作制度扣1分。", "3", note="未建立") is None  # which one?


def test_a_failure_of_some_subjects_fails_a_requirement_and_is_not_read_of_a_fault() -> None:
    assert items_by_words("2个乡镇未落实网格化管理", ["各乡镇全部落实网格化管理"]) == ([], None)
    assert items_by_words("部分乡镇落实网格化管理", ["各乡镇全部落实网格化管理"])[1] is not None
    items = [literals(proper(x)) for x in ("发生违规占地", "未签订责任书")]
    assert read_statement("部分村未发生违规占地", items).why is not None  # the other villages?
    assert read_statement("部分村未签订责任书", items).why is not None  # the fault of the whole, or of a part?


def test_a_level_alone_is_denied_by_a_failure_of_some_subjects() -> None:
    text = "各乡镇卫生院全部达到标准化建设要求。(3分)"
    assert _score(text, "3", actual="2个乡镇卫生院未达到") == Decimal(0)
    assert _score(text, "3", actual="各乡镇卫生院全部达到标准化建设要求") == Decimal(3)
    assert _score(text, "3", actual="部分乡镇卫生院达到") is None


@pytest.mark.parametrize(
    ("fault", "actual", "shown"),
    [
        ("城区雨污管网改造率≤75%的", "80%", False),
        ("城区雨污管网改造率≤75%的", "75%", True),
        ("城区雨污管网改造率≤75%的", "80", None),  # no unit: not read against a bound in %
        ("安全生产例会全年少于4次", "4次", False),
        ("安全生产例会全年少于4次", "3次", True),
        ("安全生产例会全年少于4次", "4%", None),
        ("群众满意率90%以下的", "90%", True),
        ("未建立安全生产台账", "1份", None),
    ],
)
def test_a_fault_on_a_number_against_the_number_given(fault: str, actual: str, shown: bool | None) -> None:
    quantity = parse_quantity(actual)
    assert quantity is not None
    assert number_fault(fault, quantity) is shown
