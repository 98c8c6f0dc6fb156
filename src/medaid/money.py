"""Money: integer fen (分) inside, Decimal 元 at the edges, rounded half-up — one definition.

Every conversion between 元 and fen in medaid goes through this module, so that a file, a
policy parameter, a setting and a typed claim all round the same way: half away from zero
(ROUND_HALF_UP in Decimal terms; 0.005 元 → 1 分, −0.005 元 → −1 分). Amounts are written
in 元; a few writings people use are accepted: "1,234.50", "¥1234.5", "1000元", "0.1万元".
An import reads cells in SQL: :func:`fen_sql` and :func:`yuan_text_sql` are the DuckDB twins of
:func:`to_fen` and :func:`yuan_text`, built from the same pattern and units (tests/test_money.py
checks that they agree on any text).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from medaid.celltext import BLANKS, delete, delete_sql, narrow, narrow_sql, sql_string

FEN_PER_YUAN = 100
FEN_PLACES = 2  # decimal places of 元 kept in fen
MAX_FEN = 2**63 - 1  # the store keeps fen as BIGINT; a larger amount is refused, never wrapped
UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "万": Decimal(10_000)}
IGNORED = BLANKS + ",，"  # blanks and thousands separators anywhere in the text
# the accepted writing once IGNORED is removed; the same pattern runs in Python and in DuckDB (RE2)
PATTERN = r"(?P<sign>[-−]?)[¥￥]?(?P<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?P<unit>元|万元|万)?"
_TEXT = re.compile(PATTERN)
# a plain amount in 元 read exactly through DECIMAL(18, 2): with at most 14 digits before the point, times 100 it
# still fits DECIMAL(18, 2) (DuckDB keeps that type for the product and refuses an overflow)
_PLAIN = r"-?[0-9]{1,14}(?:\.[0-9]{1,2})?"


class MoneyError(ValueError):
    """A value is not an amount of money; the message is Chinese."""


def yuan(value: object, *, unit: str = "元") -> Decimal:
    """An amount in 元 as an exact Decimal, from a number or a text people write.

    ``unit``: what a number without a unit of its own is in (a column headed “金额（万元）”).
    Raises MoneyError for anything else (a bool, a NaN, "abc", "1e5").
    """
    factor = UNITS[unit]
    if isinstance(value, bool) or value is None:
        raise MoneyError(f"“{value}”不是金额")
    if isinstance(value, Decimal):
        number = value * factor
    elif isinstance(value, int):
        number = Decimal(value) * factor
    elif isinstance(value, float):
        number = Decimal(repr(value)) * factor  # the shortest text of the float, not its binary expansion
    else:
        match = _TEXT.fullmatch(delete(narrow(str(value)), IGNORED))  # full-width digits as the import reads them
        if match is None:
            raise MoneyError(f"“{value}”不是金额（应写元为单位的数字，如 1234.50）")
        try:
            number = Decimal(match["number"]) * (UNITS[match["unit"]] if match["unit"] else factor)
        except InvalidOperation as err:  # pragma: no cover - the pattern admits only digits
            raise MoneyError(f"“{value}”不是金额") from err
        if match["sign"]:
            number = -number
    if not number.is_finite():
        raise MoneyError(f"“{value}”不是有限的金额")
    return number


def to_fen(value: object, *, unit: str = "元") -> int:
    """元 → integer fen, half away from zero: 12.345 → 1235, −12.345 → −1235 (``unit`` as in :func:`yuan`).

    Raises MoneyError for what :func:`yuan` refuses and for an amount beyond ±MAX_FEN.
    """
    fen = int((yuan(value, unit=unit) * FEN_PER_YUAN).quantize(Decimal(1), ROUND_HALF_UP))
    if abs(fen) > MAX_FEN:
        raise MoneyError(f"“{value}”超出可处理的金额范围")
    return fen


def to_yuan(fen: int) -> Decimal:
    """Integer fen → 元 as an exact Decimal with two places."""
    return (Decimal(int(fen)) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def yuan_float(fen: int) -> float:
    """Integer fen → 元 as a float, for JSON output only (never computed with)."""
    return float(to_yuan(fen))


def yuan_text(fen: int, *, unit: bool = True) -> str:
    """Integer fen as people read it: "1,234.50元" (or without the unit)."""
    return f"{to_yuan(fen):,.2f}" + ("元" if unit else "")


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator for integers, rounded half away from zero (refunds are negative)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    if numerator < 0:
        return -half_up(-numerator, denominator)
    return (2 * numerator + denominator) // (2 * denominator)


# SQL twins: the same acceptance, rounding and text inside an import's one SQL pass (DuckDB).


def _shift_sql(unit: str) -> str:
    """Decimal places the point moves for a unit: 2 for 元, 6 for 万元 — from UNITS."""
    whens = []
    for name, factor in UNITS.items():
        exponent = factor.adjusted()
        if factor != Decimal(10) ** exponent:  # pragma: no cover - UNITS holds powers of ten
            raise ValueError(f"unit {name} is not a power of ten")
        whens.append(f"WHEN {sql_string(name)} THEN {FEN_PLACES + exponent}")
    return f"CASE {unit} {' '.join(whens)} ELSE {FEN_PLACES} END"


def fen_sql(text: str, *, unit: str = "元") -> str:
    """DuckDB expression: the SQL text ``text`` (a cell) → BIGINT fen as :func:`to_fen` gives it, else NULL;
    ``unit`` as in :func:`to_fen`.

    A plain "1234.56" (at most two decimals) is cast exactly. Any other writing is read on its
    digits, never through a float or a DECIMAL of fixed scale: the decimal point moves 2 places
    (6 for 万元) and the first dropped digit rounds half away from zero. Each stage is bound once
    with a one-element list_transform (DuckDB has no LET; needs DuckDB ≥ 1.3 for ``lambda``); the
    lambda parameters carry a ``money_`` prefix so that no column of the query can shadow them.
    """
    cleaned = delete_sql(narrow_sql(text), IGNORED)
    found = f"regexp_extract({cleaned}, {sql_string(f'^(?:{PATTERN})$')}, ['sign', 'number', 'unit'])"
    shift = _shift_sql(f"coalesce(nullif(money_m.unit, ''), {sql_string(unit)})")  # a cell's own unit first
    split = (
        "{'negative': money_m.sign <> '', 'whole': split_part(money_m.number, '.', 1), "
        f"'fraction': split_part(money_m.number, '.', 2), 'shift': {shift}}}"
    )
    kept = "money_s.whole || rpad(left(money_s.fraction, money_s.shift), money_s.shift, '0')"
    carry = "CASE WHEN substr(money_s.fraction, money_s.shift + 1, 1) >= '5' THEN 1 ELSE 0 END"
    digits = f"{{'negative': money_s.negative, 'digits': ltrim({kept}, '0'), 'carry': {carry}}}"
    magnitude = "(CAST('0' || money_d.digits AS HUGEINT) + money_d.carry)"
    fen = (
        f"CASE WHEN length(money_d.digits) <= {len(str(MAX_FEN))} AND {magnitude} <= {MAX_FEN} "
        f"THEN CAST(CASE WHEN money_d.negative THEN -{magnitude} ELSE {magnitude} END AS BIGINT) END"
    )
    general = (
        f"list_transform([{found}], lambda money_m: CASE WHEN money_m.number <> '' THEN "  # '' when refused
        f"list_transform([{split}], lambda money_s: list_transform([{digits}], lambda money_d: {fen})[1])[1] END)[1]"
    )
    if UNITS[unit] != 1:
        return general
    # most cells are plain "1234.56" (at most 14 digits before the point): exact through DECIMAL(18, 2), a 64-bit
    # integer (DECIMAL(38, 2) is 128-bit, slower); a longer number takes the general way, also exact
    return (
        f"(CASE WHEN regexp_full_match({text}, {sql_string(_PLAIN)}) "
        f"THEN CAST(CAST({text} AS DECIMAL(18, {FEN_PLACES})) * {FEN_PER_YUAN} AS BIGINT) ELSE {general} END)"
    )


def yuan_text_sql(fen: str, *, unit: bool = True) -> str:
    """DuckDB expression: BIGINT fen → the text :func:`yuan_text` gives ("-1,234.50元")."""
    whole = f"format('{{:,}}', abs({fen}) // {FEN_PER_YUAN})"
    cents = f"lpad(CAST(abs({fen}) % {FEN_PER_YUAN} AS VARCHAR), {FEN_PLACES}, '0')"
    suffix = " || '元'" if unit else ""
    return f"(CASE WHEN {fen} < 0 THEN '-' ELSE '' END || {whole} || '.' || {cents}{suffix})"
