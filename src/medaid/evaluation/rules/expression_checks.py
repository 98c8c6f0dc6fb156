"""Checks on a written formula's size against the row's weight, and where it should give full marks
(``rules.expressions.Expression``)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from medaid.evaluation.numbers import HUNDRED, fmt
from medaid.evaluation.quantity import Comparator, as_percent_points, comparable, same_unit
from medaid.evaluation.rules.arithmetic import ONE, TARGET, WEIGHT, Dim, Node, variables
from medaid.evaluation.rules.base import Inputs


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


def per_point(value_kind: str, tree: Node, inputs: Inputs) -> Decimal | None:
    """ "0.57×实达标数" against a percentage target: the count is the number of percentage points (the
    target, in points, when the formula sizes its coefficient by it: 0.57 × 35 = 19.95 of 20)."""
    target = inputs.target
    if value_kind != "count" or TARGET in variables(tree) or target is None or target.value is None:
        return None
    if target.comparator in (Comparator.LE, Comparator.LT):
        return None
    return as_percent_points(target)


def reference_point(value_kind: str, tree: Node, inputs: Inputs, dim: int) -> Dim | None:
    """Where the formula should give full marks at most: the row's target in the actual's terms, or 100 %."""
    target, actual = inputs.target, inputs.actual
    if dim == 1 and (points := per_point(value_kind, tree, inputs)) is not None:
        return (points, 1)
    if target is None or target.value is None or actual is None:
        return (ONE, 0) if dim == 0 else None
    points = as_percent_points(target)
    if dim == 0:
        return (points / HUNDRED, 0) if points is not None and value_kind != "completion" else (ONE, 0)
    if points is None and same_unit(target.unit, comparable(target, actual).unit):
        return (target.value, 1)
    return None
