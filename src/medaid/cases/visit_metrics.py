"""The follow-up visit metrics over a period, as SQL on the app database: the queries are their provenance.

Plans count in a period when their period starts in it (``visit_plans.period_from`` between ``:start`` and
``:end``, of the workspace ``:workspace``). A target's outcome is its latest record (the highest id). These are
the same numbers as :func:`medaid.cases.visits.tally` gives plan by plan (a test holds them equal), summed over
the plans; for binding to framework indicators the way ``analytics.metrics`` does (name, label, unit, formula,
numerator and denominator queries).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from medaid.evaluation.case_metric_names import VISIT_RATE, VISIT_SATISFACTION

_PLANS = "SELECT id FROM visit_plans WHERE workspace = :workspace AND period_from BETWEEN :start AND :end"
_LATEST = (f"SELECT t.id, r.outcome, r.satisfaction, r.needs FROM visit_targets t "
           f"JOIN visit_records r ON r.target_id = t.id "
           f"WHERE t.plan_id IN ({_PLANS}) "
           f"AND r.id = (SELECT max(x.id) FROM visit_records x WHERE x.target_id = t.id)")  # fmt: skip
_TARGETS = f"SELECT count(*) FROM visit_targets WHERE plan_id IN ({_PLANS})"
_VISITED = f"SELECT count(*) FROM ({_LATEST}) l WHERE l.outcome = 'visited'"


@dataclass(frozen=True)
class VisitMetric:
    """One metric: its one name, label, unit, formula in words, and the queries of its two terms."""

    name: str
    label: str
    unit: str
    formula: str
    numerator: str
    denominator: str | None


def _answered(options: tuple[str, ...]) -> str:
    listed = ", ".join("'{}'".format(o.replace("'", "''")) for o in options)
    return f"SELECT count(*) FROM ({_LATEST}) l WHERE l.outcome = 'visited' AND l.satisfaction IN ({listed})"


def definitions(options: tuple[str, ...], satisfied: tuple[str, ...]) -> tuple[VisitMetric, ...]:
    """The metrics, for the satisfaction scale given (the survey's: ``survey.model``)."""
    frames = f"SELECT coalesce(sum(frame_size), 0) FROM visit_plans WHERE id IN ({_PLANS}) AND method = 'all'"
    return (
        VisitMetric(VISIT_RATE, "回访率", "%", "已回访人数 ÷ 计划回访人数 × 100%", _VISITED, _TARGETS),
        VisitMetric(
            "visit_coverage",
            "回访覆盖率",
            "%",
            "全部回访计划中已回访人数 ÷ 回访总体人数 × 100%",
            f"SELECT count(*) FROM ({_LATEST}) l JOIN visit_targets t ON t.id = l.id "
            f"JOIN visit_plans p ON p.id = t.plan_id WHERE l.outcome = 'visited' AND p.method = 'all'",
            frames,
        ),
        VisitMetric(
            VISIT_SATISFACTION,
            "回访满意率",
            "%",
            f"回访中答“{'”或“'.join(satisfied)}”的人数 ÷ 回访中回答满意度的人数 × 100%",
            _answered(satisfied),
            _answered(options),
        ),
        VisitMetric(
            "visit_needs_found",
            "回访发现需求人数",
            "人",
            "已回访且登记了至少一类需求的人数",
            f"SELECT count(*) FROM ({_LATEST}) l WHERE l.outcome = 'visited' AND l.needs IS NOT NULL",
            None,
        ),
    )


def compute(session: Session, metric: VisitMetric, *, workspace: str, start: dt.date,
            end: dt.date) -> tuple[int, int | None]:  # fmt: skip
    """(numerator, denominator) of a metric over the plans starting in [start, end]."""
    params = {"workspace": workspace, "start": start, "end": end}
    top = int(session.execute(text(metric.numerator), params).scalar_one())
    if metric.denominator is None:
        return top, None
    return top, int(session.execute(text(metric.denominator), params).scalar_one())
