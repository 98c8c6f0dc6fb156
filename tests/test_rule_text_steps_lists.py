"""Steps family, session 5 round 2: one step for each missing thing of an open list ("建立A、B、C等体系。未建立的,
少1项扣1分"), a part of a step counted as a whole step in the step's own unit ("不到0.1平方米按0.1计算"), a bare
step after "未完成任务" against the task count, two alternative steps left to the count readings, and "得100%分"
as full marks. Texts are written like real ones, not copied from the corpus."""

from __future__ import annotations

import pytest

from medaid.evaluation.rules import PerPoint
from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.deductions import per_point
from medaid.evaluation.ruletext.normalize import normalize_rule_text
from medaid.evaluation.ruletext.step_context import unnumbered
from tests.rule_checks import assert_scores_as_worked

LIST = "1.按要求建立值班值守、物资储备、队伍建设、演练培训等应急保障体系。未建立的,少1项扣1分,扣完为止。"
# (text, weight, target, actual, score or None for a refusal)
SCORED = [
    # --- one step for each missing thing of an open list -------------------------------------------------
    (LIST, 4, None, "缺少1项", "3"),
    (LIST, 4, None, "缺少3项", "1"),
    (LIST, 4, None, "少5项", "0"),
    (LIST, 4, "4项", "3项", "3"),  # things done, against the target
    (LIST, 4, None, "3项", None),  # built or missing? needs the target
    ("制定防汛、抗旱、地质灾害等专项预案;缺1个扣0.5分", 2, None, "缺2个", "1"),
    ("應建立巡查、報告、處置等管理制度,每缺一項扣0.3分,扣完為止", 1, None, "缺少2项", "0.4"),
    # --- a part of a step counts as a whole step, in the step's unit -------------------------------------
    (
        "人均绿地面积达到全市平均水平以上,得3分,每少0.5平方米扣1分(不足0.5平方米按0.5计算),扣完为止。",
        3,
        "≥10平方米",
        "9.8平方米",
        "2",
    ),
    (
        "人均绿地面积达到全市平均水平以上,得3分,每少0.5平方米扣1分(不足0.5平方米按0.5计算),扣完为止。",
        3,
        "≥10平方米",
        "9平方米",
        "1",
    ),
    (
        "人均绿地面积达到全市平均水平以上,得3分,每少0.5平方米扣1分(不足0.5平方米按0.5计算),扣完为止。",
        3,
        "≥10平方米",
        "10.2平方米",
        "3",
    ),
    ("每千人口床位数达到标准,得2分;每少0.2张扣0.5分,不满0.2张的按0.2张计", 2, "≥6张", "5.9张", "1.5"),
    # --- a bare step after "未完成任务", read against the task count ----------------------------------------
    ("完成年度村级文化广场建设任务,得3分,未完成任务少1个扣1分,扣完为止", 3, "6个", "5个", "2"),
    ("完成年度村级文化广场建设任务,得3分,未完成任务少1个扣1分,扣完为止", 3, "6个", "6个", "3"),
    ("完成年度村级文化广场建设任务,得3分,未完成任务少1个扣1分,扣完为止", 3, None, "少2个", "1"),
    ("完成年度村级文化广场建设任务,得3分,未完成任务少1个扣1分,扣完为止", 3, None, "5个", None),  # done or missing?
    # --- "得100%分" is full marks ------------------------------------------------------------------------
    ("普查率达到100%得100%分,每低1个百分点扣0.5分", 5, "100%", "96%", "3"),
    ("普查率达到100%计100%的分;每低1个百分点扣0.5分", 5, "100%", "100%", "5"),
]

EITHER = [
    "每少一种机构或少一项制度的扣0.5分",
    "每缺一名专职人员或缺一项台账的,扣1分",
    "每連片撂荒3畝或零星撂荒20畝的,扣1分",
]


@pytest.mark.parametrize(("text", "weight", "target", "actual", "score"), SCORED,
                         ids=[f"{s[0][:20]}→{s[3]}" for s in SCORED])  # fmt: skip
def test_a_wording_scores_as_worked_by_hand(text, weight, target, actual, score):
    assert_scores_as_worked(text, weight, target, actual, score)


@pytest.mark.parametrize("text", EITHER)
def test_two_alternative_steps_are_not_read_as_one(text):
    assert per_point(normalize_rule_text(text)) is None
    rule = parse_rule_text(text)
    assert rule is None or not isinstance(rule, PerPoint), rule


def test_a_closed_list_is_left_to_the_checklist():
    rule = parse_rule_text("有值班室、有值班人员、有值班记录;缺一项扣1分。")
    assert rule is None or rule.kind != "per_point", rule


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("1.建立制度。2.每少1项扣1分", "建立制度。每少1项扣1分"),
        ("①建立制度;②每少1项扣1分", "建立制度;每少1项扣1分"),
        ("每少1.5分的", "每少1.5分的"),
    ],
)
def test_the_numbering_of_clauses_is_dropped(text, plain):
    assert unnumbered(text) == plain
