"""Written formulas: "得分=完成率×分值", "抽查的规范管理率/80%×3分", "指标得分=实际值/目标值×权重",
"(实际-60%)/(95%-60%)×分值", with the caps and jumps tables add ("85%以上得满分", "低于60%不得分")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from medaid.evaluation.numbers import HUNDRED, ZERO, clamp, fmt, to_decimal
from medaid.evaluation.quantity import Comparator, Quantity, comparable, is_met, units_compatible
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, cap_note, value_in_points
from medaid.evaluation.rules.exemption import exempted
from medaid.evaluation.rules.note_shares import note_actual
from medaid.evaluation.rules.stated_marks import marks_differ
from medaid.evaluation.rules.unsigned_targets import unsigned_time


class FormulaValue(StrEnum):
    """What the formula's value is."""

    RATE = "rate"  # the rate it names ("完成率", "规范管理率"): a percentage actual
    RATIO = "ratio"  # 实际值/目标值: the actual over the target
    INVERSE = "inverse"  # 目标值/实际值: the target over the actual (less-is-better targets)


_LESS_IS_BETTER = (Comparator.LE, Comparator.LT)


def permille(quantity: Quantity) -> Decimal | None:
    """ "2.4‰" as 2.4 (quantity parsing knows no ‰)."""
    if quantity.value is not None and quantity.unit == "‰":
        return quantity.value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*‰\s*", quantity.text)
    return Decimal(match.group(1)) if match else None


@dataclass(frozen=True)
class Formula(Rule):
    """得分 = 满分 × (值 − 起点) ÷ (终点 − 起点)，不低于 0、不超过满分。

    "得分=完成率×分值" (起点 0、终点 100%); "抽查的规范管理率/80%×3分" (终点 80%, 满分 3);
    "(实际-60%)/(95%-60%)×分值"; "指标得分=实际值/目标值×权重" (``value`` ratio).
    ``points`` is the formula's own full marks ("×10分"); None: the indicator's weight.
    ``full_from``: "85%以上得满分", "超过3‰按1.5分计算" (``full_inclusive`` says whether the number
    itself scores full); ``full_when_met``: "达到目标值得满分". ``zero_below``: "低于60%不得分"
    (``zero_inclusive``: "60%以下不得分"). ``of_target``: the rate is the completion of the target
    (完成率, 执行率, 到位率, or "完成率=实际完成数/计划数"), so that a count against a target in the same unit
    gives it; any other rate needs a percentage actual. A less-is-better target ("≤5%") against a formula
    that rises with the value is refused.
    """

    value: FormulaValue = FormulaValue.RATE
    low: Decimal = ZERO
    high: Decimal = HUNDRED
    unit: str = "%"  # of low, high and the value: "%" or "‰"
    points: Decimal | None = None
    full_from: Decimal | None = None
    full_inclusive: bool = True
    zero_below: Decimal | None = None
    zero_inclusive: bool = False
    full_when_met: bool = False
    of_target: bool = False
    exempt: str | None = None  # "若实施方案没有该项建设任务的,不扣分" (``exemption``)
    # "A率达到目标值(B率/85%×10计算得分)": the row's actual is taken for the formula's rate B only when the
    # formula's divisor is the row's target ("≥85%"); otherwise which rate the actual is stays unsaid
    rate_at_target: bool = False
    stated_full: Decimal | None = None  # "本项满分30分。得分=…": the marks the text states (``stated_marks``)

    kind = "formula"
    label = "按公式计分"

    def params(self) -> dict[str, object]:
        def num(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        return {
            "value": self.value.value,
            "low": float(self.low),
            "high": float(self.high),
            "unit": self.unit,
            "points": num(self.points),
            "full_from": num(self.full_from),
            "full_inclusive": self.full_inclusive,
            "zero_below": num(self.zero_below),
            "zero_inclusive": self.zero_inclusive,
            "full_when_met": self.full_when_met,
            "of_target": self.of_target,
            **({"exempt": self.exempt} if self.exempt is not None else {}),
            **({"rate_at_target": True} if self.rate_at_target else {}),
            **({"stated_full": float(self.stated_full)} if self.stated_full is not None else {}),
        }

    def full_marks(self) -> Decimal | None:
        return self.points if self.points is not None else self.declared_full

    def _value(self, inputs: Inputs) -> tuple[Decimal, str] | str:
        """The formula's value and how it was found, or why it cannot be had."""
        actual, target = inputs.actual, inputs.target
        if actual is None:
            return "缺少实际完成值，无法按公式计分"
        if self.value is FormulaValue.RATE:
            if target is not None and target.comparator in _LESS_IS_BETTER:
                return f"指标值“{target.describe()}”越低越好，而公式得分随实际值升高，需人工判断"
            if self.unit == "‰":
                points = permille(actual)
                if points is None:
                    return "公式以千分率（‰）计算，实际完成值应为千分率"
                return points, f"实际完成值 {fmt(points)}‰"
            if self.rate_at_target and (refused := self._divisor_not_target(target)) is not None:
                return refused
            found = value_in_points(inputs)
            if found is None or found.mode == "plain":
                return "缺少百分比形式的实际完成值，无法按公式计分"
            if found.mode == "completion" and (self.low != ZERO or self.high != HUNDRED or not self.of_target):
                return "公式中的值是所列比率，实际完成值应为百分比"
            return found.points, found.how
        if target is None or target.value is None or actual.value is None:
            return "公式需要指标值（目标值）和数值形式的实际完成值"
        if (unsigned := unsigned_time(target)) is not None:  # numbers family (s8 fix): "3天" is no "≥3天"
            return unsigned
        actual = comparable(target, actual)
        if actual.value is None or not units_compatible(target, actual):
            return f"实际“{actual.text}”与指标值“{target.text}”单位不同，无法按公式计分"
        less = target.comparator in _LESS_IS_BETTER
        if self.value is FormulaValue.RATIO:
            if less:
                return f"指标值“{target.describe()}”越低越好，公式“实际值/目标值”却随实际值升高，需人工判断"
            if target.value <= 0:
                return "指标值为 0，无法计算实际值/目标值"
            ratio = actual.value / target.value * HUNDRED
            shown = f"{fmt(actual.value)}{actual.unit} ÷ {fmt(target.value)}{target.unit}"
        else:
            if not less:
                return f"公式“目标值/实际值”只用于越低越好的指标，指标值“{target.describe()}”不是"
            if actual.value <= 0:
                return f"实际完成值 {fmt(actual.value)}{actual.unit} 不大于 0，无法计算目标值/实际值"
            ratio = target.value / actual.value * HUNDRED
            shown = f"{fmt(target.value)}{target.unit} ÷ {fmt(actual.value)}{actual.unit}"
        return ratio, f"{shown} = {fmt(ratio.quantize(Decimal('0.0001')))}%"

    def _divisor_not_target(self, target: Quantity | None) -> str | None:
        """Why the actual cannot be taken for the formula's rate, or None when the divisor is the target."""
        divisor = f"{fmt(self.high)}{self.unit}"
        if (
            target is None or target.value is None or target.unit != self.unit or target.value != self.high
            or target.comparator not in (Comparator.GE, Comparator.EQ)
        ):  # fmt: skip
            shown = "未给出" if target is None else f"“{target.text}”"
            return (
                f"评分标准所述指标与公式中的比率不是同一项，公式除以 {divisor}，而指标值{shown}不是 {divisor}，"
                "实际完成值是哪一项比率未写明，需人工判断"
            )
        return None

    def describe(self) -> str:
        u = self.unit
        if self.value is not FormulaValue.RATE:
            name = "实际值/目标值" if self.value is FormulaValue.RATIO else "目标值/实际值"
            return f"满分 × {name}"
        if self.low == ZERO and self.high == HUNDRED and u == "%":
            return "满分 × 值"
        if self.low == ZERO:
            return f"满分 × 值 ÷ {fmt(self.high)}{u}"
        return f"满分 × (值 − {fmt(self.low)}{u}) ÷ ({fmt(self.high)}{u} − {fmt(self.low)}{u})"

    def apply(self, inputs: Inputs) -> Outcome:
        if (differ := marks_differ(self.stated_full, self.declared_full, inputs)) is not None:
            return differ
        ratio = self.value is FormulaValue.RATIO
        rate = self.value is FormulaValue.RATE and self.unit == "%" and self.low == ZERO
        if (
            noted := note_actual(self, inputs, completion=ratio or self.of_target, divides=ratio, rate=rate)
        ) is not None:
            return noted  # "完成1140人，占计划的95%", "实际完成90%，比目标低5%" (``note_shares``)
        full_marks = self.points if self.points is not None else inputs.weight
        if (free := exempted(self.exempt, inputs, min(full_marks, inputs.weight))) is not None:
            return free
        found = self._value(inputs)
        if isinstance(found, str):
            return Outcome(None, found)
        value, how = found
        if self.rate_at_target:
            how += f"（公式除以 {fmt(self.high)}{self.unit}，即指标值，实际完成值取作公式中的比率）"
        full = self.points if self.points is not None else inputs.weight
        if full > inputs.weight and not inputs.bonus_allowed:
            return Outcome(
                None,
                f"公式的满分 {fmt(full)} 分高于本项分值 {fmt(inputs.weight)} 分，"
                "是按比例折算还是封顶未写明，需人工判断",
            )
        u = self.unit
        if self.zero_below is not None and (
            value < self.zero_below or (self.zero_inclusive and value == self.zero_below)
        ):
            word = "不高于" if self.zero_inclusive else "低于"
            return Outcome(ZERO, f"{how}，{word} {fmt(self.zero_below)}{u}，按规则不得分")
        met: bool | None = False
        if self.full_when_met:
            target, actual = inputs.target, inputs.actual
            met = is_met(target, actual) if target is not None and actual is not None else None
            if met is None:
                return Outcome(None, f"{how}；规则按是否达到指标值给满分，缺少可比较的指标值，需人工判断")
        if met and inputs.target is not None:
            raw, arithmetic = full, f"达到指标值 {inputs.target.describe()}，得满分 {fmt(full)} 分"
        elif self.full_from is not None and (
            value > self.full_from or (self.full_inclusive and value == self.full_from)
        ):
            word = "达到" if self.full_inclusive else "超过"
            raw, arithmetic = full, f"{word} {fmt(self.full_from)}{u}，得满分 {fmt(full)} 分"
        else:
            raw = full * (value - self.low) / (self.high - self.low)
            if self.low == ZERO and self.high == HUNDRED and u == "%":
                shown = f"{fmt(full)} × {fmt(value)}%"
            elif self.low == ZERO:
                shown = f"{fmt(full)} × {fmt(value)}{u} ÷ {fmt(self.high)}{u}"
            else:
                low, high = f"{fmt(self.low)}{u}", f"{fmt(self.high)}{u}"
                shown = f"{fmt(full)} × ({fmt(value)}{u} − {low}) ÷ ({high} − {low})"
            arithmetic = f"按公式“{self.describe()}”：得分 = {shown} = {fmt(raw)}{cap_note(raw, full)}"
        score = clamp(raw, ZERO, full)
        if score > inputs.weight and not inputs.bonus_allowed:
            arithmetic += f"，超过本项分值按 {fmt(inputs.weight)} 分计"
            score = inputs.weight
        return Outcome(score, f"{how}；{arithmetic}")


# --- the structured rule syntax ------------------------------------------------------------------


def spec_number(spec: Mapping[str, object], key: str, default: Decimal | None = None) -> Decimal | None:
    """A number of a structured rule ("80%" reads as 80); RuleSpecError when it is not one."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get(key)
    if raw is None:
        return default
    value = to_decimal(str(raw).strip().rstrip("%‰") if isinstance(raw, str) else raw)
    if value is None:
        raise RuleSpecError(f"规则参数 {key} 应为数字，实际为“{raw}”")
    return value


def formula_from_mapping(spec: Mapping[str, object], text: str | None) -> Rule:
    """{type: formula, value: rate, low: 60, high: 95, unit: "%", points: 10, full_from: 95}."""
    from medaid.evaluation.rules.expression_spec import expression_from_mapping
    from medaid.evaluation.rules.structured import RuleSpecError

    if "expression" in spec:  # {type: formula, expression: "70×实际值-63"}
        return expression_from_mapping(spec, text)
    if "unplaced" in spec:  # {type: formula, unplaced: [不合格户数]}: a formula on a quantity no input gives
        from medaid.evaluation.rules.named_formula import UnplacedFormula

        raw = spec.get("unplaced")
        names = tuple(str(n) for n in raw) if isinstance(raw, list | tuple) else (str(raw),)
        return UnplacedFormula(unplaced=names, actual_named=str(spec.get("actual_named", "")),
                               plan_named=str(spec.get("plan_named", "")), text=text)  # fmt: skip
    value = str(spec.get("value", FormulaValue.RATE.value))
    unit = str(spec.get("unit", "%"))
    if value not in {v.value for v in FormulaValue}:
        raise RuleSpecError("formula 的 value 应为 rate（所列比率）、ratio（实际值/目标值）或 inverse（目标值/实际值）")
    if unit not in ("%", "‰"):
        raise RuleSpecError("formula 的 unit 应为 % 或 ‰")
    low = spec_number(spec, "low", ZERO) or ZERO
    high = spec_number(spec, "high", HUNDRED) or HUNDRED
    if high <= low:
        raise RuleSpecError("formula 的 high 应大于 low")
    return Formula(
        value=FormulaValue(value), low=low, high=high, unit=unit, points=spec_number(spec, "points"),
        full_from=spec_number(spec, "full_from"), full_inclusive=bool(spec.get("full_inclusive", True)),
        zero_below=spec_number(spec, "zero_below"), zero_inclusive=bool(spec.get("zero_inclusive", False)),
        full_when_met=bool(spec.get("full_when_met", False)), of_target=bool(spec.get("of_target", False)),
        exempt=None if spec.get("exempt") is None else str(spec.get("exempt")), text=text,
        rate_at_target=bool(spec.get("rate_at_target", False)), stated_full=spec_number(spec, "stated_full"),
    )  # fmt: skip
