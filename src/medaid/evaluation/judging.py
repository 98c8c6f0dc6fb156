"""Evaluators' judgments (评价人员评分) on a framework: find the leaf a user names, check a
score before it is stored, and attach stored judgments to a copy of the framework.

Judgments are kept by the app (with who, when, the reason and evidence); the engine only
needs them on the leaves before scoring (``scoring`` then scores a judged leaf with the
judgment, or reports an override of the rule's automatic score).
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from medaid.errors import Location, MedaidError
from medaid.evaluation.actual_text import apply_rule
from medaid.evaluation.judged_checks import allowed_by_rule
from medaid.evaluation.model import Framework, Indicator, Judgment
from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.scoring import inputs_of, rule_of

_SEPARATORS = re.compile(r"\s*[/／›>＞]\s*")
_SHOWN = 8  # leaves listed in a message at most


class JudgmentError(MedaidError):
    """A judgment cannot be entered: unknown indicator, a branch, or a score out of range."""


def parse_path(text: str) -> tuple[str, ...]:
    """ "产出/项目产出/救助对象精准度" (also with ／, › or >, spaces around them allowed)."""
    parts = tuple(p.strip() for p in _SEPARATORS.split(text.strip()) if p.strip())
    if not parts:
        raise JudgmentError(
            f"指标路径“{text}”为空",
            where=Location(key="path"),
            fix="请按“一级/二级/三级”写出末级指标的完整路径，如 产出/项目产出/救助对象精准度",
        )
    return parts


def _joined(path: Sequence[str]) -> str:
    return "/".join(path)


def _listed(paths: list[tuple[str, ...]]) -> str:
    shown = "、".join(_joined(p) for p in paths[:_SHOWN])
    return shown + (f" 等 {len(paths)} 项" if len(paths) > _SHOWN else "")


def find_indicator(framework: Framework, path: Sequence[str]) -> Indicator:
    """The leaf at ``path`` (names from the top level down); a JudgmentError naming the
    nearest leaves when there is none, and refusing a branch (judgments are for leaves)."""
    wanted = tuple(str(p).strip() for p in path)
    nodes = {node.path: node for node in framework.walk()}
    leaves = [p for p, node in nodes.items() if node.is_leaf]
    found = nodes.get(wanted)
    where = Location(file=framework.file, path=wanted)
    if found is None:
        by_text = {_joined(p): p for p in leaves}
        near = difflib.get_close_matches(_joined(wanted), list(by_text), n=3, cutoff=0.5)
        same_name = [p for p in leaves if wanted and p[-1] == wanted[-1] and _joined(p) not in near]
        suggestions = [by_text[t] for t in near] + same_name
        raise JudgmentError(
            f"评价框架中没有指标“{_joined(wanted)}”",
            where=where,
            fix=(f"最接近的末级指标：{_listed(suggestions)}" if suggestions else "请用完整路径“一级/二级/三级”")
            + "；可用 medaid score 查看全部指标",
        )
    if not found.is_leaf:
        below = [n.path for n in found.walk() if n.is_leaf]
        raise JudgmentError(
            f"“{_joined(wanted)}”不是末级指标，评价人员评分只能录入末级指标（其得分由下级合计）",
            where=where,
            fix=f"其下的末级指标：{_listed(below)}",
        )
    return found


def check_judgment(framework: Framework, path: Sequence[str], score: Decimal) -> Indicator:
    """The leaf a judgment of ``score`` is for, once the score is within 0..weight and
    within what the leaf's rule leaves to the evaluator; a JudgmentError otherwise."""
    indicator = find_indicator(framework, path)
    weight = indicator.weight or ZERO
    where = Location(file=framework.file, path=indicator.path)
    if not score.is_finite() or score < ZERO or score > weight:
        raise JudgmentError(
            f"“{indicator.name}”分值 {fmt(weight)} 分，评分 {score} 分超出 0–{fmt(weight)} 分的范围",
            where=where,
            fix=f"请在 0–{fmt(weight)} 分之间评分",
        )
    rule = rule_of(indicator)
    outcome = apply_rule(rule, inputs_of(indicator)) if rule is not None else None  # as scoring reads it
    allowed = allowed_by_rule(outcome, weight)
    if rule is not None and allowed is not None and not allowed[0] <= score <= allowed[1]:
        raise JudgmentError(
            f"“{indicator.name}”的评分标准（{rule.label}）只允许 {fmt(allowed[0])}–{fmt(allowed[1])} 分，"
            f"评分 {fmt(score)} 分超出该范围",
            where=where,
            fix=f"请在 {fmt(allowed[0])}–{fmt(allowed[1])} 分之间评分；评分标准：{rule.text or rule.label}",
        )
    return indicator


def apply_judgments(
    framework: Framework, judgments: Mapping[tuple[str, ...], Judgment]
) -> tuple[Framework, list[tuple[str, ...]]]:
    """A deep copy of ``framework`` with each judgment on the leaf at its path, and the
    paths that match no leaf any more (the framework changed since they were entered)."""
    attached = copy.deepcopy(framework)
    leaves = {node.path: node for node in attached.walk() if node.is_leaf}
    stale: list[tuple[str, ...]] = []
    for path, judgment in judgments.items():
        leaf = leaves.get(tuple(path))
        if leaf is None:
            stale.append(tuple(path))
        else:
            leaf.judgment = judgment
    return attached, stale
