"""A questionnaire: numbered questions, their options, what each measures, answer weights.

A question's ``role`` says what it feeds: ``satisfaction`` (满意度: answers weighted by
``weights``; 满意率 counts the two best answers), ``awareness`` (知晓率: the ``aware``
options count as knowing), ``screen`` or none (reported as a distribution only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from medaid.errors import InputFileError, Location

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


def _fail(file: str, path: str, what: str, fix: str) -> InputFileError:
    return InputFileError(what, where=Location(file=file, path=tuple(path.split("."))), fix=fix)


def _question(raw: Any, at: str, file: str) -> Question:
    if not isinstance(raw, dict):
        raise _fail(file, at, "每道题应写成映射", "如 {number: 1, text: 题干, kind: single, options: [是, 否]}")
    number, text, kind = raw.get("number"), raw.get("text"), raw.get("kind", "single")
    if not isinstance(number, int) or number < 1:
        raise _fail(file, f"{at}.number", "题号应为正整数", "请写问卷中的题号，如 number: 6")
    if not text:
        raise _fail(file, f"{at}.text", "缺少题干", "请写题干文字")
    if kind not in KINDS:
        raise _fail(file, f"{at}.kind", f"未知的题型“{kind}”", "可用：single（单选）、multi（多选）、open（开放题）")
    options = tuple(str(o) for o in raw.get("options") or ())
    if kind != "open" and not options:
        raise _fail(file, f"{at}.options", "选择题缺少选项", "请按问卷顺序列出选项")
    role = str(raw.get("role") or "")
    if role not in ROLES:
        raise _fail(
            file, f"{at}.role", f"未知的用途“{role}”", "可用：satisfaction（满意度）、awareness（知晓率）、screen"
        )
    aware = tuple(str(o) for o in raw.get("aware") or ())
    if role == "awareness" and not aware:
        raise _fail(file, f"{at}.aware", "知晓率题应写明哪些选项算作知晓", "如 aware: [知道]")
    unknown = [o for o in aware if o not in options]
    if unknown:
        raise _fail(file, f"{at}.aware", f"选项“{unknown[0]}”不在该题选项中", "请与 options 中的文字一致")
    return Question(number, str(text), str(kind), options, role, aware)


def load_questionnaire(path: Path) -> Questionnaire:
    """A questionnaire YAML (see ``templates/``); errors name the file and the key."""
    file = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise InputFileError(f"无法读取问卷定义（{err}）", where=Location(file=file),
                             fix="请检查路径与 YAML 格式") from err  # fmt: skip
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise _fail(file, "questions", "问卷定义应含题目列表 questions", "参见 survey/templates/liucheng_2023.yaml")
    questions = tuple(_question(q, f"questions.{i}", file) for i, q in enumerate(data["questions"]))
    numbers = [q.number for q in questions]
    if len(set(numbers)) != len(numbers):
        raise _fail(file, "questions", "题号重复", "每道题的 number 应唯一")
    weights = dict(DEFAULT_WEIGHTS)
    if data.get("weights") is not None:
        try:
            weights = {str(k): Decimal(str(v)) for k, v in dict(data["weights"]).items()}
        except (ArithmeticError, TypeError, ValueError) as err:
            raise _fail(file, "weights", "答案赋值应为数字", "如 weights: {非常满意: 100, 满意: 80}") from err
    for q in questions:
        if q.role == "satisfaction":
            missing = [o for o in q.options if o not in weights]
            if missing:
                raise _fail(file, "weights", f"第 {q.number} 题的选项“{missing[0]}”没有赋值",
                            "请在 weights 中为满意度题的每个选项赋值")  # fmt: skip
    return Questionnaire(str(data.get("title") or path.stem), questions, weights, str(data.get("source") or ""))


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
