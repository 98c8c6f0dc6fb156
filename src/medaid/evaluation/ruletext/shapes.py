"""The shapes of Chinese scoring-rule text that medaid understands, in the order tried.

Each shape function takes a normalized text and returns a rule, or None when the text is
not of its shape; the most specific shapes come first. Reading conventions are stated
in the modules that apply them (``bands``: 以上/以下 and 含; ``deductions``: part steps;
``cases``: cut-offs such as "3例及以上不得分").
"""

from __future__ import annotations

from collections.abc import Callable

from medaid.evaluation.rules import Rule
from medaid.evaluation.ruletext.bands import banded
from medaid.evaluation.ruletext.cases import per_case
from medaid.evaluation.ruletext.deductions import per_point
from medaid.evaluation.ruletext.levels import checklist, judgement, qualitative, single_condition
from medaid.evaluation.ruletext.simple import budget_execution, full_if_met, proportional, rate_times_weight

SHAPES: tuple[Callable[[str], Rule | None], ...] = (
    budget_execution,
    checklist,
    per_point,
    per_case,
    judgement,
    banded,
    rate_times_weight,
    proportional,
    full_if_met,
    qualitative,
    single_condition,
)
