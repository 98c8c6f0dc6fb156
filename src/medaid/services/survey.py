"""Satisfaction and awareness surveys from questionnaire-tool exports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medaid.survey.read import Responses
    from medaid.survey.summary import SurveyResult

DEFAULT_QUESTIONNAIRE = "liucheng_2023"


@dataclass
class SurveyAnalysis:
    result: SurveyResult
    read: Responses

    def to_dict(self) -> dict[str, object]:
        return self.result.to_dict() | {"problems": [p.describe(self.read.file) for p in self.read.problems],
                                        "unmatched_columns": self.read.unmatched_columns}  # fmt: skip


def analyse_survey(
    responses: Path,
    *,
    questionnaire: str = DEFAULT_QUESTIONNAIRE,
    sent: int | None = None,
    population: int | None = None,
    margin: float = 0.05,
    confidence: float = 0.95,
) -> SurveyAnalysis:
    """Response rate, distributions, 综合满意度, 满意率 and 知晓率 with intervals, and the sample size needed."""
    from medaid.survey.model import questionnaire_for
    from medaid.survey.read import read_responses
    from medaid.survey.summary import summarize

    form = questionnaire_for(questionnaire)
    read = read_responses(responses, form)
    result = summarize(form, read, sent=sent, population=population, margin=margin, confidence=confidence)
    return SurveyAnalysis(result, read)
