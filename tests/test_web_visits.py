"""回访 through the web (/api/visits, /visits) on the 依申请救助 web county (tests/web_case_support.py): a plan
made, its people recorded, its progress with numerators and denominators; each role's rights (医保经办 plan and
record; 部门 reads its own people; 财政 and 评价人员 read; 管理员 nothing), refusals as 403 in the error shape and
in the audit trail, the CSRF header, identities masked everywhere. And the 追溯救助 preview of a case: nothing
for a case not yet approved, the window and the bills once it is."""

from __future__ import annotations

import re
from typing import Any

from tests.test_web_cases import ago, application, clear_identities_absent, refused, step
from tests.web_case_support import (  # noqa: F401  (the fixtures case_browsers, case_county)
    case_browsers_fixture,
    case_county_fixture,
    post_without_csrf,
)
from tests.web_support import ACCOUNTS, YEAR

PAGE = {"Accept": "text/html"}
CLEAR_ID = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")  # an 18-character 身份证号 in clear


def sample(**changes: Any) -> dict[str, Any]:
    body = {"name": "民政对象抽样回访", "period_from": f"{YEAR}-07-01", "period_until": f"{YEAR}-09-30",
            "as_of": f"{YEAR}-06-30", "department": "民政", "method": "sample", "margin": "0.2", "seed": "web"}  # fmt: skip
    return body | changes


def visit(**changes: Any) -> dict[str, Any]:
    return {"outcome": "visited", "visited_on": f"{YEAR}-07-10", "visitor": "李四", "mode": "phone"} | changes


def masked(text: str) -> bool:
    return CLEAR_ID.search(text) is None


def test_a_plan_is_made_recorded_and_its_rates_carry_their_terms(case_browsers, case_county):
    clerk = case_browsers["clerk"]
    made = clerk.post("/api/visits", json=sample())
    assert made.status_code == 200, made.text
    plan = made.json()
    assert plan["method"] == "sample" and plan["seed"] == "web" and 0 < plan["planned"] <= plan["frame_size"]
    assert plan["frame"]["department"] == "民政" and plan["planned_by"] == ACCOUNTS["clerk"]
    assert plan["id"] in [p["id"] for p in clerk.get("/api/visits").json()["plans"]]

    shown = clerk.get(f"/api/visits/{plan['id']}")
    assert shown.status_code == 200 and masked(shown.text)
    targets = shown.json()["targets"]
    assert len(targets) == plan["planned"] and all("*" in t["id_masked"] for t in targets)
    first, second = targets[0]["id"], targets[1]["id"]
    url = f"/api/visits/{plan['id']}/targets"
    seen = clerk.post(f"{url}/{first}", json=visit(satisfaction="满意", needs=["护理照料", "policy"]))
    assert seen.status_code == 200, seen.text
    assert seen.json()["outcome_label"] == "已回访" and seen.json()["visits"][0]["mode_label"] == "电话"
    no_reason = clerk.post(f"{url}/{second}", json=visit(outcome="unreached"))
    assert no_reason.status_code == 400 and "原因" in no_reason.json()["error"]["message"]
    assert no_reason.json()["error"]["hint"]  # and how to fix it
    assert clerk.post(f"{url}/{second}", json=visit(outcome="未联系上", reason="外出务工")).status_code == 200
    wrong = clerk.post(f"{url}/999999", json=visit())
    assert wrong.status_code == 400 and "没有编号为 999999 的对象" in wrong.json()["error"]["message"]

    tally = clerk.get(f"/api/visits/{plan['id']}").json()["tally"]
    assert tally["visit_rate"]["numerator"] == 1 and tally["visit_rate"]["denominator"] == plan["planned"]
    assert tally["satisfaction_rate"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert tally["outcomes"]["unreached"] == 1 and tally["needs"]["护理照料"] == 1
    page = clerk.get(f"/visits/{plan['id']}", headers=PAGE)
    assert page.status_code == 200 and masked(page.text)
    assert f"（1 ÷ {plan['planned']}）" in page.text and "100.0%（1 ÷ 1）" in page.text
    assert f'data-visit-record="{url}/{first}"' in page.text  # the clerk records here


def test_roles_read_and_act_as_the_services_allow(case_browsers, case_county):
    clerk, department = case_browsers["clerk"], case_browsers["department"]
    plan = clerk.post("/api/visits", json=sample(name="全县抽样回访", department=None, seed="roles")).json()
    target = clerk.get(f"/api/visits/{plan['id']}").json()["targets"][0]["id"]
    # a department reads the plan, its own 认定部门's people only, and plans or records nothing
    mine = department.get(f"/api/visits/{plan['id']}")
    assert mine.status_code == 200 and "民政" in mine.json()["scope"]
    assert all("民政" in (t["departments"] or "") for t in mine.json()["targets"])
    denied = department.post("/api/visits", json=sample(name="部门自拟"))
    assert denied.status_code == 403 and set(denied.json()["error"]) == {"message", "location", "hint"}
    assert refused(case_county.root, ACCOUNTS["department"], "POST /api/visits")
    assert department.post(f"/api/visits/{plan['id']}/targets/{target}", json=visit()).status_code == 403
    # finance and evaluators read, act on nothing; an administrator sees nothing
    for role in ("finance", "evaluator"):
        assert case_browsers[role].get(f"/api/visits/{plan['id']}").status_code == 200
        assert case_browsers[role].get("/api/visits").json()["may_plan"] is False
        assert case_browsers[role].post("/api/visits", json=sample()).status_code == 403
    assert case_browsers["admin"].get("/api/visits").status_code == 403
    assert refused(case_county.root, ACCOUNTS["admin"], "GET /api/visits")
    # the pages: the clerk gets the forms, finance does not, the administrator is refused
    assert "data-visit-plan" in clerk.get("/visits", headers=PAGE).text
    read_only = case_browsers["finance"].get(f"/visits/{plan['id']}", headers=PAGE)
    assert read_only.status_code == 200 and "data-visit-record" not in read_only.text and masked(read_only.text)
    assert "data-visit-plan" not in case_browsers["finance"].get("/visits", headers=PAGE).text
    assert case_browsers["admin"].get("/visits", headers=PAGE).status_code == 403


def test_recording_needs_the_csrf_header(case_browsers):
    answer = post_without_csrf(case_browsers["clerk"], "/api/visits", sample())
    assert answer.status_code == 403 and "CSRF" in answer.json()["error"]["message"]


def test_a_plan_that_cannot_be_made_says_how_to_fix_it(case_browsers):
    clerk = case_browsers["clerk"]
    empty = clerk.post("/api/visits", json=sample(category="没有这个类别"))
    assert empty.status_code == 400 and "回访总体为空" in empty.json()["error"]["message"]
    bad = clerk.post("/api/visits", json=sample(margin="五"))
    assert bad.status_code == 400 and bad.json()["error"]["location"]["key"] == "误差界"
    late = clerk.post("/api/visits", json=sample(period_from="2023-13-01"))
    assert late.status_code == 400 and "日期" in late.json()["error"]["message"]


def test_retroactive_assistance_is_previewed_once_the_case_is_approved(case_browsers):
    clerk = case_browsers["clerk"]
    cid = clerk.post("/api/cases", json=application(department="民政")).json()["id"]
    before = clerk.get(f"/api/cases/{cid}/retroactive")
    assert (
        before.status_code == 200 and before.json()["recognised"] is False and "尚未审批通过" in before.json()["reason"]
    )
    assert "追溯救助（测算）" not in clerk.get(f"/cases/{cid}", headers=PAGE).text
    for action, extra in (("accept", {"at": ago(38)}), ("review", {"reason": "入户核实", "at": ago(35)}),
                          ("approve", {"at": ago(30)})):  # fmt: skip
        assert step(clerk, cid, action, **extra).status_code == 200
    after = clerk.get(f"/api/cases/{cid}/retroactive")
    assert after.status_code == 200, after.text
    found = after.json()
    assert found["recognised"] is True and found["recognised_on"] == ago(30)[:10] and found["settled"] is False
    assert found["window"][1] < found["applied_on"] and "个月" in found["rule"] and "person_key" not in found
    assert clear_identities_absent(after.text)
    page = clerk.get(f"/cases/{cid}", headers=PAGE)
    assert "追溯救助（测算）" in page.text and f"追溯期间 {found['window'][0]} 至 {found['window'][1]}" in page.text
    assert clear_identities_absent(page.text)
    assert case_browsers["finance"].get(f"/api/cases/{cid}/retroactive").status_code == 200
    assert case_browsers["admin"].get(f"/api/cases/{cid}/retroactive").status_code == 403
