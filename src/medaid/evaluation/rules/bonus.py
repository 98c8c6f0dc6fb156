"""Bonus (加分) and penalty (减分) steps above and below a target around a base score (加减分 items
beside the weight are in ``adjustments``).

A score above the indicator's weight is given only when the framework allows it
(``Inputs.bonus_allowed``); otherwise it is capped at the weight and the reason says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Comparator, Quantity, comparable, parse_quantity, units_compatible
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.bonus_below import below_share, short_band, short_from_spec, short_params
from medaid.evaluation.rules.bonus_change import signed_change as signed_change  # re-exported
from medaid.evaluation.rules.bonus_tiers import tier_params, tiered
from medaid.evaluation.rules.deduction import PARTIAL_WORDS, Partial
from medaid.evaluation.rules.formulas import spec_number


class Reference(StrEnum):
    """What the steps are counted from."""

    TARGET = "target"  # 大于目标值的，每增加…: from the target
    ZERO = "zero"  # 每项加2分: from nothing
    CHANGE = "change"  # 对比上年度，每增加1名…: the actual is a change ("比上年增加4名")


@dataclass(frozen=True)
class Step:
    """每增加 ``size`` 加 ``points`` 分 (or 每少 … 扣): ``unit`` is "%" (percentage points of a
    percentage, or per cent of the target for other values), "百分点" (percentage points only), or a unit
    of the actual (人, 元, 公顷, 项) in which ``size`` is written without 万; ``relative``: a share of the
    target ("每少完成目标值10%"); ``most``: "最高加2分", "扣分不超过2分"."""

    size: Decimal
    points: Decimal
    unit: str = "%"
    relative: bool = False
    most: Decimal | None = None

    def to_dict(self) -> dict[str, object]:
        return {"size": float(self.size), "points": float(self.points), "unit": self.unit,
                "relative": self.relative, "most": None if self.most is None else float(self.most)}  # fmt: skip


def _steps(distance: Decimal, size: Decimal, partial: Partial) -> Decimal:
    exact = distance / size
    if partial is Partial.FLOOR:
        return Decimal(math.floor(exact))
    if partial is Partial.CEIL:
        return Decimal(math.ceil(exact))
    return exact


@dataclass(frozen=True)
class StepBonus(Rule):
    """完成得基本分；大于目标值的，每增加1%加1分，最高加2分；小于目标值的，每少1%扣1分，扣完为止。

    Also "超额完成任务数，每超10%加2分，10分封顶" (no base: a pure 加分 item scoring 0 at the target),
    "每项加2分" (counted from zero) and "对比上年度，每增加1名加0.05分…每减少1名扣0.1分" (the actual is the
    change). ``base``: the score at the reference (None: the weight, "基本分"); ``up_to_base``:
    "加分至基本分值为止"; ``cap``: "10分封顶"; ``zero_below``: "未达到目标产量不计分" (below the reference
    nothing). Part steps count proportionally by default, as per-point deductions do (``partial``).
    """

    up: Step | None = None
    down: Step | None = None
    base: Decimal | None = None
    up_to_base: bool = False
    cap: Decimal | None = None
    reference: Reference = Reference.TARGET
    partial: Partial = Partial.LINEAR
    explicit_reading: bool = False
    zero_below: bool = False
    up2: Step | None = None  # "130%以上,每超出1个百分点加0.1分": the upward step past ``upto`` (``bonus_tiers``)
    upto: Decimal | None = None  # "100%-130%(含)之间": where the first upward step ends
    tier_from: Decimal | None = None  # and where it starts (the reference)
    lower_better: bool = False  # "每降低1%加2分" against a "≤" target: ``up`` is the step below it
    written: str | None = None  # "全年运营240天不扣分": the reference the text writes, in place of the target
    below_share: bool = False  # "未完成任务的，按完成比例得分": below the target, base × actual ÷ target
    # "在10人-20人的扣3分;10人以下不得分" below a written reference: from ``short_from`` up to it the base less
    # ``short_minus``, below it nothing (``short_floor_held``: the floor holds its own number, "10人以下")
    short_from: str | None = None
    short_minus: Decimal | None = None
    short_floor_held: bool = False

    kind = "step_bonus"
    label = "加减分"
    reading_option = "partial: floor"

    def reading(self) -> str:
        return f"{PARTIAL_WORDS[self.partial]}计档"

    def reading_name(self, key: str) -> str:
        return f"{PARTIAL_WORDS[Partial(key)]}计档"

    def params(self) -> dict[str, object]:
        return {
            "up": None if self.up is None else self.up.to_dict(),
            "down": None if self.down is None else self.down.to_dict(),
            "base": None if self.base is None else float(self.base),
            "up_to_base": self.up_to_base,
            "cap": None if self.cap is None else float(self.cap),
            "reference": self.reference.value,
            "partial": self.partial.value,
            "zero_below": self.zero_below,
            **tier_params(self),
            **({"lower_better": True} if self.lower_better else {}),
            **({"written": self.written} if self.written else {}),
            **({"below_share": True} if self.below_share else {}),
            **short_params(self),
        }

    def full_marks(self) -> Decimal | None:
        return self.declared_full

    def _distance(self, inputs: Inputs) -> tuple[Decimal, Quantity, str] | str:
        """How far the actual is from the reference (in the actual's unit), the reference and how it was read."""
        actual, target = inputs.actual, inputs.target
        if actual is None:
            return "缺少实际完成值，无法按规则加减分"
        if self.reference is Reference.CHANGE:
            change = signed_change(actual)
            if change is None or change.value is None:
                return f"规则按比上年的增减计分，实际“{actual.text}”未写明增加或减少多少"
            return change.value, change, f"较基准变化 {fmt(change.value)}{change.unit}（{change.text}）"
        if actual.value is None:
            return f"实际“{actual.text}”不是数值，无法按规则加减分"
        if self.reference is Reference.ZERO:
            return actual.value, actual, f"实际 {actual.describe()}"
        if self.written is not None:  # the text's own reference; a row target must say the same
            own = parse_quantity(f"{'≤' if self.lower_better else '≥'}{self.written}")
            if own is None or (
                target is not None and (target.value, target.unit) not in ((None, target.unit), (own.value, own.unit))
            ):
                return f"评分标准以“{self.written}”为基准，与指标值“{target.text if target else ''}”不同，需人工判断"
            target = own
        if target is None or target.value is None:
            return "缺少指标值（目标值），无法计算超过或低于目标多少"
        if (target.comparator in (Comparator.LE, Comparator.LT)) != self.lower_better:
            said = "越低越好，与“超过目标加分”" if not self.lower_better else "未写明“≤”，与“低于目标加分”"
            return f"指标值“{target.describe()}”{said}的规则相反，需人工判断"
        actual = comparable(target, actual)
        if actual.value is None or not units_compatible(target, actual):
            return f"实际“{actual.text}”与指标值“{target.text}”单位不同，无法比较"
        distance = actual.value - target.value
        word = "等于" if distance == 0 else "高于" if distance > 0 else "低于"
        distance = -distance if self.lower_better else distance  # below a "≤" target is the better side
        gap = "" if distance == 0 else f" {fmt(abs(distance))}{'个百分点' if actual.unit == '%' else actual.unit}"
        named = "评分标准写明的基准" if self.written else "指标值"
        return distance, actual, f"实际 {actual.describe()}，{word}{named} {target.describe()}{gap}"

    def _size(self, step: Step, inputs: Inputs, value: Quantity) -> tuple[Decimal, str] | str:
        """The step in the actual's unit, and how it reads."""
        target = inputs.target
        percent_target = target is not None and target.is_percent
        if step.relative and percent_target:
            return "步长写作目标值的百分之几，而指标值本身是百分比：是百分点还是目标值的百分之几未写明，需人工判断"
        if step.relative or (step.unit == "%" and not (percent_target or value.unit == "%")):
            if target is None or target.value is None or self.reference is not Reference.TARGET:
                return "步长是目标值的百分比，但缺少指标值（目标值）"
            size = target.value * step.size / Decimal(100)
            return size, f"目标值的 {fmt(step.size)}% 即 {fmt(size)}{target.unit}"
        if step.unit == "百分点" and not (percent_target or value.unit == "%"):
            return "步长以百分点计，实际完成值却不是百分比，无法计算"
        if step.unit in ("%", "百分点"):
            return step.size, f"{fmt(step.size)}个百分点"
        if value.unit and not units_compatible(Quantity(text="", value=step.size, unit=step.unit), value):
            return f"步长以“{step.unit}”计，实际以“{value.unit}”计，单位不同，无法计算"
        return step.size, f"{fmt(step.size)}{step.unit}"

    def apply(self, inputs: Inputs) -> Outcome:
        if self.written and self.base is not None and self.base > inputs.weight and not inputs.bonus_allowed:
            return Outcome(  # numbers family (s8 fix): the text's scale and the row disagree, as for ``kind_levels``
                None,
                f"评分标准写明达到“{self.written}”得 {fmt(self.base)} 分，超过本行分值 {fmt(inputs.weight)} 分，"
                "无法确定从哪个分数起加减；请核对分值或评分标准后重新计分",
            )
        found = self._distance(inputs)
        if isinstance(found, str):
            return Outcome(None, found)
        distance, value, how = found
        base = inputs.weight if self.base is None else self.base
        pure = self.base == ZERO and self.down is None
        base_word = "基本分 0 分（规则只写加分）" if pure else f"基本分 {fmt(base)} 分"
        if distance < 0 and self.zero_below:
            return self._final(
                ZERO, f"{how}，{'高于基准（越低越好）' if self.lower_better else '低于基准'}，按规则不计分", inputs, {}
            )
        if distance < 0 and self.below_share:
            return below_share(self, inputs, base, how)
        if distance < 0 and self.short_from is not None:
            return short_band(self, inputs, base, how, value)
        step = self.up if distance > 0 else self.down if distance < 0 else None
        if distance == 0 or (step is None and distance < 0 and self.base == ZERO and self.down is None):
            return self._final(base, f"{how}，不加不减，得{base_word}", inputs, {})
        if step is None:
            side = "超过" if distance > 0 else "低于"
            return Outcome(None, f"{how}；规则未写明{side}目标时如何计分，需人工判断", needs_judgement=True)
        sized = self._size(step, inputs, value)
        if isinstance(sized, str):
            return Outcome(None, sized)
        if distance > 0 and self.up2 is not None:
            return tiered(self, inputs, base, how, value, distance)
        size, size_text = sized
        if size <= 0:
            return Outcome(None, "步长不是正数，无法计算加减分")
        up = distance > 0
        most = base if up and self.up_to_base else step.most
        scores: dict[str, Decimal] = {}
        for partial in Partial:
            amount = _steps(abs(distance), size, partial) * step.points
            amount = min(amount, most) if most is not None else amount
            scores[partial.value] = self._bounded(base + amount if up else base - amount, inputs)
        amount = _steps(abs(distance), size, self.partial) * step.points
        limit = f"（最多{'加' if up else '扣'} {fmt(most)} 分）" if most is not None and amount > most else ""
        amount = min(amount, most) if most is not None else amount
        verb = "加" if up else "扣"
        raw = base + amount if up else base - amount
        text = (
            f"{how}；每{size_text}{verb} {fmt(step.points)} 分（{PARTIAL_WORDS[self.partial]}），"
            f"{verb} {fmt(amount)} 分{limit}；得分 = {base_word} {'+' if up else '−'} {fmt(amount)} = {fmt(raw)}"
        )
        alternatives = {} if self.explicit_reading else scores
        return self._final(raw, text, inputs, alternatives)

    def bounded(self, raw: Decimal, inputs: Inputs) -> Decimal:
        """A raw score within 0, the cap and (without a bonus allowed) the weight."""
        return self._bounded(raw, inputs)

    def final(self, raw: Decimal, text: str, inputs: Inputs) -> Outcome:
        """The outcome of a raw score, bounded, with what bounded it said."""
        return self._final(raw, text, inputs, {})

    def _bounded(self, raw: Decimal, inputs: Inputs) -> Decimal:
        score = max(raw, ZERO)
        if self.cap is not None:
            score = min(score, self.cap)
        return score if inputs.bonus_allowed else min(score, inputs.weight)

    def _final(self, raw: Decimal, text: str, inputs: Inputs, scores: dict[str, Decimal]) -> Outcome:
        score = self._bounded(raw, inputs)
        if raw < ZERO:
            text += "，扣完为止按 0 分计"
        elif self.cap is not None and raw > self.cap:
            text += f"，{fmt(self.cap)} 分封顶"
        if score < raw and score == inputs.weight and not inputs.bonus_allowed:
            text += f"；评价框架不允许超过分值，按本项分值 {fmt(inputs.weight)} 分计"
        alternatives = {k: v for k, v in scores.items() if k != self.partial.value and v != score}
        return Outcome(score, text, alternatives=alternatives)


# --- the structured rule syntax ------------------------------------------------------------------


def _step_from(raw: object) -> Step | None:
    from medaid.evaluation.rules.structured import RuleSpecError

    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise RuleSpecError("up / down 应为键值对，如 {size: 1, points: 0.5, unit: '%'}")
    size, points = spec_number(raw, "size"), spec_number(raw, "points")
    if size is None or size <= 0 or points is None:
        raise RuleSpecError("up / down 需要正数 size（步长）和 points（每步分值）")
    return Step(size, points, str(raw.get("unit", "%")), bool(raw.get("relative", False)), spec_number(raw, "most"))


def step_bonus_from_mapping(spec: Mapping[str, object], text: str | None) -> StepBonus:
    """{type: step_bonus, up: {size: 1, points: 1, most: 2}, down: {size: 1, points: 1}, reference: target}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    reference, partial = str(spec.get("reference", "target")), str(spec.get("partial", "linear"))
    if reference not in {r.value for r in Reference}:
        raise RuleSpecError("reference 应为 target（目标值）、zero（从零计）或 change（比上年的变化）")
    if partial not in {p.value for p in Partial}:
        raise RuleSpecError("partial 应为 linear（按比例）、floor（按整档）或 ceil（不足一档按一档）")
    up, down = _step_from(spec.get("up")), _step_from(spec.get("down"))
    short = short_from_spec(spec)
    if up is None and down is None:
        raise RuleSpecError("step_bonus 规则需要 up（加分）或 down（扣分）")
    return StepBonus(
        up=up, down=down, base=spec_number(spec, "base"), up_to_base=bool(spec.get("up_to_base", False)),
        cap=spec_number(spec, "cap"), reference=Reference(reference), partial=Partial(partial),
        explicit_reading="partial" in spec, zero_below=bool(spec.get("zero_below", False)), text=text,
        lower_better=bool(spec.get("lower_better", False)),
        written=str(spec["written"]) if spec.get("written") else None, below_share=bool(spec.get("below_share")),
        short_from=short[0], short_minus=short[1], short_floor_held=short[2],
        up2=_step_from(spec.get("up2")), upto=spec_number(spec, "upto"), tier_from=spec_number(spec, "tier_from"),
    )  # fmt: skip
