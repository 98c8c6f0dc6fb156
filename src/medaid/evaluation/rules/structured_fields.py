"""Reading the fields of a structured rule (``rules/structured.py``): numbers, bands and the per-point rule.

Each reader raises ``RuleSpecError`` with a Chinese message naming the key and what it should be.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, to_decimal
from medaid.evaluation.rules.bands import Band
from medaid.evaluation.rules.counts import spec_words
from medaid.evaluation.rules.deduction import Direction, Partial, PerPoint


class RuleSpecError(ValueError):
    """A structured rule is malformed; the message is Chinese and names the key."""


def number(spec: Mapping[str, object], key: str, *, default: Decimal | None = None) -> Decimal | None:
    if key not in spec or spec[key] is None:
        return default
    raw = spec[key]
    text = str(raw).strip().rstrip("%") if isinstance(raw, str) else raw
    value = to_decimal(text)
    if value is None:
        raise RuleSpecError(f"规则参数 {key} 应为数字，实际为“{raw}”")
    return value


def positive(spec: Mapping[str, object], key: str) -> Decimal:
    value = number(spec, key, default=Decimal(1)) or Decimal(0)
    if value <= 0:
        raise RuleSpecError(f"规则参数 {key} 应为正数")
    return value


def required(spec: Mapping[str, object], key: str) -> Decimal:
    value = number(spec, key)
    if value is None:
        raise RuleSpecError(f"规则缺少参数 {key}")
    return value


def band(item: object) -> Band:
    if not isinstance(item, Mapping):
        raise RuleSpecError("bands 的每一档应为键值对，如 {low: 90%, points: 10}")
    return Band(
        low=number(item, "low"),
        high=number(item, "high"),
        low_inclusive=bool(item.get("low_inclusive", True)),
        high_inclusive=bool(item.get("high_inclusive", False)),
        points=number(item, "points"),
        minus=number(item, "minus", default=ZERO) or ZERO,
        full=bool(item.get("full", False)),
        fraction=number(item, "fraction"),
    )


def text_option(spec: Mapping[str, object], key: str) -> str | None:
    return str(spec[key]) if spec.get(key) else None


def per_point(spec: Mapping[str, object], text: str | None) -> PerPoint:
    """ "每低于1个百分点扣1分" and its kin: the keys of ``PerPoint.params``."""
    direction = str(spec.get("direction", "both" if spec.get("two_sided") is True else "below"))
    partial = str(spec.get("partial", "linear"))
    if direction not in {d.value for d in Direction}:
        raise RuleSpecError("direction 应为 below（每低于）、above（每高于）或 both（与目标每相差）")
    if "two_sided" in spec and bool(spec["two_sided"]) != (direction == "both"):
        raise RuleSpecError("two_sided: true 只能与 direction: both 同用")
    if partial not in {p.value for p in Partial}:
        raise RuleSpecError("partial 应为 linear（按比例）、floor（按整档）或 ceil（不足一档按一档）")
    return PerPoint(
        direction=Direction(direction),
        step=positive(spec, "step"),
        points=required(spec, "points"),
        reference=number(spec, "reference"),
        full=number(spec, "full"),
        partial=Partial(partial),
        on_completion=bool(spec.get("on_completion", False)),
        unit=text_option(spec, "unit"),
        from_zero=bool(spec.get("from_zero", False)),
        word=text_option(spec, "word"),
        zero_beyond=number(spec, "zero_beyond"),
        zero_inclusive=bool(spec.get("zero_inclusive", False)),
        zero_distance=number(spec, "zero_distance"),
        points_share=bool(spec.get("points_share", False)),
        hundred=bool(spec.get("hundred", True)),
        max_deduction=number(spec, "max_deduction"),
        min_score=number(spec, "min_score"),
        full_if_none=text_option(spec, "full_if_none"),
        # steps and bonus family: "亩均…每少于100公斤" (per 亩) and "扣分不封顶"
        per=text_option(spec, "per"),
        uncapped=bool(spec.get("uncapped", False)),
        when_unmet=bool(spec.get("when_unmet", False)),
        vetoes=spec_words(spec, "vetoes"),
        full_when=spec_words(spec, "full_when"),
        explicit_reading="partial" in spec,  # the file states how part of a step counts
        negative=spec.get("negative") is True,  # counts family: the text allows a score below 0
        text=text,
    )
