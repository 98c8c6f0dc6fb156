"""A 结算编号 brought again with another person or other amounts: a conflict, never a silent update."""

from __future__ import annotations

import csv
import os
import pwd
from pathlib import Path

import pytest

from medaid.demo.people import make_people
from medaid.errors import MedaidError
from medaid.ingest import idnumber
from medaid.services.imports import import_file
from medaid.workspace import Workspace

P = make_people(3, seed=23)
HEADER = (
    "结算编号,身份证号,姓名,就诊类型,机构编码,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,医疗救助支付"
)
INST = "机构编码,机构名称,医院等级,区划"


def settlements(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def line(number: str, who: int, total: str = "1000.00", assistance: str = "210.00", code: str = "H1") -> str:
    return f"{number},{P[who].id_number},{P[who].name},住院,{code},2023-03-05,{total},800.00,500.00,0,{assistance}"


def stored(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    with ws.connect(read_only=True) as con:
        return con.execute(sql).fetchall()


def rejects(path: Path | None) -> dict[int, list[str]]:
    assert path is not None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {int(r[1]): r for r in list(csv.reader(handle))[1:]}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """A workspace where S1 (P0, 1,000.00 元, 医疗救助 210.00 元) and S2 are stored."""
    ws = Workspace.init(tmp_path / "ws", region="示例县", year=2023)
    import_file(ws.root, "institutions", settlements_inst(tmp_path / "i.csv"))
    import_file(ws.root, "settlements", settlements(tmp_path / "first.csv", [line("S1", 0), line("S2", 1)]))
    return ws


def settlements_inst(path: Path) -> Path:
    path.write_text(f"{INST}\nH1,县人民医院,二级,一镇\nH2,镇卫生院,一级,一镇\n", encoding="utf-8-sig")
    return path


def test_another_person_and_amount_under_a_stored_number_is_rejected_with_both_versions(ws, tmp_path):
    again = settlements(tmp_path / "again.csv", [line("S1", 2, total="1200.00", assistance="250.00"), line("S3", 1)])
    summary = import_file(ws.root, "settlements", again)

    assert (summary.new, summary.changed, summary.rejected, summary.conflicts) == (1, 0, 1, 1)
    assert stored(ws, "SELECT settlement_id, total, assistance_paid FROM settlements ORDER BY 1") == [
        ("S1", 100000, 21000), ("S2", 100000, 21000), ("S3", 100000, 21000),
    ]  # fmt: skip
    _, row, column, value, reason = rejects(summary.rejects_file)[2]
    assert (row, column, value) == ("2", "结算编号", "S1")
    old, new = idnumber.mask(P[0].id_number), idnumber.mask(P[2].id_number)
    assert f"人员 {old}（{idnumber.mask_name(P[0].name)}） → {new}（{idnumber.mask_name(P[2].name)}）" in reason
    assert "总费用 1,000.00元 → 1,200.00元" in reason and "医疗救助支付 210.00元 → 250.00元" in reason
    assert "第 2 次导入（first.csv 第 2 行）" in reason and "--replace --reason" in reason
    assert P[2].id_number not in reason and P[2].name not in reason
    # the rejected row's person was not stored: nobody but the people of the rows in
    assert stored(ws, "SELECT count(*) FROM persons") == [(2,)]


def test_replace_with_a_reason_replaces_and_keeps_the_old_version(ws, tmp_path, monkeypatch):
    monkeypatch.setenv("LOGNAME", "局长")  # who replaced is the process's user, not what the environment says
    monkeypatch.setenv("USER", "局长")
    again = settlements(tmp_path / "again.csv", [line("S1", 2, total="1200.00", assistance="250.00")])
    summary = import_file(ws.root, "settlements", again, replace=True, reason="医保系统更正后重新导出")

    assert (summary.changed, summary.rejected, summary.replaced, summary.conflicts) == (1, 0, 1, 0)
    assert summary.to_dict()["replaced"] == 1
    assert stored(ws, "SELECT total, assistance_paid FROM settlements WHERE settlement_id = 'S1'") == [(120000, 25000)]
    kept = stored(ws, "SELECT settlement_id, total, replaced_by, reason, os_user FROM replaced_settlements")
    assert kept == [("S1", 100000, summary.import_id, "医保系统更正后重新导出", pwd.getpwuid(os.geteuid()).pw_name)]
    assert stored(ws, "SELECT count(*) FROM persons") == [(3,)]


def test_a_level_filled_in_or_another_institution_is_no_conflict(ws, tmp_path):
    summary = import_file(ws.root, "settlements", settlements(tmp_path / "b.csv", [line("S1", 0, code="H2")]))
    assert (summary.changed, summary.conflicts, summary.rejected) == (1, 0, 0)
    assert stored(ws, "SELECT institution_code, hospital_level FROM settlements WHERE settlement_id = 'S1'") == [
        ("H2", "一级")
    ]


def test_the_same_file_again_is_no_conflict(ws, tmp_path):
    summary = import_file(ws.root, "settlements", settlements(tmp_path / "first.csv", [line("S1", 0), line("S2", 1)]))
    assert (summary.unchanged, summary.conflicts, summary.rejected) == (2, 0, 0)


@pytest.mark.parametrize(
    ("kind", "replace", "reason", "message"),
    [
        ("settlements", True, None, "须写明原因"),
        ("settlements", True, "  ", "须写明原因"),
        ("settlements", False, "更正", "只与 --replace 一起使用"),
        ("recipients", True, "更正", "不需要替换"),
    ],
)
def test_replace_needs_a_reason_and_a_settlement_file(ws, tmp_path, kind, replace, reason, message):
    again = settlements(tmp_path / "again.csv", [line("S1", 2, total="1200.00")])
    before = stored(ws, "SELECT * FROM settlements ORDER BY 1")
    with pytest.raises(MedaidError, match=message):
        import_file(ws.root, kind, again, replace=replace, reason=reason)
    assert stored(ws, "SELECT * FROM settlements ORDER BY 1") == before
