"""A questionnaire: numbered questions, their options, what each measures, answer weights.

A question's ``role`` says what it feeds: ``satisfaction`` (满意度: answers weighted by
``weights``; 满意率 counts the two best answers), ``awareness`` (知晓率: the ``aware``
options count as knowing), ``screen`` or none (reported as a distribution only).

The file is a typed model (:class:`QuestionnaireFile`, through medaid.typed_yaml): an unknown
key or a bad value names the file, the line and the key path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from medaid import typed_yaml
from medaid.errors import InputFileError
from medaid.typed_yaml import FileModel, Invalid, Number, Text

KINDS = ("single", "multi", "open")
ROLES = ("satisfaction", "awareness", "screen", "")
# 非常满意/满意/一般/不满意 scored 100/80/60/0: the assignment most county evaluations use; a
# questionnaire file may give its own.
DEFAULT_WEIGHTS = {"非常满意": Decimal(100), "满意": Decimal(80), "一般": Decimal(60), "不满意": Decimal(0)}
SATISFIED = ("非常满意", "满意")


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    kind: str
    options: tuple[str, ...] = ()
    role: str = ""
    aware: tuple[str, ...] = ()  # awareness: the options that count as knowing


@dataclass(frozen=True)
class Questionnaire:
    title: str
    questions: tuple[Question, ...]
    weights: dict[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    source: str = ""

    def question(self, number: int) -> Question | None:
        return next((q for q in self.questions if q.number == number), None)


class QuestionFile(FileModel):
    """One question of a questionnaire file."""

    number: Annotated[int, Field(ge=1, json_schema_extra={"hint": "请写问卷中的题号，如 number: 6"})] = Field(
        description="题号"
    )
    text: Annotated[Text, Field(min_length=1, json_schema_extra={"hint": "请写题干文字"})] = Field(description="题干")
    kind: Literal["single", "multi", "open"] = Field(
        default="single", json_schema_extra={"hint": "single（单选）、multi（多选）、open（开放题）"}
    )
    options: list[Text] | None = Field(default=None, description="选项，按问卷顺序")
    role: Literal["satisfaction", "awareness", "screen", ""] | None = Field(
        default=None, json_schema_extra={"hint": "satisfaction（满意度）、awareness（知晓率）、screen"}
    )
    aware: list[Text] | None = Field(default=None, description="知晓率题中算作知晓的选项")

    @model_validator(mode="after")
    def _consistent(self) -> QuestionFile:
        options = self.options or []
        if self.kind != "open" and not options:
            raise Invalid("选择题缺少选项", "请按问卷顺序列出选项", at=("options",))
        aware = self.aware or []
        if self.role == "awareness" and not aware:
            raise Invalid("知晓率题应写明哪些选项算作知晓", "如 aware: [知道]", at=("aware",))
        unknown = [o for o in aware if o not in options]
        if unknown:
            raise Invalid(f"选项“{unknown[0]}”不在该题选项中", "请与 options 中的文字一致", at=("aware",))
        return self

    def question(self) -> Question:
        return Question(self.number, self.text, self.kind, tuple(self.options or ()), self.role or "",
                        tuple(self.aware or ()))  # fmt: skip


class QuestionnaireFile(FileModel):
    """A questionnaire file (``survey/templates/*.yaml``)."""

    title: Text | None = Field(default=None, description="问卷标题；不写为文件名")
    source: Text | None = Field(default=None, description="出处")
    weights: dict[Text, Number] | None = Field(
        default=None, json_schema_extra={"hint": "答案赋值，如 weights: {非常满意: 100, 满意: 80}"}
    )
    questions: list[QuestionFile] = Field(
        min_length=1, description="题目列表", json_schema_extra={"hint": "参见 survey/templates/liucheng_2023.yaml"}
    )

    @model_validator(mode="after")
    def _consistent(self) -> QuestionnaireFile:
        seen: set[int] = set()
        for i, q in enumerate(self.questions):
            if q.number in seen:
                raise Invalid(f"题号 {q.number} 重复", "每道题的 number 应唯一", at=("questions", i, "number"))
            seen.add(q.number)
        weights = DEFAULT_WEIGHTS if self.weights is None else self.weights
        for i, q in enumerate(self.questions):
            missing = [o for o in q.options or () if o not in weights] if q.role == "satisfaction" else []
            if missing:
                what = f"第 {q.number} 题的选项“{missing[0]}”没有赋值"
                at = ("weights",) if self.weights is not None else ("questions", i, "options")
                raise Invalid(what, "请在 weights 中为满意度题的每个选项赋值", at=at)
        return self


def load_questionnaire(path: Path) -> Questionnaire:
    """A questionnaire YAML (see ``templates/``); errors name the file, the line and the key."""
    spec = typed_yaml.load(path, QuestionnaireFile, error=InputFileError)
    weights = dict(DEFAULT_WEIGHTS) if spec.weights is None else dict(spec.weights)
    questions = tuple(q.question() for q in spec.questions)
    return Questionnaire(spec.title or path.stem, questions, weights, spec.source or "")


def template(name: str) -> Path:
    """A shipped questionnaire template by name (e.g. ``liucheng_2023``)."""
    path = Path(__file__).resolve().parent / "templates" / f"{name}.yaml"
    if not path.exists():
        shipped = sorted(p.stem for p in path.parent.glob("*.yaml"))
        raise InputFileError(f"没有名为“{name}”的问卷模板", fix=f"可用：{'、'.join(shipped)}")
    return path


def questionnaire_for(ref: str) -> Questionnaire:
    """A questionnaire by YAML path or by the name of a shipped template."""
    return load_questionnaire(Path(ref) if ref.endswith((".yaml", ".yml")) else template(ref))


class KeptSurveyFile(FileModel):
    """``surveys/<year>/调查.yaml``: a survey kept in a workspace by ``medaid survey … --into``."""

    answers: Text = Field(alias="答卷", json_schema_extra={"hint": "答卷文件名（同一文件夹内）"})
    original: Text | None = Field(default=None, alias="原文件", json_schema_extra={"hint": "存入前的文件名"})
    sha256: Text = Field(json_schema_extra={"hint": "答卷文件的 SHA-256"})
    questionnaire: Text = Field(alias="问卷", json_schema_extra={"hint": "问卷定义：内置模板名或 YAML 文件路径"})
    sent: int | None = Field(default=None, ge=1, alias="发放份数", json_schema_extra={"hint": "正整数"})
    population: int | None = Field(default=None, ge=1, alias="调查总体", json_schema_extra={"hint": "正整数"})
