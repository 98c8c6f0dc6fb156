"""Affirm family, session 6, round 3: a full-marks condition that is a judgement with nothing said of the rest
(``rules/judged_conditions``), a level named by its concrete part (``rules/levels._concrete``), and the event levels
moved to ``rules/event_levels``. Texts are constructed, worded unlike any corpus text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.evaluation.rules.judged_conditions import judged_condition
from medaid.services.evaluation import try_rule

JUDGED = "评分标准只写明满分条件"


def _trial(text: str, weight: int, actual: str | None):  # type: ignore[no-untyped-def]
    return try_rule(text, weight=str(weight), target=None, actual=actual, note=None, holds=None,
                    bonus_allowed=False)  # fmt: skip


def _score(text: str, weight: int, actual: str) -> Decimal | None:
    trial = _trial(text, weight, actual)
    return None if trial.outcome is None else trial.outcome.score


# one judged condition, nothing else stated: a restatement or a denial in words is refused, with the reason
REFUSED_JUDGED = [
    ("绩效目标设置合理(2分)", 2, "绩效目标设置合理"),
    ("档案资料完整、规范，计1分", 1, "档案资料不完整"),
    ("项目实施符合相关規定，得3分", 3, "項目實施符合規定"),
    ("政府采购程序合规，2分", 2, "采购程序不合规"),
    ("项目管理办法健全，执行有效，得1.5分", 1.5, "项目管理办法健全，执行有效"),
    ("资金使用满足项目实施需要的，记2分", 2, "资金不能满足需要"),
]


@pytest.mark.parametrize(("text", "weight", "actual"), REFUSED_JUDGED)
def test_a_judged_condition_alone_is_refused(text, weight, actual):
    trial = _trial(text, weight, actual)
    assert trial.outcome is not None and trial.outcome.score is None
    assert JUDGED in trial.outcome.reason


# read as before: an act or a fact; a stated alternative; the evaluator's bare verdict
SCORED = [
    ("建立资金管理制度,得2分", 2, "已建立资金管理制度", "2"),
    ("与施工单位签订合同，计1分", 1, "已签订合同", "1"),
    ("项目管理办法健全、执行有效，计2分", 2, "是", "2"),
    ("部件立案符合市级标准要求，得2分", 2, "不符合", "0"),
    ("资金使用符合规定得2分,否则不得分", 2, "资金使用不符合规定", "0"),
    ("及时上报信息,得1分", 1, "已及时上报信息", "1"),
]


@pytest.mark.parametrize(("text", "weight", "actual", "expected"), SCORED)
def test_acts_alternatives_and_verdicts_are_read(text, weight, actual, expected):
    assert _score(text, weight, actual) == Decimal(expected)


@pytest.mark.parametrize(
    ("condition", "judged"),
    [
        ("资金管理制度健全规范", True),
        ("项目立项符合《预算法》的规定", True),
        ("工作开展扎实", True),
        ("建立健全资金管理制度", False),  # the set phrase for setting up: an act
        ("制定规范的管理制度", False),  # a quality qualifying an act
        ("低保标准全部达到省定扶贫标准", False),  # a standard that is an amount: a fact
        ("培训3次以上且效果良好", False),  # a number: a fact to compare
    ],
)
def test_what_is_a_judgement(condition, judged):
    assert judged_condition(condition) is judged


# a level opened by an exhortation is named by its concrete part
CONCRETE = [
    ("积极争取省级示范点,提交创建材料的得2分,创建成功的得4分。", 4, "已提交创建材料；未创建成功", "2"),
    ("加强宣传引导，印发宣传资料的得1分；开展专题活动的得3分", 3, "印发宣传资料", "1"),
    ("积極申報國家級項目,報送申報書的得1分,獲批立項的得3分", 3, "获批立项", "3"),
]


@pytest.mark.parametrize(("text", "weight", "actual", "expected"), CONCRETE)
def test_a_level_named_by_its_concrete_part(text, weight, actual, expected):
    assert _score(text, weight, actual) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "weight", "actual"),
    [
        # the statement names the exhortation, not the concrete thing that scores
        ("积极争取省级示范点,提交创建材料的得2分,创建成功的得4分。", 4, "积极争取"),
        # it names one level's concrete part and the other level too
        ("积极争取省级示范点,提交创建材料的得2分,创建成功的得4分。", 4, "已提交创建材料，创建成功，未获表彰"),
    ],
)
def test_a_level_not_named_by_its_concrete_part_is_refused(text, weight, actual):
    assert _score(text, weight, actual) is None


@pytest.mark.parametrize(
    ("text", "actual"),
    [
        (
            "项目立项符合《某省人民政府关于2022年实施20项民生工程的通知》的规定,得2分",
            "项目立项符合《某省人民政府关于2022年实施20项民生工程的通知》的规定",
        ),
        ("资金使用符合《专项资金管理办法(2019年修订)》的要求,计2分", "资金使用不符合要求"),
    ],
)
def test_numbers_inside_a_document_title_do_not_make_a_judgement_a_quantity(text, actual):
    # the title of a document names it: its year and counts are no bound the condition sets
    trial = try_rule(text, weight="2", target=None, actual=actual)
    assert trial.outcome is not None and trial.outcome.score is None
    assert "对质量或合规的判断" in trial.outcome.reason
