"""The evaluation report as one object that every renderer draws: the numbers come from
the scored tree, the audit and the survey, never typed twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from medaid.analytics.chart_data import ChartData
from medaid.analytics.metrics import Value
from medaid.analytics.runs import YearFindings
from medaid.evaluation.audit import AuditReport
from medaid.evaluation.findings import Finding
from medaid.evaluation.numbers import fmt, fmt_pct
from medaid.evaluation.result import audit_dict, scored_dict
from medaid.reports.charts import Chart, data_charts, dimension_chart, question_chart
from medaid.reports.narrative import DRAFT_MARK, data_drafts, drafts, with_edits
from medaid.reports.scoresheet import ScoreSheet, score_sheet
from medaid.survey.summary import SurveyResult

NUMERALS = "一二三四五六七八九十"  # 一、二、… and （一）（二）… headings


@dataclass(frozen=True)
class Paragraph:
    text: str
    draft: bool = False

    @property
    def shown(self) -> str:
        return f"{DRAFT_MARK}{self.text}" if self.draft else self.text


@dataclass(frozen=True)
class Dimension:
    name: str
    weight: str
    score: str
    rate: str
    score_value: Decimal | None
    weight_value: Decimal | None


@dataclass(frozen=True)
class Fact:
    """A figure computed from the programme data (a metric), with how it was computed."""

    label: str
    value: str
    formula: str


@dataclass(frozen=True)
class Analysis:
    """绩效分析 of one level-1 dimension: one paragraph per leaf indicator."""

    heading: str
    paragraphs: list[str]


@dataclass
class EvaluationReport:
    title: str
    region: str
    year: int | None
    total: Decimal | None
    grade: str | None
    summary: list[str]
    dimensions: list[Dimension]
    analyses: list[Analysis]
    problems: list[Paragraph]
    suggestions: list[Paragraph]
    sheet: ScoreSheet
    findings: list[Finding]
    audit: AuditReport
    survey: SurveyResult | None = None
    notes: list[str] = field(default_factory=list)  # 其他需要说明的问题
    facts: list[Fact] = field(default_factory=list)  # 项目基本情况: figures from the data
    score_chart: Chart | None = None  # 综合评价结论: scores by dimension
    data_charts: list[Chart] = field(default_factory=list)  # 项目基本情况: fund, progress, assistance, coverage
    survey_charts: list[Chart] = field(default_factory=list)  # 附件2: each choice question's answers

    def to_dict(self) -> dict[str, object]:
        data = scored_dict(self.audit.scored)
        data["audit"] = audit_dict(self.audit)
        data["report"] = {
            "title": self.title, "summary": self.summary,
            "dimensions": [{"name": d.name, "weight": d.weight, "score": d.score, "rate": d.rate}
                           for d in self.dimensions],
            "problems": [{"text": p.text, "draft": p.draft} for p in self.problems],
            "suggestions": [{"text": p.text, "draft": p.draft} for p in self.suggestions],
            "notes": self.notes,
            "facts": [{"label": f.label, "value": f.value, "formula": f.formula} for f in self.facts],
        }  # fmt: skip
        if self.survey is not None:
            data["survey"] = self.survey.to_dict()
        return data


def _analysis(node_name: str, leaves: list[tuple[str, str, str, str]]) -> Analysis:
    paragraphs = []
    for name, weight, score, why in leaves:
        text = f"{name}：满分 {weight} 分，得 {score} 分。"
        if why:
            text += why if why.endswith("。") else why + "。"
        paragraphs.append(text)
    return Analysis(node_name, paragraphs)


def build_report(audit: AuditReport, *, survey: SurveyResult | None = None, narrative_file: Path | None = None,
                 metrics: Iterable[Value] = (), charts: ChartData | None = None,
                 findings: YearFindings | None = None) -> EvaluationReport:  # fmt: skip
    scored = audit.scored
    fw = scored.framework
    region = fw.region or ""
    title = (
        fw.title if fw.title.endswith("报告") else fw.title + ("报告" if fw.title.endswith("评价") else "绩效评价报告")
    )
    dimensions = [
        Dimension(n.indicator.name, fmt(n.indicator.weight), fmt(n.score), fmt_pct(n.rate), n.score, n.indicator.weight)
        for n in scored.nodes
    ]
    parts = "，".join(f"{d.name} {d.score} 分（得分率 {d.rate}）" for d in dimensions)
    if scored.total is not None and scored.grade is not None:
        summary = [f"经评价，该项目综合得分 {fmt(scored.total)} 分，绩效等级为“{scored.grade}”。"]
    else:
        summary = [f"经评价，{scored.reason}。" if scored.reason else "经评价，总分与等级尚不能确定。"]
    if parts:
        summary.append(f"其中{parts}。")
    if fw.claimed_total is not None and scored.total is not None and fw.claimed_total != scored.total:
        summary.append(f"原报告所载总分为 {fmt(fw.claimed_total)} 分，按评分表逐项复核为 {fmt(scored.total)} 分。")
    analyses = []
    for node in scored.nodes:
        leaves = [(n.indicator.name, fmt(n.indicator.weight), fmt(n.score),
                   n.indicator.note or ("" if n.score == n.indicator.weight else n.reason))
                  for n in node.walk() if not n.children]  # fmt: skip
        analyses.append(_analysis(f"{node.indicator.name}（{fmt(node.indicator.weight)} 分，得 {fmt(node.score)} 分）",
                                  leaves))  # fmt: skip
    metrics = list(metrics)
    generated = drafts(audit, survey)
    data_drafts(generated, {v.metric.name: v for v in metrics}, findings)
    kept, unedited = with_edits(generated, narrative_file)
    notes = [f"{f.severity.label}：{f.message}" for f in audit.findings]
    if survey is not None and survey.sent:
        notes.append(f"满意度调查发放 {survey.sent} 份，回收有效答卷 {survey.valid} 份。")
    return EvaluationReport(
        title=title, region=region, year=fw.year, total=scored.total, grade=scored.grade, summary=summary,
        dimensions=dimensions, analyses=analyses,
        problems=[Paragraph(t, t in unedited) for t in kept.problems],
        suggestions=[Paragraph(t, t in unedited) for t in kept.suggestions],
        sheet=score_sheet(scored), findings=audit.findings, audit=audit, survey=survey, notes=notes,
        facts=[Fact(v.metric.label, v.text() or "", v.metric.formula) for v in metrics if v.value is not None],
        score_chart=_score_chart(dimensions), data_charts=data_charts(charts) if charts else [],
        survey_charts=[question_chart(d.question.number, d.question.text, d.counts)
                       for d in (survey.questions if survey else []) if d.counts and d.answered],
    )  # fmt: skip


def _score_chart(dimensions: list[Dimension]) -> Chart | None:
    scored = [d for d in dimensions if d.score_value is not None and d.weight_value is not None]
    if len(scored) < 2:
        return None
    return dimension_chart([d.name for d in scored], [float(d.weight_value or 0) for d in scored],
                           [float(d.score_value or 0) for d in scored])  # fmt: skip
