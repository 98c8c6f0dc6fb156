"""A threshold that earns its score, and ranks among those short of it (bands family): "区域内标准化学校达到85%得10分;
低于85%的县(区)按从高到低排序,分别得8、6、4、2分".

The actual is the value (a percentage), from the actual or the explanation; a value short of the threshold also
needs its place among those short of it ("在低于85%的县(区)中从高到低排第2", "第2名"), read from the explanation
or the actual. A place the text does not list, a value or a place that cannot be read, is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt, to_decimal
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_vocab import CN_NUMBER, cn_int

_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)%")
# "在低于85%的县(区)中": the group a place is taken in, not a value
_GROUP = re.compile(r"(?:在)?(?:低于|未达到|不足|达不到)\d+(?:\.\d+)?%的[^,，;；。]{0,12}?(?:中|里|内)")
_PLACE = re.compile(rf"第(\d+|{CN_NUMBER})(?:名|位)?")


@dataclass(frozen=True)
class ThresholdRanked(Rule):
    """达到85%得10分；低于85%的按从高到低排序，分别得8、6、4、2分: ``points`` at or above ``threshold`` (a
    percentage; ``inclusive``: the threshold itself meets it), else the score of the place among those short of
    it, ``places[0]`` for the first."""

    threshold: Decimal
    points: Decimal
    places: tuple[Decimal, ...]
    inclusive: bool = True

    kind = "threshold_ranked"
    label = "达标得分、未达标按排名计分"

    def params(self) -> dict[str, object]:
        return {"threshold": float(self.threshold), "points": float(self.points),
                "places": [float(p) for p in self.places], "inclusive": self.inclusive}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return max(self.points, *self.places)

    def _value(self, inputs: Inputs) -> tuple[Decimal, str] | str:
        actual = inputs.actual
        if actual is not None and actual.value is not None:
            if actual.unit != "%":
                return f"实际“{actual.text}”不是百分比，无法与 {fmt(self.threshold)}% 比较"
            return actual.value, f"实际完成值 {fmt(actual.value)}%"
        written = " ".join(x for x in (actual.text if actual else None, inputs.note) if x)
        found = {Decimal(x) for x in _PERCENT.findall(_GROUP.sub("", written))}
        if len(found) != 1:
            return f"说明“{written}”未写明唯一的百分比实际值，无法与 {fmt(self.threshold)}% 比较" if written else (
                "缺少实际完成值，无法计分")  # fmt: skip
        value = found.pop()
        return value, f"实际完成值取自说明“{written}”：{fmt(value)}%"

    def apply(self, inputs: Inputs) -> Outcome:
        found = self._value(inputs)
        if isinstance(found, str):
            return Outcome(None, found)
        value, how = found
        mark = f"{'≥' if self.inclusive else '>'}{fmt(self.threshold)}%"
        if value > self.threshold or (self.inclusive and value == self.threshold):
            score = min(self.points, inputs.weight)
            return Outcome(score, f"{how}，达到 {mark}，得 {fmt(self.points)} 分；得分 {fmt(score)}")
        written = " ".join(x for x in (inputs.actual.text if inputs.actual else None, inputs.note) if x)
        # only a place said to be among those short of the threshold: an overall place counts those above it too
        places = {
            cn_int(m.group(1)) for g in _GROUP.finditer(written) if (m := _PLACE.search(_clause(written, g.end())))
        }
        if len(places) != 1 or None in places:
            return Outcome(None, f"{how}，未达到 {mark}，按未达标者中的名次计分，但未写明在未达标者中的唯一名次"
                                 f"（如“在低于{fmt(self.threshold)}%的单位中排第2名”）")  # fmt: skip
        place = int(places.pop() or 0)
        if not 1 <= place <= len(self.places):
            return Outcome(None, f"{how}，未达到 {mark}；评分标准未写明未达标者中第{place}名的得分，需人工评分",
                           needs_judgement=True, allowed=(ZERO, min(max(self.places), inputs.weight)))  # fmt: skip
        points = self.places[place - 1]
        score = min(points, inputs.weight)
        return Outcome(
            score, f"{how}，未达到 {mark}，在未达标者中排第{place}名，得 {fmt(points)} 分；得分 {fmt(score)}"
        )


def _clause(text: str, start: int) -> str:
    """The rest of the clause from ``start``."""
    return re.split(r"[,，;；。]", text[start:], maxsplit=1)[0]


def threshold_ranked_from_mapping(spec: Mapping[str, object], text: str | None) -> ThresholdRanked:
    """{type: threshold_ranked, threshold: 85, points: 10, places: [8, 6, 4, 2]}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    threshold, points = to_decimal(spec.get("threshold")), to_decimal(spec.get("points"))
    raw = spec.get("places")
    places = [to_decimal(p) for p in raw] if isinstance(raw, list) else []
    if threshold is None or points is None or not places or any(p is None or p < 0 for p in places):
        raise RuleSpecError(
            "threshold_ranked 规则需要 threshold（达标线，%）、points（达标得分）和 places（未达标者各名次得分）"
        )
    return ThresholdRanked(threshold=threshold, points=points, places=tuple(p for p in places if p is not None),
                           inclusive=bool(spec.get("inclusive", True)), text=text)  # fmt: skip
