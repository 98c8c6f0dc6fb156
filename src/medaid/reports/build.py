"""Gather what a report needs from a workspace or a framework file."""

from __future__ import annotations

from pathlib import Path

from medaid.errors import MedaidError
from medaid.evaluation import audit, load_framework
from medaid.evaluation.catalog import resolve
from medaid.evaluation.model import Framework
from medaid.reports.document import EvaluationReport, build_report
from medaid.survey.summary import SurveyResult
from medaid.workspace import SETTINGS_FILE, Workspace

SurveyArgs = tuple[Path | None, str, int | None, int | None]


def survey_result(args: SurveyArgs) -> SurveyResult | None:
    file, questionnaire, sent, population = args
    if file is None:
        return None
    from medaid.survey.model import questionnaire_for
    from medaid.survey.read import read_responses
    from medaid.survey.summary import summarize

    q = questionnaire_for(questionnaire)
    return summarize(q, read_responses(file, q), sent=sent, population=population)


def _with_survey(framework: Framework, result: SurveyResult | None) -> Framework:
    if result is None:
        return framework
    from medaid.survey.indicators import fill_from_survey

    return fill_from_survey(framework, result)[0]


def evaluation_report(
    target: str,
    *,
    framework: str | None,
    year: int | None,
    survey: SurveyArgs,
    drafts_file: Path | None,
    out: Path | None,
) -> tuple[EvaluationReport, Path, str]:
    """The report, the folder it goes to by default, and the file stem."""
    root = Path(target)
    result = survey_result(survey)
    if (root / SETTINGS_FILE).exists():
        from medaid.analytics.binding import bind, compute_all
        from medaid.analytics.chart_data import chart_data
        from medaid.analytics.runs import year_findings

        workspace = Workspace.open(root)
        name = framework or workspace.settings.framework
        if not name:
            raise MedaidError("工作区未设置评价框架", fix="请用 --framework 指定，或在 medaid.yaml 中填写 framework")
        chosen = year or workspace.settings.year
        if chosen is None:
            raise MedaidError("工作区未设置年度", fix="请用 --year 指定，或在 medaid.yaml 中填写 year")
        metrics = compute_all(workspace, chosen)  # every figure, for 项目基本情况, computed once
        binding = bind(load_framework(resolve(name)), workspace, chosen, computed=metrics)
        checked = audit(_with_survey(binding.framework, result))
        charts = chart_data(workspace, chosen)
        with workspace.connect(read_only=True) as con:
            found = year_findings(con, chosen)
        folder, stem = root / "reports", f"{workspace.settings.region or '评价'}{chosen}年绩效评价报告"
    else:
        path = resolve(target)
        checked = audit(_with_survey(load_framework(path), result))
        metrics, charts, found = [], None, None
        folder, stem = Path.cwd(), path.stem
    place = out.parent if out is not None else folder
    narrative = drafts_file or place / f"{(out.stem if out else stem)}-文字稿.yaml"
    report = build_report(checked, survey=result, narrative_file=narrative, metrics=metrics,
                          charts=charts, findings=found)  # fmt: skip
    return report, folder, stem
