"""The library of scoring rules. Each rule is a small named unit whose docstring quotes
the Chinese wording it implements; ``medaid.evaluation.ruletext`` reads those wordings."""

from medaid.evaluation.rules.adjustments import AddDeduct, Adjustment
from medaid.evaluation.rules.bands import Band, Banded
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.bonus import Reference, Step, StepBonus
from medaid.evaluation.rules.cases import PerCase
from medaid.evaluation.rules.completion import (
    BudgetExecution,
    FullIfMet,
    Proportional,
    RateTimesWeight,
)
from medaid.evaluation.rules.counts import CountScore
from medaid.evaluation.rules.deduction import Direction, Partial, PerPoint
from medaid.evaluation.rules.direction import Directional
from medaid.evaluation.rules.formulas import Formula, FormulaValue
from medaid.evaluation.rules.judged import Checklist, Judgement, Level, Manual, Qualitative
from medaid.evaluation.rules.kinds import CaseKind, PerKind
from medaid.evaluation.rules.levels import YesNo
from medaid.evaluation.rules.ranks import RankBand, Ranked
from medaid.evaluation.rules.structured import RULE_TYPES, RuleSpecError, rule_from_mapping
from medaid.evaluation.rules.unweighted import Unweighted

__all__ = [
    "RULE_TYPES",
    "AddDeduct",
    "Adjustment",
    "Band",
    "Banded",
    "BudgetExecution",
    "CaseKind",
    "Checklist",
    "CountScore",
    "Direction",
    "Directional",
    "Formula",
    "FormulaValue",
    "FullIfMet",
    "Inputs",
    "Judgement",
    "Level",
    "Manual",
    "Outcome",
    "Partial",
    "PerCase",
    "PerKind",
    "PerPoint",
    "Proportional",
    "Qualitative",
    "RankBand",
    "Ranked",
    "RateTimesWeight",
    "Reference",
    "Rule",
    "RuleSpecError",
    "Step",
    "StepBonus",
    "Unweighted",
    "YesNo",
    "rule_from_mapping",
]
