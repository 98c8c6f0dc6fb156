"""Properties of every reading of the development corpus (tests/rule_corpus/), for any actual, not only
the hand-scored ones: a score never exceeds the weight unless the framework allows a bonus, never falls
below zero unless the text says it may (倒扣); it moves one way only as the actual grows, the way the rule
states; and the reading round-trips through the structured rule syntax (docs/rules.md)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medaid.evaluation.quantity import Quantity, parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.ruletext import parse_rule_text
from medaid.evaluation.ruletext.common import negative_allowed
from tests.corpus_cases import Entry, load
from tests.rule_checks import round_trips

ENTRIES = load()
READ = [(e, r) for e in ENTRIES if (r := parse_rule_text(e.text)) is not None]


def _numeric(entry: Entry) -> list[Quantity]:
    """The entry's actuals that are numbers (all in one unit), or [] when any is not."""
    found = [parse_quantity(c.actual) for c in entry.cases if c.actual is not None]
    numbers = [q for q in found if q is not None and q.value is not None]
    if not numbers or len(numbers) != len(entry.cases) or len({q.unit for q in numbers}) != 1:
        return []
    return numbers


NUMERIC = [(e, r, q) for e, r in READ if (q := _numeric(e))]


def _inputs(entry: Entry, actual: Quantity) -> Inputs:
    return Inputs(weight=entry.weight, target=parse_quantity(entry.target), actual=actual,
                  bonus_allowed=entry.bonus_allowed)  # fmt: skip


def _at(unit: str | None, value: Decimal) -> Quantity:
    return parse_quantity(f"{value}{unit or ''}") or Quantity(text=str(value), value=value, unit=unit)


def _span(entry: Entry, seen: list[Quantity]) -> Decimal:
    target = parse_quantity(entry.target)
    values = [abs(q.value) for q in seen if q.value is not None]
    if target is not None and target.value is not None:
        values.append(abs(target.value))
    return max([*values, Decimal(1)]) * 2


@pytest.mark.parametrize(("entry", "rule", "seen"), NUMERIC, ids=[e.id for e, _, _ in NUMERIC])
@settings(max_examples=60, deadline=None)
@given(fractions=st.lists(st.integers(min_value=0, max_value=1000), min_size=2, max_size=12))
def test_a_score_stays_within_its_bounds_and_moves_one_way_as_the_actual_grows(entry, rule, seen, fractions):
    unit, top = seen[0].unit, _span(entry, seen)
    scores = []
    for f in sorted(set(fractions)):
        outcome = rule.apply(_inputs(entry, _at(unit, (top * f / 1000).quantize(Decimal("0.01")))))
        if outcome.score is None:
            continue
        if not entry.bonus_allowed:
            assert outcome.score <= entry.weight, outcome.reason
        if "倒扣" not in entry.text and not negative_allowed(entry.text):  # 扣完得负分, 该项可负分 (counts family)
            assert outcome.score >= 0, outcome.reason
        scores.append(outcome.score)
    if rule.to_dict().get("two_sided"):  # 与目标每相差…: best at the target, less either side
        return
    rising = all(a <= b for a, b in itertools.pairwise(scores))
    falling = all(a >= b for a, b in itertools.pairwise(scores))
    assert rising or falling, f"{entry.id}: {scores}"


@pytest.mark.parametrize(("entry", "rule"), READ, ids=[e.id for e, _ in READ])
def test_the_reading_round_trips_through_the_structured_rule_syntax(entry, rule):
    assert round_trips(rule)
