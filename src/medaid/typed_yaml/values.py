"""Value types shared by the file models: dates, texts, numbers and money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator

from medaid import money
from medaid.dates import WRITTEN, read_date
from medaid.typed_yaml.core import Invalid


def _iso_date(value: object) -> object:
    if isinstance(value, dt.datetime):
        raise Invalid(f"“{value}”含有时刻", "只写日期，如 2023-06-01")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        day = read_date(value)
        if day is not None:
            return day
    raise Invalid(f"“{value}”不是有效日期", f"请写成 {WRITTEN}")


def _text(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal | dt.date):
        return str(value)
    return value


def _number(value: object) -> object:
    if isinstance(value, bool):
        raise Invalid(f"“{str(value).lower()}”不是数字", "请写数字")
    return value


def _yuan(value: object) -> Decimal:
    return money.yuan(value)  # MoneyError is a ValueError with a Chinese message


def _fen(value: object) -> int:
    return money.to_fen(value)


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date written YYYY-MM-DD (a YAML date or a text)."""
Text = Annotated[str, BeforeValidator(_text)]
"""A text; a number, date or true/false is taken as it is written."""
Number = Annotated[Decimal, BeforeValidator(_number)]
"""A number as an exact Decimal (true/false refused)."""
Yuan = Annotated[Decimal, BeforeValidator(_yuan)]
"""An amount in 元 (medaid.money: "1,234.50", "1000元", "0.1万元" accepted)."""
Fen = Annotated[int, BeforeValidator(_fen)]
"""An amount written in 元, kept as integer fen (half-up)."""
