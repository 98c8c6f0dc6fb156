"""A survey's results: response rate, per-question distributions, 综合满意度, 满意率 and
知晓率 with intervals, the sample each would need, and warnings when the sample cannot
support the rate it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from medaid.evaluation.samples import MIN_RESPONSE_RATE
from medaid.survey.model import SATISFIED, Question, Questionnaire
from medaid.survey.read import Answer, Responses
from medaid.survey.stats import Estimate, mean_rate, proportion, sample_size


@dataclass(frozen=True)
class Distribution:
    question: Question
    answered: int
    counts: dict[str, int]  # option → respondents choosing it (multi: each option counted)
    satisfied: Estimate | None = None  # satisfaction questions: 非常满意 + 满意
    aware: Estimate | None = None  # awareness questions

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"number": self.question.number, "text": self.question.text,
                                  "answered": self.answered, "counts": self.counts}  # fmt: skip
        if self.satisfied:
            out["satisfied_rate"] = self.satisfied.to_dict()
        if self.aware:
            out["awareness_rate"] = self.aware.to_dict()
        return out


@dataclass
class SurveyResult:
    title: str
    valid: int
    sent: int | None
    population: int | None
    margin: float
    confidence: float
    questions: list[Distribution]
    satisfaction: Estimate | None  # 综合满意度: mean answer weight / 100
    awareness: Estimate | None  # 知晓率: share of awareness questions answered as knowing
    needed: int  # valid responses needed for ± margin
    warnings: list[str] = field(default_factory=list)
    weights: dict[str, Decimal] = field(default_factory=dict)  # answer → score (综合满意度)

    @property
    def response_rate(self) -> float | None:
        return self.valid / self.sent if self.sent else None

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title, "valid": self.valid, "sent": self.sent, "population": self.population,
            "response_rate": None if self.response_rate is None else round(self.response_rate, 4),
            "confidence": self.confidence, "margin": self.margin, "needed": self.needed,
            "satisfaction": self.satisfaction.to_dict() if self.satisfaction else None,
            "awareness": self.awareness.to_dict() if self.awareness else None,
            "questions": [d.to_dict() for d in self.questions], "warnings": self.warnings,
        }  # fmt: skip


def _distribution(q: Question, answers: list[dict[int, Answer]], confidence: float) -> Distribution:
    given = [a[q.number] for a in answers if q.number in a]
    counts = {o: 0 for o in q.options}
    for answer in given:
        for option in (answer,) if isinstance(answer, str) else answer or ():
            if option in counts:
                counts[option] += 1
    satisfied = aware = None
    if q.role == "satisfaction":
        satisfied = proportion(sum(counts.get(o, 0) for o in SATISFIED), len(given), confidence)
    if q.role == "awareness":
        aware = proportion(sum(counts[o] for o in q.aware), len(given), confidence)
    return Distribution(q, len(given), counts if q.kind != "open" else {}, satisfied, aware)


def _per_respondent(q: Questionnaire, answers: list[dict[int, Answer]], role: str) -> list[float]:
    values = []
    for a in answers:
        picked = [(question, a[question.number]) for question in q.questions
                  if question.role == role and isinstance(a.get(question.number), str)]  # fmt: skip
        if not picked:
            continue
        if role == "satisfaction":
            values.append(float(sum(q.weights[str(x)] for _, x in picked)) / len(picked) / 100)
        else:
            values.append(sum(1.0 for question, x in picked if x in question.aware) / len(picked))
    return values


def _percent(x: float) -> str:
    return f"{x * 100:.1f}%"


def summarize(
    questionnaire: Questionnaire,
    responses: Responses,
    *,
    sent: int | None = None,
    population: int | None = None,
    margin: float = 0.05,
    confidence: float = 0.95,
) -> SurveyResult:
    answers = responses.answers
    result = SurveyResult(
        title=questionnaire.title, valid=len(answers), sent=sent, population=population, margin=margin,
        confidence=confidence, questions=[_distribution(q, answers, confidence) for q in questionnaire.questions],
        satisfaction=None, awareness=None, needed=sample_size(margin, population, confidence),
        weights=dict(questionnaire.weights),
    )  # fmt: skip
    sat = _per_respondent(questionnaire, answers, "satisfaction")
    awa = _per_respondent(questionnaire, answers, "awareness")
    result.satisfaction = mean_rate(sat, population, confidence) if sat else None
    result.awareness = mean_rate(awa, population, confidence) if awa else None
    level = f"{confidence * 100:g}%"
    for label, estimate in (("综合满意度", result.satisfaction), ("政策知晓率", result.awareness)):
        if estimate is None or estimate.margin <= margin:
            continue
        scope = f"按总体 {population} 人计，" if population else ""
        result.warnings.append(
            f"{label} {_percent(estimate.value)} 仅来自 {estimate.n} 份有效答卷，{level} 置信区间为 "
            f"{_percent(estimate.low)}–{_percent(estimate.high)}（误差约 ±{estimate.margin * 100:.1f} 个百分点），"
            f"不足以支撑精确到 ±{margin * 100:g} 个百分点的结论；{scope}需约 {result.needed} 份有效答卷"
        )
    if sent and result.valid / sent * 100 < MIN_RESPONSE_RATE:
        result.warnings.append(
            f"回收率 {_percent(result.valid / sent)}（{result.valid}/{sent}），不足一半：未作答者的看法可能与作答者不同"
            "（无应答偏差），结论应注明回收率"
        )
    if population and sent and sent < result.needed:
        result.warnings.append(f"发放 {sent} 份少于所需的 {result.needed} 份有效答卷，即使全部收回也达不到所需精度")
    return result
