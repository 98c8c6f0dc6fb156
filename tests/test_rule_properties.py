"""Properties of every reading of the development corpus (tests/rule_corpus/), for any actual, not only
the hand-scored ones: a score never exceeds the weight unless the framework allows a bonus, never falls
below zero unless the text says it may (倒扣); it moves one way only as the actual grows, the way the rule
states; and the reading round-trips through the structured rule syntax (docs/rules.md)."""

from __future__ import annotations

import dataclasses
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medaid.evaluation.quantity import Quantity, parse_quantity
from medaid.evaluation.rules import Inputs, Rule, rule_from_mapping
from medaid.evaluation.ruletext import parse_rule_text
from tests.corpus_cases import Entry, load

ENTRIES = load()
READ = [(e, r) for e in ENTRIES if (r := parse_rule_text(e.text)) is not None]
NOT_A_SPEC = ("label", "text", "full_marks")  # to_dict() adds these for people; a spec does not carry them


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
        if "倒扣" not in entry.text:
            assert outcome.score >= 0, outcome.reason
        scores.append(outcome.score)
    if rule.to_dict().get("two_sided"):  # 与目标每相差…: best at the target, less either side
        return
    rising = all(a <= b for a, b in itertools.pairwise(scores))
    falling = all(a >= b for a, b in itertools.pairwise(scores))
    assert rising or falling, f"{entry.id}: {scores}"


# What a rule keeps of its wording rather than of its meaning: the text, full marks stated in its header,
# whether a reading was stated in the text or is medaid's default (the audit's severity), the cut-off's words.
WORDING = ("text", "declared_full", "implied", "explicit_reading", "zero_wording")


def _aligned(read: object, back: object) -> object:
    """``back`` with the wording of ``read`` put in, at every depth (the parts of a composite keep their texts)."""
    if dataclasses.is_dataclass(read) and not isinstance(read, type) and type(back) is type(read):
        changes = {
            f.name: getattr(read, f.name)
            if f.name in WORDING
            else _aligned(getattr(read, f.name), getattr(back, f.name))
            for f in dataclasses.fields(read)
            if f.init
        }
        return dataclasses.replace(back, **changes)  # type: ignore[type-var]
    if isinstance(read, tuple) and isinstance(back, tuple) and len(read) == len(back):
        return tuple(_aligned(r, b) for r, b in zip(read, back, strict=True))
    return back


def _same(read: Rule, back: Rule) -> bool:
    return _aligned(read, back) == read


@pytest.mark.parametrize(("entry", "rule"), READ, ids=[e.id for e, _ in READ])
def test_the_reading_round_trips_through_the_structured_rule_syntax(entry, rule):
    spec = {k: v for k, v in rule.to_dict().items() if k not in NOT_A_SPEC}
    assert _same(rule, rule_from_mapping(spec)), spec
