"""Following up verification findings (核查发现的整改) on a small generated county.

A 医保经办 clerk lists the findings of the latest run of each month, all 待整改 at first, records
what was done (整改中, then 已整改, each with a note), and every step is in the finding's history
and in the hash-chained audit trail; the workbook they hand on is masked.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from medaid.demo.generate import generate
from medaid.errors import MedaidError
from medaid.ingest.idnumber import is_valid
from medaid.services.audit_log import verify_audit_log
from medaid.services.demo import IMPORT_ORDER
from medaid.services.follow_ups import export_findings, finding_history, follow_finding, list_findings
from medaid.services.imports import import_file
from medaid.services.verification import verify_month
from medaid.services.warnings import push_warnings
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.vocab import REASONS
from medaid.workspace import Workspace
from tests.test_cli_workflow import medaid

MONTHS = ("2023-05", "2023-11", "2023-12")  # 3, 5 and 3 findings; May and November have one 非救助对象 each


def build_county(root: Path) -> Path:
    """3 000 generated people imported, three months verified, warnings pushed at the year's end."""
    generate(root / "data", 3000, seed=5)
    workspace = Workspace.init(root / "ws", year=2023)
    for kind, name in IMPORT_ORDER:
        import_file(workspace.root, kind, root / "data" / name)
    for month in MONTHS:
        verify_month(workspace.root, month)
    push_warnings(workspace.root, "2023-12-31")
    return workspace.root


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_county(tmp_path_factory.mktemp("follow-ups"))


@pytest.fixture
def ws(county: Path, tmp_path: Path) -> Path:
    """A copy of the county for one test: what it records is seen by no other test."""
    return Path(shutil.copytree(county, tmp_path / "ws"))


def audit_entries(root: Path, action: str) -> list[dict[str, object]]:
    with session_for(root) as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        return [{"actor": e.actor, **json.loads(e.detail)} for e in rows]


def test_the_findings_of_each_months_latest_run_are_listed_as_still_to_be_corrected(ws: Path):
    listed = list_findings(ws)
    assert listed.count == len(listed.findings) == 11
    assert listed.states == {"open": 11, "in_progress": 0, "resolved": 0, "dismissed": 0}
    months = [f.found.month for f in listed.findings]
    assert months == sorted(months, reverse=True) and set(months) == set(MONTHS)
    for finding in (f.to_dict() for f in listed.findings):
        assert finding["state"] == "open" and finding["state_label"] == "待整改" and finding["note"] is None
        assert finding["reason_label"] == REASONS[str(finding["reason"])] and finding["detail"]
        masked = str(finding["id_masked"])
        assert "*" in masked and not is_valid(masked)
    on_no_list = [f for f in listed.findings if f.found.row.reason == "non_recipient"]
    assert len(on_no_list) == 2 and all(f.found.row.departments == () for f in on_no_list)
    assert all(f.found.row.departments for f in listed.findings if f.found.row.reason != "non_recipient")


def test_filters_narrow_the_list_and_page_through_it(ws: Path):
    assert list_findings(ws, month="2023-11").count == 5
    assert list_findings(ws, month="2023-5").count == 3  # written without the leading zero
    assert list_findings(ws, reason="above_annual_limit").count == 4
    some = list_findings(ws, month="2023-12").findings[0].found.row
    assert [f.found.row.settlement_id for f in list_findings(ws, query=some.settlement_id.lower()).findings] == [
        some.settlement_id
    ]
    assert list_findings(ws, query=str(some.id_masked)[-4:]).count >= 1
    page = list_findings(ws, limit=5, offset=10)
    assert page.count == 11 and len(page.findings) == 1
    assert list_findings(ws, department="民政局").count == list_findings(ws, department="民政").count > 0


def test_a_finding_is_followed_to_in_progress_then_resolved_and_each_step_is_kept(ws: Path):
    finding = list_findings(ws, month="2023-12", reason="after_end").findings[0].found
    sid = finding.row.settlement_id
    follow_finding(ws, "2023-12", sid, "after_end", "in_progress", "已向本人发出追回通知", actor="张经办")
    done = follow_finding(ws, "2023-12", sid, "多享：救助资格终止后", "resolved", "已追回 100.00 元，收据号 2024-007",
                          actor="张经办")  # fmt: skip
    assert done.state == "resolved" and done.to_dict()["state_label"] == "已整改"

    listed = list_findings(ws)
    assert listed.states == {"open": 10, "in_progress": 0, "resolved": 1, "dismissed": 0}
    [shown] = list_findings(ws, state="resolved").findings
    assert shown.to_dict() | {"followed_at": None} == shown.to_dict() | {
        "settlement_id": sid, "state": "resolved", "note": "已追回 100.00 元，收据号 2024-007", "followed_by": "张经办",
        "followed_at": None,
    }  # fmt: skip

    history = finding_history(ws, sid, "after_end")
    assert [(h.state, h.note, h.actor) for h in history] == [
        ("in_progress", "已向本人发出追回通知", "张经办"),
        ("resolved", "已追回 100.00 元，收据号 2024-007", "张经办"),
    ]
    logged = audit_entries(ws, "核查整改")
    assert [(e["actor"], e["from"], e["to"]) for e in logged] == [
        ("张经办", "open", "in_progress"),
        ("张经办", "in_progress", "resolved"),
    ]
    assert logged[1] | {"note": ""} == {"actor": "张经办", "month": "2023-12", "settlement_id": sid,
                                         "reason": "after_end", "from": "in_progress", "to": "resolved", "note": ""}  # fmt: skip
    assert verify_audit_log(ws).broken is None


def test_a_new_run_of_the_month_keeps_what_was_recorded(ws: Path):
    finding = list_findings(ws, month="2023-11", reason="duplicate").findings[0].found
    follow_finding(ws, "2023-11", finding.row.settlement_id, "duplicate", "dismissed", "两笔为同日两次住院，已核实")
    rerun = verify_month(ws, "2023-11").run
    [shown] = list_findings(ws, month="2023-11", reason="duplicate").findings
    assert shown.found.run_id == rerun.run_id != finding.run_id and shown.state == "dismissed"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"note": "  "}, "整改说明不能为空"),
        ({"state": "done"}, "整改状态“done”无效"),
        ({"reason": "wrong"}, "核查结果“wrong”无效"),
        ({"month": "2023-13"}, "月份“2023-13”无效"),
        ({"month": "2023-01"}, "2023-01 最近一次核查中没有结算"),  # a month not verified
        ({"settlement_id": "NO-SUCH"}, "最近一次核查中没有结算 NO-SUCH"),
    ],
    ids=["no note", "unknown state", "unknown reason", "no month", "month not verified", "no such finding"],
)
def test_a_follow_up_needs_a_note_a_known_state_and_a_finding_and_is_otherwise_not_recorded(
    ws: Path, change: dict[str, str], words: str
):
    finding = list_findings(ws, month="2023-12", reason="missed").findings[0].found
    asked = {"month": "2023-12", "settlement_id": finding.row.settlement_id, "reason": "missed",
             "state": "in_progress", "note": "已联系本人补付"} | change  # fmt: skip
    with pytest.raises(MedaidError, match=re.escape(words)):
        follow_finding(ws, asked["month"], asked["settlement_id"], asked["reason"], asked["state"], asked["note"])
    assert audit_entries(ws, "核查整改") == [] and list_findings(ws).states["open"] == 11


def test_the_exported_workbook_has_every_finding_its_state_and_masked_identities_only(ws: Path, tmp_path: Path):
    finding = list_findings(ws, month="2023-05", reason="after_death").findings[0].found
    follow_finding(ws, "2023-05", finding.row.settlement_id, "after_death", "in_progress", "已通知家属退回")
    out = export_findings(ws, tmp_path / "整改情况.xlsx")
    sheet = openpyxl.load_workbook(out)["核查发现整改"]
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["月份", "结算编号", "身份证号"] and "整改状态" in header and "整改说明" in header
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=5) if r[0].value]
    assert len(rows) == 11
    ids = [str(r[2]) for r in rows]
    assert all("*" in i and not is_valid(i) for i in ids)
    cells = [str(v) for r in sheet.iter_rows() for v in (c.value for c in r) if v is not None]
    assert not any(is_valid(m) for text in cells for m in re.findall(r"\d{17}[\dXx]", text))
    followed = next(r for r in rows if r[1] == finding.row.settlement_id)
    assert followed[header.index("整改状态")] == "整改中" and followed[header.index("整改说明")] == "已通知家属退回"
    only_open = export_findings(ws, tmp_path / "open.xlsx", state="open")
    assert openpyxl.load_workbook(only_open)["核查发现整改"].max_row == 4 + 10


def test_each_import_is_an_entry_of_the_audit_trail(ws: Path, tmp_path: Path):
    imported = audit_entries(ws, "数据导入")
    assert [e["kind"] for e in imported] == [kind for kind, _ in IMPORT_ORDER]
    first = imported[0]
    assert len(str(first["sha256"])) == 64 and first["accepted"] == int(str(first["rows_read"])) - int(
        str(first["rejected"])
    )
    bad = tmp_path / "坏文件.csv"
    bad.write_text("这不是结算明细\n", encoding="utf-8")
    with pytest.raises(MedaidError):
        import_file(ws, "settlements", bad, actor="李经办")
    failed = audit_entries(ws, "数据导入失败")
    assert [(e["actor"], e["kind"], e["file"]) for e in failed] == [("李经办", "settlements", "坏文件.csv")]
    assert verify_audit_log(ws).broken is None


def test_the_findings_commands(ws: Path, tmp_path: Path):
    listed = medaid("findings", "list", str(ws), "--month", "2023-12", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["count"] == 3 and data["states"]["open"] == 3
    sid, reason = data["findings"][0]["settlement_id"], data["findings"][0]["reason"]
    followed = medaid("findings", "follow", str(ws), "2023-12", sid, "--reason", reason, "--state", "整改中",
                      "--note", "已发通知", "--as", "张经办")  # fmt: skip
    assert followed.returncode == 0 and "已登记为“整改中”" in followed.stdout
    no_note = medaid("findings", "follow", str(ws), "2023-12", sid, "--reason", reason, "--state", "resolved",
                     "--note", " ")  # fmt: skip
    assert no_note.returncode == 2 and "整改说明不能为空" in no_note.stderr
    history = medaid("findings", "history", str(ws), sid, "--reason", reason)
    assert "张经办 整改中：已发通知" in history.stdout
    text = medaid("findings", "list", str(ws), "--state", "in_progress")  # the code, or the label
    assert "共 1 笔核查发现" in text.stdout and "[整改中]；张经办：已发通知" in text.stdout
    out = tmp_path / "f.xlsx"
    exported = medaid("findings", "export", str(ws), "--out", str(out), "--month", "2023-12")
    assert exported.returncode == 0 and out.exists()
