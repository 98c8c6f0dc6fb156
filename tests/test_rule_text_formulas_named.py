"""Formulas whose operands are named quantities (issue 13): "得分=实际救助人次/计划救助人次×分值" and the many
ways tables name the actual and the plan. Each wording is written as real tables write them (not copied from
the corpus), scored by hand from the Chinese alone; wordings that do not settle a score are refused."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from medaid.evaluation.named_values import labelled_pair
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.named_quantities import named_formula
from medaid.services.evaluation import try_rule
from tests.rule_checks import round_trips
from tests.rule_variants import variants

# (wording, weight, target, actual, explanation, expected score worked by hand)
# fmt: off
SCORED = [
    # actual/plan of counts: the row's actual over its target, in one unit
    ("得分=实际救助人次/计划救助人次×分值", 10, "1500人次", "1350人次", None, "9"),
    ("得分=實際救助人次/計劃救助人次×分值", 10, "1500人次", "1350人次", None, "9"),
    ("得分＝实际救助人次÷计划救助人次×分值", 10, "1500人次", "1350人次", None, "9"),
    ("得分=实际参保人数/应参保人数×权重", 8, "10000人", "9500人", None, "7.6"),
    ("已拨付资金/应拨付资金×10", 10, "200万元", "150万元", None, "7.5"),
    ("得分=发放金额/下达金额×本项分值", 5, "80万元", "600000元", None, "3.75"),
    ("按完成户数/任务户数计分", 10, "120户", "90户", None, "7.5"),
    ("得分=培训人次/计划培训人次×分值", 6, "400人次", "300人次", None, "4.5"),
    ("验收合格项目数/项目总数×100%×10", 10, "20个", "18个", None, "9"),
    ("实际完成投资/计划投资×10", 10, "1亿元", "9000万元", None, "9"),
    ("得分=应急演练完成次数/计划演练次数×分值", 4, "10次", "8次", None, "3.2"),
    # above the plan: capped at the weight (written or not)
    ("得分=实际救助人次/计划救助人次×分值，超过100%按100%计", 10, "1500人次", "1650人次", None, "10"),
    ("得分=实际救助人次/计划救助人次×分值(超过100%的按100%计算)", 10, "1500人次", "1650人次", None, "10"),
    ("得分=培训人次/计划培训人次×本项分值，最高不超过分值", 10, "500人次", "600人次", None, "10"),
    # a floor on the ratio
    ("完成户数/任务户数×分值，低于50%不得分", 10, "100户", "40户", None, "0"),
    ("完成户数/任务户数×分值，低于50%不得分", 10, "100户", "60户", None, "6"),
    # the ratio itself given as a percentage actual
    ("(常规案件按时结案数/常规案件应结案数)×100%×20", 20, None, "85%", None, "17"),
    ("得分=已拨付资金/应拨付资金×分值", 10, "≥95%", "80%", None, "8"),
    # both read from an explanation that labels them
    ("得分=实际救助人次/计划救助人次×分值", 10, None, None, "计划救助1500人次，实际救助1350人次", "9"),
    ("得分=验收合格项目数/项目总数×分值", 10, None, None, "共验收项目20个，其中合格18个", "9"),
    ("评价得分=抽查合格村、组数量/抽查村、组总数量×分值。", 2, None, None, "抽查村、组25个，合格20个", "1.6"),
    ("得分=已拨付资金/应拨付资金×分值", 10, None, None, "应拨付资金200万元，已拨付资金160万元", "8"),
    # the formula's own condition, what "达到…得满分" leaves; "得分按…计算"
    ("完成户数达到任务户数的得满分，未达到的按完成户数/任务户数×分值计分", 10, "100户", "90户", None, "9"),
    ("完成户数达到任务户数的得满分，未达到的按完成户数/任务户数×分值计分", 10, "100户", "100户", None, "10"),
    ("得分按实际救助人次/计划救助人次×分值计算", 10, "1500人次", "1200人次", None, "8"),
    ("得分=已发放补贴资金/应发放补贴资金×分值", 10, None, None, "应发放补贴资金500万元，已发放450万元", "9"),
    ("得分=实际救助人次/计划救助人次×分值", 10, None, "计划1500人次，实际救助1200人次", None, "8"),
    # the ratio in words
    ("按已拨付资金占应拨付资金的比例×分值计分", 10, "200万元", "150万元", None, "7.5"),
    ("得分=已拨付资金与应拨付资金之比×分值", 10, "200万元", "150万元", None, "7.5"),
    ("按实际救助人次与计划救助人次的比值计算得分", 10, "1500人次", "1200人次", None, "8"),
    ("按实际参保人数占应参保人数的比例×分值计分，超过100%不加分", 10, "1000人", "1100人", None, "10"),
    ("按实际参保人数占应参保人数的比例×分值计分，超过100%不加分", 10, "1000人", "900人", None, "9"),
    # plan/actual: less is better, said by the text (a cost) or by a "≤" target
    ("得分=预算成本/实际成本×分值", 10, "100元", "125元", None, "8"),
    ("得分=(1-(预算数-实际支出)/预算数)×分值", 10, "100万元", "90万元", None, "9"),
]

REFUSED = [
    # units that differ, or a percentage target beside a count actual
    ("得分=实际救助人次/计划救助人次×分值", 10, "1500户", "1350人次", None),
    ("得分=实际救助人次/计划救助人次×分值", 10, "95%", "1350人次", None),
    # no plan to divide by
    ("得分=实际救助人次/计划救助人次×分值", 10, None, "1350人次", None),
    ("得分=实际救助人次/计划救助人次×分值", 10, None, None, "救助1350人次"),
    # an explanation with a third number in the unit, or a plan that is not the target
    ("得分=实际救助人次/计划救助人次×分值", 10, None, None, "计划救助1500人次，实际救助1350人次，其中重复救助50人次"),
    ("得分=实际救助人次/计划救助人次×分值", 10, "1600人次", None, "计划救助1500人次，实际救助1350人次"),
    ("得分=验收合格项目数/项目总数×分值", 10, None, None, "项目总数20个，验收合格18个，不合格2个"),
    # a third named quantity, names that cannot be placed
    ("得分=(实际完成户数-不合格户数)/任务户数×分值", 10, "100户", "90户", None),
    ("得分=受益人数/项目个数×分值", 10, "100户", "90户", None),
    ("得分=实际完成户数/项目个数×分值", 10, "100户", "90户", None),
    # plan/actual with nothing saying less is better
    ("得分=计划户数/实际户数×分值", 10, "100户", "120户", None),
    # the formula's own full marks above the weight
    ("得分=实际救助人次/计划救助人次*20", 10, "1500人次", "1350人次", None),
    # a condition that leaves the ratio nothing to score
    ("实际完成工程量/计划工程量×权重，未完成的不得分", 10, "100个", "90个", None),
    # less-is-better quantities written as if more were better
    ("得分=实际时长/计划时长×分值", 10, "10天", "8天", None),
    ("得分=实际结余率/目标结余率×分值", 10, "5%", "8%", None),
    ("得分=实际成本与预算成本之比×分值", 10, "100元", "90元", None),
    # a third amount in the explanation
    ("得分=已发放补贴资金/应发放补贴资金×分值", 10, None, None, "应发放500万元，已发放450万元，结余50万元"),
    # the heading's marks below the weight: which is the formula's 分值?
    ("落实村级办公经费(1分)。考核得分=抽查合格村数/抽查村总数×标准分值。", 2, None, None, "抽查村20个，合格15个"),
]
# fmt: on


def _score(text: str, weight: int, target: str | None, actual: str | None, note: str | None) -> Decimal | None:
    trial = try_rule(text, weight=str(weight), target=target, actual=actual, note=note, holds=None,
                     bonus_allowed=False)  # fmt: skip
    return None if trial.outcome is None else trial.outcome.score


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "expected"), SCORED)
def test_a_formula_on_named_quantities_scores_as_worked_by_hand(text, weight, target, actual, note, expected):
    score = _score(text, weight, target, actual, note)
    assert score is not None, text
    assert abs(score - Decimal(expected)) < Decimal("0.005"), (text, score)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note"), REFUSED)
def test_a_named_formula_that_does_not_settle_the_score_is_refused(text, weight, target, actual, note):
    assert _score(text, weight, target, actual, note) is None, text


@pytest.mark.parametrize("text", sorted({t for t, *_ in SCORED} | {"得分=(实际完成户数-不合格户数)/任务户数×分值"}))
def test_each_named_reading_round_trips_through_the_structured_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    assert round_trips(rule)


def test_the_reason_says_which_operand_was_taken_as_what_and_from_where():
    reason = try_rule("得分=实际救助人次/计划救助人次×分值", weight="10", target="1500人次", actual="1350人次",
                      note=None, holds=None, bonus_allowed=False).outcome.reason  # fmt: skip
    assert "“实际救助人次”为实际值" in reason and "“计划救助人次”为计划值" in reason
    assert "1350人次 ÷ 1500人次" in reason
    noted = try_rule("得分=实际救助人次/计划救助人次×分值", weight="10", target=None, actual=None,
                     note="计划救助1500人次，实际救助1350人次", holds=None, bonus_allowed=False).outcome.reason  # fmt: skip
    assert "取自说明" in noted
    third = try_rule("得分=(实际完成户数-不合格户数)/任务户数×分值", weight="10", target="100户", actual="90户",
                     note=None, holds=None, bonus_allowed=False).outcome.reason  # fmt: skip
    assert "“不合格户数”" in third


@pytest.mark.parametrize(
    ("name", "side"),
    [("实际到位资金", "actual"), ("预算资金", "plan"), ("已拨付资金", "actual"), ("应拨付资金", "plan"),
     ("完成户数", "actual"), ("任务户数", "plan"), ("项目总数", "plan"), ("验收合格项目数", "actual"),
     ("应急演练完成次数", "actual"), ("不合格户数", "")],
)  # fmt: skip
def test_each_name_is_placed_from_the_vocabulary(name, side):
    from medaid.evaluation.ruletext.named_quantities import _placed

    assert _placed(name, set()) == side


def test_an_explanation_is_read_by_the_formulas_own_names():
    pair = labelled_pair("抽查村、组20个，合格15个", "抽查合格村、组数量", "抽查村、组总数量")
    assert pair is not None and pair[0].value == 20 and pair[1].value == 15
    assert labelled_pair("抽查村、组20个，合格15个，不合格5个", "抽查合格村、组数量", "抽查村、组总数量") is None


@pytest.mark.parametrize(
    ("text", "weight", "target", "unit"),
    [
        ("得分=实际救助人次/计划救助人次×分值", 10, "1500人次", "人次"),
        ("完成户数/任务户数×分值，低于50%不得分", 10, "100户", "户"),
        ("得分=预算成本/实际成本×分值", 10, "100元", "元"),
    ],
)
def test_a_named_reading_moves_one_way_and_stays_within_the_weight(text, weight, target, unit):
    rule = parse_rule_text(text)
    assert rule is not None
    scores = []
    for value in range(10, 300, 7):
        outcome = rule.apply(Inputs(weight=Decimal(weight), target=parse_quantity(target),
                                    actual=parse_quantity(f"{value}{unit}")))  # fmt: skip
        assert outcome.score is not None, outcome.reason
        assert Decimal(0) <= outcome.score <= weight, outcome.reason
        scores.append(outcome.score)
    falling = "成本" in text
    assert all((a >= b) if falling else (a <= b) for a, b in itertools.pairwise(scores)), scores


def test_a_text_the_existing_readings_read_is_left_to_them():
    assert named_formula("得分=实际完成值/目标值×分值") is None
    assert named_formula("资金到位率=实际到位资金/预算资金×100%;得分=资金到位率×分值") is None


@pytest.mark.parametrize(("text", "weight", "target", "actual", "note", "expected"), SCORED)
def test_a_rewritten_named_wording_scores_the_same_or_is_refused(text, weight, target, actual, note, expected):
    for name, variant in variants(text).items():
        score = _score(variant, weight, target, actual, note)
        assert score is None or abs(score - Decimal(expected)) < Decimal("0.005"), (name, variant, score)
