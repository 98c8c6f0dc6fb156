"""Scoring elements (得分要素) that each add a value, and the score the value earns.

"得分要素:1.有绩效目标;2.目标指向明确;…。具备要素1得50%,其余要素每符合一项增加10%。业绩值为100%得满分,每降低1%扣
权重分的1%,扣完为止"; "具备一个得分要素业绩值加0.5。业绩值为2得满分,每降低0.5扣除权重分的1/4";
"一、建立合作机制得10%分,机制运行良好得10%。二、…" (shares of the full marks, without a stated value).

The value (业绩值) is the sum of the values of the elements that hold (``Inputs.holds``, 1 = the first printed).
At ``full_value`` or above the score is the full marks; each ``step`` below it takes ``step_share`` of the full
marks, down to 0 (扣完为止). A shortfall that is not a whole number of steps is refused: the text does not say how
part of a step counts. ``base``: the element the others add to ("具备要素1得50%,其余要素每符合一项增加10%"):
without it the text does not say what the others are worth, and the score is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt, to_decimal
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.statements import counted, items_held


@dataclass(frozen=True)
class ElementShares(Rule):
    """得分要素：各要素计业绩值，业绩值达到满分值得满分，每降低一档扣满分的一定比例。"""

    values: tuple[Decimal, ...]
    names: tuple[str, ...] = ()
    unit: str = ""  # "%" or "" (the value's unit, as printed)
    full_value: Decimal = Decimal(100)
    step: Decimal = Decimal(1)
    step_share: Decimal | None = None  # None: the value's share of full_value is the score's share of the marks
    base: int | None = None

    kind = "element_shares"
    label = "得分要素"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {
            "values": [float(x) for x in self.values],
            "unit": self.unit,
            "full_value": float(self.full_value),
            "step": float(self.step),
        }
        if self.step_share is not None:
            out["step_share"] = float(self.step_share)
        if self.names:
            out["names"] = list(self.names)
        if self.base is not None:
            out["base"] = self.base
        return out

    def _name(self, number: int) -> str:
        name = self.names[number - 1] if len(self.names) >= number else ""
        return f"要素{number}（{name}）" if name else f"要素{number}"

    def _ask(self, inputs: Inputs, why: str) -> Outcome:
        listed = "、".join(f"{self._name(i)} {fmt(v)}{self.unit}" for i, v in enumerate(self.values, 1))
        return Outcome(
            None,
            f"{why}；业绩值由具备的要素相加（{listed}），需列明具备的要素（分项序号）",
            allowed=(ZERO, inputs.weight),
            needs_judgement=True,
        )

    def apply(self, inputs: Inputs) -> Outcome:
        held: list[int] | None = None
        said = ""
        if inputs.holds is not None:
            held = sorted(set(inputs.holds))
            if any(not 1 <= i <= len(self.values) for i in held):
                return Outcome(None, f"符合的分项 {held} 超出本规则的 {len(self.values)} 个要素")
        else:
            text = inputs.actual.text if inputs.actual is not None else inputs.note
            if not text or not text.strip():
                return self._ask(inputs, "未提供具备的要素")
            text = text.strip()
            n = counted(text, len(self.values), "held") if len(set(self.values)) == 1 else None
            if n is not None:
                held = list(range(1, n + 1))
                said = f"实际“{text}”即具备 {n} 个要素，"
            else:
                found, why = items_held(text, self.names)
                if why is not None:
                    return self._ask(inputs, f"实际情况“{why}”无法对应要素")
                held, said = found, f"按实际情况“{text}”，"
        return self._score(inputs, held, said)

    def _score(self, inputs: Inputs, held: list[int], said: str) -> Outcome:
        if self.base is not None and held and self.base not in held:
            return self._ask(inputs, f"未具备{self._name(self.base)}，其余要素是在其上增加，文本未说明此时如何计")
        value = sum((self.values[i - 1] for i in held), ZERO)
        got = "、".join(f"{self._name(i)} {fmt(self.values[i - 1])}{self.unit}" for i in held) or "无"
        head = f"{said}具备{got}，业绩值 {fmt(value)}{self.unit}"
        if value >= self.full_value:
            return Outcome(
                inputs.weight, f"{head}，达到 {fmt(self.full_value)}{self.unit}，得满分 {fmt(inputs.weight)} 分"
            )
        if self.step_share is None:
            raw = inputs.weight * value / self.full_value
            return Outcome(
                clamp(raw, ZERO, inputs.weight),
                f"{head}，按业绩值占 {fmt(self.full_value)}{self.unit} 的比例计分：得分 = {fmt(inputs.weight)} × "
                f"{fmt(value)} ÷ {fmt(self.full_value)} = {fmt(raw)}",
            )
        steps = (self.full_value - value) / self.step
        if steps != steps.to_integral_value():
            return self._ask(inputs, f"{head}，比满分值低 {fmt(self.full_value - value)}{self.unit}，不是整档")
        lost = steps * self.step_share
        raw = inputs.weight * (1 - lost)
        score = clamp(raw, ZERO, inputs.weight)
        floor = "，扣完为止按 0 分计" if raw < 0 else ""
        return Outcome(
            score,
            f"{head}，比满分值 {fmt(self.full_value)}{self.unit} 低 {fmt(steps)} 档"
            f"（每档 {fmt(self.step)}{self.unit}），"
            f"每档扣满分的 {fmt(self.step_share * 100)}%：得分 = {fmt(inputs.weight)} × (1 − {fmt(steps)} × "
            f"{fmt(self.step_share * 100)}%) = {fmt(raw)}{floor}",
        )


def element_shares_from_mapping(spec: Mapping[str, object], text: str | None) -> ElementShares:
    """{type: element_shares, values: [20, 40, 20, 20], unit: "%", full_value: 100, step: 1, step_share: 0.01}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("values")
    values = [to_decimal(x) for x in raw] if isinstance(raw, list) and raw else []
    if not values or any(v is None or v <= 0 for v in values):
        raise RuleSpecError("element_shares 规则需要 values 列表（各要素的业绩值，正数）")
    numbers = {k: to_decimal(spec.get(k)) for k in ("full_value", "step")}
    share = to_decimal(spec.get("step_share")) if spec.get("step_share") is not None else None
    if any(v is None or v <= 0 for v in numbers.values()) or (share is not None and share <= 0):
        raise RuleSpecError("element_shares 规则需要 full_value、step（正数），step_share 为正数或不写")
    names = spec.get("names") or []
    if not isinstance(names, list) or (names and len(names) != len(values)):
        raise RuleSpecError("element_shares 规则的 names 应为与 values 等长的列表")
    base = spec.get("base")
    if base is not None and not (isinstance(base, int) and 1 <= base <= len(values)):
        raise RuleSpecError("element_shares 规则的 base 应为要素序号（从 1 起）")
    unit = str(spec.get("unit") or "")
    if unit not in ("", "%"):
        raise RuleSpecError("element_shares 规则的 unit 应为 % 或不写")
    return ElementShares(
        values=tuple(v for v in values if v is not None),
        names=tuple(str(n) for n in names),
        unit=unit,
        full_value=numbers["full_value"] or Decimal(100),
        step=numbers["step"] or Decimal(1),
        step_share=share,
        base=base,
        text=text,
    )
