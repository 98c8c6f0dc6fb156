"""身份证号 checks (GB 11643) on generated people — nothing real."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medaid.demo.people import make_id, make_people
from medaid.ingest.idnumber import check_char, gender, is_valid, mask, mask_name, problem


def test_check_digit_of_the_standard_example():
    # the worked example of GB 11643-1999 annex: 11010519491231002X
    assert check_char("11010519491231002") == "X"
    assert is_valid("11010519491231002X")
    assert is_valid("11010519491231002x")


@given(
    st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2020, 12, 31)),
    st.integers(min_value=0, max_value=999),
)
def test_generated_numbers_are_valid_and_one_changed_digit_is_caught(birth, seq):
    number = make_id("459901", birth, seq)
    assert is_valid(number)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert "校验位错误" in (problem(wrong) or "")


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("45990119900101123", "应为18位"),
        ("4599011990010112A4", "前17位应为数字"),
        ("459901199002301234", "不是有效日期"),
        ("459901180001011234", "不合理"),
    ],
)
def test_invalid_numbers_say_why(number, reason):
    assert reason in (problem(number) or "")


def test_masks_keep_only_what_is_needed():
    assert mask("45990119900101123X") == "4599**********123X"
    assert mask_name("张三") == "张*" and mask_name("欧阳修文") == "欧***"


def test_people_are_deterministic_distinct_and_valid():
    people = make_people(200, seed=7)
    assert people == make_people(200, seed=7)
    assert len({p.id_number for p in people}) == 200
    assert all(is_valid(p.id_number) and gender(p.id_number) == p.gender for p in people)
