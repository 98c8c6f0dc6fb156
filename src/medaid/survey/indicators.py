"""Survey results into the framework: the indicators bound to ``satisfaction_rate`` (满意度)
and ``policy_awareness_rate`` (知晓率) take the survey's rate as their actual, and are
scored by their rule rather than by a typed-in score."""

from __future__ import annotations

import copy

from medaid.evaluation.model import Framework
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.survey_metrics import AWARENESS, SATISFACTION
from medaid.survey.stats import Estimate, percent_text
from medaid.survey.summary import SurveyResult

__all__ = ["AWARENESS", "SATISFACTION", "fill_from_survey"]


def _note(label: str, e: Estimate, survey: SurveyResult) -> str:
    level = f"{survey.confidence * 100:g}%"
    text = (f"问卷有效答卷 {e.n} 份，{label}为 {percent_text(e.value)}，{level} 置信区间 {percent_text(e.low)}–"
            f"{percent_text(e.high)}")  # fmt: skip
    if e.margin > survey.margin:
        text += f"；样本不足以支撑 ±{survey.margin * 100:g} 个百分点的精度（需约 {survey.needed} 份）"
    return text


def fill_from_survey(framework: Framework, survey: SurveyResult) -> tuple[Framework, list[tuple[str, ...]]]:
    """A copy of the framework with the survey's rates filled in; the paths filled."""
    filled = copy.deepcopy(framework)
    rates = {SATISFACTION: ("满意度", survey.satisfaction), AWARENESS: ("政策知晓率", survey.awareness)}
    done: list[tuple[str, ...]] = []
    for node in filled.walk():
        if node.metric not in rates:
            continue
        label, estimate = rates[node.metric]
        if estimate is None:
            continue
        node.actual = parse_quantity(percent_text(estimate.value))
        node.score = None  # scored from the rule and the survey, not from a stale entry
        node.note = _note(label, estimate, survey)
        done.append(node.path)
    return filled, done
