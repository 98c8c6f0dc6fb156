"""The library of scoring rules. Each rule is a small named unit whose docstring quotes
the Chinese wording it implements; ``medaid.evaluation.ruletext`` reads those wordings."""

from medaid.evaluation.rules.bands import Band, Banded
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.cases import PerCase
from medaid.evaluation.rules.completion import (
    BudgetExecution,
    FullIfMet,
    Proportional,
    RateTimesWeight,
)
from medaid.evaluation.rules.deduction import Direction, Partial, PerPoint
from medaid.evaluation.rules.judged import Checklist, Judgement, Level, Manual, Qualitative
from medaid.evaluation.rules.structured import RULE_TYPES, RuleSpecError, rule_from_mapping

__all__ = [
    "RULE_TYPES",
    "Band",
    "Banded",
    "BudgetExecution",
    "Checklist",
    "Direction",
    "FullIfMet",
    "Inputs",
    "Judgement",
    "Level",
    "Manual",
    "Outcome",
    "Partial",
    "PerCase",
    "PerPoint",
    "Proportional",
    "Qualitative",
    "RateTimesWeight",
    "Rule",
    "RuleSpecError",
    "rule_from_mapping",
]
