"""Lists family, session 8 (issue 13): the text side of lists, as real tables write them.

- An item number written bare before a word that begins with 分 ("…得4分。2分工明确,…", "②分管领导…" once the circled
  number is normalized to a bare digit) is an item number, never "2分" of marks.
- Things listed with 、 and "各占/各得/每项各 N分", where a thing before the last holds 和/与/及 ("与公安和城管联合执法"):
  the list is cut at 、 alone (that 和 joins the words of one thing, the list going on after it).
- Deductions for each item not met, as tables also word them: "缺任一项扣1分", "少其中一项扣2分", "每有一项没有做到扣1分".

Texts are constructed, worded unlike any corpus text; near-misses must be refused or keep their former reading."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Checklist, Inputs
from medaid.evaluation.ruletext import parse_rule_text
from tests.rule_checks import round_trips, trial_score


def _held(text: str, weight: str, holds: tuple[int, ...]) -> Decimal | None:
    rule = parse_rule_text(text)
    assert rule is not None, text
    assert round_trips(rule), text
    return rule.apply(Inputs(weight=Decimal(weight), holds=holds)).score


# --- an item number before a word of 分 ----------------------------------------------------------------------

BARE_NUMBERS = [
    # 分类 after a bare 2, marks with 得, sentences cut at 。
    ("1配齐保洁人员,得3分。2分类收集到位,得2分。3有考核记录,得1分。", "6", (1, 2), "5"),
    # 分管 after a bare 2 (a circled ② normalized), marks in brackets, cut at ;
    ("①明确工作职责(2分);②分管领导定期督导(2分);③建立工作台账(1分)", "5", (2, 3), "3"),
    # traditional characters, 分級 after 2, 分片 after 3
    ("1成立領導小組,得2分。2分級管理到位,得2分。3分層落實責任,得1分。", "5", (1, 3), "3"),
    # the number 2 before 分工, items of several clauses
    ("1按户数配足保洁员,人员在岗,计4分。2分工明确,责任落实,计4分。3有奖惩办法,计2分。", "10", (1, 2, 3), "10"),
]


@pytest.mark.parametrize(("text", "weight", "holds", "score"), BARE_NUMBERS)
def test_a_bare_item_number_before_a_word_of_fen_is_no_mark(text: str, weight: str, holds: tuple[int, ...],
                                                              score: str) -> None:  # fmt: skip
    rule = parse_rule_text(text)
    assert isinstance(rule, Checklist), text
    assert len(rule.items) == 3
    assert _held(text, weight, holds) == Decimal(score)


def test_marks_with_a_verb_before_a_word_of_fen_stay_marks() -> None:
    # "得2分" is marks whatever follows it; only a bare number opening a sentence is an item number
    rule = parse_rule_text("建立制度得2分类台账齐全得1分")
    assert rule is None or not isinstance(rule, Checklist) or sum(rule.items) == 3


@pytest.mark.parametrize(("text", "mark"), [
    ("工作要求;2分工作台账齐全", True), ("工作要求;2分配备专人", True), ("工作要求;2分档案齐全", True),
    ("工作要求;2分管理规范", True), ("工作要求;2分类似项目不重复", True), ("工作要求;2分级别评定", True),
    ("工作要求;2分工明确", False), ("工作要求;2分管领导负责", False), ("工作要求;12分类收集", False),
    ("工作要求,2分工明确", True),  # after a comma: a mark, not an item number
])  # fmt: skip
def test_only_a_word_of_fen_after_a_bare_number_opening_a_sentence_makes_it_an_item_number(
    text: str, mark: bool
) -> None:
    import re

    from medaid.evaluation.ruletext.clauses import ITEM_BEFORE_WORD

    assert bool(re.search(rf"(?<![\d.])\d+分{ITEM_BEFORE_WORD}", text)) is mark


def test_a_mark_opening_a_sentence_before_another_word_is_still_a_mark() -> None:
    # "2分" before a word that is no word of 分 (工作 is; 完成 is not) keeps its reading as marks
    rule = parse_rule_text("1建立制度,得2分。2按时完成,得1分。")
    assert isinstance(rule, Checklist)
    assert list(rule.items) == [2, 1]


# --- things listed with 、, a 和 inside one of them, 各占 N分 ------------------------------------------------------

EACH_LISTED = [
    ("建立巡查制度、与公安和城管联合执法、公开举报电话各占2分", "6", (1, 3), "4",
     ["建立巡查制度", "与公安和城管联合执法", "公开举报电话"]),
    ("设立办公室、与乡镇及村委签订责任书、开展培训、建立档案每项各得1分", "4", (2,), "1",
     ["设立办公室", "与乡镇及村委签订责任书", "开展培训", "建立档案"]),
    ("設立專班、與學校和家長溝通、建立檔案各占1分", "3", (1, 2, 3), "3", ["设立专班", "与学校和家长沟通", "建立档案"]),
    ("配备专职人员、建立制度与流程并上墙、按月报送各计1.5分", "4.5", (1,), "1.5",
     ["配备专职人员", "建立制度与流程并上墙", "按月报送"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "weight", "holds", "score", "names"), EACH_LISTED)
def test_a_list_cut_at_dun_when_a_thing_before_the_last_holds_a_conjunction(
    text: str, weight: str, holds: tuple[int, ...], score: str, names: list[str]
) -> None:
    rule = parse_rule_text(text)
    assert isinstance(rule, Checklist), text
    assert [
        n.replace("與", "与").replace("溝", "沟").replace("專", "专").replace("檔", "档") for n in rule.names
    ] == names
    assert _held(text, weight, holds) == Decimal(score)


def test_a_conjunction_in_the_last_thing_keeps_the_former_reading() -> None:
    # "A、B和C": three things or two? read as before (the 和 of the last thing joins two)
    rule = parse_rule_text("建立制度、台账和记录各占1分")
    assert isinstance(rule, Checklist)
    assert len(rule.items) == 3


def test_a_denied_list_with_an_inner_conjunction_is_left_to_the_other_readers() -> None:
    from medaid.evaluation.ruletext.each_listed import each_listed

    assert each_listed("未建立制度、与村和社区签订协议、开展培训各得1分") is None  # the denial may be every thing's
    # fix round: deductions each are read (cut at 、 alone): deeds deducted each are requirements
    deducted = each_listed("建立制度、与村和社区签订协议、开展培训各扣1分")
    assert isinstance(deducted, Checklist) and deducted.required and len(deducted.items) == 3
    assert each_listed("满分3分。建立制度、与村和社区签订协议、开展培训各得1分") is None  # a sentence before


def test_sums_not_the_weight_are_refused_with_holds() -> None:
    assert _held("建立巡查制度、与公安和城管联合执法、公开举报电话各占2分", "5", (1,)) is None


# --- a deduction for each item not met, in other words -----------------------------------------------------------

PER_ITEM = [
    ("有工作方案、有培训记录、有考核办法,缺任一项扣1分", "3", "无培训记录", "2"),
    ("有工作方案、有培训记录、有考核办法,少其中一项扣1.5分", "4.5", "无培训记录,无考核办法", "1.5"),
    ("有工作方案、有培训记录、有考核办法,每有一项没有做到扣1分", "3", "无考核办法", "2"),
    ("建立制度、台账、档案,缺任何一项扣2分", "6", "未建立台账", "4"),
]


@pytest.mark.parametrize(("text", "weight", "note", "score"), PER_ITEM)
def test_a_deduction_for_each_item_not_met_in_other_words(text: str, weight: str, note: str, score: str) -> None:
    rule = parse_rule_text(text)
    assert isinstance(rule, Checklist), text
    assert rule.deduct
    assert round_trips(rule)
    assert trial_score(text, weight, note=note) == Decimal(score)


def test_any_one_missing_with_no_score_stays_all_or_nothing() -> None:
    assert trial_score("有工作方案、有培训记录、有考核办法,缺任一项不得分", "3", note="无考核办法") == 0


def test_a_partial_statement_is_refused() -> None:
    text = "有工作方案、有培训记录、有考核办法,每有一项没有做到扣1分"
    assert trial_score(text, "3", note="培训记录部分缺失") is None
    assert trial_score(text, "3", note="大部分做到") is None


def test_the_actual_is_read_against_the_weight() -> None:
    rule = parse_rule_text("有工作方案、有培训记录、有考核办法,缺任一项扣1分")
    assert rule is not None
    out = rule.apply(Inputs(weight=Decimal(3), actual=parse_quantity("缺2项")))
    assert out.score in (None, Decimal(1))


# --- a numbered list of deductions from one full marks -------------------------------------------------------

NUMBERED_DEDUCTIONS = [
    # 1. … 2. … 3. …, a fault, a second fault, a case step
    ("1.无高危孕产妇汇总表扣5分, 未按要求填写扣 2分;2.未对高危孕妇进行随访管理扣 2分;3.每少一例住院分娩扣 1分",
     "有汇总表但未按要求填写,已随访管理,少2例住院分娩", "6"),
    # 1、 2、 3、, steps and a fault, 扣完为止 in the last item
    ("1、宣传培训每少一次扣0.5分;2、院长非专职人员,扣2分;3、每缺一个行业扣1分,扣完为止",
     "宣传培训少2次,院长专职,缺1个行业", "8"),
    # (1)(2), a step of 10 % and a fault denied
    ("(1)人均经费低于规定标准,每差额10%,扣1分;(2)有冲抵或挪作他用的,扣2分", "人均经费达到规定标准,无冲抵或挪作他用", "10"),
    # circled numbers, a cap inside the first item
    ("①工作人员每少一人,扣1分,最多扣3分;②院长非专职人员,扣2分。", "工作人员少2人,院长专职", "8"),
    # traditional characters
    ("1.工作人員每少一人,扣1分,最多扣3分。2.院長非專職人員,扣2分。", "工作人员少5人,院长非专职人员", "5"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "note", "score"), NUMBERED_DEDUCTIONS)
def test_a_numbered_list_of_deductions_reads_as_its_items(text: str, note: str, score: str) -> None:
    from medaid.evaluation.ruletext import normalize_rule_text
    from medaid.evaluation.ruletext.numbered_deductions import joined_items

    rule = parse_rule_text(text)
    assert rule is not None, text
    assert round_trips(rule)
    assert trial_score(text, "10", note=note) == Decimal(score)
    joined = joined_items(normalize_rule_text(text))
    assert joined is not None
    assert trial_score(joined, "10", note=note) == Decimal(score)  # the same as the items written as sentences


@pytest.mark.parametrize("text", [
    "(1)项不符合要求扣2分;(2)项不符合要求扣1分",  # the numbers name items of another column
    "1.建立台账得2分,每缺一项扣0.5分;2.未按时报送扣1分",  # an item with marks of its own: composite's, not this
    "1.每少一次扣0.5分;2.获得表彰的加1分",  # a bonus
    "满分10分。1.工作人员每少一人,扣1分;2.院长非专职人员,扣2分",  # text before the first item
    "1.工作人员每少一人,扣1分;2.院长由专职人员担任",  # an item that deducts nothing
])  # fmt: skip
def test_lists_that_are_no_numbered_deductions_are_not_taken(text: str) -> None:
    from medaid.evaluation.ruletext import normalize_rule_text
    from medaid.evaluation.ruletext.numbered_deductions import numbered_deductions

    assert numbered_deductions(normalize_rule_text(text)) is None


def test_a_numbered_deduction_list_refuses_what_its_items_refuse() -> None:
    text = "1、工作人员每少一人,扣1分,最多扣3分;2、院长非专职人员,扣2分"
    assert trial_score(text, "5", note="工作人员少2人,院长由乡镇干部兼任") is None  # 兼任: 非专职? for the evaluator
    assert trial_score(text, "5", note="工作人员基本足额,院长专职") is None  # 基本: not said met


def test_numbered_tiers_of_one_quantity_are_no_list_of_faults() -> None:
    # "超过1%扣1分" and "超过2%扣2分" are tiers of one rate: 2.5 % deducts 2 (the tier), never 1 + 2 as two faults
    from medaid.evaluation.ruletext.sub_items import fault_items

    assert fault_items(["差错率超过1%扣1分", "差错率超过2%扣2分"]) is None
    numbered = trial_score("1.差错率超过1%扣1分;2.差错率超过2%扣2分", "5", note="差错率2.5%")
    assert numbered == trial_score("差错率超过1%扣1分;差错率超过2%扣2分", "5", note="差错率2.5%")
    assert numbered in (None, Decimal(3))
    # two faults each with its own number stay a list of faults
    assert fault_items(["培训少于2次扣1分", "会议少于4次扣2分"]) is not None
