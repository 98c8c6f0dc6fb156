"""追溯救助 (issue 15 item 3): bills before recognition within the policy's window, settled once under
the parameters in force on each bill's date, on hand-computed examples crossing a policy change."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from medaid.cases.retroactive import RetroactiveError, window
from medaid.demo.people import make_people
from medaid.policy.load import load_policy, policy_mapping
from medaid.policy.params import default_policy
from medaid.policy.retro_keys import window_of
from medaid.services.imports import import_file
from medaid.services.retroactive import RETRO_ACTION, retroactive_due, settle_retroactive
from medaid.store import app
from medaid.store.audit_trail import AuditEntry
from medaid.workspace import Workspace
from tests.test_warnings import SET, settle, write

(A, B) = make_people(2, seed=15)
CAT = "因病致贫重病患者"
APPLIED, RECOGNISED = dt.date(2023, 10, 15), dt.date(2023, 11, 20)  # window: 2022-10-01 to 2023-09-30
RULE = f"""\
eligibility:
  {CAT}:
    source: 测试认定办法（测民发〔2023〕1号）
    income_multiple: 2
    retroactive: {{months: 12, source: 测试认定办法（测民发〔2023〕1号）第十条, date: 2023-06-01}}
"""


def policy(folder: Path, valid_from: str, assistance: str, *, rule: str = RULE) -> Path:
    path = folder / f"{valid_from}.yaml"
    text = f"region: 测试县\nvalid_from: {valid_from}\nsource: 测试医疗救助办法（{valid_from}）\n"
    path.write_text(text + f"assistance:\n  {CAT}: {assistance}\n" + rule, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _no_shared_server(monkeypatch):
    monkeypatch.delenv(app.ENV_URL, raising=False)


def two_policies(folder: Path) -> Path:
    """The folder, made, with two dated policy files: 50 % from 2022-01-01, then 70 % from 2023-07-01."""
    folder.mkdir()
    policy(folder, "2022-01-01", "{threshold: 1000, ratio: 0.5, annual_limit: 3000}")
    policy(folder, "2023-07-01", "{threshold: 1000, ratio: 0.7, annual_limit: 5000}")  # a mid-year change
    return folder


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    return two_policies(tmp_path / "policy")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = Workspace.init(tmp_path / "ws", region="测试县", year=2023)
    import_file(ws.root, "settlements", write(tmp_path / "s.csv", SET, [
        settle("S0", A, "2022-09-20", "5000.00", "3000.00"),  # before the window
        settle("S1", A, "2022-11-10", "10000.01", "6000.00"),  # base 4 000.01
        settle("S2", A, "2022-12-05", "8000.00", "4000.00", "1000.00", "500.00"),  # base 2 500.00 (大病, 大额 given)
        settle("S3", A, "2023-02-01", "9000.00", "5000.00", assist="300.00"),  # already assisted
        settle("S4", A, "2023-03-01", "3000.00", "2400.00"),  # base 600.00: under the yearly threshold
        settle("S5", A, "2023-08-01", "6000.00", "3000.00"),  # base 3 000.00, under the new file
        settle("S6", A, "2023-09-10", "10000.00", "2000.00"),  # base 8 000.00: reaches the yearly limit
        settle("S7", A, "2023-10-20", "9000.00", "1000.00"),  # in the month of application: outside
        settle("SB", B, "2023-05-05", "9000.00", "1000.00"),  # another person
    ]))  # fmt: skip
    return Workspace.open(ws.root)


def key_of(ws: Workspace, sid: str) -> str:
    with ws.connect(read_only=True) as con:
        return str(con.execute("SELECT person_key FROM settlements WHERE settlement_id = ?", [sid]).fetchone()[0])


def test_window_of_the_policy_in_force_on_recognition(policies):
    files = sorted((load_policy(p) for p in policies.glob("*.yaml")), key=lambda p: p.valid_from)
    rule, start, end = window(files, CAT, APPLIED, RECOGNISED)
    assert (start, end, rule.months, rule.anchor) == (dt.date(2022, 10, 1), dt.date(2023, 9, 30), 12,
                                                      "application_month")  # fmt: skip
    assert "测民发〔2023〕1号" in rule.describe() and "申请之月前12个月" in rule.describe()
    with pytest.raises(RetroactiveError, match="低保对象的追溯救助期限"):
        window(files, "低保对象", APPLIED, RECOGNISED)
    with pytest.raises(RetroactiveError, match="认定日期 2023-10-01 早于申请日期"):
        window(files, CAT, APPLIED, dt.date(2023, 10, 1))


def test_recognition_anchor_and_month_ends(tmp_path):
    rule = RULE.replace("months: 12,", "months: 6, anchor: recognition,")
    found = window_of(load_policy(policy(tmp_path, "2022-01-01", "{threshold: 0, ratio: 1}", rule=rule)), CAT)
    assert found is not None
    assert found.span(dt.date(2023, 8, 1), dt.date(2023, 8, 31)) == (dt.date(2023, 2, 28), dt.date(2023, 8, 30))


def test_settled_under_each_bills_policy_with_year_to_date_to_the_fen(ws, policies):
    person = key_of(ws, "S1")
    due = retroactive_due(ws.root, person, category=CAT, applied_on=APPLIED, recognised_on=RECOGNISED,
                          policy=str(policies))  # fmt: skip
    amounts = {b.settlement_id: b.amount for b in due.bills}
    # 2022 (file 2022-01-01: above 1 000 元 a year, 50 %, at most 3 000 元), cumulative half-up:
    #   S1: (4 000.01 − 1 000) × 50 % = 1 500.005 → 1 500.01
    #   S2: (6 500.01 − 1 000) × 50 % = 2 750.005 → 2 750.01, less 1 500.01 = 1 250.00
    # 2023, a new year; S3 (base 4 000.00, 300.00 paid in the data) is not paid again but counts in the
    # year-to-date as these rules count it: (4 000 − 1 000) × 50 % = 1 500.00 of the limit, threshold passed;
    #   S4: (4 600 − 1 000) × 50 % − 1 500 = 300.00; from 2023-07-01 (70 %, at most 5 000 元), cumulative carried:
    #   S5: (7 600 − 1 000) × 70 % = 4 620.00, less (4 600 − 1 000) × 70 % = 2 520.00 → 2 100.00;
    #   S6: min((15 600 − 1 000) × 70 %, 5 000) − 4 620 = 380.00 (the year: 300 paid in the data + 2 780 ≤ 5 000)
    assert amounts == {"S1": 150_001, "S2": 125_000, "S4": 30_000, "S5": 210_000, "S6": 38_000}
    assert due.total == 553_001
    assert dict(due.skipped) == {
        "S3": "已获医疗救助（医疗救助及倾斜救助支付 300.00元），不再追溯",
        "S7": f"申请当月起至认定日前的费用，不在追溯期限内（{due.rule}），政策未规定对其追溯救助",
    }
    s5 = next(b for b in due.bills if b.settlement_id == "S5")
    assert (s5.policy_from, Path(s5.policy_file).name, s5.policy_source) == (
        dt.date(2023, 7, 1),
        "2023-07-01.yaml",
        "测试医疗救助办法（2023-07-01）",
    )
    assert s5.trace[0][0] == "医疗救助" and s5.trace[0][1] == 210_000 and CAT in s5.trace[0][2]
    assert next(b for b in due.bills if b.settlement_id == "S2").policy_from == dt.date(2022, 1, 1)


def test_settled_once_and_recorded_in_the_audit_trail(ws, policies):
    person = key_of(ws, "S1")
    args = {"category": CAT, "applied_on": APPLIED, "recognised_on": RECOGNISED, "policy": str(policies)}
    first = settle_retroactive(ws.root, person, actor="经办员甲", case_id=7, **args)
    assert first.total == 553_001
    again = settle_retroactive(ws.root, person, actor="经办员乙", **args)
    assert again.bills == [] and again.total == 0
    assert {s for s, _ in again.skipped} == {"S1", "S2", "S3", "S4", "S5", "S6", "S7"}  # S7: after the window
    assert "经办员甲" in dict(again.skipped)["S5"] and "已追溯救助" in dict(again.skipped)["S5"]
    assert retroactive_due(ws.root, person, **args).total == 0
    with app.session_for(ws.root) as session:
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == RETRO_ACTION)))
    assert len(entries) == 1
    detail = json.loads(entries[0].detail)
    assert (detail["person_key"], detail["case_id"], detail["total_fen"]) == (person, 7, 553_001)
    assert detail["bills"]["S6"]["amount_fen"] == 38_000 and set(detail["bills"]) == {"S1", "S2", "S4", "S5", "S6"}


def test_the_other_person_and_the_default_template(ws):
    other = key_of(ws, "SB")
    due = retroactive_due(ws.root, other, category=CAT, applied_on=APPLIED, recognised_on=RECOGNISED)
    # the national template: 因病致贫重病患者 above 8 000 元 a year at 50 %; SB's base 8 000.00 gives nothing
    assert [(b.settlement_id, b.amount) for b in due.bills] == [("SB", 0)]
    rule = window_of(default_policy(RECOGNISED), CAT)
    assert rule is not None and rule.months == 12 and "济南市因病致贫重病患者认定办法" in rule.source.text
    mapped = policy_mapping(default_policy(RECOGNISED))["eligibility"]
    assert mapped[CAT]["retroactive"]["months"] == 12  # type: ignore[index]


def test_no_window_is_an_error_in_chinese(ws, tmp_path):
    folder = tmp_path / "bare"
    folder.mkdir()
    policy(folder, "2022-01-01", "{threshold: 0, ratio: 1}", rule="")
    with pytest.raises(RetroactiveError, match="没有写因病致贫重病患者的追溯救助期限") as caught:
        retroactive_due(ws.root, key_of(ws, "S1"), category=CAT, applied_on=APPLIED, recognised_on=RECOGNISED,
                        policy=str(folder))  # fmt: skip
    assert "retroactive" in caught.value.fix


def test_a_bill_before_every_policy_file_is_refused(ws, tmp_path):
    folder = tmp_path / "late"
    folder.mkdir()
    policy(folder, "2023-01-01", "{threshold: 0, ratio: 1}")
    with pytest.raises(RetroactiveError, match="2022-11-10 没有生效的政策参数文件"):
        retroactive_due(ws.root, key_of(ws, "S1"), category=CAT, applied_on=APPLIED, recognised_on=RECOGNISED,
                        policy=str(folder))  # fmt: skip


def test_in_the_callers_transaction_a_rollback_records_nothing(ws, policies):
    person = key_of(ws, "S1")
    args = {"category": CAT, "applied_on": APPLIED, "recognised_on": RECOGNISED, "policy": str(policies)}
    with pytest.raises(RuntimeError), app.session_for(ws.root) as session:
        assert settle_retroactive(ws.root, person, actor="经办员", session=session, **args).total == 553_001
        raise RuntimeError("发放失败")  # the case's payment failed: its transaction is rolled back
    assert retroactive_due(ws.root, person, **args).total == 553_001
