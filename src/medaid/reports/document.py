"""The evaluation report as one object that every renderer draws: the numbers come from
the scored tree, the audit, the data and the survey, never typed twice.

The layout follows a finished third-party report (the Liucheng report of the seeds): a
cover, a 目录, 摘要, 一、项目基本情况 (with 依申请救助办理情况: ``case_section``),
二、绩效评价工作情况, 三、项目绩效情况 (the conclusion with its table, then 绩效分析 by
dimension), 四、存在的问题 and 五、改进建议 by theme, 六、其他需要说明的问题, 附件1 评分表
on landscape pages and 附件2 满意度调查分析.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from medaid.analytics.chart_data import ChartData
from medaid.analytics.metrics import Value
from medaid.analytics.runs import YearFindings
from medaid.evaluation.audit import AuditReport
from medaid.evaluation.findings import Finding, Severity
from medaid.evaluation.numbers import fmt, fmt_pct
from medaid.evaluation.result import audit_dict, scored_dict
from medaid.reports.case_section import CASE_METRICS, TITLE, CaseSection, case_section
from medaid.reports.charts import Chart, data_charts, dimension_chart, question_chart
from medaid.reports.context import Context
from medaid.reports.explain import explain_leaf, finding_notes
from medaid.reports.model import Cover, Figure, Heading, Para, Part, ScoreSheetBlock, Table
from medaid.reports.narrative import Theme, themes_with_edits
from medaid.reports.numbers import fact_value
from medaid.reports.scoresheet import ScoreSheet, score_sheet
from medaid.reports.survey_section import distribution_rows, survey_paragraphs
from medaid.reports.work import cover_of, overview, work_sections
from medaid.survey.summary import SurveyResult

NUMERALS = "一二三四五六七八九十"  # 一、二、… and （一）（二）… headings


def numeral(i: int) -> str:
    """一 … 十, 十一 … 九十九 (0-based ``i``)."""
    n = i + 1
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Dimension:
    name: str
    weight: str
    score: str
    rate: str
    score_value: Decimal | None
    weight_value: Decimal | None
    rate_value: Decimal | None = None  # percentage points (ScoredNode.rate): what ``rate`` shows


@dataclass(frozen=True)
class Fact:
    """A figure computed from the programme data (a metric), with how it was computed."""

    label: str
    value: str
    formula: str


@dataclass
class EvaluationReport:
    title: str
    region: str
    year: int | None
    total: Decimal | None
    grade: str | None
    summary: list[str]
    dimensions: list[Dimension]
    themes: list[Theme]
    sheet: ScoreSheet
    findings: list[Finding]
    audit: AuditReport
    cover: Cover | None = None
    parts: list[Part] = field(default_factory=list)  # what the Word file and the PDF draw
    survey: SurveyResult | None = None
    notes: list[Para] = field(default_factory=list)  # 其他需要说明的问题
    facts: list[Fact] = field(default_factory=list)  # 项目基本情况: figures from the data
    explanations: dict[tuple[str, ...], str] = field(default_factory=dict)  # leaf path → 评分说明
    cases: CaseSection | None = None  # 依申请救助办理情况, when any case metric has a value

    def to_dict(self) -> dict[str, object]:
        data = scored_dict(self.audit.scored)
        data["audit"] = audit_dict(self.audit)
        report: dict[str, object] = {
            "title": self.title, "summary": self.summary,
            "dimensions": [{"name": d.name, "weight": d.weight, "score": d.score, "rate": d.rate}
                           for d in self.dimensions],
            "problems": [{"title": t.title, "text": t.problem.text, "draft": t.problem.draft} for t in self.themes],
            "suggestions": [{"title": t.advice_title, "text": t.advice.text, "draft": t.advice.draft}
                            for t in self.themes],
            "explanations": [{"path": list(p), "text": t} for p, t in self.explanations.items()],
            "notes": [p.text for p in self.notes],
            "facts": [{"label": f.label, "value": f.value, "formula": f.formula} for f in self.facts],
        }  # fmt: skip
        if self.cases is not None:
            report["cases"] = self.cases.to_dict()
        data["report"] = report
        if self.survey is not None:
            data["survey"] = self.survey.to_dict()
        return data


def report_title(context: Context, fallback: str) -> str:
    """ "示例县2023年城乡医疗救助项目财政绩效评价报告": the workspace's project, or the file's title."""
    if context.workspace:
        return f"{context.region}{context.year or ''}年{context.project}财政绩效评价报告"
    title = fallback.strip()
    if title.endswith("报告"):
        return title
    return title + ("报告" if title.endswith("评价") else "绩效评价报告")


class _Counter:
    """Numbers tables (表1, 表2 …) and figures (图1 …) in reading order."""

    def __init__(self) -> None:
        self.tables = 0
        self.figures = 0

    def table(self, title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], *,
              numeric: tuple[int, ...] = (), widths: tuple[float, ...] = (), note: str = "") -> Table:  # fmt: skip
        self.tables += 1
        return Table(f"表{self.tables} {title}", header, tuple(rows), numeric, widths, note)

    def figure(self, chart: Chart) -> Figure:
        self.figures += 1
        return Figure(chart, f"图{self.figures} {chart.title}", chart.caption)


def build_report(audit: AuditReport, *, survey: SurveyResult | None = None, narrative_file: Path | None = None,
                 metrics: Iterable[Value] = (), charts: ChartData | None = None,
                 findings: YearFindings | None = None, context: Context | None = None) -> EvaluationReport:  # fmt: skip
    scored = audit.scored
    fw = scored.framework
    context = context or Context.of_file(fw)
    values = {v.metric.name: v for v in metrics}
    title = report_title(context, fw.title)
    dimensions = [
        Dimension(
            n.indicator.name,
            fmt(n.indicator.weight),
            fmt(n.score),
            fmt_pct(n.rate),
            n.score,
            n.indicator.weight,
            n.rate,
        )
        for n in scored.nodes
    ]
    explanations = {leaf.indicator.path: explain_leaf(leaf, values) for n in scored.nodes for leaf in n.walk()
                    if not leaf.children}  # fmt: skip
    summary = _summary(scored.total, scored.grade, scored.reason, dimensions, fw.claimed_total, context)
    themes, stale = themes_with_edits(audit, values, findings, survey, narrative_file)
    notes = [Para(text, warning=severity is Severity.ERROR) for severity, text in finding_notes(audit.findings)]
    notes += [Para(f"提示：{t}。", warning=True) for t in stale]
    count = _Counter()
    body = Part()
    body.add(Heading("摘要", 0), *[Para(t) for t in summary])
    if themes:
        body.add(Para("主要存在的问题：" + "；".join(f"{i}. {t.title}" for i, t in enumerate(themes, 1)) + "。"))
        body.add(Para("改进建议：" + "；".join(f"{i}. {t.advice_title}" for i, t in enumerate(themes, 1)) + "。"))
    facts = [
        Fact(v.metric.label, fact_value(v), v.metric.formula)
        for v in values.values()
        if v.value is not None and v.metric.name not in CASE_METRICS
    ]  # the cases have their own section
    # 一、项目基本情况
    body.add(
        Heading("一、项目基本情况", 1), Heading("（一）项目概况", 2), *[Para(t) for t in overview(context, values)]
    )
    if facts:
        body.add(Heading("（二）主要业务数据", 2), Para("根据导入的业务数据计算的主要数据见下表，计算方法列出其口径。"))
        body.add(
            count.table(
                "主要业务数据",
                ("项目", "数值", "计算方法"),
                [(f.label, f.value, f.formula) for f in facts],
                numeric=(1,),
                widths=(3, 2.2, 6),
            )
        )
    for chart in data_charts(charts) if charts else []:
        body.add(count.figure(chart))
    cases = case_section(values, [n for n in scored.walk() if not n.children], context.year)
    if cases is not None:
        body.add(Heading(f"（{numeral(2 if facts else 1)}）{TITLE}", 2), Para(cases.text))
        body.add(count.table(TITLE, ("项目", "数值", "计算口径"), cases.rows, numeric=(1,), widths=(3, 2, 6),
                             note=cases.note))  # fmt: skip
    # 二、绩效评价工作情况
    body.add(Heading("二、绩效评价工作情况", 1))
    for i, (heading, paragraphs) in enumerate(work_sections(context, scored, values, survey)):
        body.add(Heading(f"（{numeral(i)}）{heading}", 2), *[Para(t) for t in paragraphs])
    # 三、项目绩效情况
    body.add(Heading("三、项目绩效情况", 1), Heading("（一）综合评价情况及评价结论", 2), Para(summary[0]))
    rows = [(d.name, d.weight, d.score, d.rate) for d in dimensions]
    sheet = score_sheet(scored, explanations)
    rows.append(("合计", sheet.total_weight, sheet.total, fmt_pct(sheet.total_rate)))
    body.add(count.table("各一级指标得分情况", ("一级指标", "分值", "得分", "得分率"), rows, numeric=(1, 2, 3),
                         widths=(4, 2, 2, 2), note="详细评分见附件1。"))  # fmt: skip
    by_dimension = _score_chart(dimensions)
    if by_dimension is not None:
        body.add(count.figure(by_dimension))
    body.add(Heading("（二）绩效分析", 2))
    for i, node in enumerate(scored.nodes):
        weight, score = fmt(node.indicator.weight), fmt(node.score)
        body.add(Heading(f"{i + 1}. {dimension_statement(node.indicator.name, weight, score)}", 3))
        if node.rate is not None:
            named = node.indicator.name if node.indicator.name.endswith("指标") else f"{node.indicator.name}指标"
            body.add(Para(f"{named}分值 {weight} 分，得分 {score} 分，得分率 {fmt_pct(node.rate)}。"))
        for leaf in node.walk():
            if not leaf.children:
                body.add(Para(explanations[leaf.indicator.path]))
    # 四、存在的问题 / 五、改进建议
    body.add(Heading("四、存在的问题", 1))
    if not themes:
        body.add(Para("评价中未发现需要说明的问题。"))
    for i, theme in enumerate(themes):
        body.add(Heading(f"（{numeral(i)}）{theme.title}", 2), theme.problem)
    body.add(Heading("五、改进建议", 1))
    if not themes:
        body.add(Para("无。"))
    for i, theme in enumerate(themes):
        body.add(Heading(f"（{numeral(i)}）{theme.advice_title}", 2), theme.advice)
    if notes:
        body.add(Heading("六、其他需要说明的问题", 1), *notes)
    parts = [body, Part([Heading("附件1：评分表", 1), ScoreSheetBlock()], landscape=True, title="附件1：评分表")]
    if survey is not None:
        annex = Part(title="附件2：满意度调查分析")
        annex.add(Heading("附件2：满意度调查分析", 1))
        annex.add(*survey_paragraphs(survey))
        for d in survey.questions:
            if d.counts and d.answered:
                question = f"第{d.question.number}题 {d.question.text}"
                annex.add(count.table(f"{question}：答案分布", ("选项", "人数", "占比"), distribution_rows(d),
                                      numeric=(1, 2), widths=(5, 2, 2)))  # fmt: skip
                annex.add(count.figure(question_chart(d.question.number, d.question.text, d.counts)))
        parts.append(annex)
    return EvaluationReport(
        title=title, region=context.region, year=context.year, total=scored.total, grade=scored.grade,
        summary=summary, dimensions=dimensions, themes=themes, sheet=sheet,
        findings=audit.findings, audit=audit, cover=cover_of(context, title), parts=parts, survey=survey,
        notes=notes, facts=facts, explanations=explanations, cases=cases,
    )  # fmt: skip


def dimension_statement(name: str, weight: str, score: str) -> str:
    """ "决策（分值 15 分，得分 13.5 分）" — the form contract 5 reads; "（分值 20 分，尚未计分）" without a score."""
    return f"{name}（分值 {weight} 分，得分 {score} 分）" if score != "—" else f"{name}（分值 {weight} 分，尚未计分）"


def _summary(total: Decimal | None, grade: str | None, reason: str, dimensions: list[Dimension],
             claimed: Decimal | None, context: Context) -> list[str]:  # fmt: skip
    """摘要: the total and grade, each dimension; a 复核 only against a total the user's own file states."""
    if total is not None and grade is not None:
        out = [f"经评价，该项目综合得分为 {fmt(total)} 分，评价等级为“{grade}”。"]
    else:
        out = [f"经评价，{reason}。" if reason else "经评价，总分与等级尚不能确定。"]
    parts = "，".join(dimension_statement(d.name, d.weight, d.score) for d in dimensions)
    if parts:
        out.append(f"其中{parts}。")
    if claimed is not None and total is not None and claimed != total and context.claims_from_user:
        out.append(f"《{context.source_name}》所载总分为 {fmt(claimed)} 分，按评分表逐项复核为 {fmt(total)} 分。")
    return out


def _score_chart(dimensions: list[Dimension]) -> Chart | None:
    scored = [d for d in dimensions if d.score_value is not None and d.weight_value is not None]
    if len(scored) < 2:
        return None
    return dimension_chart([d.name for d in scored], [float(d.weight_value or 0) for d in scored],
                           [float(d.score_value or 0) for d in scored])  # fmt: skip
