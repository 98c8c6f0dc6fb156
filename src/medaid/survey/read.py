"""Responses as online questionnaire tools export them (问卷星 按文本/按序号, 腾讯问卷), CSV or
Excel, matched to a questionnaire by question number (``N、题干``, ``N.题干``, ``第N题``).

- 按文本: an answer is the option text; a multi-select is one cell joined by ``┋``;
  ``其他〖…〗`` is the option 其他; ``(跳过)`` and ``(空)`` are no answer.
- 按序号: a single choice is the 1-based option number; a multi-select is one 0/1 column
  per option headed ``5、(特困人员)`` or ``第5题(特困人员)``.

An answer that is not one of the question's options is kept out of the statistics and
reported with its row and column; the rest of the row still counts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.table_file import read_rows
from medaid.survey.model import Question, Questionnaire

QUESTION = re.compile(r"^(?:第\s*(\d+)\s*题|(\d+)\s*[、.．])\s*(.*)$", re.S)
SPLIT = re.compile(r"^[(（](.+)[)）]$", re.S)
NO_ANSWER = {"", "(跳过)", "（跳过）", "(空)", "（空）", "-", "--"}
OTHER = re.compile(r"^(.+?)〖.*〗$", re.S)
MULTI_SEPARATOR = "┋"

Answer = str | tuple[str, ...] | None


@dataclass(frozen=True)
class Problem:
    row: int  # 1-based row of the file, header = 1
    column: str
    value: str
    reason: str

    def describe(self, file: str) -> str:
        return Location(file=file, row=self.row, column=self.column).describe() + f"：{self.reason}（“{self.value}”）"


@dataclass
class Responses:
    file: str
    answers: list[dict[int, Answer]] = field(default_factory=list)  # one dict per valid response
    problems: list[Problem] = field(default_factory=list)
    unmatched_columns: list[str] = field(default_factory=list)  # question columns the questionnaire lacks


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unicodedata.normalize("NFKC", str(cell)).strip() if str(cell).strip() else ""


def _columns(header: list[str], q: Questionnaire) -> tuple[dict[int, int], dict[int, dict[int, str]], list[str]]:
    """Question number → column; multi-select split columns: number → {column: option}."""
    whole: dict[int, int] = {}
    split: dict[int, dict[int, str]] = {}
    unmatched: list[str] = []
    for i, raw in enumerate(header):
        found = QUESTION.match(raw.strip())
        if not found:
            continue
        number = int(found.group(1) or found.group(2))
        question, rest = q.question(number), found.group(3).strip()
        option = SPLIT.match(rest)
        if question is not None and question.kind == "multi" and option and option.group(1).strip() in question.options:
            split.setdefault(number, {})[i] = option.group(1).strip()
        elif question is not None:
            whole.setdefault(number, i)
        else:
            unmatched.append(raw.strip())
    return whole, split, unmatched


def _one(question: Question, value: str) -> str | None:
    """A single answer as an option text, or None if it is not one."""
    other = OTHER.match(value)
    if other:
        value = other.group(1).strip()
    if value in question.options:
        return value
    if value.isdigit() and 1 <= int(value) <= len(question.options):
        return question.options[int(value) - 1]
    if value.startswith("您") and value[1:] in question.options:  # as printed in the Liucheng report: 您非常满意
        return value[1:]
    return None


def read_responses(path: Path, questionnaire: Questionnaire) -> Responses:
    """Read a questionnaire export; every row with at least one answer is a valid response."""
    rows = read_rows(path)
    file = str(path)
    if not rows:
        raise InputFileError("问卷数据文件为空", where=Location(file=file), fix="请导出含表头与答卷的文件")
    header = [_text(c) for c in rows[0]]
    whole, split, unmatched = _columns(header, questionnaire)
    if not whole and not split:
        raise InputFileError(
            "表头中找不到题目列", where=Location(file=file, row=1),
            fix="题目列的表头应以题号开头，如“1、请问您是否享受过医疗救助待遇？”或“第5题(特困人员)”",
        )  # fmt: skip
    out = Responses(file, unmatched_columns=unmatched)
    for r, row in enumerate(rows[1:], start=2):
        cells = [_text(c) for c in row] + [""] * (len(header) - len(row))
        answers: dict[int, Answer] = {}
        for number, col in whole.items():
            question = questionnaire.question(number)
            assert question is not None
            value = cells[col]
            if value in NO_ANSWER:
                continue
            if question.kind == "open":
                answers[number] = value
            elif question.kind == "multi":
                parts = [p.strip() for p in value.split(MULTI_SEPARATOR) if p.strip()]
                chosen = [_one(question, p) for p in parts]
                bad = [p for p, c in zip(parts, chosen, strict=True) if c is None]
                if bad:
                    out.problems.append(Problem(r, header[col], bad[0], "不是该题的选项"))
                answers[number] = tuple(c for c in chosen if c is not None)
            else:
                option = _one(question, value)
                if option is None:
                    out.problems.append(Problem(r, header[col], value, "不是该题的选项，未计入统计"))
                else:
                    answers[number] = option
        for number, columns in split.items():
            picked = []
            for col, option in columns.items():
                value = cells[col]
                if value in NO_ANSWER or value == "0":
                    continue
                if value == "1":
                    picked.append(option)
                else:
                    out.problems.append(Problem(r, header[col], value, "多选拆分列应为 0 或 1"))
            if picked or any(cells[col] == "0" for col in columns):
                answers[number] = tuple(picked)
        if answers:
            out.answers.append(answers)
    return out
