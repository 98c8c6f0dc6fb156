"""A threshold for each period: "一季度社区管理率80.75%以上得0.2分;二季度社区管理率81.5%以上得0.4分;…".
The periods are not levels of one value (one quarter reaching its threshold says nothing of another): each period
is a part of its own, scored on that period's own value. It is read only when the parts' points add up to the full
marks (else: each period added, or the last period reached as a running total? not written) and the actual or the
explanation gives each period's value under its label ("一季度81%，二季度82%…"); then the parts met are added.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_vocab import simplified

__all__ = ["PeriodPart", "PeriodParts", "period_parts_from_mapping"]


@dataclass(frozen=True)
class PeriodPart:
    """One period's part: its ``period`` label ("一季度"), what is measured, the ``bound`` in ``unit``, whether
    reaching it is at or ``above`` it (else at or below), and the ``points`` it gives."""

    period: str
    what: str
    bound: Decimal
    unit: str
    above: bool
    points: Decimal

    def to_dict(self) -> dict[str, object]:
        return {"period": self.period, "what": self.what, "bound": float(self.bound), "unit": self.unit,
                "above": self.above, "points": float(self.points)}  # fmt: skip

    def met(self, value: Decimal) -> bool:
        return value >= self.bound if self.above else value <= self.bound

    def describe(self) -> str:
        side = "以上" if self.above else "以下"
        return f"{self.period}{self.what}{fmt(self.bound)}{self.unit}{side}得{fmt(self.points)}分"


def _labels(period: str) -> tuple[str, ...]:
    """The ways an actual may label a period: "一季度" as 一季度, 第一季度, 1季度, Q1."""
    digits = {"一": "1", "二": "2", "三": "3", "四": "4", "上": "上", "下": "下"}
    found = re.fullmatch(r"第?([一二三四])季度", period)
    if found:
        n = digits[found.group(1)]
        return (f"第{found.group(1)}季度", f"{found.group(1)}季度", f"第{n}季度", f"{n}季度", f"Q{n}")
    return (period,)


@dataclass(frozen=True)
class PeriodParts(Rule):
    """各时段分别设门槛计分，达标时段的分值相加（分值合计须等于满分）。"""

    parts: tuple[PeriodPart, ...]

    kind = "period_parts"
    label = "分时段达标计分"

    def params(self) -> dict[str, object]:
        return {"parts": [p.to_dict() for p in self.parts]}

    def full_marks(self) -> Decimal | None:
        return sum((p.points for p in self.parts), ZERO)

    def _values(self, text: str) -> dict[int, Decimal] | str:
        """Each period's value, written right after its label ("一季度81%", "二季度社区管理率82%")."""
        text = simplified(text).replace("％", "%")
        out: dict[int, Decimal] = {}
        for i, part in enumerate(self.parts):
            found = []
            for label in _labels(part.period):
                found += re.findall(
                    rf"(?<![一二三四第至到~\-、\d]){re.escape(label)}[^\d,;，；。、]{{0,16}}?(\d+(?:\.\d+)?)(%?)", text
                )
            values = {(v, u) for v, u in found}
            if len(values) != 1:
                return f"未逐一写明{part.period}的{part.what or '实际值'}" if not values else f"{part.period}写有两个值"
            value, unit = values.pop()
            if unit != part.unit:
                return f"{part.period}的值单位与门槛（{part.unit or '无单位'}）不同"
            out[i] = Decimal(value)
        return out

    def apply(self, inputs: Inputs) -> Outcome:
        total = sum((p.points for p in self.parts), ZERO)
        full = self.declared_full if self.declared_full is not None else inputs.weight
        allowed = (ZERO, min(total, inputs.weight))
        periods = "、".join(p.period for p in self.parts)
        if total != full:
            why = (f"评分标准按{periods}分别给出门槛和分值，分值合计 {fmt(total)} 分，与满分 {fmt(full)} 分不等："
                   "是各时段达标分别得分后相加，还是按达到的最后一个时段计分，文字未写明")  # fmt: skip
            listed = "；".join(p.describe() for p in self.parts)
            return Outcome(None, f"{why}（{listed}），需人工判断", allowed, needs_judgement=True)
        given = inputs.note or (inputs.actual.text if inputs.actual is not None else "")
        values = self._values(given) if given else f"未填写{periods}各自的实际值"
        if isinstance(values, str):
            why = f"评分标准按{periods}分别计分（各时段各自达标得分，相加）：{values}，请逐一写明各时段的值"
            return Outcome(None, why, allowed, needs_judgement=True)
        score = sum((p.points for i, p in enumerate(self.parts) if p.met(values[i])), ZERO)
        each = "；".join(
            f"{p.period}{fmt(values[i])}{p.unit}{'达到' if p.met(values[i]) else '未达到'}"
            f"{fmt(p.bound)}{p.unit}，{'得 ' + fmt(p.points) if p.met(values[i]) else '得 0'} 分"
            for i, p in enumerate(self.parts)
        )
        return Outcome(score, f"评分标准按{periods}分别设门槛计分，各时段的值取自说明：{each}；合计 {fmt(score)} 分")


def period_parts_from_mapping(spec: Mapping[str, object], text: str | None) -> PeriodParts:
    """{type: period_parts, parts: [{period: 一季度, bound: 80, unit: "%", above: true, points: 1}, …]}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("parts")
    if not isinstance(raw, list) or len(raw) < 2:
        raise RuleSpecError(
            "period_parts 规则需要 parts（至少两个时段），如 [{period: 一季度, bound: 80, points: 1}, …]"
        )
    parts = []
    for item in raw:
        if not isinstance(item, Mapping) or not item.get("period") or item.get("bound") is None:
            raise RuleSpecError("period_parts 的每个时段应写明 period、bound 和 points")
        parts.append(PeriodPart(str(item["period"]), str(item.get("what") or ""), Decimal(str(item["bound"])),
                                str(item.get("unit") or ""), bool(item.get("above", True)),
                                Decimal(str(item.get("points") or 0))))  # fmt: skip
    return PeriodParts(parts=tuple(parts), text=text)
