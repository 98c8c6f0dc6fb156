"""Levels by a count of faults (counts family, s8e): "满足要求，得1分；缺1项，得0.5分"; "缺1个科室，得0.5分".

A clause "缺(少, 漏, 未…) K项, 得M分" with no 每 states what K faults LEAVE, not points earned for each fault (read
so, more faults would earn more). The text gives a score for some counts of faults only: those are read, none found
is the full-marks clause's score when the text writes one, and any other count is refused (the text does not say;
the reason gives the most it could be). The actual must name the fault ("缺2项"), or say none was found in the
full-marks condition's own words ("满足要求") or its opposite ("科室齐全").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_actuals import actual_count
from medaid.evaluation.rules.count_results import Count
from medaid.evaluation.rules.count_specs import spec_decimal
from medaid.evaluation.rules.count_vocab import plain, simplified


@dataclass(frozen=True)
class FaultLevels(Rule):
    """缺 K 项得 M 分（各 K 各写一级）；``full``：无缺项（满足 ``clears``）时的得分，未写明为 None。"""

    unit: str
    what: str  # the fault's words ("缺", "缺科室")
    counts: tuple[Decimal, ...]
    points: tuple[Decimal, ...]
    full: Decimal | None = None
    clears: tuple[str, ...] = ()

    kind = "fault_levels"
    label = "按缺项数分级计分"

    def params(self) -> dict[str, object]:
        return {"unit": self.unit, "what": self.what, "counts": [float(c) for c in self.counts],
                "points": [float(p) for p in self.points], "full": None if self.full is None else float(self.full),
                "clears": list(self.clears)}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def _levels(self) -> str:
        return "、".join(
            f"{self.what}{fmt(c)}{self.unit} {fmt(p)} 分" for c, p in zip(self.counts, self.points, strict=True)
        )

    def _none_said(self, inputs: Inputs) -> str | None:
        """ "无缺项", "未发现缺项", "没有缺少" (the fault denied whole), "均满足(要求)" (the full marks' condition, or
        its verb, with a quantifier of all): none found. A hedge, a number or any other word is not read."""
        given = simplified(inputs.actual.text if inputs.actual is not None else inputs.note or "").strip("。,; ")
        fault = re.escape(plain(self.what)[:1])
        if re.fullmatch(rf"(?:无|未|没有)(?:发现)?{fault}(?:少|失|漏)?(?:项|{re.escape(self.unit)})?", given):
            return f"0{self.unit}（“{given}”）"
        said = re.sub(r"^(?:均已|均|全部|都|皆|全)", "", given)
        if said != given and len(said) >= 2 and any(c.startswith(said) for c in self.clears):
            return f"0{self.unit}（“{given}”即评分标准得满分的条件“{'、'.join(self.clears)}”）"
        return None

    def apply(self, inputs: Inputs) -> Outcome:
        count, source = actual_count(inputs, self.unit, self.what, "", (), clears=self.clears, faults=True)
        if count.value is None and (none := self._none_said(inputs)) is not None:
            count = Count(ZERO, none)
        levels = f"（评分标准写明：{self._levels()}" + (f"，{'、'.join(self.clears)} {fmt(self.full)} 分）" if
                                                     self.full is not None else "）")  # fmt: skip
        if count.value is None:
            return Outcome(None, f"{source}无法读出{self.what}的{self.unit}数：{count.how}{levels}")
        given = simplified(inputs.actual.text if inputs.actual is not None else inputs.note or "")
        fault = plain(self.what)[:1]
        if count.value > 0 and fault not in given:
            return Outcome(None, f"{source}“{given}”未写明所计的是“{self.what}”的{self.unit}数{levels}")
        if count.value == 0:
            if self.full is None:
                return Outcome(None, f"{source} {count.how}，评分标准未写明无{self.what}时的得分{levels}")
            got, how = self.full, f"{source} {count.how}，无{self.what}，得 {fmt(self.full)} 分"
        elif count.value in self.counts:
            got = self.points[self.counts.index(count.value)]
            how = f"{source} {count.how}，为“{self.what}{fmt(count.value)}{self.unit}”一级，得 {fmt(got)} 分"
        else:
            below = [p for c, p in zip(self.counts, self.points, strict=True) if c < count.value]
            most = f"，至多 {fmt(min(below))} 分" if below else ""
            return Outcome(None, f"{source} {count.how}：评分标准未写明{self.what}{fmt(count.value)}{self.unit}"
                                 f"的得分{most}，请人工评分{levels}")  # fmt: skip
        if got > inputs.weight or got < ZERO:
            return Outcome(None, f"{how}，超出本项分值 {fmt(inputs.weight)} 分，请核对评分标准{levels}")
        return Outcome(got, f"{how}{levels}")


def fault_levels_from_mapping(spec: Mapping[str, object], text: str | None) -> FaultLevels:
    """{type: fault_levels, unit: 项, what: 缺, counts: [1], points: [0.5], full: 1, clears: [满足要求]}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    counts, points = spec.get("counts"), spec.get("points")
    if not isinstance(counts, list) or not isinstance(points, list) or len(counts) != len(points) or not counts:
        raise RuleSpecError("fault_levels 规则需要等长的参数 counts（缺项数）和 points（得分）")
    clears = spec.get("clears") or []
    return FaultLevels(unit=str(spec.get("unit") or "项"), what=str(spec.get("what") or ""),
                       counts=tuple(Decimal(str(c)) for c in counts), points=tuple(Decimal(str(p)) for p in points),
                       full=spec_decimal(spec, "full"), clears=tuple(str(c) for c in clears) if isinstance(clears, list)
                       else (), text=text)  # fmt: skip
