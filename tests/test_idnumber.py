"""身份证号 checks (GB 11643) on generated people — nothing real."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from medaid.celltext import BLANKS
from medaid.demo.people import make_id, make_people
from medaid.ingest.columns import Column, Table, Type
from medaid.ingest.idnumber import REASONS, check_char, gender, is_valid, mask, mask_name, normalize, problem
from medaid.ingest.validate import validate
from medaid.store import engine


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


# One definition, two renderings: the import's SQL and the Python function agree on every cell.

TODAY = dt.date(2024, 6, 30)  # the day of the check, fixed so that "a birth date after today" is reproducible
ID_ONLY = Table("ids", "身份证号", (Column("id_number", "身份证号", Type.ID, True),), key=())
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def with_check(first17: str) -> str:
    return first17 + check_char(first17)


@st.composite
def written_ids(draw: st.DrawFn) -> str:
    """A 身份证号 as it arrives in a cell: valid, or with one kind of defect, written in any accepted way."""
    birth = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY))
    region = draw(st.from_regex(r"[1-6][0-9]{5}", fullmatch=True))
    number = make_id(region, birth, draw(st.integers(0, 999)))
    defect = draw(st.sampled_from(["none", "none", "length", "letter", "date", "year", "future", "check", "text",
                                   "excel"]))  # fmt: skip
    fix_check = draw(st.booleans())  # recompute the check character, so that only the defect is wrong
    if defect == "length":
        cut = draw(st.integers(0, 17))
        number = draw(st.sampled_from([number[:cut], number + number[: cut + 1]]))
    elif defect == "letter":
        where = draw(st.integers(0, 17))
        letter = draw(st.sampled_from("ABCDxyz中-/Ⅰ٣²ß"))
        number = number[:where] + letter + number[where + 1 :]
    elif defect in ("date", "year", "future"):
        if defect == "date":
            ymd = draw(st.sampled_from(["19990230", "20230229", "19000229", "19851301", "19850000", "19850132",
                                        "00000101", "21000229"]))  # fmt: skip
        elif defect == "year":
            ymd = draw(st.sampled_from(["1800", "1899", "2099", "0001", "9999"])) + f"{birth:%m%d}"
        else:
            ymd = f"{draw(st.dates(min_value=TODAY + dt.timedelta(days=1), max_value=dt.date(2999, 12, 31))):%Y%m%d}"
        number = number[:6] + ymd + number[14:]
        number = with_check(number[:17]) if fix_check else number
    elif defect == "check":
        number = number[:17] + draw(st.sampled_from([c for c in "0123456789X" if c != number[17]]))
    elif defect == "excel":  # Excel stored it as a number and wrote it as it shows it
        number = draw(st.sampled_from([f"{float(number[:17]):.14E}", f"{float(number[:15]):.5E}", "4.50221E+17"]))
    elif defect == "text":
        number = draw(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20))
    if draw(st.booleans()):  # full-width digits and Ｘ, some or all
        start = draw(st.integers(0, len(number)))
        number = number[:start] + number[start:].translate(FULL_WIDTH)
    if number.endswith("X"):
        number = number[:-1] + draw(st.sampled_from(["X", "x", "ｘ", "Ｘ"]))
    for _ in range(draw(st.integers(0, 3))):  # blanks anywhere: spaces, full-width spaces, tabs
        where = draw(st.integers(0, len(number)))
        number = number[:where] + draw(st.sampled_from([" ", "\u3000", "\t", "\xa0", "\n"])) + number[where:]
    assume(any(ch not in BLANKS for ch in number))  # a blank cell is "不能为空", not a 身份证号 problem
    return number


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.lists(written_ids(), min_size=1, max_size=30))
def test_import_sql_and_python_agree_on_validity_and_reason(cells):
    with engine.connect() as con:
        con.execute("CREATE TEMP TABLE staged (__row BIGINT, id_number VARCHAR)")
        con.executemany("INSERT INTO staged VALUES (?, ?)", [(row, cell) for row, cell in enumerate(cells, start=2)])
        validate(con, ID_ONLY, "staged", {"id_number": 0}, today=TODAY)
        rows = con.execute("SELECT id_number, err_col, err_value, err_reason FROM checked ORDER BY __row").fetchall()
    for cell, (number, column, shown, reason) in zip(cells, rows, strict=True):
        assert reason == problem(cell, today=TODAY), cell
        assert reason is None or said_without_digits_of_the_number(reason), reason
        if reason is None:
            assert number == normalize(cell)
        else:
            assert column == "身份证号"
            assert sum(ch != "*" for ch in shown) <= 8  # personal data stays masked in the rejects


def said_without_digits_of_the_number(reason: str) -> bool:
    """A reason is one of the fixed texts; only the length template carries a number (a count)."""
    return (
        reason in REASONS.values() or re.fullmatch(REASONS["length"].replace("{length}", "[0-9]+"), reason) is not None
    )


@pytest.mark.parametrize(
    "cell",
    ["459901199002301234", "459901180001011234", "459901209901011234", "45990119900101123X", "459901199001011230"],
)
def test_reasons_never_show_a_birth_date_or_digits_the_mask_hides(cell):
    reason = problem(cell, today=TODAY)
    assert reason is not None and said_without_digits_of_the_number(reason)
    assert not re.search(r"[0-9]{3}", reason.replace("1900", "")), reason


@pytest.mark.parametrize("cell", ["4.50221199001011E+17", "4.50221E+17", "4.5022119900101e17", "4.50221199001011E+14"])
def test_a_number_excel_stored_as_a_number_is_explained(cell):
    assert problem(cell, today=TODAY) == "身份证号被 Excel 存成了数字，后几位已丢失，请把该列设为文本后重新导出"


def test_written_forms_of_a_valid_number_are_normalised():
    number = "11010519491231002X"  # the worked example of GB 11643-1999
    for cell in (
        number.translate(FULL_WIDTH),
        "11010519491231002x",
        "11010519491231002ｘ",
        "110105 19491231\u3000002X",
    ):
        assert problem(cell, today=TODAY) is None and normalize(cell) == number


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("459901180001011234", "身份证号中的出生日期不合理（应在1900年1月1日至今天之间）"),
        ("459901209901011234", "身份证号中的出生日期不合理（应在1900年1月1日至今天之间）"),
        ("459901000001011234", "身份证号中的出生日期部分不是有效日期"),  # DuckDB would read year 0 as 1 BC
        ("4599011990010112٣4", "身份证号前17位应为数字，末位应为数字或X"),  # an Arabic-Indic digit is no 0-9
        ("4599011990010112²4", "身份证号前17位应为数字，末位应为数字或X"),  # was an uncaught ValueError
        ("45990119900101123ß", "身份证号前17位应为数字，末位应为数字或X"),  # upper() made it 19 characters
    ],
)
def test_only_ascii_digits_and_real_birth_dates_are_accepted(cell, reason):
    assert problem(cell, today=TODAY) == reason
