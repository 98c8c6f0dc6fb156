"""Money has one definition: 元 → fen half away from zero, in Python and in the import's SQL alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medaid import money
from medaid.analytics.verification import params_table
from medaid.celltext import BLANKS, delete, delete_sql, sql_string, translate, translate_sql
from medaid.money import MAX_FEN, MoneyError, fen_sql, to_fen, yuan_text, yuan_text_sql
from medaid.policy import steps
from medaid.policy.model import Assistance, Policy
from medaid.store import engine


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return engine.connect()


def sql_fen(con: duckdb.DuckDBPyConnection, texts: list[str], unit: str = "元") -> dict[str, int | None]:
    rows = con.execute(f"SELECT t, {fen_sql('t', unit=unit)} FROM unnest(?::VARCHAR[]) AS u(t)", [texts]).fetchall()
    return {str(t): f for t, f in rows}


def python_fen(text: str, unit: str = "元") -> int | None:
    try:
        return to_fen(text, unit=unit)
    except MoneyError:
        return None


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1,234.565", 123457),
        ("1000元", 100000),
        ("0.1万元", 100000),
        ("2.5万", 2500000),
        ("￥1，234.5", 123450),
        ("¥ 12.345", 1235),
        ("-12.345", -1235),
        ("−0.005", -1),
        ("0.00499999999999", 0),  # exact: never rounded twice through a fixed number of decimals
        ("0.00000049万元", 0),
        ("0.0000005万元", 1),
        (".5", 50),
        ("5.", 500),
        ("\u300012\t", 1200),
        ("92233720368547758.07", MAX_FEN),
        ("92233720368547758.08", None),  # beyond what the store holds: refused, never wrapped
        ("1e5", None),
        ("+5", None),
        ("八百", None),
        ("１２", 1200),  # full-width digits, as Chinese input methods type them
        ("12元元", None),
        (".", None),
        ("¥", None),
        ("5-", None),
        ("1.2.3", None),
    ],
)
def test_python_and_sql_read_a_cell_the_same_way(con, text, fen):
    assert python_fen(text) == fen
    assert sql_fen(con, [text]) == {text: fen}


def _grouped(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


@st.composite
def written_amounts(draw: st.DrawFn) -> str:
    """Amounts as people write them: signs, ¥, separators, many decimals, .xx5 halves, 万元, blanks."""
    whole = draw(st.from_regex(r"[0-9]{0,20}", fullmatch=True))
    kind = draw(st.sampled_from(["none", "point", "cents", "half", "many"]))
    fraction = {
        "none": "",
        "point": ".",
        "cents": "." + draw(st.from_regex(r"[0-9]{1,2}", fullmatch=True)),
        "half": "." + draw(st.from_regex(r"[0-9]{0,6}", fullmatch=True)) + "5",
        "many": "." + draw(st.from_regex(r"[0-9]{3,30}", fullmatch=True)),
    }[kind]
    if not whole and fraction in ("", "."):
        whole = "0"
    separator = draw(st.sampled_from(["", "", ",", "，"]))
    text = (
        draw(st.sampled_from(["", "", "-", "−"]))
        + draw(st.sampled_from(["", "", "¥", "￥"]))
        + _grouped(whole, separator)
        + fraction
        + draw(st.sampled_from(["", "", "元", "万元", "万"]))
    )
    blank = draw(st.sampled_from(["", "", " ", "\u3000", "\t", "\xa0"]))
    place = draw(st.integers(0, len(text)))
    return text[:place] + blank + text[place:]


odd_texts = st.text(alphabet="0123456789.,，-−+¥￥元万e $１ x", max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(written_amounts() | odd_texts, min_size=1, max_size=40), st.sampled_from(["元", "万元"]))
def test_to_fen_and_fen_sql_agree_on_any_text(con, texts, unit):
    """Also in a column whose header gives the unit (“金额（万元）”): a cell's own unit comes first."""
    sql = sql_fen(con, texts, unit)
    for text in texts:
        assert sql[text] == python_fen(text, unit), text


def test_a_number_in_a_wan_yuan_column_is_ten_thousand_yuan(con):
    texts = ["12.5", "12.5万元", "1000元", "0.0000005", "-3"]
    assert sql_fen(con, texts, "万元") == {"12.5": 12_500_000, "12.5万元": 12_500_000, "1000元": 100_000,
                                          "0.0000005": 1, "-3": -3_000_000}  # fmt: skip
    assert [python_fen(t, "万元") for t in texts] == [12_500_000, 12_500_000, 100_000, 1, -3_000_000]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=-MAX_FEN, max_value=MAX_FEN), min_size=1, max_size=30))
def test_yuan_text_and_its_sql_agree(con, amounts):
    rows = con.execute(
        f"SELECT f, {yuan_text_sql('f')}, {yuan_text_sql('f', unit=False)} FROM unnest(?::BIGINT[]) AS u(f)", [amounts]
    ).fetchall()
    for fen, text, bare in rows:
        assert (text, bare) == (yuan_text(fen), yuan_text(fen, unit=False))
        assert to_fen(text) == fen  # what is shown reads back as the same amount


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20))
def test_cell_text_helpers_and_their_sql_agree(con, text):
    source, target = "０１２３４５６７８９Ｘｘx" + BLANKS, "0123456789XXX"
    row = con.execute(
        f"SELECT {sql_string(text)}, {delete_sql('?', BLANKS + ',')}, {translate_sql('?', source, target)}",
        [text, text],
    ).fetchall()[0]
    assert row == (text, delete(text, BLANKS + ","), translate(text, source, target))


def test_blanks_are_what_python_splits_on():
    assert set(BLANKS) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


def test_policy_steps_use_the_money_helpers():
    assert steps.to_fen is money.to_fen and not hasattr(steps, "fen") and not hasattr(steps, "half_up")
    assert steps.Linear.of(Assistance("低保对象", Decimal("0.005"), Decimal(1), None)).threshold == 1


def test_verification_parameters_round_half_up_instead_of_truncating():
    policy = Policy(
        region="示例县",
        valid_from=dt.date(2023, 1, 1),
        source="",
        file="",
        digest="",
        assistance={"低保对象": Assistance("低保对象", Decimal("100.005"), Decimal("0.33335"), Decimal("999.999"))},
    )
    with engine.connect() as con:
        rows = engine.backend(con).to_pyarrow(params_table(policy)).to_pylist()
    assert rows == [{"p_category": "低保对象", "threshold": 10001, "ratio_bp": 3334, "annual_limit": 100000}]
