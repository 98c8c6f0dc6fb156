"""Dates as people write them — one list of spellings for the import (its SQL), the files users
write (``typed_yaml``) and the options they type (``--as-of``, ``--date``)."""

from __future__ import annotations

import calendar
import datetime as dt

from medaid.celltext import narrow

# 2023-07-31, 2023/7/31, 2023.07.31, 2023年7月31日, 20230731
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
# settlement times as the exports write them (the time is dropped)
TIME_FORMATS: tuple[str, ...] = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
WRITTEN = "2023-07-31（也可写 2023/7/31、2023.07.31、2023年7月31日、20230731）"


def read_date(text: str) -> dt.date | None:
    """The date a text writes in one of ``DATE_FORMATS``; None when it writes none (or an impossible one)."""
    written = narrow("".join(text.split()))  # full-width digits as the import reads them
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(written, form).date()
        except ValueError:
            continue
    return None


def twelve_months_from(day: dt.date) -> dt.date:
    """The first day of the 12 months up to ``day``: the day after the same day a year earlier (a 29 February
    a year before that does not exist counts from the 28th, so the window starts on 1 March)."""
    year, month = day.year - 1, day.month
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1])) + dt.timedelta(days=1)
