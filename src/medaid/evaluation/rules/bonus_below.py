"""Below the target (bands family): a share of the base, "完成任务的得满分；超额完成的，每超额1%加0.5分，最多加3分；
未完成任务的，按完成比例得分" (``StepBonus.below_share``): base × actual ÷ target; or one flat deduction down to a
floor, "为20人不扣分,…;在10人-20人的扣3分;10人以下不得分" (``StepBonus.short_from``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from medaid.evaluation.numbers import HUNDRED, ZERO, fmt
from medaid.evaluation.quantity import Quantity, parse_quantity, raw_ratio
from medaid.evaluation.rules.base import Inputs, Outcome

if TYPE_CHECKING:
    from medaid.evaluation.rules.bonus import StepBonus


def below_share(rule: StepBonus, inputs: Inputs, base: Decimal, how: str) -> Outcome:
    """The score of an actual short of the target when the text scores it by the completion ratio."""
    target, actual = inputs.target, inputs.actual
    ratio = raw_ratio(target, actual) if target is not None and actual is not None else None
    if ratio is None:
        return Outcome(None, f"{how}；未完成时按完成比例计分，但实际与指标值无法相比")
    raw = base * ratio
    shown = fmt((ratio * HUNDRED).quantize(Decimal("0.01")))
    return rule.final(raw, f"{how}；未完成目标，按完成比例计分：{fmt(base)} × {shown}% = {fmt(raw)}", inputs)


def short_band(rule: StepBonus, inputs: Inputs, base: Decimal, how: str, value: Quantity) -> Outcome:
    """The score of a value below the written reference: the base less the flat deduction down to the floor,
    nothing below the floor, and the floor itself refused when both the band and "N以下不得分" hold it."""
    floor = parse_quantity(rule.short_from or "")
    minus = rule.short_minus if rule.short_minus is not None else ZERO
    if floor is None or floor.value is None or value.value is None:
        return Outcome(None, f"{how}；无法与“{rule.short_from}”比较")
    if value.value < floor.value:
        return rule.final(ZERO, f"{how}，低于{rule.short_from}，按规则不得分", inputs)
    if value.value == floor.value and rule.short_floor_held:
        said = f"恰为{rule.short_from}：既在扣{fmt(minus)}分一档，又在“{rule.short_from}以下不得分”"
        return Outcome(None, f"{how}；{said}，需人工判断", needs_judgement=True)
    raw = base - minus
    text = f"{how}，在{rule.short_from}至基准之间，扣 {fmt(minus)} 分；得分 = {fmt(base)} − {fmt(minus)} = {fmt(raw)}"
    return rule.final(raw, text, inputs)


def short_params(rule: StepBonus) -> dict[str, object]:
    if rule.short_from is None:
        return {}
    minus = float(rule.short_minus) if rule.short_minus is not None else 0.0
    return {"short_from": rule.short_from, "short_minus": minus, "short_floor_held": rule.short_floor_held}


def short_from_spec(spec: Mapping[str, object]) -> tuple[str | None, Decimal | None, bool]:
    """``short_from`` (a quantity in the written reference's unit), ``short_minus``, ``short_floor_held``."""
    if not spec.get("short_from"):
        return None, None, False
    raw = spec.get("short_minus", 0)
    minus = Decimal(str(raw)) if isinstance(raw, int | float | str) else ZERO
    return str(spec["short_from"]), minus, bool(spec.get("short_floor_held", False))
