"""Historical cases imported from a county's 台账: good rows recorded step by step with the file's dates, each
kind of bad row rejected with its row, column and reason, a re-import changing nothing, nothing in clear."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from medaid.errors import Forbidden, InputFileError
from medaid.ingest.idnumber import check_char
from medaid.services.audit_log import verify_audit_log
from medaid.services.case_import import CaseImport, import_cases
from medaid.services.case_list import list_cases
from medaid.services.cases import case_history, get_case
from medaid.services.follow_ups import Scope
from medaid.workspace import Workspace
from tests.test_cases_service import audit, stored_bytes

HEADER = ("台账编号", "姓名", "身份证号", "救助类别", "区划代码", "家庭年收入（元）", "申请日期", "受理日期", "审核日期",
          "审批日期", "公示开始日期", "公示结束日期", "发放日期", "救助金额（元）", "归档日期", "不予救助原因",
          "撤回日期", "撤回原因")  # fmt: skip
TODAY = dt.date(2024, 6, 30)


def id_number(serial: int, birth: str = "19650312") -> str:
    first17 = f"450222{birth}{serial:03d}"
    return first17 + check_char(first17)


NAMES = ("韦秀兰", "覃建国", "覃小梅", "黄德明", "莫桂英", "梁家豪", "蓝凤仙", "卢志刚", "潘玉珍", "陆海军", "谢春燕")
PEOPLE = [(NAMES[i], id_number(101 + i)) for i in range(len(NAMES))]


def row(ref: str, person: int, *dates: str, category: str = "因病致贫", amount: str = "", refusal: str = "",
        withdrawn: tuple[str, str] = ("", ""), income: str = "24360") -> list[str]:  # fmt: skip
    """A row of the 台账: ``dates`` are 申请, 受理, 审核, 审批, 公示开始, 公示结束, 发放, 归档 as far as given."""
    name, number = PEOPLE[person]
    days = [*dates, *[""] * (8 - len(dates))]
    return [ref, name, number, category, "450222101", income, *days[:7], amount, days[7], refusal, *withdrawn]


WRONG_DIGIT = PEOPLE[5][1][:-1] + ("0" if PEOPLE[5][1][-1] != "0" else "1")  # 身份证号 with a wrong check digit
FULL = ("2023-03-01", "2023-03-03", "2023-03-10", "2023-03-15", "2023-03-16", "2023-03-22", "2023-03-30",
        "2023-04-02")  # fmt: skip
LATE = ("2023-11-20", "2023-11-27", "2023-12-20", "2023-12-28", "2023-12-29", "2024-01-04", "2024-01-15")
REFUSAL = "家庭人均收入超过低保标准的2倍"
GOOD = [
    row("2023-001", 0, *FULL, amount="5230.50"),
    row("2023-002", 1, "2023-05-01", "2023-05-04", "2023-05-09", category="低保边缘", refusal=REFUSAL),
    row("2023-003", 2, *LATE, amount="12000"),  # paid in a later year than applied
    row("2023-004", 3, "2023-06-01", "2023-06-02", withdrawn=("2023-06-10", "申请人已另获商业保险赔付")),
    row("2023-005", 4, "2024-06-01"),  # applied only
]
BAD = {  # reference → (row, the column to fix, words of the reason)
    "B-01": ([*row("B-01", 5, "2023-04-01")[:2], WRONG_DIGIT, *row("B-01", 5, "2023-04-01")[3:]], "身份证号", "校验位"),
    "B-02": (row("B-02", 6, "2023-04-01", "2023-03-30"), "受理日期", "早于申请日期"),
    "B-03": (row("B-03", 7, "2023-04-01", "2023-04-02", "", "2023-04-10"), "审批日期", "没有填写审核日期"),
    "B-04": (row("B-04", 8, *FULL[:7]), "救助金额", "须同时填写救助金额"),
    "B-05": (row("B-05", 9, *FULL[:5], "2023-03-12", "2023-03-30", amount="100"), "公示结束日期", "早于公示开始"),
    "B-06": (row("B-06", 10, *FULL[:6], "2023-03-20", amount="100"), "发放日期", "公示期"),
    "B-07": (row("B-07", 5, "2023-04-01", refusal="不符合条件"), "不予救助原因", "只填写了申请日期"),
    "B-08": (row("B-08", 6, "2023-04-01", category="富裕户"), "救助类别", "富裕户"),
    "B-09": (row("B-09", 7, "2024-07-01"), "申请日期", "将来"),
    "B-10": (row("B-10", 8, "2023-04-01", "2023-4-31"), "受理日期", "无法识别"),
    "B-11": (row("B-11", 9, "2023-04-01", amount="12,00x"), "救助金额", "不是金额"),
}


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([list(HEADER), *rows])
    return path


def rejects(result: CaseImport) -> dict[int, tuple[str, str, str]]:
    assert result.rejects_file is not None
    with result.rejects_file.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["文件", "行号", "列", "值", "原因"]
    return {int(line[1]): (line[2], line[3], line[4]) for line in lines[1:]}


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return Workspace.init(tmp_path / "ws", year=2024).root


def test_good_rows_are_recorded_and_each_bad_row_is_rejected_with_row_column_and_reason(ws: Path, tmp_path: Path):
    bad = [b[0] for b in BAD.values()]
    path = write_csv(tmp_path / "台账.csv", [GOOD[0], *bad[:5], *GOOD[1:], *bad[5:]])
    result = import_cases(ws, path, actor="医保经办·王", today=TODAY)
    assert (result.rows_read, len(result.imported), result.unchanged, result.rejected) == (16, 5, 0, 11)
    found = rejects(result)
    lines = {ref: n for n, r in enumerate([GOOD[0], *bad[:5], *GOOD[1:], *bad[5:]], start=2) for ref in [r[0]]}
    for ref, (_, column, words) in BAD.items():
        got = found[lines[ref]]
        assert got[0] == column and words in got[2], (ref, got)
    assert found[lines["B-01"]][1].startswith("4502****")
    assert result.rejects_file is not None and WRONG_DIGIT not in result.rejects_file.read_text("utf-8-sig")
    states = list_cases(ws).states
    assert [states[s] for s in ("archived", "paid", "rejected", "withdrawn", "applied")] == [1, 1, 1, 1, 1]


def test_the_history_is_the_file_s_dates_through_the_workflow(ws: Path, tmp_path: Path):
    result = import_cases(ws, write_csv(tmp_path / "台账.csv", GOOD), actor="医保经办·王", today=TODAY)
    paid = get_case(ws, result.imported[0])
    assert paid.state == "archived" and paid.amount_fen == 523_050 and paid.paid_on == dt.date(2023, 3, 30)
    assert paid.publicity == (dt.date(2023, 3, 16), dt.date(2023, 3, 22))
    history = case_history(ws, paid.id)
    assert [e.action for e in history] == ["open", "accept", "review", "approve", "publish", "pay", "archive"]
    assert [e.at.date().isoformat() for e in history] == list(FULL[:5]) + list(FULL[6:])
    assert {(e.actor, e.role) for e in history} == {("医保经办·王", "clerk")}
    assert all("台账编号 2023-001" in (e.note or "") for e in history[1:])
    refused = case_history(ws, result.imported[1])
    assert refused[-1].action == "fail_review" and refused[-1].reason == REFUSAL
    late = get_case(ws, result.imported[2])
    assert late.applied_on.year == 2023 and late.paid_on == dt.date(2024, 1, 15)
    withdrawn = case_history(ws, result.imported[3])
    assert [e.action for e in withdrawn] == ["open", "accept", "withdraw"] and withdrawn[-1].at.day == 10
    # every step is in the audit trail, which still verifies
    trail = [e for e in audit(ws, "救助案件") if e["case"] == paid.id]
    assert [e["action"] for e in trail] == [e.action for e in history]
    assert verify_audit_log(ws).broken is None


def test_importing_the_same_file_again_changes_nothing(ws: Path, tmp_path: Path):
    path = write_csv(tmp_path / "台账.csv", GOOD)
    first = import_cases(ws, path, today=TODAY)
    trail = len(audit(ws, "救助案件"))
    again = import_cases(ws, path, today=TODAY)
    assert (len(first.imported), len(again.imported), again.unchanged, again.rejected) == (5, 0, 5, 0)
    assert list_cases(ws).count == 5 and len(audit(ws, "救助案件")) == trail
    # the same case further on in a later 台账 is not rewritten: the row says how to go on
    later = write_csv(tmp_path / "台账2.csv", [row("2023-005", 4, "2024-06-01", "2024-06-03")])
    moved = import_cases(ws, later, today=TODAY)
    ((column, _, reason),) = rejects(moved).values()
    assert column == "台账编号" and "已导入" in reason and "medaid cases step" in reason


def test_repeats_inside_a_file_count_once(ws: Path, tmp_path: Path):
    twice = [GOOD[0], GOOD[0], [*GOOD[0][:1], *GOOD[1][1:]], ["2023-999", *GOOD[0][1:]]]
    result = import_cases(ws, write_csv(tmp_path / "台账.csv", twice), today=TODAY)
    assert len(result.imported) == 1
    found = rejects(result)
    assert "与第 2 行重复" in found[3][2] and "与第 2 行重复" in found[4][2] and "同一案件" in found[5][2]


def test_a_workbook_with_a_title_row_and_unknown_columns(ws: Path, tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县2023年依申请救助台账"])
    sheet.append([*HEADER, "经办人"])
    for r in GOOD[:2]:
        sheet.append([*r, "黄"])
    book.save(tmp_path / "台账.xlsx")
    result = import_cases(ws, tmp_path / "台账.xlsx", today=TODAY)
    assert len(result.imported) == 2 and result.rejected == 0
    assert any("经办人" in note for note in result.notes)


def test_a_file_without_a_required_column_is_refused_naming_it(ws: Path, tmp_path: Path):
    path = tmp_path / "台账.csv"
    path.write_text(f"姓名,身份证号,申请日期\n韦秀兰,{PEOPLE[0][1]},2023-03-01\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="台账编号"):
        import_cases(ws, path, today=TODAY)


def test_an_unknown_warning_is_rejected_and_a_limited_account_may_not_import(ws: Path, tmp_path: Path):
    path = tmp_path / "台账.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[*HEADER, "预警编号"], [*GOOD[4], "42"]])
    ((column, value, reason),) = rejects(import_cases(ws, path, today=TODAY)).values()
    assert (column, value) == ("预警编号", "42") and "没有编号为 42 的高额费用预警" in reason
    with pytest.raises(Forbidden, match="县级医保经办"):
        import_cases(ws, path, scope=Scope(area="450222101"), today=TODAY)


def test_personal_data_is_not_stored_in_clear(ws: Path, tmp_path: Path):
    import_cases(ws, write_csv(tmp_path / "台账.csv", GOOD), today=TODAY)
    raw = b"".join(p.read_bytes() for p in ws.glob("app.sqlite*")) + stored_bytes(ws)
    for name, number in PEOPLE[:5]:
        for text in (name, number):
            assert text.encode("utf-8") not in raw, text


def test_a_case_from_a_warning_keeps_the_link_and_only_for_the_warning_s_person(ws: Path, tmp_path: Path):
    from medaid.store.app import AppWarning, session_for

    name, number = PEOPLE[0]
    ring, now = Workspace.open(ws).key(), dt.datetime(2023, 2, 28, 18, 0)
    with session_for(ws) as session:
        warning = AppWarning(workspace_year=2023, as_of=dt.date(2023, 2, 28), person_key=ring.person_key(number),
                             id_masked=number[:4] + "**********" + number[-4:], name_masked=name[0] + "*",
                             group="一般人群", departments="", amount_fen=5_210_000, threshold_fen=3_000_000,
                             reason="12个月自付超过阈值", state="pushed", created_at=now, updated_at=now)  # fmt: skip
        session.add(warning)
        session.flush()
        warning_id = warning.id
    path = tmp_path / "台账.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[*HEADER, "预警编号"], [*GOOD[0], str(warning_id)], [*GOOD[1], str(warning_id)]])
    result = import_cases(ws, path, today=TODAY)
    assert get_case(ws, result.imported[0]).warning_id == warning_id
    ((column, _, reason),) = rejects(result).values()
    assert column == "预警编号" and f"不是预警 {warning_id} 的对象" in reason
    assert [c.id for c in list_cases(ws, from_warning=True).cases] == result.imported


def test_what_the_workflow_refuses_is_rejected_and_an_amount_header_gives_its_unit(ws: Path, tmp_path: Path):
    path = tmp_path / "台账.csv"
    rows = [row("W1", 0, *FULL, amount="5230.50", withdrawn=("2023-04-05", "申请人撤回")),
            row("W2", 1, *FULL[:6], refusal="异议成立"),
            row("W3", 2, *FULL[:7], amount="1.2345")]  # fmt: skip
    with path.open("w", encoding="gbk", newline="") as handle:  # a GBK export, as many county systems write
        csv.writer(handle).writerows([[*HEADER[:13], "救助金额（万元）", *HEADER[14:]], *rows])
    result = import_cases(ws, path, today=TODAY)
    found = rejects(result)
    assert found[2][0] == "撤回日期" and "案件此时为“已归档”，不能撤回申请" in found[2][2]
    assert found[3][0] == "不予救助原因" and "公示后不予救助的案件须登记异议" in found[3][2]
    assert get_case(ws, result.imported[0]).amount_fen == 1_234_500  # 1.2345 万元


SETTLEMENTS = ("结算编号,身份证号,姓名,就诊类型,医院等级,机构编码,结算日期,总费用,政策范围内费用,基本医保支付,大病保险支付,"
               "医疗救助支付,倾斜救助支付,个人自付,是否规范转诊,是否异地,是否一站式结算,出院日期")  # fmt: skip


def with_settlements(ws: Path, tmp_path: Path) -> None:
    """Two settlements of PEOPLE[0] (JS-A1, JS-A2) and one of PEOPLE[1] (JS-B1) in the workspace's data."""
    from medaid.services.imports import import_file

    (a_name, a_id), (b_name, b_id) = PEOPLE[0], PEOPLE[1]
    lines = [SETTLEMENTS,
             f"JS-A1,{a_id},{a_name},住院,二级,H1,2023-01-20,30000.00,28000.00,15000.00,3000.00,0,0,12000.00,是,否,是,2023-01-18",
             f"JS-A2,{a_id},{a_name},门诊,一级,H1,2023-02-03,800.00,700.00,350.00,0,0,0,450.00,,否,是,2023-02-03",
             f"JS-B1,{b_id},{b_name},住院,二级,H1,2023-02-10,9000.00,8000.00,5000.00,0,0,0,4000.00,是,否,是,2023-02-08"]  # fmt: skip
    path = tmp_path / "settlements.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file(ws, "settlements", path)


BILLS = ("结算单号", "费用发生日期", "医疗总费用", "个人自付费用")


def test_bills_are_linked_from_the_data_by_settlement_number_or_entered_from_paper(ws: Path, tmp_path: Path):
    with_settlements(ws, tmp_path)
    path = tmp_path / "台账.csv"
    rows = [
        [*row("L1", 0, *FULL, amount="5230.50"), "JS-A1、JS-A2", "", "", ""],  # the applicant's own two
        [*row("L2", 1, "2023-05-01"), "", "2022-11-20", "42000", "13650.40"],  # a paper bill of the year before
        [*row("L3", 2, "2023-05-02"), "JS-B1", "", "", ""],  # PEOPLE[1]'s settlement: not the applicant's
        [*row("L4", 3, "2023-05-03"), "JS-X9", "", "", ""],  # not in the data
        [*row("L5", 4, "2023-05-04"), "", "2023-04-01", "1000", ""],
    ]  # a paper bill without its 个人自付
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[*HEADER, *BILLS], *rows])
    result = import_cases(ws, path, actor="医保经办·王", today=TODAY)
    linked, entered = (get_case(ws, i) for i in result.imported)
    assert [(b.settlement_id, b.day, b.total_fen, b.self_pay_fen) for b in linked.bills] == [
        ("JS-A1", dt.date(2023, 1, 20), 3_000_000, 1_200_000),
        ("JS-A2", dt.date(2023, 2, 3), 80_000, 45_000),
    ]
    assert [(b.settlement_id, b.day, b.total_fen, b.self_pay_fen) for b in entered.bills] == [
        (None, dt.date(2022, 11, 20), 4_200_000, 1_365_040)
    ]
    found = rejects(result)
    assert found[4][:2] == ("结算单号", "JS-B1") and "不是申请人或其家庭成员的" in found[4][2]
    assert "申请人本人的" in found[4][2]  # what to fix
    assert found[5][:2] == ("结算单号", "JS-X9") and "数据中没有结算 JS-X9" in found[5][2]
    assert found[6][0] == "个人自付费用" and "须同时填写费用发生日期、医疗总费用和个人自付费用" in found[6][2]
    assert len(found) == 3


def test_the_settlement_numbers_of_a_cell_are_split_on_the_usual_separators(ws: Path, tmp_path: Path):
    with_settlements(ws, tmp_path)
    path = tmp_path / "台账.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[*HEADER, "结算编号"], [*row("S1", 0, "2023-05-01"), " JS-A2；JS-A1 , JS-A2 "]])
    result = import_cases(ws, path, today=TODAY)
    assert [b.settlement_id for b in get_case(ws, result.imported[0]).bills] == ["JS-A2", "JS-A1"]
