"""The 评分说明 of one leaf indicator, generated from its scored result — never a typed
note beside a computed score.

- scored from data: the value (as 实际完成值 shows it), what it is and how it was
  computed, the target, the rule's arithmetic and the score;
- scored by its rule from a stated actual: the actual, the target, the arithmetic;
- judged by an evaluator: the score, the written reason, who and when (and the rule's
  own score when the judgment replaced it);
- entered in the user's own evaluation file: the score and the file's own note;
- not yet scored: what it waits for.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.analytics.metrics import Value
from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.numbers import fmt
from medaid.evaluation.scoring import ScoredNode, Source
from medaid.evaluation.survey_metrics import SURVEY_METRICS

_LAST_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*分?。$")  # "…，得 4 分。", "… = 2.07。": the rule states the score
# The rule's reason restates the actual first ("实际完成值 97.5%，低于…", "实际 21313人次 未达到…"); the
# explanation has already said it, in the form the 实际完成值 column shows.
_ACTUAL_FIRST = re.compile(r"^实际(?:完成值)?\s*\S+?(?:[，；,;]\s*|\s+)")
_PENDING_TAIL = re.compile(r"[；;，,]?\s*待评价人员评分$")


def _sentence(text: str) -> str:
    text = text.strip().rstrip("。；;，, ")
    return f"{text}。" if text else ""


def explain_leaf(node: ScoredNode, values: dict[str, Value]) -> str:
    ind = node.indicator
    weight, score = fmt(ind.weight), fmt(node.score)
    head = f"{ind.name}：满分 {weight} 分"
    target = f"，指标值 {ind.target.text}" if ind.target else ""
    why = node.outcome.reason if node.outcome is not None else node.reason
    if node.source is Source.RULE:
        actual = ind.actual.text if ind.actual else "—"
        value = values.get(ind.metric or "")
        what = f"（{value.metric.label}：{value.metric.formula}）" if value is not None else ""
        survey = ""
        if ind.metric in SURVEY_METRICS and ind.note:
            survey = _sentence(ind.note)  # medaid's own account of the survey (survey/indicators.py), not a typed note
        reason = _sentence(_ACTUAL_FIRST.sub("", why) if ind.actual else why)
        ends = _LAST_NUMBER.findall(reason)
        tail = "" if ends and fmt(Decimal(ends[-1])) == score else f"得 {score} 分。"
        return f"{head}，实际完成值 {actual}{what}{target}。{survey}{reason}{tail}"
    if node.source in (Source.JUDGED, Source.OVERRIDE) and ind.judgment is not None:
        text = f"{head}，评价人员评分 {score} 分。理由：{_sentence(ind.judgment.signed())}"
        if ind.judgment.evidence:
            text += f"佐证材料：{'、'.join(e.name for e in ind.judgment.evidence)}。"
        if node.source is Source.OVERRIDE and node.automatic is not None:
            text += f"按评分标准计算为 {fmt(node.automatic)} 分，评价人员予以调整。"
        return text
    if node.source is Source.STATED:
        note = _sentence(ind.note or "")
        return f"{head}，得 {score} 分。{note}"
    if node.source is Source.PENDING:
        return f"{head}，尚待评价人员评分（{_PENDING_TAIL.sub('', why).rstrip('。；;，, ')}）。"
    return f"{head}，未能计分：{_sentence(why)}"


_DOCS = re.compile(r"[（(]见 docs/[^）)]*[）)]")


def finding_notes(findings: list[Finding]) -> list[tuple[Severity, str]]:
    """其他需要说明的问题: each finding as a report states it — no command lines, no pointers to
    medaid's docs; the indicators still waiting for a judgment in one sentence."""
    out: list[tuple[Severity, str]] = []
    waiting = [f.path[-1] for f in findings if f.kind in (FindingKind.PENDING, FindingKind.MISSING_SCORE) and f.path]
    for f in findings:
        if f.kind in (FindingKind.PENDING, FindingKind.MISSING_SCORE):
            continue
        message = _DOCS.sub("", f.message)
        if f.kind is FindingKind.RULE_UNPARSED and f.path:
            message = f"“{f.path[-1]}”的评分标准不是可按规则复核的句式，采用评分表所填得分"
        out.append((f.severity, f"{f.severity.label}：{message.rstrip('。')}。"))
    if waiting:
        out.append(
            (Severity.ERROR, f"错误：{'、'.join(f'“{w}”' for w in waiting)}尚未计分，总分与等级在其计分后方能确定。")
        )
    return out
