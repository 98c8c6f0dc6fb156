"""身份证号 (GB 11643-1999 公民身份号码): the one definition of a valid number, in Python and as SQL.

An 18-character number: 6-digit address code, 8-digit birth date, 3-digit sequence
(odd for men, even for women) and a check character computed over the first 17 digits
with weights 2^(17-i) mod 11 (ISO 7064 MOD 11-2); a remainder maps to 1 0 X 9 8 7 6 5 4 3 2.

The rules, their order and their Chinese reasons are defined here once (``RULES``, ``REASONS``);
:func:`problem` applies them in Python, and :func:`normalize_sql`, :func:`problems_sql` render
the same rules as DuckDB expressions for the import's one SQL pass (``ingest.validate``).
Before the rules, a number is normalised: blanks removed (spaces, full-width spaces, tabs),
full-width digits ０-９ and Ｘ/ｘ and a lower-case x written as 0-9 and X.
"""

from __future__ import annotations

import datetime as dt
import re

from medaid.celltext import BLANKS, char_class, delete, delete_sql, sql_string, translate, translate_sql

LENGTH = 18
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
FORM = "[0-9]{17}[0-9X]"  # after normalisation; the same pattern in Python re and DuckDB (RE2)
EARLIEST_BIRTH = dt.date(1900, 1, 1)
WRITTEN = "０１２３４５６７８９Ｘｘx"  # written forms normalised to…
MEANT = "0123456789XXX"  # …these, character by character

# A number Excel stored as a number and wrote as Excel shows it (4.50221199001011E+17): its last
# digits are gone (Excel keeps 15 significant digits), so no check can tell what it was.
EXCEL_NUMBER = "[0-9]+(?:[.][0-9]*)?[Ee][+]?[0-9]+"  # after normalisation; Python re and RE2 alike

RULES = ("excel_number", "length", "form", "birth_date", "birth_range", "check_char")  # checked in this order
# The reasons never show a birth date or any digit of the number: the rejects file shows the number
# masked (first and last four), and a reason must not give back what the mask hides.
REASONS: dict[str, str] = {
    "excel_number": "身份证号被 Excel 存成了数字，后几位已丢失，请把该列设为文本后重新导出",
    "length": f"身份证号应为{LENGTH}位，实际为{{length}}位",
    "form": f"身份证号前{LENGTH - 1}位应为数字，末位应为数字或X",
    "birth_date": "身份证号中的出生日期部分不是有效日期",
    "birth_range": (
        f"身份证号中的出生日期不合理（应在{EARLIEST_BIRTH.year}年{EARLIEST_BIRTH.month}月"
        f"{EARLIEST_BIRTH.day}日至今天之间）"
    ),
    "check_char": "身份证号校验位错误（末位与前17位不符），请核对是否录入有误",
}
_EXCEL_NUMBER = re.compile(EXCEL_NUMBER)
_FORM = re.compile(FORM)
_NORMAL = re.compile("[0-9X]*")  # characters normalize() leaves as they are, whatever surrounds them
_BIRTH = (7, 8)  # 1-based start and length of the birth date (YYYYMMDD)


def _ymd(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def check_char(first17: str) -> str:
    """The check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalize(raw: str) -> str:
    """Blanks removed; full-width digits, Ｘ/ｘ and a lower-case x written as 0-9 and X."""
    return translate(delete(str(raw), BLANKS), WRITTEN, MEANT)


def _finding(rule: str, number: str, today: dt.date) -> dict[str, str] | None:
    """The fields of ``rule``'s reason when ``number`` breaks it; assumes the earlier rules hold."""
    start, size = _BIRTH
    birth = number[start - 1 : start - 1 + size]
    if rule == "excel_number":
        return {} if _EXCEL_NUMBER.fullmatch(number) else None
    if rule == "length":
        return None if len(number) == LENGTH else {"length": str(len(number))}
    if rule == "form":
        return None if _FORM.fullmatch(number) else {}
    if rule == "birth_date":
        try:
            dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
        except ValueError:
            return {}
        return None
    if rule == "birth_range":
        return None if _ymd(EARLIEST_BIRTH) <= birth <= _ymd(today) else {}
    return None if number[-1] == check_char(number[: LENGTH - 1]) else {}


def problem(raw: str, today: dt.date | None = None) -> str | None:
    """Why a 身份证号 is invalid, in Chinese (the first rule it breaks); None when it is valid.

    ``today`` is the day of the check (a birth date after it is refused); by default today.
    """
    number, day = normalize(raw), today or dt.date.today()
    for rule in RULES:
        fields = _finding(rule, number, day)
        if fields is not None:
            return REASONS[rule].format(**fields)
    return None


def is_valid(raw: str, today: dt.date | None = None) -> bool:
    return problem(raw, today) is None


# SQL twins, rendered from the same constants, order and reasons.


def normalize_sql(text: str) -> str:
    """DuckDB expression: :func:`normalize` of the SQL text ``text``."""
    rewritten = translate_sql(delete_sql(text, BLANKS), WRITTEN, MEANT)
    # most numbers need nothing: test for a character to change first (a regular expression is fast)
    changes = sql_string(char_class(BLANKS + WRITTEN))
    return f"(CASE WHEN regexp_matches({text}, {changes}) THEN {rewritten} ELSE {text} END)"


def digits_sql(number: str) -> str:
    """DuckDB expression: the first 17 characters of ``number`` as one integer when it has the form
    ``FORM``, else NULL (for :func:`check_char_sql`; computed once per row by the caller)."""
    first = f"CAST(left({number}, {LENGTH - 1}) AS BIGINT)"
    return f"CASE WHEN regexp_full_match({number}, {sql_string(FORM)}) THEN {first} END"


def check_char_sql(number: str, *, digits: str | None = None) -> str:
    """DuckDB expression: the check character of the first 17 digits of ``number``, as plain arithmetic.
    ``digits``: the column of :func:`digits_sql` when the caller has it: each digit is then taken by
    division from that integer instead of a substring per digit (twice as fast; NULL when it is NULL)."""
    if digits is None:
        terms = " + ".join(f"(ascii(substr({number}, {i + 1}, 1)) - 48) * {w}" for i, w in enumerate(WEIGHTS))
    else:
        terms = " + ".join(f"(({digits} // {10 ** (LENGTH - 2 - i)}) % 10) * {w}" for i, w in enumerate(WEIGHTS))
    return f"substr({sql_string(CHECK_CHARS)}, CAST(({terms}) % 11 AS BIGINT) + 1, 1)"


def _reason_sql(template: str, fields: dict[str, str]) -> str:
    """A reason template as an SQL concatenation: the {field}s become the given SQL expressions."""
    pieces = re.split(r"\{(\w+)\}", template)
    terms = [sql_string(p) if i % 2 == 0 else f"CAST({fields[p]} AS VARCHAR)" for i, p in enumerate(pieces) if p]
    return terms[0] if len(terms) == 1 else "(" + " || ".join(terms) + ")"


def problems_sql(
    number: str, *, check: str | None = None, formed: str | None = None, today: dt.date | None = None
) -> list[tuple[str, str]]:
    """(condition, reason) DuckDB expressions for each rule, in ``RULES`` order, on a normalised ``number``.

    The first condition that is true names the problem (CASE WHEN … in this order), as :func:`problem`.
    ``check`` is an expression of the check character when already computed (else
    :func:`check_char_sql`); ``formed``, an expression already computed that is true when the number
    has the form ``FORM``: such a number breaks none of the first three rules, which are then not
    tried on it (two regular expressions a row saved); ``today`` is the day of the check, by default today.
    """
    start, size = _BIRTH
    birth = f"substr({number}, {start}, {size})"
    year = f"substr({number}, {start}, 4)"
    expected = check or check_char_sql(number)
    rules: dict[str, tuple[str, dict[str, str]]] = {
        "excel_number": (f"regexp_full_match({number}, {sql_string(EXCEL_NUMBER)})", {}),
        "length": (f"length({number}) <> {LENGTH}", {"length": f"length({number})"}),
        "form": (f"NOT regexp_full_match({number}, {sql_string(FORM)})", {}),
        # DuckDB reads year 0000 as 1 BC; Python's calendar (and so this rule) starts at year 1
        "birth_date": (f"(try_strptime({birth}, '%Y%m%d') IS NULL OR {year} = '0000')", {}),
        "birth_range": (
            f"({birth} < {sql_string(_ymd(EARLIEST_BIRTH))} OR {birth} > {sql_string(_ymd(today or dt.date.today()))})",
            {},
        ),
        "check_char": (f"right({number}, 1) <> {expected}", {}),
    }
    if formed is not None:  # a number of the form FORM is neither an Excel number, nor too short or long
        for rule in ("excel_number", "length", "form"):
            condition, fields = rules[rule]
            rules[rule] = (f"(NOT ({formed}) AND {condition})", fields)
    return [(rules[r][0], _reason_sql(REASONS[r], rules[r][1])) for r in RULES]


def mask(raw: str) -> str:
    """4502**********1234: the first four and last four characters only."""
    number = raw if _NORMAL.fullmatch(raw) else normalize(raw)  # a stored number is normalised already
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    """张* / 欧阳** : the first character only."""
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1) if len(name) > 1 else name


def birth_date(raw: str) -> dt.date:
    number = normalize(raw)
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def gender(raw: str) -> str:
    """男 for an odd sequence digit, 女 for an even one."""
    return "男" if int(normalize(raw)[16]) % 2 else "女"
