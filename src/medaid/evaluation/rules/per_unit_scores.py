"""A standard per unit counted over the units (numbers family, session 7, fix round): "平均每班配备教师数不少于1.5人,
按班级数计算,每少1人扣1分" (``ruletext.per_unit_standards``).

The number required is the standard × the number of units. The actual (or, with no actual, the explanation) must
state the number of units ("6个班", "班级数6") and the number there ("实配7人", "实配教师7人"); a number required it
states ("应配教师9人", "应配6×1.5=9人") must equal the standard × the units. Refused: no count of units, a number
required that differs from it ("10个班，应配9人"), a count of other staff ("实配保育员7人" against 教师), 人次 for
人, a bound, an approximation or a range ("7人强", "不下于7人", "7-8人"), a third number in the unit (其中/另有),
a shortfall that is not a whole number of steps. Scored as the weight less the steps short × the points, at least 0.
Structured syntax: {type: per_unit_standard, per: 1.5, unit: 人, units: 班, thing: 教师, step: 1, points: 1}.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.note_bounds import note_bound
from medaid.evaluation.numbers import ZERO, fmt, to_decimal
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_NUM = r"\d+(?:\.\d+)?"
_VERB = r"(?:配备|配置|配齐|配|有|设置|设|在岗|在编)?"


@dataclass(frozen=True)
class PerUnitStandard(Rule):
    """每单位标准数 × 单位数 = 应配数；每少 step 扣 points 分。"""

    per: Decimal = Decimal(1)
    unit: str = "人"
    units: str = "班"
    thing: str = ""
    step: Decimal = Decimal(1)
    points: Decimal = Decimal(1)

    kind = "per_unit_standard"
    label = "按单位数计算的配备标准"

    def params(self) -> dict[str, object]:
        return {
            "per": float(self.per), "unit": self.unit, "units": self.units, "thing": self.thing,
            "step": float(self.step), "points": float(self.points),
        }  # fmt: skip

    def apply(self, inputs: Inputs) -> Outcome:
        actual = inputs.actual
        example = f"6个{self.units}，应配{self.thing}9{self.unit}，实配7{self.unit}"
        ask = f"请写明{self.units}数和实配{self.thing}人数（如“{example}”）"
        if actual is not None and actual.value is not None:
            return Outcome(None, f"实际完成值 {actual.describe()} 只有一个数：应配数按每{self.units}"
                                 f"{fmt(self.per)}{self.unit} × {self.units}数计算，{ask}")  # fmt: skip
        words = actual.text if actual is not None else (inputs.note or "")
        source = "实际完成情况" if actual is not None else "说明"
        read = self._read(words)
        if isinstance(read, str):
            return Outcome(None, f"{source}“{words}”{read}，无法计分；{ask}")
        count, required, present = read
        need = self.per * count
        if required is not None and required != need:
            return Outcome(None, f"{source}“{words}”中应配数 {fmt(required)}{self.unit} 与每{self.units}"
                                 f"{fmt(self.per)}{self.unit} × {fmt(count)}个{self.units} = {fmt(need)}{self.unit} "
                                 f"不一致，无法计分；请核对{self.units}数和应配数")  # fmt: skip
        short = need - present
        how = (f"应配 {fmt(self.per)}{self.unit} × {fmt(count)}个{self.units} = {fmt(need)}{self.unit}，"
               f"实配 {fmt(present)}{self.unit}（取自{source}“{words}”）")  # fmt: skip
        if short <= ZERO:
            return Outcome(inputs.weight, f"{how}；不少于应配数，得满分 {fmt(inputs.weight)} 分")
        steps = short / self.step
        if steps != steps.to_integral_value():
            return Outcome(None, f"{how}；少 {fmt(short)}{self.unit}，不是每少{fmt(self.step)}{self.unit}的整数倍，"
                                 "评分标准未写明不足一档如何扣分，需人工判断")  # fmt: skip
        score = max(ZERO, inputs.weight - steps * self.points)
        taken = fmt(steps * self.points)
        return Outcome(score, f"{how}；少 {fmt(short)}{self.unit}，每少{fmt(self.step)}{self.unit}扣"
                              f"{fmt(self.points)}分，扣 {taken} 分，扣完为止；得 {fmt(score)} 分")  # fmt: skip

    def _read(self, words: str) -> tuple[Decimal, Decimal | None, Decimal] | str:
        """(units, number required or None, number there) from the words, or why they cannot be read."""
        unit = re.escape(self.unit)
        units = (
            rf"(?<![\d.])({_NUM})\s*个?[\u4e00-\u9fa5]{{0,3}}?{self.units}"
            rf"|{self.units}级?数(?:为|:|：)?({_NUM})(?![\d.])"
        )
        counts = {m.group(1) or m.group(2) for m in re.finditer(units, words)}
        counts = {c for c in counts if c}
        if len(counts) != 1:
            return f"中没有唯一的{self.units}数" if not counts else f"中写了多个{self.units}数"
        numbers = list(re.finditer(rf"(?<![\d.])({_NUM})({unit})", words))
        for m in numbers:
            if words[m.end() : m.end() + 1] == "次":
                return f"中的“{m.group(0)}次”是人次，不是{self.unit}数"
            if (bound := note_bound(words, m.start(), m.end())) is not None:
                return f"中的“{bound}”是界限、约数或范围，不是确切的数量"
        who = rf"{_VERB}(?P<who>[\u4e00-\u9fa5]{{0,6}}?)数?(?:为|:|：)?"
        required = re.search(rf"应{who}(?:{_NUM}[×*]{_NUM}=)?(?P<n>{_NUM}){unit}", words)
        present = re.search(rf"实(?:际)?{who}(?P<n>{_NUM}){unit}", words)
        if present is None:
            return f"中没有写明实配{self.thing}数"
        if len(numbers) != (2 if required else 1):
            return f"中以{self.unit}计的数不止应配数和实配数"
        for found in (required, present):
            if found is not None and found.group("who") and found.group("who") != self.thing:
                return f"中的“{found.group(0)}”不是{self.thing or '所配人员'}的人数"
        count = to_decimal(counts.pop())
        there = to_decimal(present.group("n"))
        need = to_decimal(required.group("n")) if required else None
        if count is None or there is None or count <= ZERO or count != count.to_integral_value():
            return f"中的{self.units}数不是正整数"
        return count, need, there


def per_unit_from_mapping(spec: Mapping[str, object] | object, text: str | None) -> PerUnitStandard:
    """{type: per_unit_standard, per: 1.5, unit: 人, units: 班, thing: 教师, step: 1, points: 1}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    if not isinstance(spec, Mapping):
        raise RuleSpecError("per_unit_standard 规则应为映射")
    values = {key: to_decimal(str(spec.get(key, ""))) for key in ("per", "step", "points")}
    if any(v is None or v <= 0 for v in values.values()):
        raise RuleSpecError("per_unit_standard 规则的 per、step、points 应为正数")
    per, step, points = (v for v in values.values() if v is not None)
    return PerUnitStandard(
        per=per, step=step, points=points, unit=str(spec.get("unit", "人")), units=str(spec.get("units", "班")),
        thing=str(spec.get("thing", "")), text=text,
    )  # fmt: skip
