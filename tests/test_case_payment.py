"""发放's amount from the policy engine (issue 15 item 1): the case's 追溯救助 settled once in the payment's
transaction, with its trace per bill; an amount entered by hand kept, with the engine's figure and the
difference. Hand-computed to the fen on the retroactive tests' county (tests/test_cases_retroactive.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from medaid.cases.model import Application, Bill, Declaration, Person
from medaid.cases.workflow import WorkflowError
from medaid.errors import MedaidError
from medaid.services import case_steps as steps
from medaid.services.case_payment import BY_HAND, ENGINE
from medaid.services.cases import get_case, link_settlements, open_case
from medaid.services.imports import import_file
from medaid.services.retroactive import RETRO_ACTION
from medaid.store import app
from medaid.store.audit_trail import AuditEntry
from medaid.workspace import Workspace
from tests.test_cases_retroactive import CAT, A, two_policies
from tests.test_cases_service import Assessment
from tests.test_warnings import SET, settle, write

CLERK = {"actor": "医保经办·王", "role": "clerk"}
APPLIED = dt.date(2023, 10, 15)  # window: 2022-10-01 to 2023-09-30 (the 12 months before October 2023)


@pytest.fixture(autouse=True)
def _no_shared_server(monkeypatch):
    monkeypatch.delenv(app.ENV_URL, raising=False)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """The retroactive tests' county, its policy the folder of two dated files (50 % then 70 % from 2023-07-01)."""
    folder = two_policies(tmp_path / "policy")
    root = Workspace.init(tmp_path / "ws", region="测试县", year=2023).root
    settings = (root / "medaid.yaml").read_text(encoding="utf-8")
    (root / "medaid.yaml").write_text(settings.replace("policy: null", f"policy: {folder}"), encoding="utf-8")
    import_file(root, "settlements", write(tmp_path / "s.csv", SET, [
        settle("S1", A, "2022-11-10", "10000.01", "6000.00"),  # base 4 000.01
        settle("S2", A, "2022-12-05", "8000.00", "4000.00", "1000.00", "500.00"),  # base 2 500.00
        settle("S3", A, "2023-02-01", "9000.00", "5000.00", assist="300.00"),  # already assisted
        settle("S4", A, "2023-03-01", "3000.00", "2400.00"),  # base 600.00
        settle("S5", A, "2023-08-01", "6000.00", "3000.00"),  # base 3 000.00, under the new file
        settle("S6", A, "2023-09-10", "10000.00", "2000.00"),  # base 8 000.00: reaches the yearly limit
        settle("S7", A, "2023-10-20", "9000.00", "1000.00"),  # in the month of application: outside
    ]))  # fmt: skip
    return root


def published(
    root: Path, *, settlements: tuple[str, ...] = (), bills: tuple[Bill, ...] = (), category: str = CAT
) -> int:
    """A case of A applied on 2023-10-15, approved (recognised) on 2023-11-20, published 2023-11-21 to 11-27."""
    application = Application(Person(A.id_number, A.name), category, APPLIED, Declaration(income_fen=1_200_000),
                              bills=bills, area="450222101")  # fmt: skip
    case = open_case(root, application, at=dt.datetime(2023, 10, 15, 9), **CLERK)
    if settlements:
        link_settlements(root, case.id, list(settlements), **CLERK)
    steps.accept_case(root, case.id, at=dt.datetime(2023, 10, 16, 9), **CLERK)
    steps.review_case(root, case.id, Assessment(True), at=dt.datetime(2023, 11, 1, 9), **CLERK)
    steps.approve_case(root, case.id, at=dt.datetime(2023, 11, 20, 9), **CLERK)
    steps.publish_case(root, case.id, at=dt.datetime(2023, 11, 21, 9), **CLERK)
    return case.id


def retro_entries(root: Path) -> list[dict[str, object]]:
    with app.session_for(root) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == RETRO_ACTION).order_by(AuditEntry.id))
        return [json.loads(e.detail) for e in rows]


PAY_DAY = dt.datetime(2023, 11, 30, 10)


def test_the_engine_computes_the_amount_with_its_trace_and_settles_once(ws: Path):
    case_id = published(ws, settlements=("S1", "S3", "S7"))
    steps.pay_case(ws, case_id, at=PAY_DAY, **CLERK)
    case = get_case(ws, case_id)
    # 2022 (50 %, above 1 000 元 a year, at most 3 000 元), cumulative half-up:
    #   S1 (4 000.01 − 1 000) × 50 % = 1 500.005 → 1 500.01; S2 (6 500.01 − 1 000) × 50 % = 2 750.01 − 1 500.01
    #   = 1 250.00; 2023: S3 (assisted in the data, base 4 000) counts in the year-to-date, not paid: S4 300.00;
    #   from 2023-07-01 (70 %, at most 5 000): S5 2 100.00, S6 380.00 (tests/test_cases_retroactive). 5 530.01 元.
    assert case.state == "paid" and case.amount_fen == 553_001 and case.paid_on == dt.date(2023, 11, 30)
    trace = case.amount_trace
    assert trace is not None and trace["method"] == ENGINE and trace["amount_fen"] == 553_001
    assert (trace["recognised_on"], trace["window"]) == ("2023-11-20", ["2022-10-01", "2023-09-30"])
    bills = {b["settlement_id"]: b for b in trace["bills"]}  # type: ignore[attr-defined]
    assert {s: b["amount_fen"] for s, b in bills.items()} == {"S1": 150_001, "S2": 125_000, "S4": 30_000,
                                                             "S5": 210_000, "S6": 38_000}  # fmt: skip
    assert bills["S5"]["policy"]["valid_from"] == "2023-07-01"
    assert bills["S5"]["policy"]["source"] == "测试医疗救助办法（2023-07-01）"
    assert (
        bills["S1"]["policy"]["file"].endswith("2022-01-01.yaml") and bills["S5"]["trace"][0]["amount_fen"] == 210_000
    )
    linked = {x["settlement_id"]: x["status"] for x in trace["linked"]}  # type: ignore[attr-defined]
    assert linked["S1"] == "计入：1,500.01元"
    assert linked["S3"].startswith("未计入：已获医疗救助（医疗救助及倾斜救助支付 300.00元）")
    assert (
        linked["S7"] == f"未计入：申请当月起至认定日前的费用，不在追溯期限内（{trace['rule']}），政策未规定对其追溯救助"
    )
    entries = retro_entries(ws)  # settled once, with the payment
    assert len(entries) == 1 and entries[0]["case_id"] == case_id and entries[0]["total_fen"] == 553_001


def test_bills_already_assisted_or_settled_are_still_due_nothing(ws: Path):
    steps.pay_case(ws, published(ws, settlements=("S1",)), at=PAY_DAY, **CLERK)
    again = published(ws, settlements=("S1", "S3"))  # S1 settled by the first case, S3 assisted in the data
    steps.pay_case(ws, again, at=PAY_DAY, **CLERK)
    case = get_case(ws, again)
    assert case.state == "paid" and case.amount_fen == 0
    trace = case.amount_trace
    assert trace is not None and trace["bills"] == []
    linked = {x["settlement_id"]: x["status"] for x in trace["linked"]}  # type: ignore[attr-defined]
    assert "已追溯救助" in linked["S1"] and "医保经办·王" in linked["S1"] and "已获医疗救助" in linked["S3"]
    assert len(retro_entries(ws)) == 1  # nothing new recorded


def test_an_amount_entered_by_hand_is_kept_with_the_engines_figure_and_the_difference(ws: Path):
    case_id = published(ws, settlements=("S1",))
    steps.pay_case(ws, case_id, 700_000, {"依据": "纸质审批表"}, at=PAY_DAY, **CLERK)
    case = get_case(ws, case_id)
    trace = case.amount_trace
    assert case.amount_fen == 700_000 and trace is not None
    assert (trace["method"], trace["entered_by"], trace["given"]) == (BY_HAND, "医保经办·王", {"依据": "纸质审批表"})
    assert (trace["engine_fen"], trace["difference_fen"]) == (553_001, 146_999)
    assert trace["engine_note"] == "手工金额比政策引擎计算的 5,530.01元多 1,469.99元"
    # the bills the engine would pay are recorded as settled by this payment (not at the engine's amounts)
    (entry,) = retro_entries(ws)
    assert (entry["method"], entry["case_id"], entry["total_fen"]) == ("by_hand", case_id, 700_000)
    assert entry["engine_total_fen"] == 553_001
    bills: dict[str, dict[str, object]] = entry["bills"]  # type: ignore[assignment]
    assert set(bills) == {"S1", "S2", "S4", "S5", "S6"} and "amount_fen" not in bills["S6"]
    assert (bills["S6"]["engine_fen"], bills["S6"]["date"]) == (38_000, "2023-09-10")


def test_entered_bills_need_an_amount_and_an_illegal_payment_is_refused_first(ws: Path):
    paper = Bill(dt.date(2023, 5, 6), total_fen=500_000, self_pay_fen=200_000, in_scope_fen=400_000, hospital="县医院")
    case_id = published(ws, bills=(paper,))
    with pytest.raises(MedaidError, match="1 张手工录入的票据") as err:
        steps.pay_case(ws, case_id, at=PAY_DAY, **CLERK)
    assert "填写救助金额" in (err.value.fix or "")
    assert get_case(ws, case_id).state == "publicised" and retro_entries(ws) == []
    steps.pay_case(ws, case_id, 123_456, {"依据": "手工票据按政策测算"}, at=PAY_DAY, **CLERK)
    trace = get_case(ws, case_id).amount_trace
    assert trace is not None and trace["entered_bills"][0]["self_pay_fen"] == 200_000  # type: ignore[index]
    hand = retro_entries(ws)  # the applicant's data bills of the window, settled by this hand payment
    assert [(e["method"], e["total_fen"]) for e in hand] == [("by_hand", 123_456)]
    early = published(ws, settlements=("S1",))
    with pytest.raises(WorkflowError, match="公示期"):
        steps.pay_case(ws, early, at=dt.datetime(2023, 11, 25, 9), **CLERK)
    assert retro_entries(ws) == hand  # the illegal payment recorded nothing


def test_a_category_without_a_retroactive_window_needs_an_amount(ws: Path):
    case_id = published(ws, settlements=("S1",), category="低保对象")
    with pytest.raises(MedaidError, match="发放金额无法由政策引擎计算：政策文件没有写低保对象的追溯救助期限") as err:
        steps.pay_case(ws, case_id, at=PAY_DAY, **CLERK)
    assert "由经办人填写救助金额" in (err.value.fix or "") and get_case(ws, case_id).state == "publicised"
    steps.pay_case(ws, case_id, 50_000, {"依据": "低保对象按比例救助"}, at=PAY_DAY, **CLERK)
    trace = get_case(ws, case_id).amount_trace
    assert trace is not None and (trace["engine_fen"], trace["difference_fen"]) == (None, None)
    assert str(trace["engine_note"]).startswith("政策引擎无法计算：政策文件没有写低保对象的追溯救助期限")
