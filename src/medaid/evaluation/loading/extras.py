"""Top-level extensions of an evaluation file — ``figures`` and ``survey`` — and the
reading options beside a text rule (``{text: …, partial: floor}``), read with every
problem named by its place (the ``Builder`` collects them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from medaid.errors import Location
from medaid.evaluation.model import Figure, Survey
from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Partial, PerCase, PerPoint, Rule, RuleSpecError

if TYPE_CHECKING:
    from medaid.evaluation.loading.build import Builder

SURVEY_KEYS = {"respondents": "有效问卷数", "sent": "发放问卷数", "population": "调查总体人数", "where": "出处"}
SURVEY_EXAMPLE = "如 survey: {respondents: 51, sent: 317, population: 4000}（有效问卷数、发放问卷数、调查总体人数）"


def read_figure(builder: Builder, raw: object, index: int) -> Figure | None:
    if not isinstance(raw, Mapping) or not raw.get("name"):
        builder.problem(
            f"figures 第 {index + 1} 项缺少名称",
            Location(file=builder.file, key="figures"),
            "每项写成 {name: …, value: …, formula: …}",
        )
        return None
    name = str(raw["name"])
    quantity = parse_quantity(raw.get("value"))
    if quantity is None or quantity.value is None:
        builder.problem(
            f"数据“{name}”的 value 不是数字",
            builder.where(raw, (), "value"),
            "请填写报告中的数值，如 26492605.71 或 95.95%",
        )
        return None
    unit = "%" if quantity.is_percent else str(raw.get("unit") or quantity.unit or "")
    return Figure(
        name=name,
        value=quantity.value,
        text=str(raw.get("value")),
        unit=unit,
        formula=str(raw["formula"]) if raw.get("formula") else None,
        where=str(raw["where"]) if raw.get("where") else None,
        location=builder.where(raw, (), name),
    )


def read_survey(builder: Builder, raw: object) -> Survey | None:
    """``survey: {respondents, sent, population, where}``: counts as the report states them."""
    if not isinstance(raw, Mapping):
        builder.problem("survey 应写成键值对", Location(file=builder.file, key="survey"), SURVEY_EXAMPLE)
        return None
    known = len(builder.problems)
    builder.known_keys(raw, SURVEY_KEYS, (), "survey.")

    def count(key: str) -> int | None:
        value = raw.get(key)
        if value is None:
            return None
        number = to_decimal(value)
        if number is None or number <= 0 or number != number.to_integral_value():
            builder.problem(
                f"survey 的 {key}“{value}”不是正整数",
                builder.where(raw, (), f"survey.{key}"),
                f"请填写报告中的{SURVEY_KEYS[key]}，如 51",
            )
            return None
        return int(number)

    respondents, sent, population = count("respondents"), count("sent"), count("population")
    if raw.get("respondents") is None:
        builder.problem(
            "survey 缺少 respondents（有效问卷数）", builder.where(raw, (), "survey.respondents"), SURVEY_EXAMPLE
        )
    if respondents is not None and sent is not None and respondents > sent:
        builder.problem(
            f"有效问卷 {respondents} 份多于发放问卷 {sent} 份",
            builder.where(raw, (), "survey.sent"),
            "请核对报告中的发放数与有效问卷数",
        )
    if respondents is not None and population is not None and respondents > population:
        builder.problem(
            f"有效问卷 {respondents} 份多于总体 {population} 人",
            builder.where(raw, (), "survey.population"),
            "population 是调查对象的总人数（如享受救助的人数），不是样本数",
        )
    if respondents is None or len(builder.problems) > known:
        return None
    return Survey(
        respondents=respondents,
        sent=sent,
        population=population,
        where=str(raw["where"]) if raw.get("where") else None,
        location=builder.where(raw, (), "survey"),
    )


def with_options(rule: Rule, spec: Mapping[str, object]) -> Rule:
    """Reading options next to a text rule: ``partial`` for a per-point deduction,
    ``zero_inclusive`` for a per-case cut-off. An option the rule has no use for, or one
    that contradicts the text, is refused rather than ignored."""
    partial = spec.get("partial")
    if partial is not None:
        if not isinstance(rule, PerPoint):
            raise RuleSpecError("partial 只适用于按百分点扣分的评分标准（如“每低于1个百分点扣1分”）")
        if str(partial) not in {p.value for p in Partial}:
            raise RuleSpecError("partial 应为 linear（按比例）、floor（按整档）或 ceil（不足一档按一档）")
        rule = replace(rule, partial=Partial(str(partial)), explicit_reading=True)
    inclusive = spec.get("zero_inclusive")
    if inclusive is not None:
        if not isinstance(rule, PerCase) or rule.zero_cases is None:
            raise RuleSpecError("zero_inclusive 只适用于写有“3例以上不得分”之类不得分界限的评分标准")
        if not isinstance(inclusive, bool):
            raise RuleSpecError("zero_inclusive 应为 true（含本数）或 false（不含本数）")
        if rule.explicit_reading and inclusive != rule.zero_inclusive:
            written = "含" if rule.zero_inclusive else "不含"
            raise RuleSpecError(
                f"评分标准“{rule.zero_wording}”已写明{written}本数，与 zero_inclusive: {str(inclusive).lower()} 矛盾"
            )
        rule = replace(rule, zero_inclusive=inclusive, explicit_reading=True)
    return rule
