"""Written formulas read as arithmetic, worded as other provinces write them: each wording is the test's
name, with the score worked by hand from the Chinese alone; formulas that are ambiguous (an unknown
variable, two formulas, units that do not fit, more than the weight at the target with no cap) refused."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from medaid.evaluation.rules import rule_from_mapping
from medaid.evaluation.rules.arithmetic import ExpressionError, parse
from medaid.evaluation.rules.expressions import Expression
from medaid.evaluation.ruletext import parse_rule_text
from medaid.services.evaluation import try_rule
from tests.rule_variants import variants

# (wording, weight, target, actual, expected score worked by hand)
# fmt: off
SCORED = [
    ("得分=70×实际达标率-63", 7, "≥95%", "96%", "4.2"),  # 70 × 0.96 − 63
    ("得分=70×实际达标率-63", 7, "≥95%", "100%", "7"),
    ("得分=70×实际达标率-63", 7, "≥95%", "88%", "0"),  # 61.6 − 63 < 0: not below 0
    ("得分=0.57×实达标数", 10, None, "15个", "8.55"),
    ("得分=0.5×实际数", 5, "10次", "8次", "4"),
    ("得分=0.5×实际数", 5, "10次", "12次", "5"),  # 6, capped at the weight
    ("得分=完成率×分值×0.8", 10, "100%", "90%", "7.2"),
    ("得分=实际完成率/目标值×分值", 10, "≥95%", "90%", "9.4736842105"),  # 10 × 90 ÷ 95
    ("指标得分=实际完成数/计划数×权重", 6, "1000人", "900人", "5.4"),
    ("得分=实际完成值÷年度指标值×该指标分值", 8, "400户", "300户", "6"),
    ("得分=(1-(实际值-目标值)/目标值)×分值", 10, "≤50天", "55天", "9"),  # 10 × (1 − 5/50)
    ("得分=权重×(1-(实际值-目标值)/目标值)", 8, "≤100万元", "1050000元", "7.6"),  # 万元 and 元 convert
    ("得分=分值-(目标值-实际值)/目标值×分值×2", 10, "200人", "180人", "8"),  # 10 − 20/200 × 10 × 2
    ("得分=分值×(1-(目标值-实际值)÷目标值×5)，扣完为止", 10, "95%", "93%", "8.9473684211"),
    ("得分=(实际完成值-计划值×0.8)/(计划值×0.2)×分值", 10, "100人", "90人", "5"),  # (90 − 80) ÷ 20 × 10
    ("得分=(实际完成值-计划值×0.8)/(计划值×0.2)×分值", 10, "100人", "75人", "0"),
    ("指标得分=2×完成率×分值-分值", 10, "100%", "90%", "8"),  # 2 × 0.9 × 10 − 10
    ("得分=出勤率×分值×1.2，最高不超过分值", 10, None, "80%", "9.6"),
    ("得分=出勤率×分值×1.2，最高不超过分值", 10, None, "90%", "10"),  # 10.8, capped
    ("得分=分值×(1-事故发生率/10‰)", 5, "≤5‰", "2‰", "4"),  # 5 × (1 − 2/10)
    ("得分为实际完成值/目标值×10分", 10, "50个", "45个", "9"),
    ("得分=（实际值÷目标值）×100%×权重", 4, "500万元", "450万元", "3.6"),
    ("按(实际完成数÷计划数)×分值计分", 5, "80人", "60人", "3.75"),
    ("按实际完成率×分值×0.9计算得分", 10, "100%", "100%", "9"),
    ("得分=标准分×实际完成率", 6, "100%", "95%", "5.7"),
    ("得分=满分×(实际完成值/计划数)", 4, "50台", "40台", "3.2"),
    ("指标得分 = 分值 × 实际完成数 ÷ 计划完成数", 10, "300人次", "270人次", "9"),
    ("得分=知晓率÷80%×分值，超过80%的得满分", 5, "≥80%", "72%", "4.5"),
    ("得分=知晓率÷80%×分值，超过80%的得满分", 5, "≥80%", "85%", "5"),
    ("得分=(满意度-70%)÷(90%-70%)×分值，满意度达到90%及以上得满分，低于70%不得分", 5, "≥90%", "80%", "2.5"),
    ("得分=(满意度-70%)÷(90%-70%)×分值，满意度达到90%及以上得满分，低于70%不得分", 5, "≥90%", "65%", "0"),
    ("得分=实际完成数/计划数×权重，超过100%按100%计", 6, "1000人", "1200人", "6"),
    ("当年实际完成值低于目标值时,得分=实际完成值/目标值×分值;达到目标值得满分", 10, "200人", "150人", "7.5"),
    ("当年实际完成值低于目标值时,得分=实际完成值/目标值×分值;达到目标值得满分", 10, "200人", "210人", "10"),
    ("得分=目标值/实际值×分值", 5, "≤30天", "40天", "3.75"),
    ("计算公式：得分=实际完成值/目标值×分值", 5, "20个", "16个", "4"),
    ("得分=分值×执行率，执行率超过100%的按100%计算", 5, "100%", "104%", "5"),
    ("得分=分值×执行率，执行率超过100%的按100%计算", 5, "100%", "90%", "4.5"),
    ("得分=完成率×分值×0.8，完成率超过100%的按100%计算", 10, "100%", "110%", "8"),  # the rate capped, not the score
    ("得分=60×抽检合格率-50 最高分为10分,低于85%为0分", 10, "≥95%", "90%", "4"),  # 54 − 50
    ("得分=60×抽检合格率-50 最高分为10分,低于85%为0分", 10, "≥95%", "84%", "0"),
    ("得分=20×实际达标率-10，最高分为8分", 10, None, "95%", "8"),  # 9, at most 8
    ("得分=20×实际达标率-10，抽查样本中的返工项目不计入考核", 10, None, "95%", "9"),
]

REFUSED = [
    ("得分=出勤率×分值×1.2", 10, None, "80%"),  # 12 at 100 % with no cap written
    ("得分=0.57×实达标数", 10, "20个", "15个"),  # 11.4 at the target, above the weight
    ("得分=分值×2×完成率", 10, "100%", "90%"),  # twice the weight at the target
    ("得分=合格户数/抽查户数×分值", 5, "100%", "90%"),  # unknown variables
    ("得分=完成率×分值；得分=实际值/目标值×分值", 5, "100%", "90%"),  # two formulas compete
    ("得分=实际完成数/计划数×分值", 5, "1000人", "90%"),  # units do not fit
    ("得分=合格率×分值", 5, "1000人", "900人"),  # a rate, not a completion rate, from counts
    ("得分=70×实际达标率-63", 7, "≥95%", "15个"),  # a rate from a count
    ("得分=0.57×实达标数", 10, None, "96%"),  # a count given as a percentage
    ("得分=0.57×实达标数×分值", 5, None, "3个"),  # a count times the weight: no score
    ("得分=实际值+目标值", 5, "3个", "3个"),  # a sum in 个: no score
    ("得分=目标值/实际值×分值", 5, "≥95%", "90%"),  # falls as the actual rises against a "≥" target
    ("得分=(1-(实际值-目标值)/目标值)×分值", 10, "≥50天", "55天"),  # same
    ("得分=实际值/目标值×分值", 5, None, "90%"),  # no target
    ("得分=分值×2-", 5, "100%", "90%"),  # not arithmetic
]
# fmt: on


def _score(text: str, weight: int, target: str | None, actual: str) -> tuple[Decimal | None, str]:
    trial = try_rule(text, weight=str(weight), target=target, actual=actual)
    if trial.outcome is None:
        return None, "未识别"
    return trial.outcome.score, trial.outcome.reason


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), SCORED)
def test_a_written_formula_scores_as_worked_by_hand(text, weight, target, actual, expected):
    score, reason = _score(text, weight, target, actual)
    assert score is not None and abs(score - Decimal(expected)) < Decimal("0.0001"), reason
    assert reason


@pytest.mark.parametrize(("text", "weight", "target", "actual"), REFUSED)
def test_an_ambiguous_formula_is_refused(text, weight, target, actual):
    score, reason = _score(text, weight, target, actual)
    assert score is None, reason


def test_the_reason_spells_the_arithmetic():
    _, reason = _score("得分=70×实际达标率-63", 7, "≥95%", "96%")
    assert "得分 = 70 × 实际达标率 − 63 = 70 × 96% − 63 = 4.2" in reason


def test_more_than_the_weight_at_the_target_says_why_it_is_refused():
    _, reason = _score("得分=出勤率×分值×1.2", 10, None, "80%")
    assert "高于本项分值" in reason and "封顶" in reason


@pytest.mark.parametrize("text", sorted({t for t, *_ in SCORED}))
def test_each_reading_round_trips_through_the_structured_rule_syntax(text):
    rule = parse_rule_text(text)
    assert rule is not None
    spec = {k: v for k, v in rule.to_dict().items() if k not in ("label", "full_marks")}
    assert rule_from_mapping(spec) == rule


def test_the_structured_form_is_written_as_an_expression():
    rule = rule_from_mapping(
        {"type": "formula", "expression": "70×实际值-63", "name": "实际达标率", "value_kind": "rate"}
    )
    assert isinstance(rule, Expression)
    assert rule_from_mapping({k: v for k, v in rule.to_dict().items() if k != "label"}) == rule
    with pytest.raises(ValueError):
        rule_from_mapping({"type": "formula", "expression": "70×分值-63"})  # no actual in it


@pytest.mark.parametrize("bad", ["", "1+", "(实际值×2", "实际值 分值", "实际值)×2", "2(实际值)"])
def test_what_is_not_arithmetic_is_not_parsed(bad):
    with pytest.raises(ExpressionError):
        parse(bad)


@pytest.mark.parametrize(("text", "weight", "target", "actual", "expected"), SCORED)
def test_a_rewritten_formula_scores_the_same_or_is_refused(text, weight, target, actual, expected):
    for name, variant in variants(text).items():
        score, reason = _score(variant, weight, target, actual)
        assert score is None or abs(score - Decimal(expected)) < Decimal("0.0001"), (name, variant, reason)


def test_nearly_every_rewritten_formula_is_still_understood():
    rewritten = [v for t in {t for t, *_ in SCORED} for v in variants(t).values()]
    understood = sum(parse_rule_text(v) is not None for v in rewritten)
    assert understood / len(rewritten) >= 0.9, f"{understood} of {len(rewritten)}"


def test_a_reading_is_a_plain_dataclass():
    rule = parse_rule_text("得分=70×实际达标率-63")
    assert isinstance(rule, Expression) and dataclasses.is_dataclass(rule)
    assert rule.expression == "70×实际值-63" and rule.value_kind == "rate"
