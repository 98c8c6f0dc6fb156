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
from medaid.evaluation.ruletext.bonus import add_deduct, step_bonus
from medaid.evaluation.ruletext.cases import per_case
from medaid.evaluation.ruletext.count_scores import count_score
from medaid.evaluation.ruletext.deductions import per_point
from medaid.evaluation.ruletext.direction import directional
from medaid.evaluation.ruletext.formulas import formula
from medaid.evaluation.ruletext.levels import checklist, judgement, qualitative, single_condition
from medaid.evaluation.ruletext.ranks import ranked
from medaid.evaluation.ruletext.simple import (
    as_percentage,
    budget_execution,
    full_if_met,
    proportional,
    rate_times_weight,
)

SHAPES: tuple[Callable[[str], Rule | None], ...] = (
    directional,  # 正向/反向指标: before formula, which would not know the declared direction
    formula,  # these three read a text only when nothing is left unexplained
    step_bonus,
    add_deduct,
    budget_execution,
    ranked,  # before checklist and per_point, which would read "1-3名,7分" or "每下降一个位次扣0.5分" otherwise
    checklist,
    per_point,
    per_case,
    count_score,
    judgement,
    banded,
    rate_times_weight,
    proportional,
    as_percentage,
    full_if_met,
    qualitative,
    single_condition,
)
