"""The working-day calendar: weekends, public holidays and 调休, and years nobody entered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medaid.cases.calendar import CalendarError, WorkCalendar, default_calendar, holidays_file

D = dt.date
CAL = default_calendar()


@pytest.mark.parametrize(("day", "working"), [
    (D(2025, 9, 26), True),    # Friday
    (D(2025, 9, 27), False),   # Saturday
    (D(2025, 9, 28), True),    # Sunday, 调休上班 before 国庆
    (D(2025, 10, 1), False),   # 国庆
    (D(2025, 10, 8), False),   # last day of 国庆、中秋 (8 days in 2025)
    (D(2025, 10, 9), True),
    (D(2025, 10, 11), True),   # Saturday, 调休上班
    (D(2025, 1, 26), True),    # Sunday before 春节, 调休上班
    (D(2025, 2, 4), False),    # 春节
    (D(2025, 2, 8), True),     # Saturday after 春节, 调休上班
    (D(2026, 10, 10), True),   # Saturday, 调休上班 (2026 arrangement)
])  # fmt: skip
def test_working_days_of_the_published_arrangements(day, working):
    assert CAL.is_working_day(day) is working


def test_adding_working_days_across_a_weekend_a_holiday_and_a_make_up_sunday():
    # applied on Friday 2025-09-26: Sunday 28 (调休) is day 1, 29, 30, then 国庆 1–8 October, 9 and 10
    assert CAL.add_working_days(D(2025, 9, 26), 5) == D(2025, 10, 10)
    assert CAL.add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)
    assert CAL.add_working_days(D(2025, 10, 1), 0) == D(2025, 10, 9)  # 0: the day itself or the next working day
    assert CAL.add_working_days(D(2025, 9, 30), 0) == D(2025, 9, 30)
    assert CAL.add_working_days(D(2023, 3, 3), 5) == D(2023, 3, 10)  # an ordinary week: Friday to Friday
    # across the new year: 2025-12-31 (Wed), 2026-01-01..03 off, 2026-01-04 (Sunday) 调休上班
    assert CAL.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 4)


def test_working_days_between_is_the_inverse_of_adding():
    start = D(2025, 1, 20)  # a Monday, before 春节 and its two 调休 days
    for n in range(0, 40):
        end = CAL.add_working_days(start, n)
        assert CAL.working_days_between(start, end) == n
    assert CAL.working_days_between(D(2025, 10, 10), D(2025, 9, 26)) == -5
    assert CAL.working_days_between(D(2025, 10, 1), D(2025, 10, 8)) == 0


def test_a_year_nobody_entered_is_a_chinese_error_not_a_guess():
    with pytest.raises(CalendarError, match="没有 2027 年的节假日安排") as err:
        CAL.add_working_days(D(2026, 12, 28), 10)
    assert "holidays.yaml" in err.value.fix and "国务院办公厅" in err.value.fix
    with pytest.raises(CalendarError, match="2003"):
        CAL.is_working_day(D(2003, 5, 6))
    with pytest.raises(CalendarError, match="负数"):
        CAL.add_working_days(D(2025, 1, 2), -1)


def test_a_year_entered_by_hand_extends_and_replaces_the_package(tmp_path: Path):
    path = tmp_path / "holidays.yaml"
    path.write_text(
        "years:\n"
        "  2027:\n"
        "    source: 测试用安排（非真实通知）\n"
        "    holidays: [2027-01-01, 2027-01-04]\n"
        "    workdays: [2027-01-09]\n"
        "  2025:\n"
        "    source: 测试：替换软件包的2025年\n"
        "    holidays: []\n",
        encoding="utf-8",
    )
    cal = WorkCalendar.load(path)
    assert cal.known_years()[-1] == 2027 and cal.source(2027) == "测试用安排（非真实通知）"
    assert not cal.is_working_day(D(2027, 1, 4)) and cal.is_working_day(D(2027, 1, 9))
    assert cal.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 5)
    assert cal.is_working_day(D(2025, 10, 1))  # the file's 2025 has no holidays: it replaces the package's
    assert "chinese-calendar" in cal.source(2024)


def test_a_bad_holidays_file_names_the_file_and_the_problem(tmp_path: Path):
    path = tmp_path / "holidays.yaml"
    path.write_text("years:\n  2027:\n    source: x\n    holidays: [2026-12-31]\n", encoding="utf-8")
    with pytest.raises(CalendarError, match="其他年份的日期 2026-12-31"):
        WorkCalendar.load(path)
    path.write_text("years:\n  2027:\n    holidays: [2027-01-01]\n", encoding="utf-8")
    with pytest.raises(CalendarError, match="source"):
        WorkCalendar.load(path)
    path.write_text("years:\n  2027:\n    source: x\n    holidays: [2027-01-02]\n    workdays: [2027-01-02]\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(CalendarError, match="同时写在放假和调休上班中"):
        WorkCalendar.load(path)
    with pytest.raises(CalendarError, match="找不到节假日安排文件"):
        WorkCalendar.load(tmp_path / "missing.yaml")


def test_the_shipped_file_loads_and_the_package_covers_its_years():
    assert holidays_file().is_file()
    assert WorkCalendar.load().known_years() == list(range(2004, 2027))
    assert WorkCalendar({}, package=False).known_years() == []
