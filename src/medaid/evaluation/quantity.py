"""Targets (指标值) and actuals (实际完成值) parsed from the text tables print.

"≥1500人次", ">=95%", "＞50%", "≤15天", "<=1000000", "=100%", "96.2%", "12987人",
"9379.64万元" are numeric; "不低于上年", "明显提高", "逐步减轻", "是", "达成" are
qualitative. Text that is neither is kept as text and marked as not understood.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from medaid.evaluation.numbers import HUNDRED, fmt, to_decimal


class Comparator(StrEnum):
    """How a target is to be met."""

    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="


# Words that stand for a comparator, longest first so that 不低于 wins over 低于.
_COMPARATOR_WORDS: tuple[tuple[str, Comparator], ...] = (
    (">=", Comparator.GE),
    ("<=", Comparator.LE),
    ("≥", Comparator.GE),
    ("≤", Comparator.LE),
    ("≧", Comparator.GE),
    ("≦", Comparator.LE),
    ("不低于", Comparator.GE),
    ("不少于", Comparator.GE),
    ("不小于", Comparator.GE),
    ("至少", Comparator.GE),
    ("达到", Comparator.GE),
    ("不高于", Comparator.LE),
    ("不超过", Comparator.LE),
    ("不大于", Comparator.LE),
    ("不多于", Comparator.LE),
    ("控制在", Comparator.LE),
    ("高于", Comparator.GT),
    ("大于", Comparator.GT),
    ("超过", Comparator.GT),
    ("低于", Comparator.LT),
    ("小于", Comparator.LT),
    (">", Comparator.GT),
    ("<", Comparator.LT),
    ("=", Comparator.EQ),
)

_SUFFIX_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    ("及以上", Comparator.GE),
    ("以上", Comparator.GE),
    ("及以下", Comparator.LE),
    ("以下", Comparator.LE),
    ("以内", Comparator.LE),
)

# Multipliers written into units: 9379.64万元 is 93 796 400 元.
_MULTIPLIERS: tuple[tuple[str, Decimal], ...] = (
    ("亿", Decimal(100_000_000)),
    ("万", Decimal(10_000)),
    ("千", Decimal(1_000)),
)

# Units that are words in their own right although they begin with a multiplier (千克 is not 1000 克).
_UNIT_WORDS = frozenset({"千克", "千米", "千瓦", "千瓦时"})

# Units that count the same thing closely enough to compare (tables mix 人 and 人次).
_UNIT_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"人", "人次", "名"}),
    frozenset({"天", "日", "个工作日", "工作日"}),
    frozenset({"家", "个"}),
    frozenset({"次", "场", "期"}),
    frozenset({"月", "个月"}),
)
# Spellings of one unit that a step ("每滞后一年", "每低于目标值10公斤") may use beside its value's.
_SPELLINGS: tuple[frozenset[str], ...] = (
    frozenset({"户", "户次"}),
    frozenset({"年", "个年度", "年度"}),
    frozenset({"周", "个周", "星期", "个星期"}),
    frozenset({"公斤", "千克", "kg"}),
    frozenset({"小时", "个小时"}),
    frozenset({"岁", "周岁"}),  # bands family: ages ("0-5周岁计3分" against "4岁")
)

# Qualitative words meaning "achieved" when written as an actual.
YES_WORDS = frozenset({"是", "达成", "已达成", "达成预期指标", "达到", "完成", "已完成", "达标", "符合", "有效", "好"})
NO_WORDS = frozenset({"否", "未达成", "未达到", "未完成", "不达标", "不符合", "无效", "没有"})
PARTIAL_WORDS = frozenset({"部分达成", "基本达成", "基本完成", "部分完成", "基本达到"})

_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)(.*)$")


def normalize_text(text: str) -> str:
    """Full-width to half-width, drop spaces, unify ≦/≧ and the Chinese comma."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("≦", "≤").replace("≧", "≥").replace("＜", "<").replace("＞", ">")
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Quantity:
    """A parsed target or actual: a number with unit and comparator, or a qualitative word."""

    text: str
    value: Decimal | None = None
    unit: str = ""
    comparator: Comparator | None = None
    qualitative: str | None = None
    scale: str = ""  # the multiplier the text wrote before the unit (万 of 万元): ``value`` is in the unit itself

    @property
    def is_numeric(self) -> bool:
        return self.value is not None

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def understood(self) -> bool:
        return self.value is not None or self.qualitative is not None

    def describe(self) -> str:
        if self.value is None:
            return self.text
        sign = self.comparator.value if self.comparator else ""
        shown = self.value / dict(_MULTIPLIERS)[self.scale] if self.scale else self.value
        return f"{sign}{fmt(shown)}{self.scale}{self.unit}"  # as written: 100万元, not 1000000元

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"text": self.text}
        if self.value is not None:
            out["value"] = float(self.value)
            out["unit"] = self.unit
        if self.comparator is not None:
            out["comparator"] = self.comparator.value
        if self.qualitative is not None:
            out["qualitative"] = self.qualitative
        return out


def parse_quantity(raw: object) -> Quantity | None:
    """Parse a target or actual; None for an empty cell. Numbers pass through as numbers."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return Quantity(text="是" if raw else "否", qualitative="是" if raw else "否")
    if isinstance(raw, int | float | Decimal):
        number = to_decimal(raw)
        return Quantity(text=str(raw), value=number) if number is not None else Quantity(text=str(raw))
    text = str(raw).strip()
    if not text or text in {"—", "——", "-", "/"}:
        return None
    norm = normalize_text(text)
    # "100%（含）", "≥90%（含）": an inclusive mark adds nothing to a target;
    # "1500余人", "约1500人", "1500人左右": approximate counts read as the number.
    norm = re.sub(r"\(含(?:本数)?\)$", "", norm)
    norm = re.sub(r"^约(?=\d)", "", norm)
    norm = re.sub(r"(?<=\d)(?:余|多)(?=[\u4e00-\u9fa5])", "", norm)
    norm = re.sub(r"左右$", "", norm)
    comparator: Comparator | None = None
    for word, comp in _COMPARATOR_WORDS:
        rest = norm[len(word) :]
        if norm.startswith(word) and (rest[:1].isdigit() or rest[:1] in {"+", "-"}):
            comparator, norm = comp, rest
            break
    if comparator is None:
        for word, comp in _SUFFIX_COMPARATORS:
            head = norm[: -len(word)]
            if norm.endswith(word) and _NUMBER.match(head):
                comparator, norm = comp, norm[: -len(word)]
                break
    match = _NUMBER.match(norm.replace(",", ""))
    if match is None:
        return Quantity(text=text, comparator=comparator, qualitative=norm or None)
    value = to_decimal(match.group(1))
    if value is None:
        return Quantity(text=text, comparator=comparator)
    unit, scale = match.group(2), ""
    for prefix, factor in _MULTIPLIERS:
        if unit in _UNIT_WORDS:
            break
        if (unit.startswith(prefix) and len(unit) > 1) or unit == prefix:
            value *= factor
            unit, scale = unit[len(prefix) :] or "", prefix
            break
    if unit in {"％", "%"}:
        unit = "%"
    if unit and not re.fullmatch(r"[%\u4e00-\u9fa5/·a-zA-Z]+", unit):
        return Quantity(text=text, comparator=comparator)
    return Quantity(text=text, value=value, unit=unit, comparator=comparator, scale=scale)


def units_compatible(a: Quantity, b: Quantity) -> bool:
    """True when two quantities measure the same thing (or one leaves its unit out)."""
    if not a.unit or not b.unit or a.unit == b.unit:
        return True
    return any(a.unit in family and b.unit in family for family in _UNIT_FAMILIES)


def same_unit(a: str, b: str) -> bool:
    """True when two written units measure the same thing: equal, or of one family (人 and 人次, 天 and 日).
    Unlike ``units_compatible`` an empty unit is not taken to match: a step in 公斤 needs a value in 公斤.
    Multipliers are gone by now: ``parse_quantity`` writes 9379.64万元 as 93796400 元."""
    if not a or not b:
        return False
    return a == b or any(a in family and b in family for family in (*_UNIT_FAMILIES, *_SPELLINGS))


def comparable(target: Quantity, actual: Quantity) -> Quantity:
    """The actual in the target's unit: a bare fraction (0.8 from a %-formatted Excel cell)
    against a percentage target reads as a percentage (80%)."""
    if target.is_percent and actual.value is not None and not actual.unit and abs(actual.value) <= 2:
        return Quantity(text=actual.text, value=actual.value * HUNDRED, unit="%", comparator=actual.comparator)
    return actual


def raw_ratio(target: Quantity, actual: Quantity) -> Decimal | None:
    """actual ÷ target, whatever the direction of the target; None when not comparable."""
    if target.value is None or actual.value is None or target.value == 0:
        return None
    actual = comparable(target, actual)
    if actual.value is None or not units_compatible(target, actual):
        return None
    return actual.value / target.value


def completion_ratio(target: Quantity, actual: Quantity) -> Decimal | None:
    """完成比例: actual/target for "at least" targets, target/actual for "at most" ones.

    None when either is not numeric or the units differ.
    """
    if target.value is None or actual.value is None:
        return None
    actual = comparable(target, actual)
    if actual.value is None or not units_compatible(target, actual):
        return None
    if target.comparator in (Comparator.LE, Comparator.LT):
        if actual.value <= 0:
            return Decimal(1)
        return target.value / actual.value
    if target.value == 0:
        return None
    return actual.value / target.value


def is_met(target: Quantity, actual: Quantity) -> bool | None:
    """Whether the actual meets the target; None when that cannot be told from the text."""
    if target.value is not None and actual.value is not None:
        actual = comparable(target, actual)
        if actual.value is None or not units_compatible(target, actual):
            return None
        return compares(actual.value, target.comparator, target.value)
    return qualitative_met(target, actual)


def compares(value: Decimal, comparator: Comparator | None, bound: Decimal) -> bool:
    """Whether ``value`` stands to ``bound`` as the comparator says; no comparator means at least (≥)."""
    match comparator:
        case Comparator.GT:
            return value > bound
        case Comparator.LT:
            return value < bound
        case Comparator.LE:
            return value <= bound
        case Comparator.EQ:
            return value == bound
        case _:
            return value >= bound


# Adverbs that qualify a direction word without changing it: 明显提高 ≈ 持续提高 ≈ 不断提高.
_ADVERBS = re.compile(r"^(明显|显著|持续|不断|逐步|逐年|稳步|进一步|有效|大幅|切实|全面|基本上)+")
_STRONG = re.compile(r"^(明显|显著|大幅|大大|极大)")  # a degree the target asks for
_WEAK = re.compile(r"^(有所|略有|稍有|小幅|一定程度上?|部分)")  # a lesser degree an actual may state
_NEGATION = re.compile(r"^(未|没有|无|否|不(?!断|低于|少于|小于|高于|超过|大于))")


def qualitative_met(target: Quantity | None, actual: Quantity) -> bool | None:
    """A qualitative actual ("是", "达成", "明显提高") against a qualitative target."""
    word = actual.qualitative
    if word is None:
        return None
    if word in PARTIAL_WORDS:
        return False
    if target is not None and word == target.qualitative:
        return True
    if word in NO_WORDS or _NEGATION.match(word):
        return False
    if word in YES_WORDS:
        return True
    if target is None or not target.qualitative:
        return None
    if _STRONG.match(target.qualitative) and not _STRONG.match(word):
        return None  # "有所减轻" against "明显减轻": whether a modest change is a marked one is a judgement
    goal = _ADVERBS.sub("", target.qualitative)
    done = _ADVERBS.sub("", word)
    if goal and done and (goal == done or goal.endswith(done) or done.endswith(goal)) and not _WEAK.match(word):
        return True
    return None


def as_percent_points(quantity: Quantity) -> Decimal | None:
    """A percentage as points (96.2% → 96.2); a bare ratio ≤ 1 is read as a fraction."""
    if quantity.value is None:
        return None
    if quantity.is_percent:
        return quantity.value
    if not quantity.unit and 0 <= quantity.value <= 1 and "." in quantity.text:
        return quantity.value * HUNDRED
    return None
