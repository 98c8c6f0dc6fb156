"""The clerk's and the departments' pages, as each role uses them: uploading data, the registry, the
verification ledger, high-cost warnings and the one logged look at a person's identity.

The county is shared by every web test of the session (tests/web_support.py): these tests change
only rows they pick themselves — an upload that brings no new settlement, the follow-up of findings
and warnings no other test picks — and never assume the counts other tests may change.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from medaid.ingest.idnumber import is_valid
from medaid.services.accounts import access_log
from medaid.services.common import workspace_key
from medaid.services.follow_ups import Scope, list_findings
from medaid.services.registry_view import registry_view
from medaid.services.warnings import list_warnings
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.workspace import Workspace
from tests.test_archive_guard import rebuilt, workbook, zeros
from tests.web_support import ACCOUNTS, DEPARTMENT

CLERK, DEPT, FINANCE = ACCOUNTS["clerk"], ACCOUNTS["department"], ACCOUNTS["finance"]
TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
MASKED_ROLES = ("admin", "clerk", "evaluator", "finance", "department")
REFUSED = "拒绝访问"


def clear_ids(text: str) -> list[str]:
    """Every valid 身份证号 in ``text`` (each 18-character token checked with its check digit)."""
    return [t for t in TOKEN.findall(text) if is_valid(t)]


def entries(root: Path, action: str, actor: str, after: int = 0) -> list[dict[str, Any]]:
    """The audit trail's entries of ``action`` by ``actor`` after entry ``after``, their details decoded."""
    with session_for(root) as session:
        rows = session.execute(select(AuditEntry.id, AuditEntry.detail).where(
            AuditEntry.action == action, AuditEntry.actor == actor, AuditEntry.id > after).order_by(AuditEntry.id))  # fmt: skip
        return [json.loads(detail) | {"entry": i} for i, detail in rows]


def last_entry(root: Path) -> int:
    with session_for(root) as session:
        return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def upload(client: Any, kind: str, name: str, content: bytes) -> Any:
    return client.post("/api/imports", data={"kind": kind}, files={"file": (name, content, "application/octet-stream")})


def scratch_uploads(root: Path) -> list[Path]:
    return [p for p in (root / ".medaid-tmp").rglob("upload-*")]


# --- 数据导入 -------------------------------------------------------------------------------------------


def settlements_with_bad_rows(county: Any) -> tuple[bytes, int]:
    """The county's first 30 settlements as imported (nothing new), and four bad rows, in GBK."""
    lines = (county.data / "settlements.csv").read_text(encoding="utf-8-sig").splitlines()
    header, good = lines[0], lines[1:31]
    columns = header.split(",")
    base = good[0].split(",")

    def bad(**cells: str) -> str:
        row = dict(zip(columns, base, strict=True)) | cells
        return ",".join(row[c] for c in columns)

    stored = dict(zip(columns, lines[41].split(","), strict=True))  # imported before, not among the 30
    number = base[columns.index("身份证号")]
    wrong_check = number[:-1] + ("0" if number[-1] != "0" else "1")
    rows = [bad(结算编号="WEB-BAD-1", 身份证号=wrong_check),  # masked in the rejects
            bad(结算编号="WEB-BAD-2", 总费用="八百"),  # a valid 身份证号 on the row: never in the rejects
            bad(结算编号="WEB-BAD-3", 结算日期="2023-02-30"),
            ",".join((stored | {"总费用": "99999.99"})[c] for c in columns)]  # fmt: skip  # other amounts: a conflict
    return ("\n".join([header, *good, *rows]) + "\n").encode("gbk"), len(rows)


def test_the_clerk_uploads_settlements_and_gets_the_report_and_the_masked_rejects(web_county, browsers):
    content, bad = settlements_with_bad_rows(web_county)
    before = last_entry(web_county.root)
    answer = upload(browsers["clerk"], "settlements", "七月结算（GBK）.csv", content)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert (report["rows_read"], report["unchanged"], report["new"], report["rejected"]) == (30 + bad, 30, 0, bad)
    assert report["accepted"] == 30 and report["file"] == "七月结算（GBK）.csv" and report["label"] == "结算明细"
    assert {"身份证号", "总费用", "结算日期"} <= set(report["by_column"])
    assert len(report["first_rejects"]) == bad and not clear_ids(answer.text)
    rejects = browsers["clerk"].get(report["rejects_url"])
    assert rejects.status_code == 200 and rejects.headers["content-type"].startswith("text/csv")
    text = rejects.content.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == bad + 1 and "身份证号校验位错误" in text and "八百" in text
    assert clear_ids(text) == []
    listed = browsers["clerk"].get("/api/imports").json()["imports"]
    mine = next(i for i in listed if i["import_id"] == report["import_id"])
    assert mine["file"] == "七月结算（GBK）.csv" and mine["has_rejects"] and mine["rejected"] == bad
    logged = entries(web_county.root, "数据导入", CLERK, before)
    assert [(e["file"], e["rejected"], e["import_id"]) for e in logged] == [
        ("七月结算（GBK）.csv", bad, report["import_id"])
    ]
    assert scratch_uploads(web_county.root) == []  # the private copy is gone with the request


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("名单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版 Excel"),
        ("名单.exe", b"MZ" + bytes(100), "扩展名"),
        ("名单.csv", b"\x89PNG\r\n\x1a\n" + bytes(100), "不是文本"),
        ("名单.csv", b"PK\x03\x04" + bytes(100), "压缩文件"),
        ("名单.xlsx", "身份证号,死亡日期\n".encode(), "无法读取 Excel 文件"),
        ("名单.csv", b"", "空的"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_in_chinese(web_county, browsers, name, content, words):
    answer = upload(browsers["clerk"], "deaths", name, content)
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert words in error["message"] and error["hint"] and error["location"].get("file") == name
    assert ".medaid-tmp" not in answer.text  # the server's scratch path is never shown
    assert scratch_uploads(web_county.root) == []


def test_an_upload_without_a_kind_or_without_a_file_is_refused(browsers):
    no_kind = upload(browsers["clerk"], "", "a.csv", "身份证号,死亡日期\n".encode())
    assert no_kind.status_code == 400 and "请选择数据类型" in no_kind.json()["error"]["message"]
    no_file = browsers["clerk"].post("/api/imports", data={"kind": "deaths"}, files={"other": ("x", b"1")})
    assert no_file.status_code == 400
    not_multipart = browsers["clerk"].post("/api/imports", json={"kind": "deaths"})
    assert not_multipart.status_code == 400 and "multipart" in not_multipart.json()["error"]["message"]


def test_a_zip_bomb_upload_is_refused_before_it_is_inflated_and_logged(web_county, browsers, tmp_path):
    bomb = rebuilt(workbook(tmp_path, "a.xlsx"), tmp_path / "死亡名单.xlsx",
                   lambda z: zeros(z, "xl/worksheets/sheet2.xml", 64))  # fmt: skip
    before = last_entry(web_county.root)
    answer = upload(browsers["clerk"], "deaths", "死亡名单.xlsx", bomb.read_bytes())
    assert answer.status_code == 400, answer.text
    assert "压缩炸弹" in answer.json()["error"]["message"] and ".medaid-tmp" not in answer.text
    failed = entries(web_county.root, "数据导入失败", CLERK, before)
    assert [e["file"] for e in failed] == ["死亡名单.xlsx"] and "压缩炸弹" in failed[0]["error"]
    assert scratch_uploads(web_county.root) == []


@pytest.mark.parametrize("role", ["admin", "evaluator", "finance", "department"])
def test_only_the_clerk_may_upload_or_download_rejects(web_county, browsers, role):
    before = last_entry(web_county.root)
    answer = upload(browsers[role], "deaths", "a.csv", "身份证号,死亡日期\n".encode())
    assert answer.status_code == 403
    import_id = next(
        i["import_id"] for i in browsers["clerk"].get("/api/imports").json()["imports"] if i["has_rejects"]
    )
    assert browsers[role].get(f"/api/imports/{import_id}/rejects").status_code == 403
    assert len(entries(web_county.root, REFUSED, ACCOUNTS[role], before)) == 2


def test_anonymous_uploads_are_refused_with_401_and_one_without_the_csrf_token_with_403(browsers):
    assert upload(browsers[None], "deaths", "a.csv", b"x").status_code == 401
    forged = browsers["clerk"].post("/api/imports", data={"kind": "deaths"}, files={"file": ("a.csv", b"x")},
                                    headers={"X-CSRF-Token": "forged"})  # fmt: skip
    assert forged.status_code == 403 and "CSRF" in forged.json()["error"]["message"]


# --- 救助对象 -------------------------------------------------------------------------------------------


def test_the_registry_counts_add_up_and_its_list_filters_and_pages(browsers, web_county):
    data = browsers["evaluator"].get("/api/registry", params={"limit": 5}).json()
    totals = data["totals"]
    assert sum(data["by_category"].values()) == totals["current"] > 0
    assert max(data["by_department"].values()) <= totals["current"] <= sum(data["by_department"].values())
    assert data["count"] == sum(totals.values()) and len(data["people"]) == 5
    assert len(data["months"]) == 12 and all(m["month"].startswith("2023-") for m in data["months"])
    category = next(iter(data["by_category"]))
    chosen = browsers["evaluator"].get("/api/registry", params={"category": category, "status": "current"}).json()
    assert chosen["count"] == data["by_category"][category]
    assert {p["category"] for p in chosen["people"]} == {category}
    second = browsers["evaluator"].get("/api/registry", params={"limit": 5, "offset": 5}).json()["people"]
    assert {p["id_masked"] for p in second}.isdisjoint({p["id_masked"] for p in data["people"]})
    civil = browsers["evaluator"].get("/api/registry", params={"department": "民政局", "status": "current"}).json()
    assert civil["count"] == data["by_department"][DEPARTMENT]


def test_a_whole_id_number_is_searched_by_its_mask_and_never_shown(browsers, web_county):
    line = (web_county.data / "recipients_民政.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    number = line.split(",")[0]
    answer = browsers["finance"].get("/api/registry", params={"query": number})
    found = answer.json()
    masked = number[:4] + "*" * 10 + number[-4:]
    assert found["count"] == 1 and found["people"][0]["id_masked"] == masked
    assert found["filters"]["query"] == masked and clear_ids(answer.text) == []


def test_an_area_account_sees_only_its_area(web_county):
    everyone = registry_view(web_county.root, limit=1)
    assert registry_view(web_county.root, scope=Scope(area="4599"), limit=1).totals == everyone.totals
    elsewhere = registry_view(web_county.root, scope=Scope(area="46"), limit=1)
    assert sum(elsewhere.totals.values()) == 0 and elsewhere.changes.hidden_for_area


def test_the_registry_is_not_a_department_page(browsers):
    assert browsers["department"].get("/api/registry").status_code == 403


# --- 核查台账 -------------------------------------------------------------------------------------------


def _finding(root: Path, department: str, skip: str | None = None) -> dict[str, Any]:
    """The last finding of the latest run whose people are of ``department`` only (not the one others use)."""
    listed = [f.to_dict() for f in list_findings(root, department=department, limit=None).findings]
    return [f for f in listed if f["departments"] == [department] and f["settlement_id"] != skip][-1]


def test_the_clerk_filters_and_pages_the_findings(browsers):
    clerk = browsers["clerk"]
    everything = clerk.get("/api/verification").json()
    assert everything["count"] == sum(everything["states"].values()) > 2
    assert everything["months"] == sorted(everything["months"], reverse=True)
    month = everything["months"][0]
    of_month = clerk.get("/api/verification", params={"month": month}).json()
    assert of_month["findings"] and {f["month"] for f in of_month["findings"]} == {month}
    reason = everything["findings"][0]["reason"]
    assert {f["reason"] for f in clerk.get("/api/verification", params={"reason": reason}).json()["findings"]} == {
        reason
    }
    page = clerk.get("/api/verification", params={"limit": 2, "offset": 1}).json()
    assert [f["settlement_id"] for f in page["findings"]] == [f["settlement_id"] for f in everything["findings"][1:3]]
    sid = everything["findings"][0]["settlement_id"]
    assert clerk.get("/api/verification", params={"query": sid[-6:]}).json()["findings"][0]["settlement_id"] == sid


def test_the_clerk_follows_a_finding_up_with_a_note_and_its_history_and_audit_trail_say_so(web_county, browsers):
    clerk, root = browsers["clerk"], web_county.root
    finding = _finding(root, "乡村振兴")
    key = {"settlement_id": finding["settlement_id"], "reason": finding["reason"]}
    body = {"month": finding["month"], **key, "state": "in_progress", "note": "已电话联系医院核实，待追回"}
    empty = clerk.post("/api/verification/follow-ups", json=body | {"note": "  "})
    assert empty.status_code == 400 and "整改说明不能为空" in empty.json()["error"]["message"]
    before = last_entry(root)
    answer = clerk.post("/api/verification/follow-ups", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "in_progress" and answer.json()["note"] == body["note"]
    history = clerk.get("/api/verification/history", params=key).json()["history"]
    assert history[-1]["state"] == "in_progress" and history[-1]["actor"] == CLERK
    logged = entries(root, "核查整改", CLERK, before)
    assert [(e["settlement_id"], e["to"], e["note"]) for e in logged] == [
        (key["settlement_id"], "in_progress", body["note"])
    ]
    listed = clerk.get("/api/verification", params={"state": "in_progress"}).json()["findings"]
    assert key["settlement_id"] in {f["settlement_id"] for f in listed}


def test_the_export_is_the_filtered_findings_as_a_masked_workbook(browsers):
    clerk = browsers["clerk"]
    month = clerk.get("/api/verification").json()["months"][-1]
    listed = clerk.get("/api/verification", params={"month": month, "limit": 500}).json()
    answer = clerk.get("/api/verification/export", params={"month": month})
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.content), read_only=True)
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert {f["settlement_id"] for f in listed["findings"]} <= set(cells)
    assert clear_ids(" ".join(cells)) == []


def test_a_verification_run_is_logged_with_who_ran_it(web_county, browsers):
    month = browsers["clerk"].get("/api/verification").json()["months"][-1]
    before = last_entry(web_county.root)
    answer = browsers["clerk"].post("/api/verification/runs", json={"month": month})
    assert answer.status_code == 200, answer.text
    run = answer.json()
    assert run["month"] == month and run["findings"] == sum(run["counts"].values())
    assert [e["run_id"] for e in entries(web_county.root, "核查运行", CLERK, before)] == [run["run_id"]]
    bad = browsers["clerk"].post("/api/verification/runs", json={"month": "2023-13"})
    assert bad.status_code == 400 and "月份" in bad.json()["error"]["message"]


def test_a_department_sees_and_follows_only_its_own_findings(web_county, browsers):
    dept, root = browsers["department"], web_county.root
    mine = dept.get("/api/verification").json()
    assert mine["findings"] and all(DEPARTMENT in f["departments"] for f in mine["findings"])
    assert mine["count"] == list_findings(root, scope=Scope(department=DEPARTMENT)).count
    own = _finding(root, DEPARTMENT)
    body = {"month": own["month"], "settlement_id": own["settlement_id"], "reason": own["reason"],
            "state": "resolved", "note": "已追回多付的医疗救助金，收据号 MZ-2023-18"}  # fmt: skip
    assert dept.post("/api/verification/follow-ups", json=body).status_code == 200
    other = _finding(root, "乡村振兴")
    before = last_entry(root)
    refused = dept.post("/api/verification/follow-ups", json=body | {"month": other["month"],
                        "settlement_id": other["settlement_id"], "reason": other["reason"]})  # fmt: skip
    assert refused.status_code == 403 and "不在本账户的范围" in refused.json()["error"]["message"]
    history = dept.get("/api/verification/history", params={"settlement_id": other["settlement_id"],
                                                            "reason": other["reason"]})  # fmt: skip
    assert history.status_code == 403
    assert len(entries(root, REFUSED, DEPT, before)) == 2
    assert other["settlement_id"] not in dept.get("/api/verification/export").content.decode("latin-1")


# --- 高额费用预警 ---------------------------------------------------------------------------------------


def _warning(root: Path, department: str) -> dict[str, Any]:
    """The smallest warning pushed to ``department`` alone (the largest is the generic tests')."""
    found = [w.to_dict() for w in list_warnings(root, scope=Scope(department=department)).warnings]
    return [w for w in found if w["departments"] == [department] and w["state"] == "pushed"][-1]


def test_the_warnings_page_counts_each_department_and_the_rate(browsers):
    data = browsers["finance"].get("/api/warnings").json()
    assert data["count"] == len(data["warnings"]) == sum(data["states"].values()) > 0
    for line in data["departments"]:
        theirs = [w for w in data["warnings"] if line["department"] in w["departments"]]
        assert line["warnings"] == len(theirs) == sum(line["states"].values())
        assert line["rate"] == pytest.approx(line["states"]["confirmed"] / line["warnings"])
    rate = data["rate"]
    assert rate["pushed"] == data["count"] and rate["rate"] == pytest.approx(rate["confirmed"] / rate["pushed"])
    first = data["warnings"][0]
    assert first["over"] == pytest.approx(first["amount"] - first["threshold"]) and first["reason"]
    pushed = browsers["finance"].get("/api/warnings", params={"state": "pushed"}).json()["warnings"]
    assert {w["state"] for w in pushed} == {"pushed"}


def test_a_department_confirms_its_own_warning_and_is_refused_anothers(web_county, browsers):
    dept, root = browsers["department"], web_county.root
    listed = dept.get("/api/warnings").json()
    assert all(DEPARTMENT in w["departments"] for w in listed["warnings"])
    assert [d["department"] for d in listed["departments"]] == [DEPARTMENT]
    own = _warning(root, DEPARTMENT)
    before = last_entry(root)
    no_note = dept.post(f"/api/warnings/{own['id']}/follow-up", json={"state": "confirmed", "note": " "})
    assert no_note.status_code == 400
    answer = dept.post(f"/api/warnings/{own['id']}/follow-up",
                       json={"state": "confirmed", "note": "经入户核实，认定为低保边缘家庭成员"})  # fmt: skip
    assert answer.status_code == 200 and answer.json()["state"] == "confirmed"
    assert [e["id"] for e in entries(root, "预警认定", DEPT, before)] == [own["id"]]
    events = dept.get(f"/api/warnings/{own['id']}/events").json()["events"]
    assert events[-1]["to_state"] == "confirmed" and events[-1]["actor"] == DEPT
    other = _warning(root, "乡村振兴")
    refused = dept.post(f"/api/warnings/{other['id']}/follow-up", json={"state": "rejected", "note": "不是本部门的"})
    assert refused.status_code == 403
    assert dept.get(f"/api/warnings/{other['id']}/events").status_code == 403
    assert len(entries(root, REFUSED, DEPT, before)) == 2


def test_the_clerk_pushes_warnings_and_the_push_is_logged(web_county, browsers):
    before = last_entry(web_county.root)
    answer = browsers["clerk"].post("/api/warnings/push", json={"as_of": "2023-12-31"})
    assert answer.status_code == 200, answer.text
    pushed = answer.json()
    assert pushed["over_threshold"] >= pushed["new"] and all("/" not in f for f in pushed["files"])
    assert len(entries(web_county.root, "预警推送", CLERK, before)) == 1
    wrong_year = browsers["clerk"].post("/api/warnings/push", json={"as_of": "2022-12-31"})
    assert wrong_year.status_code == 400


# --- 只读与拒绝 -----------------------------------------------------------------------------------------


def _writes(web_county: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
    finding = _finding(web_county.root, DEPARTMENT)
    warning = _warning(web_county.root, "残联") if _has(web_county, "残联") else _warning(web_county.root, "乡村振兴")
    yield "post", "/api/verification/runs", {"month": "2023-06"}
    yield (
        "post",
        "/api/verification/follow-ups",
        {
            "month": finding["month"],
            "settlement_id": finding["settlement_id"],
            "reason": finding["reason"],
            "state": "resolved",
            "note": "只读",
        },
    )
    yield "post", "/api/warnings/push", {"as_of": "2023-12-31"}
    yield "post", f"/api/warnings/{warning['id']}/follow-up", {"state": "confirmed", "note": "只读"}
    yield "post", "/api/reveal", {"kind": "warning", "warning_id": warning["id"], "reason": "财政抽查需要"}


def _has(web_county: Any, department: str) -> bool:
    found = list_warnings(web_county.root, scope=Scope(department=department)).warnings
    return any(list(w.departments) == [department] and w.state == "pushed" for w in found)


def test_finance_reads_everything_and_changes_nothing(web_county, browsers):
    finance = browsers["finance"]
    for path in ("/api/imports", "/api/registry", "/api/verification", "/api/warnings", "/upload"):
        assert finance.get(path).status_code == (403 if path == "/upload" else 200), path
    before = last_entry(web_county.root)
    writes = list(_writes(web_county))
    for _, path, body in writes:
        answer = finance.post(path, json=body)
        assert answer.status_code == 403, path
        assert "无权" in answer.json()["error"]["message"]
    assert upload(finance, "deaths", "a.csv", b"x").status_code == 403
    assert len(entries(web_county.root, REFUSED, FINANCE, before)) == len(writes) + 1


# --- 查看身份信息 ---------------------------------------------------------------------------------------


def test_the_clerk_sees_one_identity_with_a_reason_and_the_look_is_logged(web_county, browsers):
    clerk, root = browsers["clerk"], web_county.root
    finding = _finding(root, "乡村振兴")
    body = {"kind": "finding", "settlement_id": finding["settlement_id"], "finding_reason": finding["reason"],
            "month": finding["month"]}  # fmt: skip
    for reason in ("", "看看", "    "):
        short = clerk.post("/api/reveal", json=body | {"reason": reason})
        assert short.status_code == 400 and "事由" in short.json()["error"]["message"]
    before = last_entry(root)
    answer = clerk.post("/api/reveal", json=body | {"reason": "追回多付的救助金，需联系本人"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    shown = answer.json()
    assert is_valid(shown["id_number"]) and shown["name"]
    assert shown["id_number"][:4] + "*" * 10 + shown["id_number"][-4:] == finding["id_masked"]
    looked = [e for e in access_log(root).entries if e.account == CLERK and e.action == "查看身份信息"]
    assert looked[-1].outcome == "allowed" and "追回多付的救助金，需联系本人" in looked[-1].target
    assert finding["settlement_id"] in looked[-1].target and shown["id_number"] not in looked[-1].target
    logged = entries(root, "查看身份信息", CLERK, before)
    assert len(logged) == 1 and "追回多付的救助金" in logged[0]["target"]
    warning = clerk.get("/api/warnings").json()["warnings"][-1]
    of_warning = clerk.post(
        "/api/reveal", json={"kind": "warning", "warning_id": warning["id"], "reason": "核实家庭情况"}
    )
    assert of_warning.status_code == 200 and is_valid(of_warning.json()["id_number"])


@pytest.mark.parametrize("role", ["admin", "evaluator", "finance", "department"])
def test_no_other_role_may_reveal_and_each_refusal_is_logged(web_county, browsers, role):
    finding = _finding(web_county.root, DEPARTMENT)
    before = last_entry(web_county.root)
    answer = browsers[role].post("/api/reveal", json={"kind": "finding", "settlement_id": finding["settlement_id"],
                                                      "finding_reason": finding["reason"], "reason": "我想看一看"})  # fmt: skip
    assert answer.status_code == 403 and clear_ids(answer.text) == []
    assert [e["target"] for e in entries(web_county.root, REFUSED, ACCOUNTS[role], before)] == ["POST /api/reveal"]


# --- 页面 -----------------------------------------------------------------------------------------------

PAGES = ("/upload", "/registry", "/verification", "/warnings")
APIS = ("/api/imports", "/api/registry", "/api/verification", "/api/warnings")


@pytest.mark.parametrize("role", MASKED_ROLES)
def test_no_page_or_answer_holds_a_clear_id_number(web_county, browsers, role):
    client = browsers[role]
    for path in (*PAGES, *APIS, "/api/verification/export"):
        answer = client.get(path, headers={"Accept": "text/html"} if path in PAGES else {})
        if answer.status_code != 200:
            continue
        if path.endswith("export"):
            book = openpyxl.load_workbook(io.BytesIO(answer.content), read_only=True)
            text = " ".join(str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if c)
        else:
            text = answer.text
        assert clear_ids(text) == [], f"{role} {path}"


def test_pages_are_never_stored_but_the_packages_scripts_are_kept_and_revalidated(browsers):
    client = browsers["finance"]
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    for asset in ("/static/medaid.js", "/static/vendor/echarts.min.js"):
        assert asset in page.text
        first = client.get(asset)
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache" and first.headers["etag"]
        again = client.get(asset, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304 and again.content == b""


def test_the_clerks_pages_offer_the_actions_and_the_read_only_pages_do_not(browsers):
    clerk = {p: browsers["clerk"].get(p, headers={"Accept": "text/html"}).text for p in PAGES}
    assert 'id="upload-form"' in clerk["/upload"] and "/static/upload.js" in clerk["/upload"]
    for path in ("/verification", "/warnings"):
        assert "查看身份信息" in clerk[path] and 'data-api="/api/reveal"' in clerk[path]
    assert 'data-api="/api/verification/runs"' in clerk["/verification"] and "登记整改" in clerk["/verification"]
    assert 'data-api="/api/warnings/push"' in clerk["/warnings"]
    finance = {p: browsers["finance"].get(p, headers={"Accept": "text/html"}).text for p in PAGES[1:]}
    for text in finance.values():
        assert "data-api=" not in text and "查看身份信息" not in text
    dept = browsers["department"].get("/warnings", headers={"Accept": "text/html"}).text
    assert "登记认定" in dept and 'name="department"' not in dept and "查看身份信息" not in dept
    assert ' style="' not in "".join(clerk.values()) + dept  # the CSP allows no inline style


def test_the_upload_route_is_described_as_multipart_in_the_openapi(browsers):
    """The description is read signed in (only /api/health is open)."""
    spec = browsers["finance"].get("/api/openapi.json").json()
    body = spec["paths"]["/api/imports"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body["required"] == ["kind", "file"]
    for path in ("/api/registry", "/api/verification", "/api/warnings", "/api/reveal", "/api/verification/export"):
        operations = spec["paths"][path].values()
        assert all(re.search(r"[\u4e00-\u9fff]", o["summary"]) for o in operations), path


def test_the_workspace_keeps_no_upload_and_no_export_in_its_scratch_space(web_county):
    left = [p for p in (web_county.root / ".medaid-tmp").rglob("*") if p.name.startswith(("upload-", "export-"))]
    assert left == []
    assert workspace_key(Workspace.open(web_county.root))  # the workspace still opens


def test_the_export_workbook_is_a_real_zip_with_one_sheet_of_findings(browsers):
    data = browsers["department"].get("/api/verification/export").content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "xl/workbook.xml" in archive.namelist()
