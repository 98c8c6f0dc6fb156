"""Bands of the shortfall below a percentage target, in percentage points (bands family): "比例高于或等于目标值的得
5分;低于目标值20个百分点及以内的得2分;低于目标值20个百分点以上的不得分" under the target "≥60%".

The shortfall is target − actual, in percentage points of the same percentage; the target met scores ``met``; a
shortfall scores the band that holds it. A target that is not a "≥"/">" (or bare) percentage, an actual that is not
a percentage, or a shortfall in no band or in two: left to the evaluator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import Comparator
from medaid.evaluation.rules.bands import Band
from medaid.evaluation.rules.base import Inputs, Outcome, Rule


@dataclass(frozen=True)
class PointShortfallBands(Rule):
    """``met`` at or above the target; below it the band of ``gaps`` (in 百分点) that holds target − actual."""

    met: Decimal
    gaps: tuple[Band, ...]
    stated: tuple[Decimal, ...] = ()  # the targets a first sentence states ("应分别不低于40%、60%…")

    kind = "point_shortfall_bands"
    label = "分档计分（低于目标值的百分点）"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {"met": float(self.met), "gaps": [b.to_dict() for b in self.gaps]}
        if self.stated:
            out["stated"] = [float(x) for x in self.stated]
        return out

    def full_marks(self) -> Decimal | None:
        return self.declared_full or self.met

    def apply(self, inputs: Inputs) -> Outcome:
        target, actual = inputs.target, inputs.actual
        if target is None or target.value is None or target.unit != "%":
            return Outcome(None, "评分标准按低于目标值的百分点分档，需填写百分比目标值", needs_judgement=True)
        if target.comparator not in (None, Comparator.GE, Comparator.GT):
            return Outcome(
                None, f"目标值“{target.text}”不是“≥”目标，无法按低于目标值的百分点分档", needs_judgement=True
            )
        if self.stated and target.value not in self.stated:
            listed = "、".join(f"{fmt(x)}%" for x in self.stated)
            return Outcome(
                None, f"目标值“{target.text}”不是评分标准所列目标（{listed}）之一，需人工判断", needs_judgement=True
            )
        if actual is None or actual.value is None or actual.unit != "%":
            return Outcome(None, "评分标准按低于目标值的百分点分档，实际应为百分比", needs_judgement=True)
        gap = target.value - actual.value
        met = gap < 0 or (gap == 0 and target.comparator is not Comparator.GT)
        if met:
            return Outcome(self.met, f"实际 {actual.text} 达到目标值 {target.text}，得 {fmt(self.met)} 分")
        holding = [b for b in self.gaps if b.contains(gap)]
        if len(holding) != 1:
            how = "不在任何一档" if not holding else "同时落在几档"
            return Outcome(None, f"实际 {actual.text} 低于目标值 {fmt(gap)} 个百分点，{how}，需人工判断",
                           needs_judgement=True)  # fmt: skip
        band = holding[0]
        points = band.points if band.points is not None else ZERO
        return Outcome(points, f"实际 {actual.text} 低于目标值 {fmt(target.value)}% {fmt(gap)} 个百分点，"
                               f"落在“低于目标值{band.describe('个百分点')}”一档，得 {fmt(points)} 分")  # fmt: skip


def point_shortfall_from_mapping(spec: Mapping[str, object], text: str | None) -> PointShortfallBands:
    """{type: point_shortfall_bands, met: 5, gaps: [{low: 0, high: 20, …, points: 2}, …]}."""
    from medaid.evaluation.rules.bands import Banded
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    met, gaps = spec.get("met"), spec.get("gaps")
    if met is None or not isinstance(gaps, list) or not gaps:
        raise RuleSpecError("point_shortfall_bands 规则需要 met（达到目标的得分）与 gaps（低于目标值的百分点分档）")
    inner = rule_from_mapping({"type": "banded", "bands": gaps})
    if not isinstance(inner, Banded):
        raise RuleSpecError("point_shortfall_bands 的 gaps 应为分档")
    raw = spec.get("stated") or []
    stated = tuple(Decimal(str(x)) for x in raw) if isinstance(raw, list) else ()
    return PointShortfallBands(met=Decimal(str(met)), gaps=inner.bands, stated=stated, text=text)
