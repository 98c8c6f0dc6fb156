"""依申请救助 cases through the JSON API (/api/cases) on a web county with a local 低保标准 (tests/web_case_support.py): a case walked from 申请 to 发放,
each role's rights (a department registers and receives its own cases, finance and evaluators read, an
administrator sees none), refusals as 403 in the error shape and in the audit trail, the CSRF header, and
identities masked in every answer."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any
from urllib.parse import quote

from sqlalchemy import select

from medaid.ingest.idnumber import check_char
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from tests.web_case_support import (  # noqa: F401  (the fixtures case_browsers, case_county)
    case_browsers_fixture,
    case_county_fixture,
    post_without_csrf,
)
from tests.web_support import ACCOUNTS

APPLICANT = ("45022219650312201", "韦秀兰")
SPOUSE = ("45022219630507301", "覃建国")


def id_number(first17: str) -> str:
    return first17 + check_char(first17)


def ago(days: int, hour: int = 9) -> str:
    day = dt.date.today() - dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour)).isoformat(timespec="minutes")


def application(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id_number": id_number(APPLICANT[0]), "name": APPLICANT[1], "category": "因病致贫",
        "applied_on": (dt.date.today() - dt.timedelta(days=40)).isoformat(), "income": "24360", "assets": "1500",
        "assets_note": "自住房一处", "area": "450222101",
        "members": [{"relation": "配偶", "id_number": id_number(SPOUSE[0]), "name": SPOUSE[1]}],
        "bills": [{"date": (dt.date.today() - dt.timedelta(days=60)).isoformat(), "total": "62100.55",
                   "self_pay": "31000", "in_scope": "58000", "hospital": "县人民医院"}],
        "at": ago(40),
    }  # fmt: skip
    return body | changes


def clear_identities_absent(text: str) -> bool:
    return all(s not in text for s in (id_number(APPLICANT[0]), APPLICANT[1], id_number(SPOUSE[0]), SPOUSE[1]))


def refused(root: Any, name: str, target: str) -> bool:
    with session_for(root) as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.detail).where(AuditEntry.action == "拒绝访问"))
        return any(actor == name and json.loads(detail)["target"] == target for actor, detail in rows)


def step(client: Any, case_id: int, action: str, **body: Any) -> Any:
    return client.post(f"/api/cases/{case_id}/steps", json={"action": action, **body})


def test_a_case_walks_from_application_to_payment(case_browsers, case_county):
    clerk, department = case_browsers["clerk"], case_browsers["department"]
    # a department registers and receives its cases now; it may not back-date them (补录 is a county clerk's)
    backdated = department.post("/api/cases", json=application())
    assert backdated.status_code == 403 and "补录" in backdated.json()["error"]["message"], backdated.text
    opened = department.post("/api/cases", json=application(at=None))
    assert opened.status_code == 200, opened.text
    case = opened.json()
    assert case["department"] == "民政" and case["state"] == "applied"  # the department's own, by default
    assert case["name_masked"] == "韦**" and case["id_masked"].count("*") >= 8
    assert clear_identities_absent(opened.text)
    cid = case["id"]

    detail = department.get(f"/api/cases/{cid}").json()
    assert [a["action"] for a in detail["actions"]] == ["accept", "refuse"]
    assert step(department, cid, "accept", note="材料齐全", at=ago(38)).status_code == 403
    assert step(department, cid, "accept", note="材料齐全").status_code == 200
    # a department takes no step after 受理: 403 in the error shape, and in the audit trail
    denied = step(department, cid, "review", reason="试图审核")
    assert denied.status_code == 403, denied.text
    assert set(denied.json()["error"]) == {"message", "location", "hint"}
    assert refused(case_county.root, ACCOUNTS["department"], f"POST /api/cases/{cid}/steps")
    assert [(e["action"], e["actor"]) for e in clerk.get(f"/api/cases/{cid}").json()["history"]] == [
        ("open", ACCOUNTS["department"]), ("accept", ACCOUNTS["department"])]  # fmt: skip

    # a paper file of 40 days ago entered afterwards (补录) by the county's clerk, step by step
    cid = clerk.post("/api/cases", json=application(department="民政")).json()["id"]
    assert step(clerk, cid, "accept", note="材料齐全", at=ago(38)).status_code == 200

    assessed = clerk.post(f"/api/cases/{cid}/assess")  # a trial: nothing is recorded
    assert assessed.status_code == 200 and assessed.json()["eligible"] is True, assessed.text
    assert assessed.json()["category"] == "因病致贫重病患者"
    assert clerk.get(f"/api/cases/{cid}").json()["case"]["eligibility"] is None
    assert case_browsers["finance"].post(f"/api/cases/{cid}/assess").status_code == 403
    for action, extra in (("review", {"reason": "入户核实：医疗费用负担重", "at": ago(35)}),
                          ("approve", {"at": ago(30)}), ("publish", {"days": 7, "at": ago(25)})):  # fmt: skip
        answer = step(clerk, cid, action, **extra)
        assert answer.status_code == 200, answer.text
    # 发放 before the publication ends is refused with the day it may be done
    early = step(clerk, cid, "pay", amount="12345.67", basis="起付线以上 60%", at=ago(20))
    assert early.status_code == 400 and "公示期" in early.json()["error"]["message"]
    paid = step(clerk, cid, "pay", amount="12345.67", basis="起付线以上 60%")
    assert paid.status_code == 200, paid.text
    assert paid.json()["case"]["state"] == "paid" and paid.json()["case"]["amount"] == 12345.67
    assert [a["action"] for a in paid.json()["actions"]] == ["archive"]

    history = clerk.get(f"/api/cases/{cid}").json()["history"]
    assert [(e["action"], e["actor"]) for e in history] == [
        ("open", ACCOUNTS["clerk"]), ("accept", ACCOUNTS["clerk"]), ("review", ACCOUNTS["clerk"]),
        ("approve", ACCOUNTS["clerk"]), ("publish", ACCOUNTS["clerk"]), ("pay", ACCOUNTS["clerk"]),
    ]  # fmt: skip
    assert history[1]["note"] == "材料齐全" and history[1]["at"].startswith(ago(38)[:10])
    # the history keeps when each back-dated step was really recorded
    assert history[1]["back_dated"] and history[1]["recorded_at"].startswith(dt.date.today().isoformat())
    assert not history[-1]["back_dated"]
    assert history[2]["detail"]["eligibility"]["eligible"] in (True, False)
    # an illegal move is refused with its reason and what can be done now
    again = step(clerk, cid, "accept")
    assert again.status_code == 400 and "不能受理" in again.json()["error"]["message"]
    assert "归档" in again.json()["error"]["hint"]


def test_roles_see_and_handle_what_they_may(case_browsers, case_county):
    clerk = case_browsers["clerk"]
    other = clerk.post("/api/cases", json=application(department="残联", area="450222102", at=None))
    assert other.status_code == 200, other.text
    cid = other.json()["id"]
    # finance and evaluators read, handle nothing
    for role in ("finance", "evaluator"):
        assert case_browsers[role].get(f"/api/cases/{cid}").json()["actions"] == []
        assert case_browsers[role].get("/api/cases").status_code == 200
        assert step(case_browsers[role], cid, "accept").status_code == 403
    # the 民政 account sees neither this 残联 case in its list nor the case itself
    listed = case_browsers["department"].get("/api/cases").json()
    assert cid not in [c["id"] for c in listed["cases"]] and all(c["department"] == "民政" for c in listed["cases"])
    assert case_browsers["department"].get(f"/api/cases/{cid}").status_code == 403
    assert refused(case_county.root, ACCOUNTS["department"], f"GET /api/cases/{cid}")
    # an administrator does not see cases (refused by the service, logged like any refusal)
    assert case_browsers["admin"].get("/api/cases").status_code == 403
    assert refused(case_county.root, ACCOUNTS["admin"], "GET /api/cases")
    # the list counts each state and filters by one
    everything = clerk.get("/api/cases").json()
    assert everything["states"]["applied"] >= 1 and sum(everything["states"].values()) == everything["count"]
    applied = clerk.get("/api/cases", params={"state": "已申请，待受理"}).json()
    assert applied["count"] == everything["states"]["applied"] and {c["state"] for c in applied["cases"]} == {"applied"}
    assert clear_identities_absent(json.dumps(everything, ensure_ascii=False))


def test_a_state_change_needs_the_csrf_header(case_browsers):
    answer = post_without_csrf(case_browsers["clerk"], "/api/cases", application())
    assert answer.status_code == 403 and "CSRF" in answer.json()["error"]["message"]


def test_documents_bills_and_bad_input(case_browsers):
    clerk = case_browsers["clerk"]
    cid = clerk.post("/api/cases", json=application(at=None)).json()["id"]
    content = "收入证明：家庭年收入 24,360 元".encode()
    sent = clerk.post(f"/api/cases/{cid}/documents", data={"kind": "收入证明"},
                      files={"file": ("收入证明.txt", content, "text/plain")})  # fmt: skip
    assert sent.status_code == 200, sent.text
    assert sent.json()["sha256"] == hashlib.sha256(content).hexdigest()
    opened = clerk.get(f"/api/cases/{cid}/documents/{sent.json()['id']}")
    assert opened.status_code == 200 and opened.content == content
    assert case_browsers["finance"].get(f"/api/cases/{cid}/documents/{sent.json()['id']}").status_code == 403
    more = clerk.post(f"/api/cases/{cid}/bills", json={"bills": [{"date": "2026-01-05", "total": "800",
                                                                   "self_pay": "300", "hospital": "乡镇卫生院"}]})  # fmt: skip
    assert more.status_code == 200 and len(more.json()["case"]["bills"]) == 2
    wrong = clerk.post(f"/api/cases/{cid}/bills", json={"settlement_ids": ["没有这个结算"]})
    assert wrong.status_code == 400 and "没有这个结算" in wrong.json()["error"]["message"]
    bad_id = clerk.post("/api/cases", json=application(id_number="450222196503122011", at=None))
    assert bad_id.status_code == 400 and bad_id.json()["error"]["location"]["key"] == "申请人身份证号"
    no_reason = step(clerk, cid, "refuse")
    assert no_reason.status_code == 400 and "理由" in no_reason.json()["error"]["message"]
    future = step(clerk, cid, "accept", at=(dt.datetime.now() + dt.timedelta(days=2)).isoformat())
    assert future.status_code == 400 and "晚于现在" in future.json()["error"]["message"]


def test_printable_forms_download(case_browsers):
    clerk = case_browsers["clerk"]
    cid = clerk.get("/api/cases").json()["cases"][0]["id"]
    form = clerk.get(f"/api/cases/{cid}/approval-form", params={"format": "docx"})
    assert form.status_code == 200 and form.content[:2] == b"PK"
    assert "attachment" in form.headers["content-disposition"]
    listing = case_browsers["finance"].get("/api/cases/publicity-list", params={"format": "pdf"})
    assert listing.status_code == 200 and listing.content[:5] == b"%PDF-"
    assert case_browsers["admin"].get("/api/cases/publicity-list").status_code == 403


def test_the_pages_show_each_role_its_part(case_browsers):
    page = {"Accept": "text/html"}
    clerk, finance, department = case_browsers["clerk"], case_browsers["finance"], case_browsers["department"]
    cid = clerk.post("/api/cases", json=application(department="民政", at=None)).json()["id"]
    mine = clerk.get(f"/cases/{cid}", headers=page)
    assert mine.status_code == 200 and "办理记录" in mine.text and "登记申请" in mine.text
    assert f'data-api="/api/cases/{cid}/steps"' in mine.text and "不予受理" in mine.text  # the clerk's actions
    assert clear_identities_absent(mine.text) and "韦**" in mine.text
    read_only = finance.get(f"/cases/{cid}", headers=page)
    assert read_only.status_code == 200 and "/steps" not in read_only.text and "/documents" not in read_only.text
    listed = finance.get("/cases", headers=page)
    assert listed.status_code == 200 and "case-open" not in listed.text and f'href="/cases/{cid}"' in listed.text
    assert "case-open" in department.get("/cases", headers=page).text  # a department registers applications
    refused_page = case_browsers["admin"].get("/cases", headers=page)
    assert refused_page.status_code == 403 and "无权" in refused_page.text


def test_a_document_named_after_the_person_shows_only_a_neutral_name(case_browsers):
    page = {"Accept": "text/html"}
    clerk, finance = case_browsers["clerk"], case_browsers["finance"]
    cid = clerk.post("/api/cases", json=application(at=None)).json()["id"]
    scan = f"{APPLICANT[1]}_{id_number(APPLICANT[0])}_申请书.PDF"
    sent = clerk.post(f"/api/cases/{cid}/documents", data={"kind": "申请书"},
                      files={"file": (scan, b"%PDF-1.4 x", "application/pdf")})  # fmt: skip
    assert sent.status_code == 200, sent.text
    neutral = f"申请书-{sent.json()['id']}.pdf"
    assert sent.json()["file_name"] == neutral and clear_identities_absent(sent.text)
    for client in (clerk, finance):  # the JSON and the page, to the clerk and to finance (read-only)
        answer = client.get(f"/api/cases/{cid}")
        assert neutral in [d["file_name"] for d in answer.json()["case"]["documents"]]
        assert clear_identities_absent(answer.text)
        shown = client.get(f"/cases/{cid}", headers=page)
        assert neutral in shown.text and clear_identities_absent(shown.text)
    opened = clerk.get(f"/api/cases/{cid}/documents/{sent.json()['id']}")  # who may open it gets its name back
    assert opened.status_code == 200 and quote(scan) in opened.headers["content-disposition"]
