"""Positive and negative indicators (正向指标, 反向指标): 得分 = 分值 × 实际值/目标值 for a more-is-better
indicator, 分值 × 目标值/实际值 for a less-is-better one (结余率, 投诉率, 贫困发生率, 编外人员数量)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.quantity import Comparator, Quantity, comparable, same_unit
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_LESS = (Comparator.LE, Comparator.LT)
_MORE = (Comparator.GE, Comparator.GT)


@dataclass(frozen=True, kw_only=True)
class Directional(Rule):
    """正向指标得分 = 分值 × 实际值 ÷ 目标值；反向指标得分 = 分值 × 目标值 ÷ 实际值。

    Examples: "结转结余率为反向指标，得分=分值×目标值/实际值，最高不超过分值" (≤10%, 12.5% → 5 × 10/12.5 = 4);
    "贫困发生率为反向指标,实际值不高于3%得20分;高于3%的,得分=20×3%/实际值" (``reference`` 3, ``full`` 20).
    ``reverse``: True 反向, False 正向, None when the text gives both formulas and the target's ≤ or ≥ chooses.
    ``reference``: the value written into the formula, in ``unit`` (None: the target).
    ``capped``: the text stops the score at its full marks (最高不超过分值, "不高于3%得20分"); without it the
    score stops there anyway unless the framework allows a bonus.
    """

    reverse: bool | None
    reference: Decimal | None = None
    unit: str = ""
    full: Decimal | None = None
    capped: bool = False
    # how the text's letters were read ("A 为目标值、B 为实际值"): wording, said in the reason, not a parameter
    letters: str = field(default="", compare=False)
    gap: bool = False  # 反向 "(1-(实际值-目标值)/目标值)×分值": the score falls by the gap's share of the target

    kind = "directional"
    label = "正向/反向指标按比例计分"

    def params(self) -> dict[str, object]:
        return {
            "reverse": self.reverse,
            "reference": None if self.reference is None else float(self.reference),
            "unit": self.unit,
            "full": None if self.full is None else float(self.full),
            "capped": self.capped,
            "gap": self.gap,
        }

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def _reverse(self, target: Quantity | None) -> bool | str:
        comparator = target.comparator if target is not None else None
        if self.reverse is None:
            if comparator in _LESS:
                return True
            if comparator in _MORE:
                return False
            return "评分标准分正向、反向两种算法，指标值未写明 ≥ 或 ≤，无法判断本指标的方向"
        if (self.reverse and comparator in _MORE) or (not self.reverse and comparator in _LESS):
            assert target is not None
            kind = "反向（越低越好）" if self.reverse else "正向（越高越好）"
            return f"评分标准按{kind}指标计分，与指标值 {target.describe()} 的方向相反，无法确定如何计分"
        return self.reverse

    def _reference(self, target: Quantity | None, actual: Quantity) -> tuple[Decimal, str, str] | str:
        """The reference, its unit and where it was read, agreeing with the actual's unit."""
        unit = self.unit
        reference = self.reference
        if target is not None and target.value is not None:
            if unit and target.unit and not same_unit(unit, target.unit):
                return f"公式中的 {fmt(reference)}{unit} 与指标值 {target.describe()} 单位不同，无法计分"
            if reference is not None and reference != target.value:
                return f"公式中的 {fmt(reference)}{unit} 与指标值 {target.describe()} 不一致，无法确定以哪个为准"
            reference, unit = target.value, target.unit or unit
        source = "指标值" if target is not None and target.value is not None else "评分标准写明的目标值"
        if reference is None:
            return "缺少指标值（目标值），无法按公式计分"
        if actual.unit and unit and not same_unit(actual.unit, unit):
            return f"实际完成值 {actual.describe()} 与目标值 {fmt(reference)}{unit} 单位不同，无法计分"
        if unit == "%" and actual.unit != "%":
            return f"目标值是百分比，而实际完成值“{actual.text}”不是百分比，无法计分"
        if reference <= 0:
            return f"目标值为 {fmt(reference)}{unit}，无法作比"
        return reference, unit, source

    def apply(self, inputs: Inputs) -> Outcome:
        actual, target = inputs.actual, inputs.target
        if actual is None or actual.value is None:
            return Outcome(None, "缺少数值形式的实际完成值，无法按公式计分")
        if target is not None:
            actual = comparable(target, actual)
        assert actual.value is not None
        reverse = self._reverse(target)
        if isinstance(reverse, str):
            return Outcome(None, reverse)
        found = self._reference(target, actual)
        if isinstance(found, str):
            return Outcome(None, found)
        reference, unit, source = found
        full = self.full if self.full is not None else inputs.weight
        value = actual.value
        if reverse:
            if value <= 0:
                best = clamp(full, ZERO, inputs.weight)
                return Outcome(best, f"反向指标实际值 {fmt(value)}{unit} 不高于目标，得满分 {fmt(best)} 分")
            ratio, shown = reference / value, f"{fmt(reference)}{unit} ÷ {fmt(value)}{unit}"
            if self.gap:
                ratio = 2 - value / reference
                shown = f"(1 − ({fmt(value)}{unit} − {fmt(reference)}{unit}) ÷ {fmt(reference)}{unit})"
        else:
            ratio, shown = value / reference, f"{fmt(value)}{unit} ÷ {fmt(reference)}{unit}"
        raw = full * ratio
        score = min(raw, full) if (self.capped or not inputs.bonus_allowed) else raw
        score = max(score, ZERO) if inputs.bonus_allowed else clamp(score, ZERO, inputs.weight)
        formula = "正向指标：得分 = 满分 × 实际值 ÷ 目标值"
        if reverse:
            ratio_words = "(1 − (实际值 − 目标值) ÷ 目标值)" if self.gap else "目标值 ÷ 实际值"
            formula = f"反向指标：得分 = 满分 × {ratio_words}"
        reason = (f"{formula} = {fmt(full)} × {shown} = {fmt(raw.quantize(Decimal('0.0001')))}"
                  f"（目标值 {fmt(reference)}{unit} 取自{source}）")  # fmt: skip
        if raw > score:
            reason += f"，不超过满分按 {fmt(score)} 分计"
        if self.letters:
            reason = f"{self.letters}；{reason}"
        return Outcome(score, reason)
