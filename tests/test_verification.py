"""Monthly verification (核查台账) on a hand-made month with one case of every reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from medaid.analytics.runs import load_run, verify
from medaid.analytics.verification import Month
from medaid.demo.people import make_people
from medaid.policy.params import default_policy
from medaid.services.imports import import_file
from medaid.workspace import Workspace

A, B, C, D, E, F, G = make_people(7, seed=21)
REC = "身份证号,姓名,救助类别,认定部门,生效日期,终止日期"
SET = "结算编号,身份证号,姓名,就诊类型,医院等级,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付"


def write(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return path


def make_workspace(tmp_path: Path) -> Workspace:
    """The hand-made data of these tests (also used by the Spark parity test)."""
    ws = Workspace.init(tmp_path / "ws", year=2023)
    import_file(ws.root, "recipients", write(tmp_path / "r.csv", REC, [
        f"{A.id_number},{A.name},低保对象,民政,2023-01-01,",
        f"{B.id_number},{B.name},特困人员,民政,2023-08-01,",
        f"{C.id_number},{C.name},低保边缘家庭成员,民政,2023-01-01,2023-04-30",
        f"{D.id_number},{D.name},低保对象,民政,2023-01-01,",
        f"{E.id_number},{E.name},因病致贫重病患者,民政,2023-01-01,",
        f"{G.id_number},{G.name},低保对象,乡村振兴,2023-01-01,",
    ]))  # fmt: skip
    import_file(ws.root, "deaths", write(tmp_path / "d.csv", "身份证号,死亡日期", [f"{D.id_number},2023-06-15"]))
    import_file(ws.root, "settlements", write(tmp_path / "s.csv", SET, [
        # 低保对象 A: no assistance on a claim the policy covers: 70% × (1000 − 600) = 280.00
        f"SA1,{A.id_number},{A.name},门诊,一级,2023-07-03,1200.00,1000.00,600.00,0,0",
        f"SA2,{A.id_number},{A.name},门诊,一级,2023-07-10,1200.00,1000.00,600.00,0,280.00",
        f"SA3,{A.id_number},{A.name},门诊,一级,2023-07-10,1200.00,1000.00,600.00,0,280.00",  # SA2 again
        f"SB1,{B.id_number},{B.name},住院,二级,2023-07-12,9000.00,8000.00,5000.00,0,2700.00",  # before 08-01
        f"SC1,{C.id_number},{C.name},门诊,一级,2023-07-05,300.00,250.00,150.00,0,100.00",  # ended 04-30
        f"SD1,{D.id_number},{D.name},门诊,一级,2023-07-05,300.00,250.00,150.00,0,100.00",  # died 06-15
        # 因病致贫 E: 48 000 paid in March, 5 000 in July: 3 000 above the 50 000 limit
        f"SE1,{E.id_number},{E.name},住院,三级,2023-03-01,200000.00,180000.00,80000.00,0,48000.00",
        f"SE2,{E.id_number},{E.name},住院,三级,2023-07-20,30000.00,28000.00,15000.00,0,5000.00",
        f"SF1,{F.id_number},{F.name},门诊,一级,2023-07-07,100.00,80.00,40.00,0,30.00",  # on no list
        f"SG1,{G.id_number},{G.name},门诊,一级,2023-07-08,1200.00,1000.00,600.00,0,280.00",  # right
        f"SG2,{G.id_number},{G.name},门诊,一级,2023-08-08,1200.00,1000.00,600.00,0,0",  # August: not this month
    ]))  # fmt: skip
    return ws


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path)


def run_july(ws: Workspace):
    with ws.connect() as con:
        return verify(con, Month.parse("2023-07"), default_policy(Month.parse("2023-07").last))


def test_every_reason_code_is_found_with_its_amount(ws):
    run = run_july(ws)
    found = {(r.settlement_id, r.reason, r.amount) for r in run.rows}
    assert found == {
        ("SA1", "missed", 28000),
        ("SA3", "duplicate", 28000),
        ("SB1", "before_validity", 270000),
        ("SC1", "after_end", 10000),
        ("SD1", "after_death", 10000),
        ("SE2", "above_annual_limit", 300000),
        ("SF1", "non_recipient", 3000),
    }
    assert run.settlements == 9
    assert run.counts == {"missed": 1, "non_recipient": 1, "before_validity": 1, "after_end": 1,
                          "after_death": 1, "above_annual_limit": 1, "duplicate": 1}  # fmt: skip
    missed = next(r for r in run.rows if r.reason == "missed")
    assert "起付标准0.00元" in missed.detail and "应救助280.00元" in missed.detail
    assert all(r.id_masked and "*" in r.id_masked for r in run.rows)


def test_a_stored_run_is_reproduced_exactly_and_inputs_are_fingerprinted(ws, tmp_path):
    first = run_july(ws)
    second = run_july(ws)
    assert second.same_as == first.run_id and second.fingerprint == first.fingerprint
    with ws.connect() as con:
        again = load_run(con, first.run_id)
    assert again.rows == first.rows
    import_file(ws.root, "settlements", write(tmp_path / "more.csv", SET, [
        f"SG3,{G.id_number},{G.name},门诊,一级,2023-07-09,100.00,80.00,40.00,0,28.00",
    ]))  # fmt: skip
    third = run_july(ws)
    assert third.fingerprint != first.fingerprint and third.same_as is None
    with ws.connect() as con:
        assert load_run(con, first.run_id).rows == first.rows  # the old ledger is still the old ledger


def test_verification_needs_a_registry(tmp_path):
    from medaid.errors import MedaidError

    ws = Workspace.init(tmp_path / "empty")
    with pytest.raises(MedaidError, match="尚未导入救助对象名单"), ws.connect() as con:
        verify(con, Month.parse("2023-07"), default_policy(Month.parse("2023-07").last))
