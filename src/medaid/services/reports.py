"""The evaluation report of a workspace (scored from its data) or of an evaluation file,
in every format from one object: docx (the report or the 项目支出绩效自评表), pdf, html,
xlsx (评分表) and json."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.progress import SILENT, Progress

if TYPE_CHECKING:
    from medaid.reports.document import EvaluationReport
    from medaid.services.evaluation import Evaluation
    from medaid.survey.summary import SurveyResult

FORMATS = ("docx", "pdf", "html", "xlsx", "json")
LAYOUTS = ("auto", "report", "self")


@dataclass(frozen=True)
class SurveyInput:
    """Answers exported from a questionnaire tool, and what is known of the sample."""

    responses: Path
    questionnaire: str = "liucheng_2023"
    sent: int | None = None
    population: int | None = None


@dataclass
class ReportFile:
    path: Path
    format: str
    total: Decimal | None
    grade: str | None
    reason: str = ""  # how the total and grade were had, or why there is none
    errors: int = 0  # contradictions the audit found (the report lists them)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors or self.total is None else 0

    def to_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "format": self.format,
                "total": None if self.total is None else float(self.total), "grade": self.grade,
                "reason": self.reason, "errors": self.errors}  # fmt: skip


def _file(path: Path, fmt: str, report: EvaluationReport) -> ReportFile:
    scored = report.audit.scored
    return ReportFile(path, fmt, report.total, report.grade, scored.reason, len(report.audit.errors))


def _survey(given: SurveyInput | None) -> SurveyResult | None:
    if given is None:
        return None
    from medaid.services.survey import analyse_survey

    return analyse_survey(given.responses, questionnaire=given.questionnaire, sent=given.sent,
                          population=given.population).result  # fmt: skip


def build(
    target: str,
    *,
    framework: str | None = None,
    year: int | None = None,
    survey: SurveyInput | None = None,
    drafts: Path | None = None,
    out: Path | None = None,
    evaluation: Evaluation | None = None,
    progress: Progress = SILENT,
) -> tuple[EvaluationReport, Path, str]:
    """The report object, the folder it goes to by default, and the file stem.

    ``evaluation``: the workspace already evaluated (with every metric), not evaluated again."""
    from medaid.reports.document import build_report
    from medaid.workspace import SETTINGS_FILE

    root = Path(target)
    result = _survey(survey)
    if (root / SETTINGS_FILE).exists():
        from medaid.analytics.chart_data import chart_data
        from medaid.analytics.runs import year_findings
        from medaid.services.evaluation import evaluate_workspace
        from medaid.workspace import Workspace

        workspace = Workspace.open(root)
        if evaluation is None:
            evaluation = evaluate_workspace(workspace, framework=framework, year=year, survey=result,
                                            all_metrics=True, charts=True, progress=progress)  # fmt: skip
        from medaid.services.drafts import report_stem
        from medaid.services.report_context import workspace_context

        with progress.task("汇总图表与核查发现", total=None):
            charts = evaluation.charts or chart_data(workspace, evaluation.year)
            with workspace.connect(read_only=True) as con:
                found = year_findings(con, evaluation.year)
                context = workspace_context(workspace, evaluation, found.months, con=con)
        checked, metrics, result = evaluation.report, evaluation.metrics, evaluation.survey
        folder, stem = root / "reports", report_stem(workspace, evaluation.year)
    else:
        from medaid.evaluation import audit, load_framework
        from medaid.evaluation.catalog import resolve

        path = resolve(target)
        loaded = load_framework(path)
        if result is not None:
            from medaid.survey.indicators import fill_from_survey

            loaded = fill_from_survey(loaded, result)[0]
        checked, metrics, charts, found = audit(loaded), [], None, None
        context = None
        folder, stem = Path.cwd(), path.stem
    place = out.parent if out is not None else folder
    narrative = drafts or place / f"{(out.stem if out else stem)}-文字稿.yaml"
    report = build_report(checked, survey=result, narrative_file=narrative, metrics=metrics,
                          charts=charts, findings=found, context=context)  # fmt: skip
    return report, folder, stem


def generate_report(
    target: str,
    *,
    fmt: str = "docx",
    out: Path | None = None,
    framework: str | None = None,
    year: int | None = None,
    survey: SurveyInput | None = None,
    layout: str = "auto",
    drafts: Path | None = None,
    progress: Progress = SILENT,
) -> ReportFile:
    """Write the report of ``target`` (a workspace folder, an evaluation file or a shipped framework)."""
    from medaid.evaluation.model import Kind
    from medaid.reports.render import render

    report, folder, stem = build(target, framework=framework, year=year, survey=survey, drafts=drafts, out=out,
                                 progress=progress)  # fmt: skip
    if layout == "auto":
        layout = "self" if report.audit.scored.framework.kind is Kind.SELF else "report"
    with progress.task(f"生成 {fmt} 文件", total=None):
        path = render(report, fmt, out or folder / f"{stem}.{fmt}", layout=layout)
    return _file(path, fmt, report)


def generate_report_set(
    target: str, folder: Path, names: dict[str, str], *, evaluation: Evaluation | None = None,
    progress: Progress = SILENT,
) -> list[ReportFile]:  # fmt: skip
    """Several formats of one report into ``folder`` (``names``: format → file name), built once."""
    from medaid.evaluation.model import Kind
    from medaid.reports.render import render

    first = folder / next(iter(names.values()))
    report, _, _ = build(target, out=first, evaluation=evaluation, progress=progress)
    layout = "self" if report.audit.scored.framework.kind is Kind.SELF else "report"
    files = []
    for fmt, name in names.items():
        with progress.task(f"生成 {name}", total=None):
            files.append(_file(render(report, fmt, folder / name, layout=layout), fmt, report))
    return files
