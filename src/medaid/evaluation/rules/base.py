"""What every scoring rule shares: its inputs, its outcome and how it explains itself."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from medaid.evaluation.numbers import HUNDRED, ZERO, fmt
from medaid.evaluation.quantity import Comparator, Quantity, as_percent_points, comparable, completion_ratio


@dataclass(frozen=True)
class Inputs:
    """What a rule may look at for one indicator."""

    weight: Decimal
    target: Quantity | None = None
    actual: Quantity | None = None
    stated: Decimal | None = None  # the score entered or printed in the table
    note: str | None = None  # 扣分说明: the written reason
    holds: tuple[int, ...] | None = None  # a checklist's items that hold (1 = the first printed)
    bonus_allowed: bool = False  # the framework lets a score exceed its weight (加分)


@dataclass(frozen=True)
class Outcome:
    """A rule's answer: a score with its arithmetic, or why it cannot give one.

    ``score`` is None when the rule needs a judgement (酌情给分) or an input it lacks;
    ``allowed`` then bounds the judgement a stated score must respect.
    ``alternatives`` are scores under other documented readings of the same text
    (e.g. whole steps instead of proportional deduction).
    """

    score: Decimal | None
    reason: str
    allowed: tuple[Decimal, Decimal] | None = None
    alternatives: dict[str, Decimal] = field(default_factory=dict)
    needs_judgement: bool = False
    # counts family (session 6): the score is below 0 because the rule's text allows it ("扣完得负分", "可倒扣");
    # ``actual_text.outside_weight`` lets such a score through, and refuses any other below 0
    below_zero: bool = False


@dataclass(frozen=True)
class Rule(ABC):
    """A named scoring rule. ``text`` keeps the Chinese wording it was read from."""

    kind: ClassVar[str]
    label: ClassVar[str]

    text: str | None = field(default=None, kw_only=True)
    implied: bool = field(default=False, kw_only=True)  # not written in the table: a default
    declared_full: Decimal | None = field(default=None, kw_only=True)  # "预算完成率（5分）："

    @abstractmethod
    def apply(self, inputs: Inputs) -> Outcome:
        """Score one indicator."""

    @abstractmethod
    def params(self) -> dict[str, object]:
        """The rule's parameters, for JSON output."""

    def full_marks(self) -> Decimal | None:
        """The full marks the rule itself states, if any (None: the indicator's weight)."""
        return self.declared_full

    def top_of_range(self) -> Decimal | None:
        """The highest score the rule can give, when that exceeds its full marks."""
        return self.full_marks()

    # Rules whose text can be read two ways (part steps, "以上" with or without its number)
    # name the reading they applied and the readings in ``Outcome.alternatives``.
    reading_option: ClassVar[str] = ""  # how a file states the reading, e.g. "partial: floor"
    # Deducts from the marks its text starts from ("记20分，每发现一处扣2分"): a start above the row's weight
    # leaves the score unknown (``actual_text.apply_rule`` refuses it rather than clamp it to the weight).
    deducts_from_start: ClassVar[bool] = False

    def reading(self) -> str:
        """The name of the reading this rule applies (for messages)."""
        return ""

    def reading_name(self, key: str) -> str:
        """The name of an alternative reading (a key of ``Outcome.alternatives``)."""
        return key

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"type": self.kind, "label": self.label}
        out.update(self.params())
        if self.text:
            out["text"] = self.text
        if self.implied:
            out["implied"] = True
        full = self.full_marks()
        if full is not None:
            out["full_marks"] = float(full)
        return out


@dataclass(frozen=True)
class Value:
    """The number a percentage rule looks at, and how it was found.

    ``mode`` is "percent" (the actual is a percentage), "completion" (actual ÷ target,
    in %) or "plain" (a bare number compared as it is).
    """

    points: Decimal
    how: str
    mode: str


def value_in_points(inputs: Inputs, *, prefer_completion: bool = False) -> Value | None:
    """A percentage actual as it is (96.2% → 96.2); otherwise the completion ratio of the
    actual against the target (12987人 of 13500人 → 96.2); otherwise a bare number.

    ``prefer_completion`` only matters when the actual is not a percentage.
    """
    actual, target = inputs.actual, inputs.target
    if actual is None or actual.value is None:
        return None
    if target is not None:
        actual = comparable(target, actual)
    points = as_percent_points(actual)
    if points is not None:
        return Value(points, f"实际完成值 {fmt(points)}%", "percent")
    if target is not None and target.value is not None and (prefer_completion or target.unit or actual.unit):
        ratio = completion_ratio(target, actual)
        if ratio is not None:
            value = ratio * HUNDRED
            shown = f"{fmt(actual.value)}{actual.unit} ÷ {fmt(target.value)}{target.unit}"
            if target.comparator in (Comparator.LE, Comparator.LT):
                shown = f"{fmt(target.value)}{target.unit} ÷ {fmt(actual.value)}{actual.unit}"
            return Value(value, f"完成率 = {shown} = {fmt(value)}%", "completion")
    if actual.value is not None and not actual.unit:
        return Value(actual.value, f"实际完成值 {fmt(actual.value)}", "plain")
    return None


def cap_note(raw: Decimal, weight: Decimal) -> str:
    if raw > weight:
        return f"，超过分值按 {fmt(weight)} 分计"
    if raw < ZERO:
        return "，扣完为止按 0 分计"
    return ""


# counts family (session 6): the score of a deduction past zero. ``negative``: the text allows a score below 0
# ("扣完得负分", "该项可负分", ruletext.common.negative_allowed); else it stops at 0 (扣完为止).
def floored(raw: Decimal, weight: Decimal, negative: bool) -> tuple[Decimal, str]:
    """The score of ``raw`` (at most ``weight``) and what the reason adds when it is below 0."""
    if raw >= ZERO:
        return max(ZERO, min(weight, raw)), ""  # as numbers.clamp, the same Decimal as before
    if negative:
        return min(weight, raw), f"，评分标准写明扣完可得负分，得 {fmt(raw)} 分"
    return ZERO, "，扣完为止按 0 分计"
