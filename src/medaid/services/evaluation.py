"""Evaluation operations: score or audit an evaluation file, try a rule, list the shipped
frameworks, and evaluate a workspace from its data, its survey and its evaluators' judgments.

Scoring and auditing a file import nothing of the analytics (no DuckDB, no Ibis): they run
where only a table is at hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.progress import SILENT, Progress

if TYPE_CHECKING:
    from medaid.analytics.binding import Binding
    from medaid.analytics.chart_data import ChartData
    from medaid.analytics.metrics import Value
    from medaid.evaluation import AuditReport, Finding, ScoredFramework
    from medaid.evaluation.catalog import Entry
    from medaid.evaluation.model import Judgment
    from medaid.evaluation.rules import Outcome, Rule
    from medaid.store.judgments import JudgmentRecord
    from medaid.survey.summary import SurveyResult
    from medaid.workspace import Workspace


@dataclass
class ScoreResult:
    scored: ScoredFramework
    structure: list[Finding]

    def to_dict(self) -> dict[str, object]:
        from medaid.evaluation import scored_dict

        return scored_dict(self.scored) | {"findings": [f.to_dict() for f in self.structure]}


@dataclass
class AuditResult:
    report: AuditReport

    @property
    def exit_code(self) -> int:
        return self.report.exit_code

    def to_dict(self) -> dict[str, object]:
        from medaid.evaluation import audit_dict

        return audit_dict(self.report)


def score_file(ref: str) -> ScoreResult:
    """Score an evaluation file (YAML, CSV or XLSX 评分表) or a shipped framework by its rules."""
    from medaid.evaluation import load_framework, score_framework
    from medaid.evaluation.catalog import resolve
    from medaid.evaluation.checks import check_structure

    scored = score_framework(load_framework(resolve(ref)))
    return ScoreResult(scored, check_structure(scored))


def audit_file(ref: str) -> AuditResult:
    """Every inconsistency in what an evaluation file states (contract 2)."""
    from medaid.evaluation import audit, load_framework
    from medaid.evaluation.catalog import resolve

    return AuditResult(audit(load_framework(resolve(ref))))


def list_frameworks() -> list[Entry]:
    from medaid.evaluation.catalog import entries

    return entries()


@dataclass
class RuleTrial:
    text: str
    rule: Rule | None
    outcome: Outcome | None
    weight: Decimal

    @property
    def understood(self) -> bool:
        return self.rule is not None

    @property
    def full_marks(self) -> Decimal | None:
        """The full marks the rule text states (None: the weight's)."""
        return None if self.rule is None else self.rule.full_marks()

    @property
    def full_marks_differ(self) -> bool:
        """The rule's own full marks are not the weight given (the audit's ``rule_weight``)."""
        return self.full_marks is not None and self.full_marks != self.weight

    def to_dict(self) -> dict[str, object]:
        from medaid.evaluation.numbers import round2

        if self.rule is None or self.outcome is None:
            return {"understood": False, "text": self.text,
                    "message": "未能识别该评分标准的句式（不会猜测）。支持的句式见 docs/rules.md。"}  # fmt: skip
        score = self.outcome.score
        return {"understood": True, "rule": self.rule.to_dict(), "full_marks_differ": self.full_marks_differ,
                "score": None if score is None else float(round2(score)), "reason": self.outcome.reason}  # fmt: skip


def try_rule(
    text: str,
    *,
    weight: str,
    target: str | None = None,
    actual: str | None = None,
    note: str | None = None,
    holds: tuple[int, ...] | None = None,
    bonus_allowed: bool = False,
) -> RuleTrial:
    """How medaid reads one Chinese scoring rule, and the score it gives. ``note``: the 扣分说明 or 偏差原因
    written beside it; ``holds``: which items of a checklist hold (1 = the first); ``bonus_allowed``: the
    framework lets a score exceed its weight."""
    from medaid.evaluation.actual_text import apply_rule
    from medaid.evaluation.numbers import to_decimal
    from medaid.evaluation.quantity import parse_quantity
    from medaid.evaluation.rules import Inputs
    from medaid.evaluation.ruletext import parse_rule_text

    value = to_decimal(weight)
    if value is None or value < 0:
        raise MedaidError(f"分值“{weight}”无效", where=Location(key="--weight"), fix="分值应为不小于 0 的数字")
    rule = parse_rule_text(text)
    if rule is None:
        return RuleTrial(text, None, None, value)
    inputs = Inputs(weight=value, target=parse_quantity(target), actual=parse_quantity(actual), note=note,
                    holds=holds, bonus_allowed=bonus_allowed)  # fmt: skip
    return RuleTrial(text, rule, apply_rule(rule, inputs), value)  # a missing actual is read from the note


# --- a workspace ------------------------------------------------------------------------------


@dataclass
class Evaluation:
    """A workspace's framework scored from its data, survey and judgments."""

    framework_ref: str
    year: int
    binding: Binding
    report: AuditReport
    metrics: list[Value] = field(default_factory=list)  # every metric computed (for reports), or those bound
    judgments: list[JudgmentRecord] = field(default_factory=list)  # in force and applied
    stale: list[JudgmentRecord] = field(default_factory=list)  # judgments of indicators no longer in the framework
    survey: SurveyResult | None = None  # the survey that filled its indicators (given, or kept in the workspace)
    charts: ChartData | None = None  # the report's chart series, when asked for with the metrics

    @property
    def exit_code(self) -> int:
        return self.report.exit_code

    def to_dict(self) -> dict[str, object]:
        from medaid.evaluation import audit_dict, scored_dict

        data = scored_dict(self.report.scored)
        data["evaluated"] = {"year": self.year, "framework": self.framework_ref}  # the workspace's, not the file's
        data["audit"] = audit_dict(self.report)
        data["metrics"] = [v.to_dict() for v in self.binding.values.values()]
        data["bound"] = [{"path": list(p), "metric": m, "actual": a} for p, m, a in self.binding.bound]
        data["unavailable"] = [{"path": list(p), "metric": m, "why": w} for p, m, w in self.binding.unavailable]
        data["judgments"] = [j.to_dict() for j in self.judgments]
        data["stale_judgments"] = [j.to_dict() for j in self.stale]
        return data


def framework_ref(workspace: Workspace, framework: str | None) -> str:
    name = framework or workspace.settings.framework
    if not name:
        raise MedaidError(
            "工作区未设置评价框架",
            where=Location(file=str(workspace.root / "medaid.yaml"), key="framework"),
            fix="请用 --framework 指定（见 medaid frameworks），或在 medaid.yaml 中填写 framework",
        )
    return name


def current_judgments(workspace: Workspace, year: int) -> list[JudgmentRecord]:
    from medaid.services.common import workspace_key
    from medaid.services.judgments import none_judged

    if none_judged(workspace.root, year):
        return []
    from medaid.store.app import session_for
    from medaid.store.judgments import current

    key = workspace_key(workspace)
    with session_for(workspace.root) as session:
        return list(current(session, key, year).values())


def evaluate_workspace(
    root: Path | Workspace,
    *,
    framework: str | None = None,
    year: int | None = None,
    survey: SurveyResult | None = None,
    all_metrics: bool = False,
    charts: bool = False,
    progress: Progress = SILENT,
) -> Evaluation:
    """Fill the framework's actuals from the data (and the survey), apply the judged scores, score and audit.

    ``all_metrics``: compute every metric (a report lists them all), the cases' included, not only those the
    framework binds;
    ``charts`` (with ``all_metrics``): also the report's chart series, from the tables the metrics read.
    ``root``: the workspace's folder, or the workspace already opened.
    """
    from medaid.analytics.binding import bind
    from medaid.evaluation import audit, load_framework
    from medaid.evaluation.case_metric_names import CASE_METRICS
    from medaid.evaluation.catalog import resolve
    from medaid.evaluation.judging import apply_judgments
    from medaid.evaluation.system import indicator_system
    from medaid.services.case_metrics import year_values
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    workspace = root if isinstance(root, Workspace) else Workspace.open(root)
    chosen = year_of(workspace, year)
    ref = framework_ref(workspace, framework)
    with progress.task("计算指标并计分", total=4) as task:
        system = indicator_system(load_framework(resolve(ref)))  # its indicators and rules, none of its claims
        metrics, series = _metrics(workspace, chosen, progress, charts=charts) if all_metrics else (None, None)
        if all_metrics or any(n.metric in CASE_METRICS for n in system.walk()):
            metrics = [*(metrics or []), *year_values(workspace.root, chosen)]  # the cases', from the app database
        task.advance()
        binding = bind(system, workspace, chosen, computed=metrics, progress=progress)
        task.advance()
        filled = binding.framework
        if survey is None:
            from medaid.services.survey import stored_result

            survey = stored_result(workspace.root, chosen)
        if survey is not None:
            from medaid.survey.indicators import fill_from_survey

            filled = fill_from_survey(filled, survey)[0]
        records = current_judgments(workspace, chosen)
        judged, unmatched = apply_judgments(filled, {r.path: judgment_of(r) for r in records})
        task.advance()
        report = audit(judged)
        task.advance()
    stale = [r for r in records if r.path in set(unmatched)]
    applied = [r for r in records if r.path not in set(unmatched)]
    every = metrics if all_metrics and metrics is not None else list(binding.values.values())
    return Evaluation(ref, chosen, binding, report, every, applied, stale, survey, series)


def _metrics(
    workspace: Workspace, year: int, progress: Progress, *, charts: bool
) -> tuple[list[Value], ChartData | None]:
    """Every metric of the year and, if asked, the chart series over the same open tables. The series are
    read on DuckDB only (as ``chart_data`` reads them): on another engine they are left to the report."""
    from medaid.analytics.binding import opened
    from medaid.analytics.chart_data import charts_of
    from medaid.analytics.metric_defs import METRICS
    from medaid.analytics.metrics import compute_many

    with opened(workspace, year) as (src, inputs):
        values = compute_many(list(METRICS), src, inputs, progress)
        on_duckdb = src.fund._find_backend().name == "duckdb"
        return values, charts_of(src) if charts and on_duckdb else None


def judgment_of(record: JudgmentRecord) -> Judgment:
    """The engine's view of a stored judgment."""
    from medaid.evaluation.model import Evidence, Judgment

    files = tuple(Evidence(e.name, e.sha256) for e in record.evidence)
    return Judgment(score=record.score, reason=record.reason, by=record.actor, at=record.at, evidence=files)
