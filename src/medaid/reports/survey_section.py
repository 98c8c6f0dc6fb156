"""The survey annex (附件2 满意度调查分析) as lines of text, shared by the renderers."""

from __future__ import annotations

from medaid.survey.stats import Estimate
from medaid.survey.summary import SurveyResult


def _pct(x: float) -> str:
    return f"{x * 100:.2f}%"


def _estimate(label: str, e: Estimate, level: str) -> str:
    return f"{label}为 {_pct(e.value)}（{e.n} 人，{level} 置信区间 {_pct(e.low)}–{_pct(e.high)}）。"


def survey_lines(survey: SurveyResult) -> list[str]:
    level = f"{survey.confidence * 100:g}%"
    sent = f"，发放 {survey.sent} 份，回收率 {_pct(survey.response_rate or 0)}。" if survey.sent else "。"
    lines = [f"本次调查使用问卷《{survey.title}》，回收有效答卷 {survey.valid} 份{sent}"]
    if survey.satisfaction:
        lines.append(_estimate("综合满意度", survey.satisfaction, level))
    if survey.awareness:
        lines.append(_estimate("政策知晓率", survey.awareness, level))
    for d in survey.questions:
        if not d.counts:
            continue
        shares = "，".join(f"{o} {n} 人（{_pct(n / d.answered) if d.answered else '—'}）" for o, n in d.counts.items())
        lines.append(f"第{d.question.number}题 {d.question.text}（{d.answered} 人作答）：{shares}。")
    lines.append(f"按 ±{survey.margin * 100:g} 个百分点的精度，需有效答卷约 {survey.needed} 份。")
    lines += [f"提示：{w}。" for w in survey.warnings]
    return lines
