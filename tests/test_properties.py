"""Properties that must hold for any input: scores stay within [0, weight], subtotals are
the sum of their children, grades follow the bands."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from medaid.evaluation.grades import BandSet
from medaid.evaluation.model import Framework, Indicator
from medaid.evaluation.numbers import round2
from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.scoring import score_framework
from tests.test_rule_text import CASES

RULE_TEXTS = sorted({c[0] for c in CASES})
TARGETS = [None, "13500人", "≥95%", "≤15%", "≤15天", "100人", "明显提高"]

weights = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(40), places=1)
percents = st.decimals(min_value=Decimal(-50), max_value=Decimal(250), places=2)


@st.composite
def actuals(draw: st.DrawFn) -> Quantity:
    kind = draw(st.sampled_from(["percent", "count", "days", "word"]))
    if kind == "word":
        word = draw(st.sampled_from(["达成", "部分达成", "未达成", "良", "基本相符", "是", "否", "明显提高"]))
        return Quantity(text=word, qualitative=word)
    value = draw(percents)
    unit = {"percent": "%", "count": "人", "days": "天"}[kind]
    return Quantity(text=f"{value}{unit}", value=value, unit=unit)


@settings(max_examples=400, deadline=None)
@given(
    text=st.sampled_from(RULE_TEXTS),
    weight=weights,
    target=st.sampled_from(TARGETS),
    actual=actuals(),
)
def test_a_rule_never_scores_above_the_weight_or_below_zero(text, weight, target, actual):
    from medaid.evaluation.quantity import parse_quantity

    rule = parse_rule_text(text)
    assert rule is not None
    outcome = rule.apply(Inputs(weight=weight, target=parse_quantity(target), actual=actual))
    if outcome.score is not None:
        assert Decimal(0) <= outcome.score <= weight
    assert outcome.reason


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> Indicator:
    weight = draw(weights)
    if depth >= 2 or draw(st.booleans()):
        score = draw(st.decimals(min_value=Decimal(0), max_value=weight, places=2))
        return Indicator(name=f"叶{draw(st.integers(0, 999))}", weight=weight, score=score)
    children = draw(st.lists(trees(depth + 1), min_size=1, max_size=4))
    total = sum((c.weight or Decimal(0) for c in children), Decimal(0))
    return Indicator(name=f"节点{depth}", weight=total, children=children)


def _check(node) -> None:
    if node.children:
        assert node.score == round2(sum(c.score for c in node.children))
        for child in node.children:
            _check(child)
    else:
        assert Decimal(0) <= node.score <= node.indicator.weight


@settings(max_examples=200, deadline=None)
@given(st.lists(trees(), min_size=1, max_size=5))
def test_subtotals_are_the_sum_of_their_children_and_the_grade_follows_the_band(indicators):
    scored = score_framework(Framework(title="性质测试", indicators=indicators))
    for node in scored.nodes:
        _check(node)
    assert scored.total == round2(sum(n.score for n in scored.nodes))
    assert scored.grade == (BandSet.default().grade(scored.total) if 0 <= scored.total <= 100 else None)


@given(st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2))
def test_grade_bands_are_excellent_good_fair_poor(total):
    grade = BandSet.default().grade(total)
    expected = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    assert grade == expected
