"""Full marks the scoring text states for its item ("本项满分30分。得分=群众满意率×分值", "预算完成率(5分):…")
against the row's weight (formulas family, session 6 round 2).

A formula or ratio says "分值" (or "满分") for the item's marks. When the text states those marks and they differ
from the row's weight, which of the two the formula multiplies is unsaid: scoring with the weight reads the text
against its own words, scoring with the stated marks can leave the row's range. Such a row is refused, saying both
numbers, until the evaluator makes them agree.
"""

from __future__ import annotations

from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.base import Inputs, Outcome


def marks_differ(stated: Decimal | None, declared: Decimal | None, inputs: Inputs) -> Outcome | None:
    """A refusal when the text's stated full marks (``stated``: a heading inside the text, ``declared``: a
    header before a colon) differ from the row's weight; None when they agree or none is stated."""
    full = stated if stated is not None else declared
    if full is None or full == inputs.weight:
        return None
    return Outcome(
        None,
        f"评分标准写明本项满分 {fmt(full)} 分，与本行分值 {fmt(inputs.weight)} 分不同，公式按哪一个满分计算"
        "未写明，未计分；请核对分值或评分标准，使两者一致后重新计分",
    )
