"""身份证号 (GB 11643-1999 公民身份号码): check digit, birth date, masking.

An 18-character number: 6-digit address code, 8-digit birth date, 3-digit sequence
(odd for men, even for women) and a check character computed over the first 17 digits
with weights 2^(17-i) mod 11 (ISO 7064 MOD 11-2); a remainder maps to 1 0 X 9 8 7 6 5 4 3 2.
"""

from __future__ import annotations

import datetime as dt

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    """The check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalize(raw: str) -> str:
    """Strip spaces and full-width forms; a lower-case x becomes X."""
    text = "".join(str(raw).split()).upper()
    return text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))


def problem(raw: str) -> str | None:
    """Why a 身份证号 is invalid, in Chinese; None when it is valid."""
    number = normalize(raw)
    if len(number) != 18:
        return f"身份证号应为18位，实际为{len(number)}位"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "身份证号前17位应为数字，末位应为数字或X"
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return f"身份证号中的出生日期 {number[6:14]} 不是有效日期"
    if birth.year < 1900 or birth > dt.date.today():
        return f"身份证号中的出生日期 {number[6:14]} 不合理"
    expected = check_char(number[:17])
    if number[17] != expected:
        return f"身份证号校验位错误（末位应为 {expected}），请核对是否录入有误"
    return None


def is_valid(raw: str) -> bool:
    return problem(raw) is None


def mask(raw: str) -> str:
    """4502**********1234: the first four and last four characters only."""
    number = normalize(raw)
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
