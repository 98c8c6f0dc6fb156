"""Rules an evaluator applies by judgement: qualitative grades, discretionary ranges,
checklists of numbered items, and the manual score that must carry a written reason."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.quantity import is_met, normalize_text, qualitative_met
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

# Words that, in front of a level's name, make it a different (lower) level:
# "基本相符" is not "相符", "不健全" is not "健全".
_MODIFIERS = ("基本", "不太", "比较", "较", "不", "未", "部分", "没有")


@dataclass(frozen=True)
class Level:
    """One grade of a qualitative rule: its name and score (points, or a fraction of the weight)."""

    name: str
    points: Decimal | None = None
    fraction: Decimal | None = None

    def score(self, weight: Decimal) -> Decimal:
        if self.points is not None:
            return self.points
        return weight * (self.fraction if self.fraction is not None else ZERO)

    def describe(self) -> str:
        if self.points is not None:
            return f"{self.name} {fmt(self.points)} 分"
        return f"{self.name} {fmt((self.fraction or ZERO) * 100)}%"


def match_level(levels: tuple[Level, ...], text: str) -> Level | None:
    """The level an actual names: exact name first, then a name that ends with the actual
    (or the other way round) without a modifier such as 基本/不 in between."""
    word = normalize_text(text)
    for level in levels:
        if normalize_text(level.name) == word:
            return level
    candidates: list[Level] = []
    for level in levels:
        name = normalize_text(level.name)
        if name.endswith(word):
            rest = name[: -len(word)]
        elif word.endswith(name):
            rest = word[: -len(name)]
        else:
            continue
        if not rest.endswith(_MODIFIERS):
            candidates.append(level)
    return candidates[0] if len(candidates) == 1 else None


@dataclass(frozen=True)
class Qualitative(Rule):
    """定性分级：优良中低差；达成/部分达成/未达成；“相符的得10分，基本相符的得6分……”。

    The actual names the level. Fractions of the weight are configurable per file.
    """

    levels: tuple[Level, ...]

    kind = "qualitative"
    label = "定性分级"

    def params(self) -> dict[str, object]:
        return {
            "levels": [
                {
                    "name": lv.name,
                    "points": None if lv.points is None else float(lv.points),
                    "fraction": None if lv.fraction is None else float(lv.fraction),
                }
                for lv in self.levels
            ]
        }

    def full_marks(self) -> Decimal | None:
        fixed = [lv.points for lv in self.levels if lv.points is not None]
        return max(fixed) if fixed and len(fixed) == len(self.levels) else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        scale = "、".join(lv.describe() for lv in self.levels)
        if inputs.actual is None:
            return Outcome(None, f"缺少实际完成情况，无法定级（{scale}）", needs_judgement=True)
        level = match_level(self.levels, inputs.actual.text)
        if level is None:
            return Outcome(
                None,
                f"实际完成情况“{inputs.actual.text}”不对应任一等级（{scale}），需人工判断",
                needs_judgement=True,
            )
        raw = level.score(inputs.weight)
        return Outcome(
            clamp(raw, ZERO, inputs.weight),
            f"实际完成情况“{inputs.actual.text}”为“{level.name}”一级，得 {fmt(raw)} 分（{scale}）",
        )


@dataclass(frozen=True)
class Judgement(Rule):
    """达到得满分，否则在区间内酌情给分。

    "按计划的时间周期实施并完工得5分，否则按0-5分（不含5分）酌情给分";
    "达到设定的质量标准得3分，基本达到按1-5分（不含5分）酌情给分，未达到标准得0分";
    "是，得5分，否则酌情给分".
    """

    full: Decimal | None
    low: Decimal = ZERO
    high: Decimal | None = None
    high_inclusive: bool = False
    fail: Decimal | None = None  # score when clearly not met (未达到标准得0分)

    kind = "judgement"
    label = "达标满分否则酌情"

    def params(self) -> dict[str, object]:
        return {
            "full": None if self.full is None else float(self.full),
            "low": float(self.low),
            "high": None if self.high is None else float(self.high),
            "high_inclusive": self.high_inclusive,
            "fail": None if self.fail is None else float(self.fail),
        }

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def top_of_range(self) -> Decimal | None:
        tops = [x for x in (self.full, self.high) if x is not None]
        return max(tops) if tops else None

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        high = self.high if self.high is not None else full
        met: bool | None = None
        if inputs.actual is not None:
            if inputs.target is not None:
                met = is_met(inputs.target, inputs.actual)
            else:
                met = qualitative_met(None, inputs.actual)
        if met and inputs.actual is not None:
            return Outcome(
                min(full, inputs.weight),
                f"实际“{inputs.actual.text}”达到要求，得满分 {fmt(full)} 分",
            )
        span = f"{fmt(self.low)}–{fmt(high)} 分" + ("" if self.high_inclusive else f"（不含 {fmt(high)} 分）")
        lowest = min(self.low, self.fail) if self.fail is not None else self.low
        highest = high if met is False else max(high, full)
        return Outcome(
            None,
            f"未达到或无法从文字判断是否达到要求，按 {span} 酌情给分",
            allowed=(lowest, highest),
            needs_judgement=True,
        )


@dataclass(frozen=True)
class Checklist(Rule):
    """分项评分：“1. ……的，得3分……2. ……的，得2分”。

    The evaluator scores each item; medaid checks that the items' marks add up to the
    weight and that a deduction carries its reason.
    """

    items: tuple[Decimal, ...]

    kind = "checklist"
    label = "分项评分"

    def params(self) -> dict[str, object]:
        return {"items": [float(x) for x in self.items]}

    def full_marks(self) -> Decimal | None:
        return sum(self.items, ZERO) if self.items else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full_marks() or inputs.weight
        parts = " + ".join(fmt(x) for x in self.items)
        return Outcome(
            None,
            f"满分 {parts} = {fmt(full)} 分，由评价人员逐项判断"
            if len(self.items) > 1
            else f"满分 {fmt(full)} 分，由评价人员判断是否符合",
            allowed=(ZERO, min(full, inputs.weight)),
            needs_judgement=True,
        )


@dataclass(frozen=True)
class Manual(Rule):
    """人工评分：得分由评价人员给出；低于满分时必须写明扣分理由（扣分说明）。"""

    kind = "manual"
    label = "人工评分"

    def params(self) -> dict[str, object]:
        return {}

    def apply(self, inputs: Inputs) -> Outcome:
        return Outcome(
            None,
            "人工评分，以填报得分为准",
            allowed=(ZERO, inputs.weight),
            needs_judgement=True,
        )
