"""Exact decimal arithmetic for scores: two decimals, rounded half-up."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


# Larger magnitudes are no score, rate or amount any table holds (and would overflow quantize).
LIMIT = Decimal("1e15")


def to_decimal(value: object) -> Decimal | None:
    """A finite Decimal from an int, float, Decimal or numeric string; None if it is not one.

    NaN, infinities and magnitudes beyond 10^15 are refused.
    """
    number: Decimal | None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        try:
            number = Decimal(text) if text else None
        except InvalidOperation:
            number = None
    else:
        number = None
    if number is None or not number.is_finite() or abs(number) >= LIMIT:
        return None
    return number


def round2(value: Decimal) -> Decimal:
    """Round to two decimals, half-up (the rounding evaluation tables use)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def truncate2(value: Decimal) -> Decimal:
    """Cut to two decimals (some tables truncate 得分率 instead of rounding)."""
    return value.quantize(CENT, rounding=ROUND_DOWN)


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, value))


def fmt(value: Decimal | None) -> str:
    """Show a number the way tables do: at most four decimals, no trailing zeros, no exponent."""
    if value is None:
        return "—"
    if value.is_finite() and value.as_tuple().exponent < -4:  # type: ignore[operator]
        value = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_pct(value: Decimal | None) -> str:
    """A percentage with two decimals, as the conventions require (e.g. 91.67%)."""
    if value is None:
        return "—"
    return f"{round2(value):.2f}%"


def decimals_of(text: str) -> int:
    """How many decimals a stated number shows ("72.45" → 2, "100" → 0)."""
    text = text.strip().rstrip("%").replace(",", "")
    if "." not in text:
        return 0
    return len(text.split(".", 1)[1])
