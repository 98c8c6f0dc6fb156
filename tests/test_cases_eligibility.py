"""审核 from data: the default template's rules (山西 2×低保 after self-pay, 民政部 1.5×低保) on a
worked case, to the fen, with every figure's key and source."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from medaid.cases.eligibility import (
    EligibilityError,
    SelfPayRow,
    assess,
    bill_self_pay,
    rows_for,
    self_pay_total,
    window,
)
from medaid.policy.load import load_policy_with_override
from medaid.policy.params import default_policy

D = dt.date
APPLIED = D(2023, 6, 15)
MEMBERS = ("P1", "P2")  # the applicant first; a third member (a child) has no settlement
ROWS = [
    SelfPayRow("S1", "P1", D(2022, 5, 31), 500_000),  # before the twelve months
    SelfPayRow("S2", "P1", D(2022, 6, 1), 1_234_567),
    SelfPayRow("S3", "P2", D(2023, 1, 10), -20_000),  # a refund (冲红)
    SelfPayRow("S4", "P2", D(2023, 5, 31), 98_765),
    SelfPayRow("S5", "P1", D(2023, 6, 1), 300_000),  # the month of application: not counted
    SelfPayRow("S6", "P9", D(2023, 1, 1), 999_999),  # not of the household
]
# a county's 低保标准 for the test (800 元/人·月), as a county writes it over the national template
DIBAO = "standards:\n  dibao_monthly: {amount: 800, source: 测试县低保标准（测试值）, date: 2023-01-01}\n"


@pytest.fixture
def policy(tmp_path: Path):
    over = tmp_path / "county.yaml"
    over.write_text(DIBAO, encoding="utf-8")
    return load_policy_with_override(default_policy(APPLIED), over)


def test_the_twelve_months_before_the_month_of_application():
    assert window("application_months", APPLIED) == (D(2022, 6, 1), D(2023, 5, 31))
    assert window("application_months", D(2024, 1, 2)) == (D(2023, 1, 1), D(2023, 12, 31))
    assert window("12_months", D(2024, 2, 29)) == (D(2023, 3, 1), D(2024, 2, 29))
    assert window("calendar_year", APPLIED) == (D(2023, 1, 1), APPLIED)
    total, ids = self_pay_total(ROWS, MEMBERS, D(2022, 6, 1), D(2023, 5, 31))
    assert (total, ids) == (1_313_332, ("S2", "S3", "S4"))  # 12 345.67 − 200.00 + 987.65


def test_a_household_poor_through_illness(policy):
    result = assess(policy, applied_on=APPLIED, members=MEMBERS, size=3, income_fen=5_300_000, rows=ROWS)
    assert (result.eligible, result.category) == (True, "因病致贫重病患者")
    assert result.tried == ("低保边缘家庭成员", "因病致贫重病患者")  # the file's order; 低保边缘 is not met
    assert (result.self_pay_fen, result.settlement_ids) == (1_313_332, ("S2", "S3", "S4"))
    threshold, limit = result.self_pay_threshold, result.income_limit
    assert threshold is not None and limit is not None
    assert (threshold.fen, threshold.key) == (800_000, "eligibility.因病致贫重病患者.self_pay")  # assistance.threshold
    assert "山西省" in threshold.source and "2023-07-20" in threshold.source
    # (53 000.00 − 13 133.32) / 3 = 13 288.8933… → 13 288.89; limit 800 × 12 × 2 = 19 200.00
    assert (result.income_per_person_fen, limit.fen) == (1_328_889, 1_920_000)
    assert "测试县低保标准" in limit.basis and limit.key == "eligibility.因病致贫重病患者.income_multiple"
    assert result.reasons == (
        "申请之月前12个月（2022-06-01至2023-05-31）家庭成员3笔结算政策范围内个人负担13,133.32元，"
        "达到因病致贫重病患者标准8,000.00元",
        "家庭年收入53,000.00元扣除个人负担医疗费用后按3人计人均13,288.89元，低于因病致贫重病患者收入上限19,200.00元",
    )
    data = result.as_dict()
    assert json.loads(json.dumps(data)) == data and data["window"] == ["2022-06-01", "2023-05-31"]


def test_a_low_income_household_is_found_first(policy):
    result = assess(policy, applied_on=APPLIED, members=MEMBERS, size=3, income_fen=3_900_000, rows=ROWS)
    assert (result.eligible, result.category, result.tried) == (True, "低保边缘家庭成员", ("低保边缘家庭成员",
                                                                                          "因病致贫重病患者"))  # fmt: skip
    assert (result.income_per_person_fen, result.income_limit and result.income_limit.fen) == (1_300_000, 1_440_000)
    assert result.self_pay_threshold is None and "民政部" in (result.income_limit.source if result.income_limit else "")


def test_no_category_met_gives_every_reason(policy):
    result = assess(policy, applied_on=APPLIED, members=MEMBERS, size=3, income_fen=9_000_000, rows=ROWS)
    assert (result.eligible, result.category) == (False, None)
    assert len(result.reasons) == 2 and result.reasons[0].startswith("低保边缘家庭成员：")
    assert "人均25,622.23元，不低于因病致贫重病患者收入上限19,200.00元" in result.reasons[1]  # 76 866.68 / 3


def test_one_category_asked_and_the_applicant_alone(policy, tmp_path):
    over = tmp_path / "share.yaml"
    over.write_text(
        "standards:\n  disposable_income: {amount: 36883, year: 2022, source: 国家统计局}\n"
        "eligibility:\n  因病致贫重病患者:\n    self_pay: {share_of_income: 0.5, assistance_threshold: false}\n"
        "    household: false\n",
        encoding="utf-8",
    )
    changed = load_policy_with_override(policy, over)
    result = assess(changed, applied_on=APPLIED, members=MEMBERS, size=3, income_fen=1_000_000, rows=ROWS,
                    category="因病致贫")  # fmt: skip
    # the applicant alone: 12 345.67 < 36 883 × 50 % = 18 441.50
    assert (result.eligible, result.self_pay_fen, result.settlement_ids) == (False, 1_234_567, ("S2",))
    assert result.self_pay_threshold is not None and result.self_pay_threshold.fen == 1_844_150
    assert "未达到因病致贫重病患者标准18,441.50元" in result.reasons[0]


def test_what_the_policy_file_lacks_is_a_chinese_error():
    bare = default_policy(APPLIED)  # the national template has no 低保标准: it is local
    with pytest.raises(EligibilityError, match="没有写当地低保标准") as err:
        assess(bare, applied_on=APPLIED, members=MEMBERS, income_fen=1, rows=ROWS)
    assert err.value.where.key == "standards.dibao_monthly"
    with pytest.raises(EligibilityError, match="没有“特困人员”的认定条件"):
        assess(bare, applied_on=APPLIED, members=MEMBERS, income_fen=1, rows=ROWS, category="特困人员")
    with pytest.raises(EligibilityError, match="没有申请人"):
        assess(bare, applied_on=APPLIED, members=(), income_fen=1, rows=ROWS)


def test_rows_from_the_workspace_tables(policy):
    con = duckdb.connect()
    con.execute("CREATE TABLE settlements (settlement_id VARCHAR, person_key VARCHAR, settle_date DATE, in_scope BIGINT,"
                " basic_paid BIGINT, critical_paid BIGINT, large_paid BIGINT, assistance_paid BIGINT, tilted_paid BIGINT)")  # fmt: skip
    con.execute("INSERT INTO settlements VALUES ('X1', 'P1', DATE '2022-07-01', 3000000, 1500000, 200000, NULL, 100000,"
                " NULL), ('X2', 'P2', DATE '2023-05-31', 100000, 50000, 0, 0, 0, 1), ('X3', 'P1', DATE '2023-06-01',"
                " 100000, 0, 0, 0, 0, 0), ('X4', 'P3', DATE '2023-01-01', 100000, 0, 0, 0, 0, 0)")  # fmt: skip
    rows = rows_for(con, policy, MEMBERS, APPLIED)
    assert [(r.settlement_id, r.self_pay_fen) for r in rows] == [("X1", 1_200_000), ("X2", 49_999)]
    result = assess(policy, applied_on=APPLIED, members=MEMBERS, size=2, income_fen=2_000_000, rows=rows,
                    category="因病致贫重病患者")  # fmt: skip
    assert (result.eligible, result.self_pay_fen, result.income_per_person_fen) == (True, 1_249_999, 375_001)


def test_a_paper_bill_counts_its_in_scope_self_pay_only():
    """Total 10 000.00, in-scope 2 000.00, 个人自付 9 000.00: the funds paid 1 000.00 of the in-scope 2 000.00, so
    1 000.00 is the in-scope self-pay (the other 8 000.00 is out of scope); without its in-scope amount: unknown."""
    assert bill_self_pay(200_000, 1_000_000, 900_000) == 100_000
    assert bill_self_pay(123_457, 300_001, 200_000) == 23_456  # funds 1 000.01 of in-scope 1 234.57
    assert bill_self_pay(50_000, 1_000_000, 100_000) == 0  # the funds paid more than the in-scope amount
    assert bill_self_pay(80_000, 80_000, 80_000) == 80_000  # nothing paid by the funds: capped by the in-scope amount
    assert bill_self_pay(None, 1_000_000, 900_000) is None


def test_a_paper_bill_without_its_in_scope_amount_is_named_not_counted(policy):
    paper = [SelfPayRow("手工票据#1", "P1", D(2023, 3, 1), bill_self_pay(200_000, 1_000_000, 900_000)),
             SelfPayRow("手工票据#2", "P1", D(2023, 4, 1), bill_self_pay(None, 500_000, 450_000))]  # fmt: skip
    result = assess(policy, applied_on=APPLIED, members=MEMBERS, size=3, income_fen=5_300_000, rows=[*ROWS, *paper],
                    category="因病致贫重病患者")  # fmt: skip
    assert result.self_pay_fen == 1_313_332 + 100_000 and "手工票据#1" in result.settlement_ids
    assert "手工票据#2" not in result.settlement_ids
    assert any("另有1笔票据（手工票据#2）未填政策范围内费用" in r for r in result.reasons)
    total, ids = self_pay_total(paper, ["P1"], D(2023, 1, 1), D(2023, 12, 31))
    assert (total, ids) == (100_000, ("手工票据#1",))
