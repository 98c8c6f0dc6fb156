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
from medaid.evaluation.ruletext.bounds import bound_alone
from medaid.evaluation.ruletext.cases import per_case
from medaid.evaluation.ruletext.composite import composite  # composite family
from medaid.evaluation.ruletext.count_scores import count_score
from medaid.evaluation.ruletext.deductions import per_point
from medaid.evaluation.ruletext.direction import directional
from medaid.evaluation.ruletext.formulas import formula
from medaid.evaluation.ruletext.items import each_item  # steps and bonus family
from medaid.evaluation.ruletext.levels import checklist, judgement, qualitative, single_condition
from medaid.evaluation.ruletext.parts import step_sum  # steps and bonus family
from medaid.evaluation.ruletext.periods import period_thresholds  # faults family
from medaid.evaluation.ruletext.ranks import ranked
from medaid.evaluation.ruletext.shortfalls import deviation_band, shortfall_bands, unmet_deduction
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
    # faults family: "一季度…80%以上得1分;二季度…85%以上得1分": a part for each period, before the level readings
    # (checklist, banded, qualitative), which would take the periods for mutually exclusive levels of one value
    period_thresholds,
    ranked,  # before checklist and per_point, which would read "1-3名,7分" or "每下降一个位次扣0.5分" otherwise
    checklist,
    each_item,  # steps and bonus family: "(12分×2项,即A和B)…每低…扣…" before per_point
    step_sum,  # steps and bonus family: "A率…得15分,每下降…;B率…得15分,每下降…" before per_point
    per_point,
    per_case,
    count_score,
    judgement,
    banded,
    # conditions family: conditions against the target ("未完成计划数的扣3分", "比下达任务低5%以内的扣2分…",
    # "预算完成率超出正负10%不得分"), which the level and checklist readings below would take for named faults
    unmet_deduction,
    shortfall_bands,
    deviation_band,
    bound_alone,  # "按时完成率达100%,得2分": before the ratio readings, which would read "按时完成率" as "按完成率"
    rate_times_weight,
    proportional,
    as_percentage,
    full_if_met,
    qualitative,
    single_condition,
    # composite family: parts each with its own marks ("(1)…得1.2分,每低…扣0.1分;(2)…得0.3分"), last: only a
    # text no single shape reads is read as parts
    composite,
)
