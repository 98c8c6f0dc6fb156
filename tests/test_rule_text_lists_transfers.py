"""Parts whose marks move to another part when the unit has no such task ("(无免耕任务的乡镇,该项分值纳入良种推广项
考评)"), "无A、B及C分别扣2分" read as 各扣2分, and "发现1户" said of a level written "发现一户" (issue 13, lists family,
round 3). Texts are written like real ones, not copied from the corpus."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.ruletext import parse_rule_text

POTATO = (
    "完成马铃薯脱毒种薯推广计划的计6分,不足的按比例扣分;完成地膜覆盖栽培计划的计4分,不足的按比例扣分"
    "(无地膜覆盖任务的乡镇,该项分值纳入马铃薯脱毒种薯推广项考评)。"
)
POTATO_TRAD = (
    "完成馬鈴薯脫毒種薯推廣計劃的計6分,不足的按比例扣分;完成地膜覆蓋栽培計劃的計4分,不足的按比例扣分"
    "(無地膜覆蓋任務的鄉鎮,該項分值納入馬鈴薯脫毒種薯推廣項考評)。"
)
# the note first in the text, 并入 and 考核, 没有 … 任务的单位
FOREST = (
    "完成造林(含补植)任务的得5分,未完成的按比例扣分(没有造林任务的单位,本项分数并入森林抚育项考核);"
    "完成森林抚育任务的得3分,未完成的按比例扣分。"
)
# the receiver has fixed marks: how they grow is not said
FIXED = (
    "建立病虫测报点的计4分,未建立的不计分;完成统防统治面积计划的计2分,不足的按比例扣分"
    "(无统防统治任务的乡镇,该项分值纳入病虫测报点项考评)。"
)


def _score(text: str, weight: int, actual: str | None = None, note: str | None = None) -> Decimal | None:
    rule = parse_rule_text(text)
    assert rule is not None, text
    inputs = Inputs(weight=Decimal(weight), actual=parse_quantity(actual) if actual else None, note=note)
    from medaid.evaluation.actual_text import apply_rule

    return apply_rule(rule, inputs).score


@pytest.mark.parametrize(
    ("text", "weight", "actual", "expected"),
    [
        (POTATO, 10, "脱毒种薯推广完成80%，地膜覆盖计划完成50%", "6.8"),  # 6×80% + 4×50%
        (POTATO, 10, "脱毒种薯推广完成90%，无地膜覆盖任务", "9"),  # 10×90%
        (POTATO, 10, "没有地膜覆盖任务，马铃薯脱毒种薯推广计划完成70%", "7"),
        (POTATO_TRAD, 10, "脫毒種薯推廣完成80%，地膜覆蓋計劃完成50%", "6.8"),
        (FOREST, 8, "造林任务完成50%，森林抚育完成100%", "5.5"),  # 2.5 + 3
        (FOREST, 8, "无造林任务，森林抚育任务完成75%", "6"),  # 8×75%
        (FIXED, 6, "已建立病虫测报点，统防统治面积计划完成50%", "5"),
        (FIXED, 6, "已建立病虫测报点，无统防统治任务", None),  # fixed marks: refused
        (POTATO, 10, "无地膜覆盖任务，无马铃薯脱毒种薯推广任务", None),  # nothing left to score
        (POTATO, 10, "无马铃薯任务，地膜覆盖计划完成50%", None),  # not the task of the note
    ],
)
def test_a_part_without_its_task_gives_its_marks_to_the_named_part(text, weight, actual, expected):
    assert _score(text, weight, actual=actual) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("text", "note", "expected"),
    [
        ("未开展专项督查扣8分;无督查方案、督查记录及整改通报分别扣2分。", "已开展督查,但无督查记录", "6"),
        ("未开展专项督查扣8分;无督查方案、督查记录及整改通报分别扣2分。", "未开展专项督查", "0"),
        ("未建立台账扣4分；缺少登记表、汇总表和上报表的分别扣1分。", "已建立台账，缺少汇总表", "3"),
    ],
)
def test_one_mark_after_fenbie_is_each_items_mark(text, note, expected):
    assert _score(text, 8 if "督查" in text else 4, note=note) == Decimal(expected)


def test_marks_listed_after_fenbie_are_not_read_as_one_mark_each():
    # session 7: marks listed after 分别 go to the things in order (``respective_items``), never one mark each
    rule = parse_rule_text("无督查方案、督查记录分别扣1分、2分。")
    assert rule is None or (rule.kind == "checklist" and [float(x) for x in rule.items] == [1.0, 2.0])


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("发现1户未纳入管理系统，补助资金发放完成80%", "2.4"),  # 0 + 3×80%
        ("农户全部纳入管理系统，补助资金发放完成80%", "4.4"),  # 2 + 2.4
        ("发现3户未纳入管理系统，补助资金发放完成80%", "2.4"),  # one is enough to take the 2 marks; three too
        ("部分农户未纳入管理系统，补助资金发放完成80%", "2.4"),  # some not included: the 2 marks go
        ("农户基本纳入管理系统，补助资金发放完成80%", None),  # 基本: no level says it
    ],
)
def test_one_case_written_in_figures_meets_a_level_written_in_words(note, expected):
    text = "农户全部纳入管理系统的,得2分,发现一户未纳入的此分值扣完;补助资金按计划发放到户的,得3分,未完成的按实际比例计分。"
    assert _score(text, 5, note=note) == (None if expected is None else Decimal(expected))
