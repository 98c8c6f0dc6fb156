"""Rules on how far a target was completed: full-if-met, proportional, rate × weight and
the 预算执行率 rule of the self-evaluation table."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import ClassVar

from medaid.evaluation.note_bounds import counted_alike
from medaid.evaluation.numbers import HUNDRED, ZERO, clamp, fmt
from medaid.evaluation.quantity import (
    Comparator,
    Quantity,
    comparable,
    completion_ratio,
    is_met,
    parse_quantity,
    units_compatible,
)
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, cap_note, value_in_points
from medaid.evaluation.rules.note_shares import note_actual
from medaid.evaluation.rules.stated_marks import marks_differ
from medaid.evaluation.rules.unsigned_targets import unsigned_time

# Rates for which less is better: never read as more-is-better unless the target says "≤".
LESS_IS_BETTER = re.compile(
    r"结余率|投诉率|超支率|发生率|差错率|事故率|失误率|违规率|不合格率|返贫率|流失率|逾期率|误差率"
)

# formulas family: a rate × weight rule on the completion of the plan (a share of the plan is its value)
_COMPLETION = re.compile(r"完成率|完成比例|完成程度|执行率|到位率|完成进度")


def _check_met(inputs: Inputs) -> tuple[Outcome | None, bool | None]:
    """Full marks when met; an outcome saying what is missing when the inputs are incomplete.

    Returns (outcome to give now, or None to go on; whether the target was met).
    """
    if inputs.actual is None:
        return Outcome(None, "缺少实际完成值，无法按规则计分"), None
    if inputs.target is None:
        return Outcome(None, "缺少指标值（目标值），无法判断是否达成"), None
    if (unsigned := unsigned_time(inputs.target)) is not None:  # numbers family (s8 fix): "3天" is no "≥3天"
        return Outcome(None, unsigned, needs_judgement=True), None
    if (unlike := _counted_unlike(inputs.target, inputs.actual)) is not None:  # numbers family (s8 fix)
        return Outcome(None, unlike), None
    met = is_met(inputs.target, inputs.actual)
    if met:
        # the target as the table prints it ("≥1500万元", not "≥15000000元" beside it in the same sentence)
        text = f"实际 {inputs.actual.describe()} 达到指标值 {inputs.target.text}，得满分 {fmt(inputs.weight)} 分"
        return Outcome(inputs.weight, text), True
    return None, met


@dataclass(frozen=True)
class FullIfMet(Rule):
    """达到目标值得满分，未达到不得分。

    "达到目标值得满分"; "完成或超额完成目标值得基本分" without a deduction clause.
    """

    kind = "full_if_met"
    label = "达标得满分"

    def params(self) -> dict[str, object]:
        return {}

    def apply(self, inputs: Inputs) -> Outcome:
        given, met = _check_met(inputs)
        if given is not None or inputs.target is None or inputs.actual is None:
            return given or Outcome(None, "")
        if met is None:
            return Outcome(None, "无法从文字判断是否达到指标值，需人工判断", needs_judgement=True)
        return Outcome(
            ZERO,
            f"实际 {inputs.actual.describe()} 未达到指标值 {inputs.target.text}，得 0 分",
        )


@dataclass(frozen=True)
class Proportional(Rule):
    """定量指标达到指标值得满分，未达到按完成比例计分。

    Also "没有完成的，按实际完成值占目标值的比重计算得分". A "≥" target scores
    实际值/指标值 × 分值, a "≤" target 指标值/实际值 × 分值, capped at the weight.
    Qualitative targets ("明显提高") score full marks when the actual says they were met.
    A text naming a less-is-better rate (结余率, 投诉率, 超支率…) against a target without "≤" is refused:
    which way the ratio runs is not said. ``reference``: the number the text itself measures against
    ("满意度达到90%得满分，未达到的按比例得分"): the target when the row has none; a target that differs from it
    is refused. ``beyond``: "超额完成的按比例加分" — the ratio is not capped at 100 % (only where the framework
    allows a bonus).
    """

    reference: str | None = None
    beyond: bool = False
    stated_full: Decimal | None = None  # "本项满分10分,按完成比例计分" (``stated_marks``)
    # numbers family (s8): "按B/A或A/B×该指标分值记分": the way of the ratio is the target's comparator, which must
    # be written (≥/> for B/A, ≤/< for A/B)
    letters: bool = False

    kind = "proportional"
    label = "按完成比例计分"

    def params(self) -> dict[str, object]:
        stated = {} if self.stated_full is None else {"stated_full": float(self.stated_full)}
        return {
            "reference": self.reference,
            "beyond": self.beyond,
            **stated,
            **({"letters": True} if self.letters else {}),
        }

    def _target(self, inputs: Inputs) -> tuple[Inputs, str] | str:
        """The inputs with the text's own reference as the target when the row has none."""
        reference = parse_quantity(self.reference) if self.reference else None
        target = inputs.target
        if reference is None or reference.value is None:
            return inputs, ""
        if target is None or target.value is None:
            return replace(inputs, target=reference), f"以规则所写标准 {reference.describe()} 为指标值；"
        if not units_compatible(target, reference) or comparable(reference, target).value != reference.value:
            return (
                f"规则所写标准 {reference.describe()} 与指标值 {target.describe()} 不同，按比例计分的基数不明，"
                "需人工判断"
            )
        return inputs, ""

    def apply(self, inputs: Inputs) -> Outcome:
        if (differ := marks_differ(self.stated_full, self.declared_full, inputs)) is not None:
            return differ
        if self.reference is None and (noted := note_actual(self, inputs, completion=True, divides=True)):
            return noted  # "完成1140人，占计划的95%" (``note_shares``)
        found = self._target(inputs)
        if isinstance(found, str):
            return Outcome(None, found, needs_judgement=True)
        inputs, based = found
        if self.letters and (unsigned := _letters_unsigned(inputs)) is not None:
            return unsigned
        named = LESS_IS_BETTER.search(self.text or "")
        target = inputs.target
        if named and target is not None and target.comparator not in (Comparator.LE, Comparator.LT):
            return Outcome(
                None,
                f"“{named.group(0)}”越低越好，指标值“{target.text}”未写明“≤”，按比例计分的方向不明，需人工判断",
                needs_judgement=True,
            )
        given, met = _check_met(inputs)
        if self.beyond and met and inputs.bonus_allowed:
            given = None  # "超额完成的按比例加分": the ratio runs on
        if given is not None or inputs.target is None or inputs.actual is None:
            return given or Outcome(None, "")
        target, actual, weight = inputs.target, inputs.actual, inputs.weight
        ratio = completion_ratio(target, actual)
        if ratio is None:
            if met is False:
                return Outcome(
                    None,
                    f"实际“{actual.text}”未达到指标值“{target.text}”，定性指标需人工判断得分",
                    allowed=(ZERO, weight),
                    needs_judgement=True,
                )
            return Outcome(
                None,
                f"无法比较指标值“{target.text}”与实际“{actual.text}”，需人工判断",
                needs_judgement=True,
            )
        raw = weight * ratio
        score = clamp(raw, ZERO, weight)
        note = cap_note(raw, weight)
        if self.beyond and raw > weight:
            if inputs.bonus_allowed:
                score, note = raw, "（超额完成按比例加分）"
            else:
                note += "（评价框架不允许超过分值）"
        return Outcome(
            score,
            f"{based}完成比例 {fmt(ratio.quantize(Decimal('0.0001')) * HUNDRED)}%（实际 {actual.describe()}，"
            f"指标值 {target.describe()}），得分 = {fmt(weight)} × 完成比例 = "
            f"{fmt(raw.quantize(Decimal('0.0001')))}{note}",
        )


@dataclass(frozen=True)
class RateTimesWeight(Rule):
    """按实际值×分值计算 / 按分值乘以完成率（满意度、知晓率、实际进度）计算。"""

    kind = "rate_times_weight"
    label = "实际值×分值"
    missing: ClassVar[str] = "缺少百分比形式的实际值，无法按“实际值×分值”计分"
    value_name: ClassVar[str] = ""
    stated_full: Decimal | None = None  # "记分10分,按完成率×分值计算" (``stated_marks``)

    def params(self) -> dict[str, object]:
        return {} if self.stated_full is None else {"stated_full": float(self.stated_full)}

    def apply(self, inputs: Inputs) -> Outcome:
        if (differ := marks_differ(self.stated_full, self.declared_full, inputs)) is not None:
            return differ
        completion = self.kind == "budget_execution" or bool(_COMPLETION.search(self.text or ""))
        if (noted := note_actual(self, inputs, completion=completion, rate=not completion)) is not None:
            return noted  # "实际支出占预算的85%", "完成率97%，比目标高2%" (``note_shares``)
        found = value_in_points(inputs)
        if found is None:
            return Outcome(None, self.missing)
        points, how = found.points, found.how
        raw = inputs.weight * points / HUNDRED
        return Outcome(
            clamp(raw, ZERO, inputs.weight),
            f"{how}；得分 = 分值 {fmt(inputs.weight)} × {self.value_name}{fmt(points)}% = {fmt(raw)}"
            f"{cap_note(raw, inputs.weight)}",
        )


@dataclass(frozen=True)
class BudgetExecution(RateTimesWeight):
    """项目支出绩效自评表的预算执行率：执行率 = 全年执行数 / 全年预算数，得分 = 分值 × 执行率，
    不超过分值。"""

    kind = "budget_execution"
    label = "预算执行率"
    missing = "缺少执行率（或全年预算数、全年执行数），无法计算预算执行率得分"
    value_name = "执行率 "


def _counted_unlike(target: Quantity, actual: Quantity) -> str | None:
    """numbers family (s8 fix): a count of persons against one of person-times (人 and 人次, 户 and 户次) is no
    completion: one person served twice is 2 人次, so neither meeting the target nor a ratio can be had."""
    times = [u for u in (target.unit, actual.unit) if len(u) > 1 and u.endswith("次")]  # 人次, 户次 (not 次 itself)
    if not target.unit or not actual.unit or not times or counted_alike(target.unit, actual.unit):
        return None
    if (
        target.unit.endswith("次") and target.comparator in (None, Comparator.GE, Comparator.GT)
        and target.value is not None and actual.value is not None and target.unit.startswith(actual.unit)
        and (actual.value > target.value or (actual.value == target.value and target.comparator is not Comparator.GT))
    ):  # fmt: skip
        return None  # 1549人 served are at least 1549人次: a "≥1500人次" target is met for sure (full marks only)
    return (
        f"指标值“{target.text}”以“{target.unit}”计，实际“{actual.text}”以“{actual.unit}”计（人次不是人数），"
        "单位不同，无法比较；请按指标值的单位写明实际完成值"
    )


def _letters_unsigned(inputs: Inputs) -> Outcome | None:
    """numbers family (s8): "按B/A或A/B×分值" with a target that says neither ≥ nor ≤: which ratio is not said."""
    target = inputs.target
    if target is None or target.comparator in (Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT):
        return None
    return Outcome(
        None,
        f"评分标准按 B/A（正向指标）或 A/B（反向指标）计分，指标值“{target.text}”未写明“≥”或“≤”，取哪一个比值未写明，"
        "需人工判断；请在指标值前写明“≥”或“≤”",
        needs_judgement=True,
    )
