"""A framework used as a workspace's indicator system.

An evaluation file (a seed's transcription, the fictional example, a county's own table)
states what one evaluation found: its actuals, scores, notes, subtotals, total, grade and
the figures of its text. Used as the indicator system of another evaluation, it gives its
indicators, weights, rules, targets and metric bindings — never its claims. The new
evaluation's actuals come from the data, the survey and its evaluators' judgments.
"""

from __future__ import annotations

import copy
import dataclasses

from medaid.evaluation.model import Budget, Claimed, Framework, Indicator


def _strip(node: Indicator) -> None:
    node.score = None
    node.claimed = Claimed()
    node.note = None
    node.evidence = []
    node.judgment = None
    node.actual = None
    if node.budget is not None:
        node.budget = Budget(initial=node.budget.initial, annual=node.budget.annual)
    for child in node.children:
        _strip(child)


def indicator_system(framework: Framework) -> Framework:
    """A copy of ``framework`` with every claim removed (the original is not changed)."""
    system = copy.deepcopy(framework)
    for node in system.indicators:
        _strip(node)
    return dataclasses.replace(
        system, claimed_total=None, claimed_grade=None, figures=[], survey=None, goal_achieved=None, partial=False
    )
