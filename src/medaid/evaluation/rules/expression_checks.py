"""Checks on a written formula's size against the row's weight (``rules.expressions.Expression``)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.rules.arithmetic import WEIGHT, Dim, Node, variables


def short_of_weight(
    tree: Node, check: Dim | None, at: Callable[[Decimal], Decimal], weight: Decimal, dim: int
) -> str | None:
    """ "得分=完成率×20%" with a weight of 20: a rate formula without 分值 that gives under half the weight where
    it should give full marks — the formula or the weight is miswritten, not a score to give."""
    if WEIGHT in variables(tree) or check is None or dim != 0 or weight <= 0:
        return None
    top = at(check[0])
    if top >= weight / 2:
        return None
    return (
        f"按公式在目标值（或满分点）处只得 {fmt(top)} 分，远低于本项分值 {fmt(weight)} 分，"
        "公式或分值可能有误，需人工判断"
    )
