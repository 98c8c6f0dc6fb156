"""The survey annex (附件2 满意度调查分析): its paragraphs and, per question, the
distribution table that stands beside the question's chart."""

from __future__ import annotations

from medaid.evaluation.numbers import fmt
from medaid.reports.model import Para
from medaid.survey.stats import Estimate, percent_text
from medaid.survey.summary import Distribution, SurveyResult


def _estimate(label: str, e: Estimate, level: str) -> str:
    interval = f"{percent_text(e.low)}–{percent_text(e.high)}"
    return f"{label}为 {percent_text(e.value)}（{e.n} 人，{level} 置信区间 {interval}）。"


def survey_lines(survey: SurveyResult) -> list[str]:
    """The annex's text, line by line (the question-by-question shares are in the tables)."""
    level = f"{survey.confidence * 100:g}%"
    sent = f"，发放 {survey.sent} 份，回收率 {percent_text(survey.response_rate or 0)}。" if survey.sent else "。"
    lines = [f"本次调查使用问卷《{survey.title}》，回收有效答卷 {survey.valid} 份{sent}"]
    if survey.satisfaction:
        lines.append(_estimate("综合满意度", survey.satisfaction, level))
    if survey.awareness:
        lines.append(_estimate("政策知晓率", survey.awareness, level))
    lines += _method(survey)
    lines.append(f"按 ±{survey.margin * 100:g} 个百分点的精度，需有效答卷约 {survey.needed} 份。")
    lines += [f"提示：{w}。" for w in survey.warnings]
    return lines


def _numbers(survey: SurveyResult, role: str) -> str:
    return "、".join(str(d.question.number) for d in survey.questions if d.question.role == role)


def _method(survey: SurveyResult) -> list[str]:
    """How the two rates are computed, so a reader can reconcile them with the tables below."""
    out = []
    if survey.satisfaction and survey.weights:
        scale = "、".join(f"{option} {fmt(points)}" for option, points in survey.weights.items())
        out.append(f"综合满意度的算法：第{_numbers(survey, 'satisfaction')}题按“{scale}”赋值，每位答卷人取其作答各题的"
                   "平均分，再求全体答卷人的平均分并除以 100（不同于各题“非常满意”“满意”人数的占比）。")  # fmt: skip
    if survey.awareness:
        aware = "、".join(dict.fromkeys(o for d in survey.questions if d.question.role == "awareness"
                                        for o in d.question.aware))  # fmt: skip
        out.append(f"政策知晓率的算法：每位答卷人第{_numbers(survey, 'awareness')}题中回答“{aware}”的比例，"
                   "再求全体答卷人的平均。")  # fmt: skip
    return out


def survey_paragraphs(survey: SurveyResult) -> list[Para]:
    return [Para(t, warning=t.startswith("提示")) for t in survey_lines(survey)]


def distribution_rows(d: Distribution) -> list[tuple[str, ...]]:
    """选项, 人数, 占比 — and a 合计 row (a multiple-choice question's shares may add to more than 100%)."""
    rows: list[tuple[str, ...]] = [
        (o, str(n), percent_text(n / d.answered) if d.answered else "—") for o, n in d.counts.items()
    ]
    rows.append(("作答人数", str(d.answered), ""))
    return rows
