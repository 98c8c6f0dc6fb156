"""The dashboard (工作台首页): the year's key figures, fund in and out by month, scores by dimension,
and what is still open — computed once per state of the workspace and kept until it changes.

A page is read far more often than the data change: an import, a verification run, a judgment or a
follow-up changes the store file or the audit trail, and only then is the dashboard computed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.money import yuan_float

if TYPE_CHECKING:
    from medaid.analytics.metrics import Value

KEY_METRICS: tuple[str, ...] = (
    "assistance_people",
    "assistance_visits",
    "assistance_amount",
    "subsidy_people",
    "subsidy_amount",
    "fund_income",
    "fund_spending",
    "spending_progress",
    "months_of_coverage",
    "verified_months",
)


@dataclass(frozen=True)
class Dimension:
    name: str
    weight: float | None
    score: float | None
    rate: float | None


@dataclass
class Dashboard:
    year: int
    metrics: list[Value] = field(default_factory=list)
    monthly_income: list[float] = field(default_factory=list)  # 元, January to December
    monthly_spending: list[float] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)
    total: float | None = None
    grade: str | None = None
    findings_by_state: dict[str, int] = field(default_factory=dict)  # verification findings
    warnings_by_state: dict[str, int] = field(default_factory=dict)
    pending: int = 0  # indicators still waiting for an evaluator's judgment
    evaluation_error: str | None = None  # why there are no scores (no framework yet…)

    def metric(self, name: str) -> Value | None:
        return next((v for v in self.metrics if v.metric.name == name), None)

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "metrics": [{**v.to_dict(), "text": v.text()} for v in self.metrics],
            "fund_by_month": {"income": self.monthly_income, "spending": self.monthly_spending},
            "dimensions": [d.__dict__ for d in self.dimensions],
            "total": self.total,
            "grade": self.grade,
            "findings_by_state": self.findings_by_state,
            "warnings_by_state": self.warnings_by_state,
            "pending": self.pending,
            "evaluation_error": self.evaluation_error,
        }


def _num(x: Decimal | None) -> float | None:
    return None if x is None else float(x)


def _compute(root: Path, year: int) -> Dashboard:
    """From the one evaluation the workbench and the reports use (every metric computed once); a workspace
    without a framework yet shows its metrics and says why it has no scores."""
    from medaid.analytics.binding import compute_all
    from medaid.analytics.chart_data import chart_data
    from medaid.errors import MedaidError
    from medaid.services.follow_ups import list_findings
    from medaid.services.warnings import warning_states
    from medaid.services.workbench import evaluation
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    board = Dashboard(year)
    try:
        evaluated = evaluation(root, year=year)
    except MedaidError as err:
        board.evaluation_error = err.message
        values = {v.metric.name: v for v in compute_all(workspace, year)}
    else:
        values = {v.metric.name: v for v in evaluated.metrics}
        scored = evaluated.report.scored
        board.total, board.grade = _num(scored.total), scored.grade
        board.pending = len(scored.pending)
        board.dimensions = [Dimension(n.indicator.name, _num(n.indicator.weight), _num(n.score), _num(n.rate))
                            for n in scored.nodes]  # fmt: skip
    board.metrics = [values[n] for n in KEY_METRICS if n in values]
    charts = chart_data(workspace, year)
    board.monthly_income = [yuan_float(x) for x in charts.monthly_income]
    board.monthly_spending = [yuan_float(x) for x in charts.monthly_spending]
    board.findings_by_state = dict(list_findings(root, limit=1).states)
    board.warnings_by_state = warning_states(root, year=year)
    return board


def dashboard(root: Path, *, year: int | None = None) -> Dashboard:
    """The dashboard of ``year`` (the workspace's year by default), kept while the data are the same."""
    from medaid.services.state import cached
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    chosen = year_of(Workspace.open(root), year)
    return cached(root, "dashboard", chosen, lambda: _compute(root, chosen))
