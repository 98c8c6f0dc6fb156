"""追溯救助 across runs and payments (review M1, M2, N8): the year-to-date counts every bill of the year already
settled or assisted, a payment by hand settles its bills too, and only a county clerk settles.

The first tests are the reviewer's repros on the pure function (default policy, 因病致贫重病患者: threshold
8 000 元, 50 %, yearly limit 50 000 元); the others go through the services in the payment tests' county."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medaid.cases.retroactive import Bill, settle_bills
from medaid.errors import MedaidError
from medaid.policy.model import Policy
from medaid.services import case_steps as steps
from medaid.services.case_retro import case_retroactive
from medaid.services.cases import get_case
from medaid.services.follow_ups import Scope
from medaid.services.imports import import_file
from medaid.services.retroactive import policies_of
from medaid.store.accounts import AccessDenied
from tests.test_case_payment import CLERK, PAY_DAY, _no_shared_server, published, retro_entries, ws  # noqa: F401
from tests.test_cases_retroactive import A
from tests.test_warnings import SET, settle, write

CAT = "因病致贫重病患者"
DATES = {"person_key": "p", "category": CAT, "applied_on": dt.date(2024, 6, 3),
         "recognised_on": dt.date(2024, 6, 20)}  # fmt: skip


def bill(i: int, day: str, in_scope_yuan: int, assisted_fen: int = 0) -> Bill:
    """An inpatient bill: basic insurance paid 60 % of the in-scope amount, nothing else."""
    fen = in_scope_yuan * 100
    return Bill(f"S{i}", dt.date.fromisoformat(day), "住院", "三级", fen, fen, fen * 6 // 10, 0, assisted_fen)


@pytest.fixture(scope="module")
def default() -> list[Policy]:
    return policies_of("default")


def test_a_year_settled_in_two_runs_pays_what_one_run_pays(default: list[Policy]) -> None:
    bills = [bill(1, "2024-02-10", 20_000), bill(2, "2024-03-10", 20_000), bill(3, "2024-04-10", 20_000)]
    once = settle_bills(bills, default, **DATES)
    # self-pay 8 000 a bill: S1 reaches the threshold (0), S2 and S3 (8 000 × 50 %) 4 000 each
    assert [b.amount for b in once.bills] == [0, 400_000, 400_000]
    first = settle_bills(bills[:1], default, **DATES)  # S2 and S3 imported later
    second = settle_bills(bills, default, done={"S1": "2024-06-21 经办员甲"}, **DATES)
    assert [b.settlement_id for b in second.bills] == ["S2", "S3"]
    assert first.total + second.total == once.total == 800_000  # before the fix: 400 000 (threshold taken twice)


def test_a_bill_after_the_yearly_limit_gets_nothing_in_a_later_run(default: list[Policy]) -> None:
    big = [bill(1, "2024-02-10", 150_000), bill(2, "2024-03-10", 150_000)]
    once = settle_bills(big, default, **DATES)
    first = settle_bills(big[:1], default, **DATES)
    second = settle_bills(big, default, done={"S1": "earlier"}, **DATES)
    assert once.total == first.total + second.total == 5_000_000  # the limit; before the fix 5 200 000
    assert second.bills[0].amount == 5_000_000 - first.total


def test_the_datas_paid_assistance_counts_against_the_yearly_limit(default: list[Policy]) -> None:
    # S1 got 45 000 元 of medical assistance in the data (under another category's rules); these rules would
    # have paid it (60 000 − 8 000) × 50 % = 26 000: the year has 50 000 − 45 000 = 5 000 元 left, not 24 000
    bills = [bill(1, "2024-02-10", 150_000, assisted_fen=4_500_000), bill(2, "2024-03-10", 100_000)]
    result = settle_bills(bills, default, **DATES)
    assert [s for s, _ in result.skipped] == ["S1"]
    (paid,) = result.bills
    assert paid.amount == 500_000 and "年度限额" in paid.trace[-1][2]
    # a small payment in the data still counts the bill's self-pay towards the threshold: S2 gets 50 % of all
    small = [bill(1, "2024-02-10", 20_000, assisted_fen=10_000), bill(2, "2024-03-10", 10_000)]
    assert settle_bills(small, default, **DATES).total == 200_000  # self-pay 4 000 above the threshold × 50 %


def test_a_settlement_imported_after_the_payment_gets_no_fresh_yearly_limit(ws: Path, tmp_path: Path) -> None:  # noqa: F811
    first = published(ws, settlements=("S1",))
    steps.pay_case(ws, first, at=PAY_DAY, **CLERK)  # the 2023 limit of 5 000 is counted through S3 … S6
    late = [settle("S8", A, "2023-09-20", "4000.00", "1000.00")]
    import_file(ws, "settlements", write(tmp_path / "late.csv", SET, late))
    second = published(ws, settlements=("S8",))  # the person's next case, paid by the engine
    steps.pay_case(ws, second, at=PAY_DAY, **CLERK)
    case = get_case(ws, second)
    assert case.amount_fen == 0  # before the fix: 1 400.00 元 more in 2023
    trace = case.amount_trace
    assert trace is not None and [(b["settlement_id"], b["amount_fen"]) for b in trace["bills"]] == [("S8", 0)]  # type: ignore[attr-defined]


def test_a_hand_payment_settles_its_bills_and_a_paid_case_is_not_settled_again(ws: Path) -> None:  # noqa: F811
    case_id = published(ws, settlements=("S1",))
    steps.pay_case(ws, case_id, 700_000, {"依据": "纸质审批表"}, at=PAY_DAY, **CLERK)
    with pytest.raises(MedaidError, match=r"案件 \d+（已发放，待归档）已在发放时结算追溯救助，不能再次办理") as err:
        case_retroactive(ws, case_id, settle=True, actor="医保经办·王")
    assert "可查看测算" in (err.value.fix or "")
    preview = case_retroactive(ws, case_id)  # the preview still works, and shows nothing due
    assert preview.total_fen == 0 and {s["settlement_id"] for s in preview.skipped} >= {"S1", "S2", "S4", "S5", "S6"}
    assert "随手工填写金额的发放" in str(next(s["reason"] for s in preview.skipped if s["settlement_id"] == "S6"))
    again = published(ws, settlements=("S1",))  # another case of the person: the engine pays nothing again
    steps.pay_case(ws, again, at=PAY_DAY, **CLERK)
    assert get_case(ws, again).amount_fen == 0
    assert [e["method"] for e in retro_entries(ws) if "method" in e] == ["by_hand"]


def test_only_a_county_clerk_settles(ws: Path) -> None:  # noqa: F811
    case_id = published(ws, settlements=("S1",))
    township = Scope(area="450222101")
    with pytest.raises(AccessDenied, match="医保经办账户（限定区划或部门）不能办理追溯救助") as err:
        case_retroactive(ws, case_id, settle=True, actor="乡镇经办·黄", scope=township)
    assert "不限区划和部门的医保经办" in (err.value.fix or "")
    assert case_retroactive(ws, case_id, actor="乡镇经办·黄", scope=township).total_fen == 553_001  # a preview
    assert retro_entries(ws) == []
    assert case_retroactive(ws, case_id, settle=True, actor="医保经办·王").total_fen == 553_001


def test_the_tilted_assistance_the_data_paid_counts_against_its_own_yearly_limit(default: list[Policy]) -> None:
    from dataclasses import replace
    from decimal import Decimal

    from medaid.policy.model import Assistance

    # 倾斜救助 for the category: from the first 元 after 医疗救助, 50 %, at most 3 000 元 a year (a test's figures)
    tilted = Assistance(CAT, Decimal(0), Decimal("0.5"), Decimal(3000))
    policies = [replace(p, tilted={**p.tilted, CAT: tilted}) for p in default]
    # S1 was assisted in the data: 医疗救助 5 000, 倾斜救助 2 500 (more than these rules give it: (8 000 − 5 000) × 50 %
    # = 1 500); S2 was not: 医疗救助 (8 000 above the 8 000 threshold reached by S1) × 50 % = 4 000, 倾斜救助
    # (8 000 − 4 000) × 50 % = 2 000, cut to what the yearly 3 000 leaves after the data's 2 500: 500
    s1 = replace(bill(1, "2024-02-10", 20_000, 500_000), tilted_paid=250_000)
    found = settle_bills([s1, bill(2, "2024-03-10", 20_000)], policies, **DATES)
    assert found.skipped == [("S1", "已获医疗救助（医疗救助及倾斜救助支付 7,500.00元），不再追溯")]
    (s2,) = found.bills
    assert (s2.assistance, s2.tilted) == (400_000, 50_000)  # before the fix: 倾斜救助 2 000.00 (the data's not counted)
    assert (
        "倾斜救助",
        50_000,
        "本年已支付倾斜救助 2,500.00元（含数据中已支付的），年度限额 3,000.00元 余 500.00元",
    ) in s2.trace
