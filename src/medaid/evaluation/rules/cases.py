"""Per-case deductions: "每发现1例超标准执行扣0.5分，扣完为止", with the limits tables add to
them: a cut-off ("发现3例及以上不得分", "超过3例不得分") and a cap ("最多扣2分")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

# Actuals that say no case was found.
NONE_FOUND = frozenset({"无", "未发现", "没有", "否", "零", "未发现问题", "无超标准执行"})

# Keys of ``Outcome.alternatives`` for the two readings of a cut-off.
INCLUSIVE, EXCLUSIVE = "inclusive", "exclusive"
_READING_NAMES = {INCLUSIVE: "含本数", EXCLUSIVE: "不含本数"}


@dataclass(frozen=True)
class PerCase(Rule):
    """每发现 1 处（例、项）扣 X 分，扣完为止。

    The actual is the number of cases found ("0例", "2处"); "严格按照标准执行" with no
    count needs a judgement.

    ``zero_cases``: from this count on the indicator scores 0. ``zero_inclusive`` says
    whether the count itself is included — "发现3例及以上不得分" (≥ 3) — or not —
    "超过3例不得分" (> 3). ``explicit_reading`` is False when the text leaves that open
    ("3例以上不得分"): it is then read inclusive, as 《民法典》第一千二百五十九条 reads
    "以上", and the exclusive reading is kept in ``Outcome.alternatives``.
    ``max_deduction``: "最多扣2分", "扣完2分为止" (below the full marks).
    """

    points: Decimal
    per: Decimal = Decimal(1)
    full: Decimal | None = None
    zero_cases: Decimal | None = None
    zero_inclusive: bool = True
    zero_wording: str | None = None  # the cut-off as written, for the reason
    max_deduction: Decimal | None = None
    explicit_reading: bool = True

    kind = "per_case"
    label = "按发现处数扣分"
    reading_option = "zero_inclusive: false"

    def reading(self) -> str:
        return f"不得分的界限{_READING_NAMES[INCLUSIVE if self.zero_inclusive else EXCLUSIVE]}"

    def reading_name(self, key: str) -> str:
        return f"不得分的界限{_READING_NAMES.get(key, key)}"

    def params(self) -> dict[str, object]:
        def num(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        return {
            "points": float(self.points),
            "per": float(self.per),
            "full": num(self.full),
            "zero_cases": num(self.zero_cases),
            "zero_inclusive": self.zero_inclusive if self.zero_cases is not None else None,
            "max_deduction": num(self.max_deduction),
        }

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def _reached(self, cases: Decimal, inclusive: bool) -> bool:
        if self.zero_cases is None:
            return False
        return cases >= self.zero_cases if inclusive else cases > self.zero_cases

    def _cut_off(self, unit: str) -> str:
        """The cut-off and how it is read, e.g. "“发现3例及以上不得分”含本数，即 ≥3例不得分"."""
        limit = fmt(self.zero_cases)
        sign = "≥" if self.zero_inclusive else ">"
        wording = f"“{self.zero_wording}”" if self.zero_wording else f"不得分的界限 {limit}{unit}"
        if not self.explicit_reading:
            return (
                f"{wording}未写明是否含本数，按“以上”含本数（《民法典》第一千二百五十九条）读作 "
                f"{sign}{limit}{unit}不得分；如不含本数，请在规则中注明 {self.reading_option}"
            )
        return (
            f"{wording}{_READING_NAMES[INCLUSIVE if self.zero_inclusive else EXCLUSIVE]}，即 {sign}{limit}{unit}不得分"
        )

    def _score(self, full: Decimal, cases: Decimal, inclusive: bool, weight: Decimal, unit: str) -> tuple[Decimal, str]:
        if self._reached(cases, inclusive):
            return ZERO, "达到不得分的界限，得 0 分"
        deduction = cases / self.per * self.points
        capped = ""
        if self.max_deduction is not None and deduction > self.max_deduction:
            deduction, capped = self.max_deduction, f"（最多扣 {fmt(self.max_deduction)} 分）"
        raw = full - deduction
        text = (
            f"每 {fmt(self.per)}{unit}扣 {fmt(self.points)} 分，扣 {fmt(deduction)} 分{capped}；"
            f"得分 = {fmt(full)} − {fmt(deduction)} = {fmt(raw)}" + ("，扣完为止按 0 分计" if raw < 0 else "")
        )
        return clamp(raw, ZERO, weight), text

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        actual = inputs.actual
        if actual is not None and actual.value is None and actual.qualitative in NONE_FOUND:
            actual = Quantity(text=actual.text, value=ZERO)
        if actual is None or actual.value is None:
            return Outcome(
                None,
                f"实际完成值未写明发现的问题处数，需人工判断（满分 {fmt(full)} 分，每处扣 {fmt(self.points)} 分）",
                allowed=(ZERO, min(full, inputs.weight)),
                needs_judgement=True,
            )
        cases, unit = actual.value, actual.unit or "处"
        score, arithmetic = self._score(full, cases, self.zero_inclusive, inputs.weight, unit)
        reason = f"发现 {fmt(cases)}{unit}，{arithmetic}"
        if self.zero_cases is not None:
            reason += f"（{self._cut_off(unit)}）"
        alternatives: dict[str, Decimal] = {}
        if not self.explicit_reading and self.zero_cases is not None:
            other = not self.zero_inclusive
            alternative, _ = self._score(full, cases, other, inputs.weight, unit)
            if alternative != score:
                alternatives[INCLUSIVE if other else EXCLUSIVE] = alternative
        return Outcome(score, reason, alternatives=alternatives)
