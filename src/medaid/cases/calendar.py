"""Working days in mainland China: weekends, public holidays and 调休 (make-up working weekends).

Each year's holidays and make-up working days are those of the 国务院办公厅's yearly notice
(《国务院办公厅关于X年部分节假日安排的通知》, published each November or December). Two sources,
in this order:

1. ``policy/params/holidays.yaml``: years written by hand from the notice (see
   docs/decisions/0021-working-day-calendar.md for how to add one each December); a year here
   replaces the package's for that year.
2. the ``chinese-calendar`` package (pinned), which carries the notices from 2004 to the year of
   its release (1.11.0: 2004–2026).

A date in a year that neither knows is a :class:`CalendarError` in Chinese, never a guess: the
deadline of a case cannot silently skip a holiday nobody entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated

import chinese_calendar
from chinese_calendar import constants as _published
from pydantic import Field

from medaid import typed_yaml
from medaid.errors import Location, MedaidError
from medaid.typed_yaml import FileModel, IsoDate, Text

__all__ = ["CalendarError", "WorkCalendar", "YearArrangement", "default_calendar", "holidays_file"]

PACKAGE = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip()


class CalendarError(MedaidError):
    """A date the working-day calendar does not know, or a bad holidays file."""


class YearSpec(FileModel):
    source: Text = Field(description="依据：国务院办公厅关于该年部分节假日安排的通知及文号")
    published: IsoDate | None = Field(default=None, description="通知的发布日期")
    holidays: list[IsoDate] = Field(default_factory=list, description="放假的日期（含周末放假日）")
    workdays: list[IsoDate] = Field(default_factory=list, description="调休上班的周末日期")


class HolidaysFile(FileModel):
    years: dict[Annotated[int, Field(ge=1949, le=2200)], YearSpec] = Field(default_factory=dict)


@dataclass(frozen=True)
class YearArrangement:
    """One year's holidays and make-up working days, with the notice they come from."""

    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    source: str

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


def holidays_file() -> Path:
    """The shipped file of hand-entered years (policy/params/holidays.yaml)."""
    return Path(str(resources.files("medaid.policy") / "params" / "holidays.yaml"))


def _read(path: Path) -> dict[int, YearArrangement]:
    document = typed_yaml.read(path, error=CalendarError)
    spec = typed_yaml.validate(HolidaysFile, document, error=CalendarError)
    out: dict[int, YearArrangement] = {}
    for year, entry in spec.years.items():
        stray = [d for d in (*entry.holidays, *entry.workdays) if d.year != year]
        if stray:
            raise CalendarError(
                f"{year} 年的安排中有其他年份的日期 {stray[0]}",
                where=Location(file=str(path), key=f"years.{year}"),
                fix="跨年的假日请分别写在各自年份下",
            )
        both = set(entry.holidays) & set(entry.workdays)
        if both:
            raise CalendarError(
                f"{min(both)} 同时写在放假和调休上班中",
                where=Location(file=str(path), key=f"years.{year}"),
                fix="请按通知改正",
            )
        out[year] = YearArrangement(year, frozenset(entry.holidays), frozenset(entry.workdays), entry.source)
    return out


def _package_years() -> frozenset[int]:
    return frozenset(d.year for d in _published.holidays) | frozenset(d.year for d in _published.workdays)


class WorkCalendar:
    """Which days are working days; deadlines counted in working days."""

    def __init__(self, years: Mapping[int, YearArrangement] | None = None, *, package: bool = True) -> None:
        self._years = dict(years or {})
        self._package = _package_years() if package else frozenset()

    @classmethod
    def load(cls, path: Path | None = None, *, package: bool = True) -> WorkCalendar:
        """The calendar of ``path`` (default: the shipped holidays.yaml) over the package's years."""
        if path is not None and not path.is_file():
            raise CalendarError("找不到节假日安排文件", where=Location(file=str(path)), fix="请检查路径")
        file = path or holidays_file()
        return cls(_read(file) if file.is_file() else {}, package=package)

    def known_years(self) -> list[int]:
        return sorted(set(self._years) | set(self._package))

    def source(self, year: int) -> str:
        """Where the year's holidays come from (the notice, or the package)."""
        self._check(year)
        found = self._years.get(year)
        return found.source if found is not None else f"{PACKAGE}（国务院办公厅{year}年部分节假日安排）"

    def _check(self, year: int) -> None:
        if year in self._years or year in self._package:
            return
        known = self.known_years()
        span = f"{known[0]}–{known[-1]} 年" if known else "任何年份"
        raise CalendarError(
            f"工作日历没有 {year} 年的节假日安排（已知 {span}）",
            where=Location(file=str(holidays_file())),
            fix=f"国务院办公厅发布《关于{year}年部分节假日安排的通知》后，请按通知在 holidays.yaml 中添加 {year} 年"
            "的放假和调休上班日期（见 docs/decisions/0021-working-day-calendar.md），或升级 chinese-calendar",
        )

    def is_working_day(self, day: dt.date) -> bool:
        self._check(day.year)
        found = self._years.get(day.year)
        if found is not None:
            return found.is_working_day(day)
        return bool(chinese_calendar.is_workday(day))

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start`` (``start`` itself is not counted); ``n`` = 0 gives
        ``start`` when it is a working day, else the next working day."""
        if n < 0:
            raise CalendarError(f"工作日数 {n} 不能为负数", fix="请写 0 或正整数")
        day = start
        if n == 0:
            while not self.is_working_day(day):
                day += dt.timedelta(days=1)
            return day
        counted = 0
        while counted < n:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when ``end`` is before
        ``start``): ``working_days_between(d, add_working_days(d, n)) == n``."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for day in _days(start + dt.timedelta(days=1), end) if self.is_working_day(day))


def _days(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


_DEFAULT: WorkCalendar | None = None


def default_calendar() -> WorkCalendar:
    """The shipped calendar (holidays.yaml over the package), read once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = WorkCalendar.load()
    return _DEFAULT
