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


# --- a survey kept in a workspace -------------------------------------------------------------

SURVEY_FOLDER = "surveys"
SURVEY_FILE = "调查.yaml"


@dataclass(frozen=True)
class StoredSurvey:
    """The answers of a year's survey kept in the workspace, with what is known of the sample."""

    folder: Path
    responses: Path
    questionnaire: str
    sent: int | None
    population: int | None
    sha256: str

    def to_dict(self) -> dict[str, object]:
        return {"folder": str(self.folder), "responses": str(self.responses), "questionnaire": self.questionnaire,
                "sent": self.sent, "population": self.population, "sha256": self.sha256}  # fmt: skip


def store_survey(root: Path, responses: Path, *, year: int | None = None, questionnaire: str = DEFAULT_QUESTIONNAIRE,
                 sent: int | None = None, population: int | None = None,
                 analysed: SurveyAnalysis | None = None) -> StoredSurvey:  # fmt: skip
    """Keep a survey's answers in the workspace (``surveys/<year>/``): reports and evaluations
    of that year then fill the survey's indicators from it. The answers are read first (or
    ``analysed`` already), so a file medaid cannot read is refused before anything is kept;
    a later survey replaces it."""
    import hashlib
    import shutil

    import yaml

    from medaid.services.workspaces import year_of
    from medaid.store.scratch import replace_durably
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    if analysed is None:
        analyse_survey(responses, questionnaire=questionnaire, sent=sent, population=population)
    folder = workspace.root / SURVEY_FOLDER / str(chosen)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"答卷{responses.suffix.lower()}"
    temp = folder / f".{target.name}.part"
    shutil.copyfile(responses, temp)
    temp.chmod(0o600)
    digest = hashlib.sha256(temp.read_bytes()).hexdigest()
    for old in folder.glob("答卷.*"):
        if old != target:
            old.unlink()
    replace_durably(temp, target)
    # the record stored_survey reads back (survey.model.KeptSurveyFile)
    spec = {"答卷": target.name, "原文件": responses.name, "sha256": digest, "问卷": questionnaire,
            "发放份数": sent, "调查总体": population}  # fmt: skip
    meta = folder / f".{SURVEY_FILE}.part"
    meta.write_text("# medaid survey --into 写入；重新导入答卷时替换。\n"
                    + yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")  # fmt: skip
    meta.chmod(0o600)
    replace_durably(meta, folder / SURVEY_FILE)
    return StoredSurvey(folder, target, questionnaire, sent, population, digest)


def stored_survey(root: Path, year: int) -> StoredSurvey | None:
    """The survey kept in the workspace for ``year``, if any; an error naming the file when the
    record cannot be read or the answers were changed since they were kept."""
    import hashlib

    from medaid import typed_yaml
    from medaid.errors import InputFileError, Location
    from medaid.survey.model import KeptSurveyFile

    path = root / SURVEY_FOLDER / str(year) / SURVEY_FILE
    if not path.exists():
        return None
    spec = typed_yaml.load(path, KeptSurveyFile, error=InputFileError)
    answers = path.parent / spec.answers
    if not answers.is_file() or hashlib.sha256(answers.read_bytes()).hexdigest() != spec.sha256:
        raise InputFileError(
            "工作区中保存的答卷文件缺失或已被改动（与保存时的 SHA-256 不符）",
            where=Location(file=str(answers)),
            fix="请用 medaid survey 原答卷文件 --into 工作区 重新存入答卷",
        )
    return StoredSurvey(path.parent, answers, spec.questionnaire, spec.sent, spec.population, spec.sha256)


def stored_result(root: Path, year: int) -> SurveyResult | None:
    """The stored survey of ``year`` analysed, or None when none is kept."""
    kept = stored_survey(root, year)
    if kept is None:
        return None
    return analyse_survey(kept.responses, questionnaire=kept.questionnaire, sent=kept.sent,
                          population=kept.population).result  # fmt: skip
