"""Read the Chinese scoring-rule text of real indicator tables into rules.

Text of a shape listed in ``shapes`` becomes a rule; anything else is reported as
not understood (``parse_rule_text`` returns None) — never guessed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from medaid.evaluation.rules import Rule
from medaid.evaluation.ruletext import shapes
from medaid.evaluation.ruletext.normalize import normalize_rule_text

# Tried in this order: the most specific shapes first.
_SHAPES: tuple[Callable[[str], Rule | None], ...] = (
    shapes.budget_execution,
    shapes.checklist,
    shapes.per_point,
    shapes.per_case,
    shapes.judgement,
    shapes.banded,
    shapes.rate_times_weight,
    shapes.proportional,
    shapes.full_if_met,
    shapes.qualitative,
    shapes.single_condition,
)


def parse_rule_text(text: str) -> Rule | None:
    """The rule a Chinese text states, keeping the text; None when it is not understood."""
    norm = normalize_rule_text(text)
    if not norm:
        return None
    declared, body = shapes.header_full(norm)
    for shape in _SHAPES:
        rule = shape(body)
        if rule is not None:
            return dataclasses.replace(rule, text=text.strip(), declared_full=declared)
    return None


__all__ = ["normalize_rule_text", "parse_rule_text"]
