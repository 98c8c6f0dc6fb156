"""A value kept under a bound, and other measures any of which scores none: "稻田抛荒面积控制在0.1%以下的计10分,稻田
抛荒面积超过0.1%或稻田连片抛荒在2亩以上的不计分" (lists family, session 9; read by ``ruletext.either_bounds``).

The marks are given when the first value is within its bound and no other condition holds; any condition of the
不得分 clause scores 0. Each condition has a unit of its own, and its value is the one number in that unit the
actual (or the explanation) states; a condition after the first must also be named by its own words (连片), or
denied by them ("无连片抛荒": it does not hold). A condition not spoken of, a hedged number or a second number in
a unit is refused, saying which condition lacks its value. "以上" includes its number, "超过" does not.
(s9 fix) A denial must come before the condition's words ("无连片抛荒", "无人死亡"; "无法统计", "尚未复耕" are
none); a word after a negation is another thing ("无效投诉", "非重大差错"); a number after 未达到/不足 (below it)
or 未超过 (at most it) is a bound of the value, read only when that settles the condition; a change (同比减少), a
total (全年, 合计), another year or a unit inside a longer one (人次, 个月) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.naming import canon

# a hedge, a range or a total ("合计3亩": of several plots, not the size of one)
# a hedge, a range, a total ("合计3亩", "全年过火面积": of several, not one), a change ("同比减少4人": not the
# value) or another year's figure ("（2022年）", "上年") (s9 fix)
_HEDGE = re.compile(
    r"约|近|余|左右|预计|计划|拟|将|力争|以内|以下|以上|合计|共计|累计|总计|共|总|全年"
    r"|同比|环比|较|比上年|比去年|增加|增长|减少|下降|上升|提高|降低|\d{4}年|上年|去年"
)
# a denial said before the condition's words ("无连片抛荒", "无人死亡"); not "无法统计", "尚未复耕", "无效投诉" (s9)
_NONE = re.compile(r"(?<!尚)(?:无|没有|未发现|未发生|未出现|未有|不存在)(?![法效])")
# a number said as a bound of the value: below it ("均未达到100亩") or at most it ("未超过3人") (s9 fix)
_BELOW = re.compile(r"(未达到|未到|不到|不足|低于|少于|未满)$")
_AT_MOST = re.compile(r"(未超过|不超过|没有超过|没超过|未超出|不高于|不多于)$")
# a unit inside a longer one: 人 of 人次, 个 of 个月/个百分点, 天 of 天次 (s9 fix)
_UNIT_END = r"(?!次|月|百分|工作日|小时|天|日|周|星期|年|季|倍|半)"
# a word of a condition preceded by a negation is another thing: "无效投诉" is not "有效投诉" (s9 fix)
_NEGATED = "无非未不没"
_BRACKET = re.compile(r"[（(][^（）()]*[)）]")


def _pairs(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


@dataclass(frozen=True)
class Limit:
    """One condition of the 不得分 clause: the measure's words, its number and unit, and whether it includes it."""

    name: str
    value: Decimal
    unit: str
    inclusive: bool  # "2亩以上" holds at 2; "超过0.1%" does not at 0.1

    def holds(self, said: Decimal) -> bool:
        return said >= self.value if self.inclusive else said > self.value

    def describe(self) -> str:
        return f"{self.name}{'≥' if self.inclusive else '>'}{fmt(self.value)}{self.unit}"

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "value": float(self.value), "unit": self.unit, "inclusive": self.inclusive}


@dataclass(frozen=True)
class EitherBounds(Rule):
    """Marks unless any condition of the 不得分 clause holds (module docstring)."""

    limits: tuple[Limit, ...]  # the first is the complement of the condition the marks are given for
    points: Decimal

    kind = "either_bounds"
    label = "控制在限值内计分，任一情形不得分"

    def params(self) -> dict[str, object]:
        return {"limits": [lim.to_dict() for lim in self.limits], "points": float(self.points)}

    def full_marks(self) -> Decimal | None:
        return self.points

    def _head(self) -> str:
        shown = "或".join(lim.describe() for lim in self.limits)
        return f"评分标准：{shown}的不得分，否则得 {fmt(self.points)} 分（“以上”含本数，“超过”不含）"

    def _own_words(self, limit: Limit) -> set[str]:
        own = _pairs(canon(limit.name))
        return own if limit is self.limits[0] else own - _pairs(canon(self.limits[0].name))

    def _names(self, own: set[str], statement: str) -> bool:
        said = canon(statement)
        negated: set[int] = set()  # the words after a negation: "非重大差错" names neither 重大 nor 大差
        for i in range(1, len(said) - 1):
            if said[i - 1] in _NEGATED and said[i : i + 2] in own:
                j = i
                while j < len(said) - 1 and said[j : j + 2] in own:
                    negated.add(j)
                    j += 1
        return any(said[i : i + 2] in own and i not in negated for i in range(len(said) - 1))

    def _denied(self, own: set[str], statement: str) -> bool:
        said = canon(statement)
        at = min((i for i in range(len(said) - 1) if said[i : i + 2] in own), default=-1)
        denial = _NONE.search(said)
        return at >= 0 and denial is not None and denial.end() <= at and at - denial.end() <= 2

    def _value(self, at: int, written: str) -> tuple[bool | None, str]:
        """Whether the condition holds (None: not said), and how it was read."""
        limit = self.limits[at]
        statements = [s for s in re.split(r"[,;。，；]", written) if s.strip()]
        own = self._own_words(limit)

        def bare(statement: str) -> str:  # a bracket without the condition's words is about something else
            return _BRACKET.sub(lambda m: m.group() if self._names(own, m.group()) else "", statement)

        unit = re.escape(limit.unit)
        found = [
            (s, m) for s in statements for m in re.finditer(rf"(?<![\d.])(\d+(?:\.\d+)?){unit}{_UNIT_END}", bare(s))
        ]
        found = [(s, m) for s, m in found if self._names(own, bare(s)) and not self._denied(own, bare(s))]
        if len(found) == 1:
            statement, number = found[0]
            value = Decimal(number.group(1))
            hedged = _HEDGE.search(canon(statement).replace(canon(limit.name), "□"))  # the name's own: "增长率"
            if hedged or len(re.findall(r"\d+(?:\.\d+)?", bare(statement))) != 1:
                return None, f"“{statement}”不是确定的数值（含约数、区间、合计、增减、计划或其他年份）"
            before = bare(statement)[: number.start()].rstrip("均都")
            below, at_most = _BELOW.search(before), _AT_MOST.search(before)
            if below or at_most:  # x < N or x ≤ N: the condition fails only when that is on its other side
                fails = value <= limit.value if below or not limit.inclusive else value < limit.value
                if not fails:
                    return None, f"“{statement}”只说明了上限，不能确定是否{limit.describe()}"
                return False, f"{limit.name}{'<' if below else '≤'}{number.group(1)}{limit.unit}"
            return limit.holds(value), f"{limit.name} {number.group(1)}{limit.unit}"
        if not found and own and at:  # a denial of the first measure would be taken from another's ("无连片抛荒")
            denied = [s for s in statements if self._denied(own, bare(s))]
            if len(denied) == 1 and not re.search(r"\d", bare(denied[0])) and not _HEDGE.search(denied[0]):
                return False, f"“{denied[0]}”即无此情形"
        return None, f"未写明唯一的“{limit.name}”数值（以{limit.unit}为单位）"

    def apply(self, inputs: Inputs) -> Outcome:
        if inputs.weight != self.points:
            return Outcome(None, f"{self._head()}；本行分值 {fmt(inputs.weight)} 分与评分标准的 {fmt(self.points)} 分"
                                 "不一致，无法确定按哪个计分")  # fmt: skip
        written = inputs.actual.text if inputs.actual is not None else (inputs.note or "")
        if not written.strip():
            return Outcome(None, f"{self._head()}；缺少实际情况")
        shown: list[str] = []
        held: list[str] = []
        for at, limit in enumerate(self.limits):
            holds, said = self._value(at, written)
            if holds is None:
                return Outcome(None, f"{self._head()}；{said}，需逐项写明")
            shown.append(said)
            if holds:
                held.append(limit.describe())
        if held:
            return Outcome(ZERO, f"{self._head()}：" + "；".join(shown) + f"；出现“{'、'.join(held)}”，不得分")
        return Outcome(self.points, f"{self._head()}：" + "；".join(shown) + f"；均未出现，得 {fmt(self.points)} 分")


def either_bounds_from_mapping(spec: Mapping[str, object], text: str | None) -> EitherBounds:
    """``{type: either_bounds, limits: [{name, value, unit, inclusive}, …], points: 10}``."""
    from medaid.evaluation.rules.structured import RuleSpecError
    from medaid.evaluation.rules.structured_fields import number

    raw, points = spec.get("limits"), number(spec, "points")
    if not isinstance(raw, list) or len(raw) < 2 or points is None:
        raise RuleSpecError("either_bounds 规则需要 limits（两项以上的条件）和 points（满分）")
    limits: list[Limit] = []
    for item in raw:
        if not isinstance(item, Mapping) or number(item, "value") is None or not item.get("unit"):
            raise RuleSpecError(
                "either_bounds 的每一项需写明 name（名称）、value（数值）、unit（单位）和 inclusive（是否含本数）"
            )
        value = number(item, "value")
        assert value is not None
        limits.append(Limit(str(item.get("name") or ""), value, str(item["unit"]), item.get("inclusive") is True))
    return EitherBounds(limits=tuple(limits), points=points, text=text)
