"""The text of a cell, cleaned the same way in Python and in the DuckDB SQL of an import.

A check that exists twice — once in Python (a desk, a test, the demo) and once as SQL over
millions of staged rows — must see the same characters. This module is the one place that
says which characters are blanks and how a Python string becomes an SQL literal; the
checks themselves live with their concepts (``medaid.money``, ``medaid.ingest.idnumber``).
"""

from __future__ import annotations

# Every character Python's str.isspace() accepts (what str.split() drops): ASCII blanks and
# controls, NEL, no-break spaces, the typographic spaces, line/paragraph separators and the
# ideographic (full-width) space U+3000 that Chinese input methods type.
BLANKS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def sql_string(text: str) -> str:
    """``text`` as a DuckDB string expression; characters that are not printable are written chr(n)."""
    parts: list[str] = []
    run = ""
    for char in text:
        if (char.isprintable() and char not in BLANKS) or char == " ":
            run += char
            continue
        if run:
            parts.append("'" + run.replace("'", "''") + "'")
            run = ""
        parts.append(f"chr({ord(char)})")
    if run or not parts:
        parts.append("'" + run.replace("'", "''") + "'")
    return parts[0] if len(parts) == 1 else "(" + " || ".join(parts) + ")"


def char_class(chars: str) -> str:
    """An RE2 (DuckDB) character class of ``chars``, written in ASCII: [\\x{9}\\x{3000},]."""
    out = []
    for char in chars:
        if char.isascii() and (char.isalnum() or char in " ,"):
            out.append(char)
        else:
            out.append(f"\\x{{{ord(char):x}}}")
    return "[" + "".join(out) + "]"


def delete(text: str, chars: str) -> str:
    """``text`` without any of ``chars``."""
    return text.translate(dict.fromkeys(map(ord, chars)))


def delete_sql(expr: str, chars: str) -> str:
    """The DuckDB expression that does what :func:`delete` does (a regular expression: fast)."""
    return f"regexp_replace({expr}, {sql_string(char_class(chars))}, '', 'g')"


def translate(text: str, source: str, target: str) -> str:
    """Python twin of DuckDB ``translate``: each character of ``source`` becomes the one at the same
    place in ``target``; characters of ``source`` beyond the length of ``target`` are deleted."""
    kept = len(target)
    return text.translate(str.maketrans(source[:kept], target, source[kept:]))


def translate_sql(expr: str, source: str, target: str) -> str:
    """The DuckDB expression that does what :func:`translate` does, on the SQL text ``expr``."""
    return f"translate({expr}, {sql_string(source)}, {sql_string(target)})"


# Full-width digits and signs Chinese input methods type, and what they mean (numbers, amounts, dates).
WIDE, NARROW = "０１２３４５６７８９．，－／：", "0123456789.,-/:"


def narrow(text: str) -> str:
    """``text`` with full-width digits and signs written in ASCII (the SQL twin is :func:`narrow_sql`)."""
    return translate(text, WIDE, NARROW)


def narrow_sql(text: str) -> str:
    """SQL: what :func:`narrow` does (most cells have no full-width character: tested first, it is cheaper)."""
    wide = sql_string(char_class(WIDE))
    return f"(CASE WHEN regexp_matches({text}, {wide}) THEN {translate_sql(text, WIDE, NARROW)} ELSE {text} END)"


# A spreadsheet takes a cell starting with one of these for a formula (OWASP: CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """A value for a CSV cell that a spreadsheet shows as the text it is: formula-like text gets the
    quote a person would type (the workbooks use Excel's quote prefix for the same)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
