"""Numbers as a report prints them: thousands separators, 万元 for large sums, and a
no-break space between a number and its unit so that "17,134,168.08 元" never wraps
away from its 元."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from medaid.analytics.metrics import Value

NBSP = "\u00a0"
WAN = Decimal(10_000)
# Sums of at least this many 元 are printed in 万元, as the seed reports print them.
WAN_FROM = Decimal(100_000)


def grouped(value: Decimal, places: int = 2) -> str:
    """1234567.891 → "1,234,567.89" (half-up)."""
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"


def yuan_texts(*values: Decimal) -> tuple[str, ...]:
    """Sums in 元 as reports print them, in one unit for all: 万元 with two decimals when any
    is 10 万元 or more, else 元 ("应退 39.85 万元、应补 3.65 万元", not "… 36,486.54 元")."""
    if any(abs(v) >= WAN_FROM for v in values):
        return tuple(f"{grouped(v / WAN)}{NBSP}万元" for v in values)
    return tuple(f"{grouped(v)}{NBSP}元" for v in values)


def yuan_text(value: Decimal) -> str:
    """A sum in 元 as reports print it: 万元 with two decimals from 10 万元 up, else 元."""
    return yuan_texts(value)[0]


def count_text(value: Decimal, unit: str) -> str:
    return f"{int(value):,}{NBSP}{unit}"


def fact_value(v: Value) -> str:
    """A metric's value for the 主要业务数据 table."""
    if v.value is None:
        return "—"
    unit = v.metric.unit
    if unit == "元":
        return yuan_text(v.value)
    if v.metric.decimals == 0:
        return count_text(v.value, unit)
    if unit == "%":
        return f"{grouped(v.value)}%"
    return f"{grouped(v.value)}{NBSP}{unit}"
