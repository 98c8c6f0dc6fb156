"""追溯救助 settled through the web (POST /api/cases/{id}/retroactive/settle, the case page's panel) on the
依申请救助 web county (tests/web_case_support.py): a person of the county's data with bills of 2023 and no
医疗救助 applies in January 2024 and is recognised; a county clerk settles once, for the amount the CLI's
service previews, to the fen; a second settlement is refused with its reason; finance (no right to handle
cases) and a department (the right, but not the county's clerk) are refused with 403, logged; the page
shows the preview to every reader and the button to the clerk only, then what was settled and no button;
the audit trail holds the settlement; identities stay masked."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

import pytest
from sqlalchemy import select

from medaid.services.case_retro import case_retroactive
from medaid.services.retroactive import RETRO_ACTION
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from tests.test_cli_workflow import medaid
from tests.test_web_cases import application, refused, step
from tests.web_case_support import (  # noqa: F401  (the fixtures case_browsers, case_county)
    case_browsers_fixture,
    case_county_fixture,
    post_without_csrf,
)
from tests.web_support import ACCOUNTS, YEAR, County

PAGE = {"Accept": "text/html"}
APPLIED = f"{YEAR + 1}-01-15"  # window (12 months before the month of application): the whole of 2023
BUTTON = "确认追溯结算"


def applicant(county: County) -> tuple[str, str]:
    """The person of the county's data with the largest in-scope self-pay over bills of 2023 that got no
    医疗救助 nor 倾斜救助 (and none that did, nor any with an amount the import may read otherwise): their
    身份证号 and name, in clear (the data file's)."""
    burden: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    left_out: set[str] = set()
    with (county.data / "settlements.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if not row["结算日期"].startswith(str(YEAR)):
                continue
            amounts = [
                _plain(row[k])
                for k in ("医疗救助支付", "倾斜救助支付", "政策范围内费用", "基本医保支付", "大病保险支付")
            ]
            if any(a is None for a in amounts) or amounts[0] or amounts[1]:
                left_out.add(row["身份证号"])
                continue
            burden[(row["身份证号"], row["姓名"])] += amounts[2] - amounts[3] - amounts[4]  # type: ignore[operator]
    return max((k for k in burden if k[0] not in left_out), key=lambda k: burden[k])


def _plain(text: str) -> Decimal | None:
    """A plain amount (empty: 0), or None for anything else (the generated data has some messy cells)."""
    try:
        return Decimal(text or "0")
    except InvalidOperation:
        return None


def clear_absent(text: str, person: tuple[str, str]) -> bool:
    return person[0] not in text and person[1] not in text


@pytest.fixture(name="recognised", scope="module")
def recognised_fixture(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, tuple[str, str]]:
    """A 民政 case of the applicant, applied for in January 2024 and approved (back-dated): its number."""
    from tests.web_case_support import browsers, county

    clerk, person = browsers(tmp_path_factory)["clerk"], applicant(county(tmp_path_factory))
    body = application(id_number=person[0], name=person[1], department="民政", applied_on=APPLIED,
                       at=f"{APPLIED}T09:00", members=[],
                       bills=[{"date": f"{YEAR}-12-20", "total": "900", "self_pay": "300", "in_scope": "800"}])  # fmt: skip
    opened = clerk.post("/api/cases", json=body)
    assert opened.status_code == 200, opened.text
    cid = int(opened.json()["id"])
    for action, extra in (("accept", {"at": f"{YEAR + 1}-01-16T09:00"}),
                          ("review", {"reason": "入户核实", "at": f"{YEAR + 1}-01-18T09:00"}),
                          ("approve", {"at": f"{YEAR + 1}-01-22T09:00"})):  # fmt: skip
        answer = step(clerk, cid, action, **extra)
        assert answer.status_code == 200, answer.text
    return cid, person


def test_readers_see_the_panel_without_the_button(case_browsers, recognised):
    cid, person = recognised
    for role in ("finance", "evaluator", "department"):  # they read the 追溯救助; none of them settles
        shown = case_browsers[role].get(f"/cases/{cid}", headers=PAGE)
        assert shown.status_code == 200 and 'id="retroactive"' in shown.text and "追溯期间" in shown.text, role
        assert BUTTON not in shown.text and "/retroactive/settle" not in shown.text, role
        assert clear_absent(shown.text, person), role


def test_only_the_county_clerk_settles(case_browsers, case_county, recognised):
    cid, _ = recognised
    url = f"/api/cases/{cid}/retroactive/settle"
    before = len(_entries(case_county, cid))
    finance = case_browsers["finance"].post(url)
    assert finance.status_code == 403 and "无权" in finance.json()["error"]["message"]
    assert set(finance.json()["error"]) == {"message", "location", "hint"}
    assert refused(case_county.root, ACCOUNTS["finance"], f"POST {url}")
    department = case_browsers["department"].post(url)  # 民政's own case, but 追溯救助 is the county's
    assert department.status_code == 403 and "不能办理追溯救助" in department.json()["error"]["message"]
    assert refused(case_county.root, ACCOUNTS["department"], f"POST {url}")
    without_token = post_without_csrf(case_browsers["clerk"], url, {})
    assert without_token.status_code == 403 and "CSRF" in without_token.json()["error"]["message"]
    assert case_browsers[None].post(url).status_code == 401
    assert len(_entries(case_county, cid)) == before  # nothing recorded by any of them


def test_a_clerk_settles_once_for_the_previewed_amount(case_browsers, case_county, recognised):
    cid, person = recognised
    preview = case_retroactive(case_county.root, cid)  # what `medaid cases retro` shows
    assert preview.bills and preview.total_fen > 0, "the applicant has bills of 2023 without 医疗救助"
    shown = medaid("cases", "retro", str(case_county.root), str(cid), "--format", "json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["total_fen"] == preview.total_fen, shown.stderr
    assert str(preview.window[0]) == f"{YEAR}-01-01" and str(preview.recognised_on) == f"{YEAR + 1}-01-22"
    page = case_browsers["clerk"].get(f"/cases/{cid}", headers=PAGE)
    assert page.status_code == 200 and "追溯救助（测算）" in page.text and BUTTON in page.text
    assert f'data-api="/api/cases/{cid}/retroactive/settle"' in page.text
    total = f"{preview.total_fen // 100:,}.{preview.total_fen % 100:02d}"
    assert f"合计 {total} 元" in page.text and all(b["settlement_id"] in page.text for b in preview.bills)
    assert clear_absent(page.text, person)

    settled = case_browsers["clerk"].post(f"/api/cases/{cid}/retroactive/settle")
    assert settled.status_code == 200, settled.text
    found = settled.json()
    assert found["settled"] is True and found["recognised"] is True and "person_key" not in found
    assert found["total_fen"] == preview.total_fen  # to the fen
    assert {b["settlement_id"]: b["amount_fen"] for b in found["bills"]} == {
        b["settlement_id"]: b["amount_fen"] for b in preview.bills
    }
    assert found["recorded"] == {"action": RETRO_ACTION, "actor": ACCOUNTS["clerk"], "bills": len(preview.bills),
                                 "total_fen": preview.total_fen}  # fmt: skip
    assert clear_absent(settled.text, person) and "*" in found["id_masked"]

    # the audit trail holds it: who, for which case, each bill with its amount
    (entry,) = _entries(case_county, cid)
    assert entry["actor"] == ACCOUNTS["clerk"] and entry["detail"]["total_fen"] == preview.total_fen
    assert {s: b["amount_fen"] for s, b in entry["detail"]["bills"].items()} == {
        b["settlement_id"]: b["amount_fen"] for b in preview.bills
    }

    # settled once: a second settlement is refused with its reason, and records nothing
    again = case_browsers["clerk"].post(f"/api/cases/{cid}/retroactive/settle")
    assert again.status_code == 400, again.text
    error = again.json()["error"]
    assert "没有可办理的追溯救助" in error["message"] and "已追溯救助" in error["message"]
    assert "只追溯一次" in error["hint"] and error["location"]["key"] == "案件编号"
    assert len(_entries(case_county, cid)) == 1

    # the page shows what was settled, and no button
    page = case_browsers["clerk"].get(f"/cases/{cid}", headers=PAGE)
    assert page.status_code == 200 and "追溯救助（已办理）" in page.text and BUTTON not in page.text
    assert f"已办理追溯救助 {len(preview.bills)} 笔结算" in page.text
    assert all(b["settlement_id"] in page.text for b in preview.bills) and ACCOUNTS["clerk"] in page.text
    assert clear_absent(page.text, person)
    after = case_browsers["finance"].get(f"/api/cases/{cid}/retroactive").json()
    assert after["bills"] == [] and after["total_fen"] == 0


def test_a_case_not_yet_recognised_is_refused(case_browsers):
    clerk = case_browsers["clerk"]
    cid = clerk.post("/api/cases", json=application(department="民政", at=None)).json()["id"]
    answer = clerk.post(f"/api/cases/{cid}/retroactive/settle")
    assert answer.status_code == 400 and "尚未审批通过" in answer.json()["error"]["message"]
    assert answer.json()["error"]["hint"]
    assert 'id="retroactive"' not in clerk.get(f"/cases/{cid}", headers=PAGE).text


def _entries(county: County, case_id: int) -> list[dict[str, Any]]:
    with session_for(county.root) as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.detail).where(AuditEntry.action == RETRO_ACTION))
        found = [{"actor": actor, "detail": json.loads(detail)} for actor, detail in rows]
    return [e for e in found if e["detail"].get("case_id") == case_id]
