"""The policy calculator, the audit log and the accounts on the web.

- The calculator gives the same layers and amounts as ``medaid calc`` for the same claim; what-if
  names its own parameters in its errors; a policy is chosen by name, never read from a path.
- The audit log is read by administrators and finance only, shows no 身份证号 in clear, has no route
  that changes it, and says whether its hash chain holds.
- Accounts are managed by administrators, every change an entry of the audit trail; anyone signed in
  changes their own password, giving the old one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from medaid.services.policy import calc
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from tests.web_support import ACCOUNTS, PASSWORD, client_for, fresh_code

CLAIM = {"category": "低保边缘家庭成员", "visit_type": "住院", "hospital_level": "二级", "date": "2023-06-01",
         "total": "52000", "in_scope": "45000", "referred": "是"}  # fmt: skip
LAYERS = ("basic", "critical", "assistance", "tilted", "supplementary", "out_of_pocket_in_scope", "out_of_pocket_total")
ID_IN_CLEAR = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def last_entry(root: Path) -> int:
    with session_for(root) as session:
        return session.scalar(select(func.max(AuditEntry.id))) or 0


def actions_since(root: Path, since: int) -> list[tuple[str, str, dict[str, object]]]:
    with session_for(root) as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.detail)
                               .where(AuditEntry.id > since).order_by(AuditEntry.id))  # fmt: skip
        return [(actor, action, json.loads(detail)) for actor, action, detail in rows]


# --- the policy calculator ------------------------------------------------------------------------


def test_the_calculator_gives_the_layers_and_the_amounts_of_medaid_calc(browsers, tmp_path):
    """The same service as ``medaid calc --claim 结算.yaml`` (its JSON), given the claim as a file."""
    claim = tmp_path / "结算.yaml"
    claim.write_text(yaml.safe_dump({**CLAIM, "referred": True}, allow_unicode=True), encoding="utf-8")
    expected = json.loads(json.dumps(calc("default", claim).to_dict(), ensure_ascii=False, default=str))
    answer = browsers["finance"].post("/api/policy/calc", json=CLAIM)
    assert answer.status_code == 200, answer.text
    got = answer.json()
    assert {k: got[k] for k in LAYERS} == {k: expected[k] for k in LAYERS}
    assert got["trace"] == expected["trace"] and got["policy"] == expected["policy"]
    assert [layer["label"] for layer in got["layers"]] == [
        "基本医保",
        "大病保险",
        "医疗救助",
        "倾斜救助",
        "补充保险",
        "个人负担",
    ]
    assert sum(layer["amount"] for layer in got["layers"]) == pytest.approx(float(CLAIM["total"]))


def test_a_claim_without_a_category_pays_no_assistance(browsers):
    ordinary = {k: v for k, v in CLAIM.items() if k != "category"}
    got = browsers["evaluator"].post("/api/policy/calc", json=ordinary).json()
    assert got["assistance"] == 0 and got["tilted"] == 0 and got["basic"] > 0


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"in_scope": "60000"}, "政策范围内费用"),
        ({"visit_type": "住员"}, "住院"),
        ({"policy": "/etc/passwd"}, "内置政策"),
        ({"policy": "../../medaid.yaml"}, "内置政策"),
    ],
)
def test_a_claim_that_does_not_hold_is_refused_in_chinese(browsers, change, words):
    answer = browsers["finance"].post("/api/policy/calc", json=CLAIM | change)
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert words in error["message"] + error["hint"]


def test_the_department_may_not_use_the_calculator(browsers):
    assert browsers["department"].post("/api/policy/calc", json=CLAIM).status_code == 403


def test_the_policy_in_force_is_listed_with_its_text(browsers):
    got = browsers["clerk"].get("/api/policy").json()
    assert got["name"] == "default" and "assistance" in got["text"]
    assert {p["name"] for p in got["policies"]} >= {"default", "liucheng"}
    page = browsers["finance"].get("/policy", headers={"Accept": "text/html"}).text
    assert 'id="calc-form"' in page and 'id="whatif-form"' in page and "/static/policy.js" in page


def test_what_if_settles_the_year_again_with_the_changed_ratio(browsers):
    body = {"layer": "assistance", "category": "低保对象", "key": "ratio", "value": "95%"}
    answer = browsers["finance"].post("/api/policy/simulate", json=body)
    assert answer.status_code == 200, answer.text
    got = answer.json()
    layers = {layer["layer"]: layer for layer in got["layers"]}
    assert layers["assistance"]["after"] > layers["assistance"]["before"] and got["people_affected"] > 0
    assert layers["basic"]["change"] == 0
    assert "ratio: 0.95" in got["override"]


def test_what_if_names_its_own_parameters_in_an_error(browsers):
    answer = browsers["finance"].post("/api/policy/simulate", json={"override": "assistance: {低保对象: {ratoi: 0.9}}"})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert "ratio" in error["message"] and error["location"]["file"] == "测算参数"
    assert ".medaid-tmp" not in json.dumps(error, ensure_ascii=False)
    empty = browsers["finance"].post("/api/policy/simulate", json={})
    assert empty.status_code == 400 and "没有要改变的参数" in empty.json()["error"]["message"]


# --- the audit log ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "finance"])
def test_administrators_and_finance_read_the_audit_log(browsers, role):
    got = browsers[role].get("/api/audit-log", params={"limit": 500})
    assert got.status_code == 200
    data = got.json()
    assert data["total"] >= len(data["entries"]) > 0
    assert {"登录", "评价人员评分", "数据导入", "账户创建"} <= set(data["actions"])
    assert not ID_IN_CLEAR.search(got.text), "审计日志中出现了未脱敏的身份证号"
    ids = [e["id"] for e in data["entries"]]
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize("role", ["clerk", "evaluator", "department"])
def test_other_roles_may_not_read_the_audit_log(browsers, role):
    assert browsers[role].get("/api/audit-log").status_code == 403
    assert browsers[role].get("/api/audit-log/verify").status_code == 403
    assert browsers[role].get("/audit-log", headers={"Accept": "text/html"}).status_code == 403


def test_the_audit_log_is_filtered_by_action_actor_and_date(browsers):
    admin = browsers["admin"]
    signed = admin.get("/api/audit-log", params={"action": "登录", "actor": ACCOUNTS["finance"]}).json()
    assert signed["entries"] and {(e["action"], e["actor"]) for e in signed["entries"]} == {
        ("登录", ACCOUNTS["finance"])
    }
    day = signed["entries"][0]["at"][:10]
    that_day = admin.get("/api/audit-log", params={"from": day, "to": day, "limit": 500}).json()
    assert that_day["entries"] and {e["at"][:10] for e in that_day["entries"]} == {day}
    assert admin.get("/api/audit-log", params={"to": "1999-01-01"}).json()["total"] == 0
    paged = admin.get("/api/audit-log", params={"limit": 2, "offset": 1}).json()
    assert len(paged["entries"]) == 2 and paged["offset"] == 1
    assert admin.get("/api/audit-log", params={"from": "2024-01-02", "to": "2024-01-01"}).status_code == 400


def test_the_chain_is_checked_and_nothing_changes_an_entry(browsers, web_app):
    check = browsers["finance"].get("/api/audit-log/verify").json()
    assert check["ok"] and check["broken"] is None and check["checked"] > 0
    page = browsers["admin"].get("/audit-log", headers={"Accept": "text/html"}).text
    assert "链完整，共" in page
    for method in ("DELETE", "PUT", "PATCH", "POST"):
        assert browsers["admin"].request(method, "/api/audit-log").status_code == 405
    writers = [r for r in web_app.routes if "audit-log" in getattr(r, "path", "") and set(r.methods) - {"GET", "HEAD"}]
    assert writers == []


def test_a_broken_chain_is_named_on_the_page(browsers, monkeypatch):
    from medaid.services import audit_log
    from medaid.services.audit_log import AuditLogCheck

    broken = AuditLogCheck(5, 6, "第 6 条记录的内容与其哈希不符（记录被改动过）")
    monkeypatch.setattr(audit_log, "verify_audit_log", lambda root: broken)
    page = browsers["finance"].get("/audit-log", headers={"Accept": "text/html"}).text
    assert "链在第 6 条处断开：第 6 条记录的内容与其哈希不符（记录被改动过）" in page and "链完整" not in page


def test_identity_numbers_in_a_detail_are_masked():
    from medaid.services.audit_view import mask_ids

    assert mask_ids("身份证号 45010219900101123X 已核") == "身份证号 4501**********123X 已核"
    assert mask_ids("结算编号 JS2023060100012") == "结算编号 JS2023060100012"


# --- accounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["clerk", "evaluator", "finance", "department"])
def test_only_administrators_manage_accounts(browsers, role):
    client = browsers[role]
    assert client.get("/api/accounts").status_code == 403
    assert (
        client.post("/api/accounts", json={"name": "越权", "role": "admin", "password": "Medaid-2024!"}).status_code
        == 403
    )
    assert client.patch(f"/api/accounts/{ACCOUNTS[role]}", json={"role": "admin"}).status_code == 403
    assert client.get("/accounts", headers={"Accept": "text/html"}).status_code == 403


def test_an_administrator_adds_changes_and_disables_an_account(browsers, web_app, web_county):
    admin, root = browsers["admin"], web_county.root
    since = last_entry(root)
    made = admin.post("/api/accounts", json={"name": "民政专员甲", "role": "department", "password": PASSWORD,
                                             "department": "民政局", "area": "4501"})  # fmt: skip
    assert made.status_code == 200, made.text
    assert (made.json()["department"], made.json()["area"]) == ("民政", "4501")
    listed = {a["name"]: a for a in admin.get("/api/accounts").json()["accounts"]}
    assert listed["民政专员甲"]["role_label"] == "部门" and "password_hash" not in listed["民政专员甲"]
    moved = admin.patch("/api/accounts/民政专员甲", json={"role": "finance", "area": "全部"})
    assert moved.status_code == 200 and (moved.json()["department"], moved.json()["area"]) == (None, None)
    member = client_for(web_app, web_county, "民政专员甲")
    assert member.get("/api/session").status_code == 200
    off = admin.patch("/api/accounts/民政专员甲", json={"disabled": True})
    assert off.json()["disabled"] is True
    assert member.get("/api/session").status_code == 401  # disabling ends the account's sessions
    done = [(a, act, d.get("account")) for a, act, d in actions_since(root, since) if act.startswith("账户")]
    assert done == [(ACCOUNTS["admin"], "账户创建", "民政专员甲"), (ACCOUNTS["admin"], "账户变更", "民政专员甲"),
                    (ACCOUNTS["admin"], "账户变更", "民政专员甲")]  # fmt: skip
    page = admin.get("/accounts", headers={"Accept": "text/html"}).text
    assert "民政专员甲" in page and "已停用" in page


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"name": "弱密码", "role": "finance", "password": "abc"}, "密码"),
        ({"name": "部门无名", "role": "department", "password": "Medaid-2024!"}, "部门"),
        ({"name": ACCOUNTS["finance"], "role": "finance", "password": "Medaid-2024!"}, "已存在"),
        ({"name": "区划不对", "role": "finance", "password": "Medaid-2024!", "area": "abc"}, "区划"),
    ],
)
def test_an_account_that_cannot_be_made_is_refused_in_chinese(browsers, body, words):
    answer = browsers["admin"].post("/api/accounts", json=body)
    assert answer.status_code == 400, answer.text
    assert words in answer.json()["error"]["message"]


def test_the_last_administrator_cannot_be_disabled(browsers):
    answer = browsers["admin"].patch(f"/api/accounts/{ACCOUNTS['admin']}", json={"disabled": True})
    assert answer.status_code == 400 and "最后一个" in answer.json()["error"]["message"]


def test_an_administrator_unlocks_resets_the_password_and_the_second_factor(browsers, web_app, web_county):
    from medaid.services.accounts import add_account, confirm_totp, enrol_totp

    admin, root = browsers["admin"], web_county.root
    add_account(root, "经办乙", "clerk", password=PASSWORD, actor="测试")
    secret = enrol_totp(root, "经办乙").secret
    used: dict[str, int] = {}
    confirm_totp(root, "经办乙", fresh_code(secret, used, "经办乙"))
    anonymous = client_for(web_app)
    for _ in range(5):
        anonymous.post("/api/session", json={"name": "经办乙", "password": "wrong-Password1"})
    locked = {a["name"]: a for a in admin.get("/api/accounts").json()["accounts"]}["经办乙"]
    assert locked["locked_until"] is not None
    since = last_entry(root)
    assert admin.post("/api/accounts/经办乙/unlock").json()["locked_until"] is None
    assert admin.post("/api/accounts/经办乙/password", json={"password": "Another-2024"}).status_code == 200
    good = anonymous.post("/api/session", json={"name": "经办乙", "password": "Another-2024",
                                                "otp": fresh_code(secret, used, "经办乙")})  # fmt: skip
    assert good.status_code == 200, good.text
    reset = admin.post("/api/accounts/经办乙/totp-reset")
    assert reset.status_code == 200 and reset.json()["totp_confirmed"] is False
    done = [act for _, act, d in actions_since(root, since) if d.get("account") == "经办乙" and act != "登录"]
    assert done == ["账户解锁", "密码重设", "二次验证重置"]
    assert admin.post("/api/accounts/无此人/unlock").status_code == 400


def test_anyone_signed_in_changes_their_own_password_giving_the_old_one(web_app, web_county):
    from medaid.services.accounts import add_account

    root = web_county.root
    add_account(root, "评价员丙", "evaluator", password=PASSWORD, actor="测试")
    mine = client_for(web_app, web_county, "评价员丙")
    other = client_for(web_app, web_county, "评价员丙")  # a second browser of the same account
    since = last_entry(root)
    wrong = mine.post("/api/session/password", json={"old": "Not-the-2023", "new": "Changed-2024!"})
    assert wrong.status_code == 400 and "原密码不正确" in wrong.json()["error"]["message"]
    weak = mine.post("/api/session/password", json={"old": PASSWORD, "new": "short"})
    assert weak.status_code == 400
    done = mine.post("/api/session/password", json={"old": PASSWORD, "new": "Changed-2024!"})
    assert done.status_code == 200, done.text
    assert mine.get("/api/session").status_code == 200  # this browser stays signed in
    assert other.get("/api/session").status_code == 401  # the other one is signed out
    anonymous = client_for(web_app)
    assert anonymous.post("/api/session", json={"name": "评价员丙", "password": PASSWORD}).status_code == 401
    assert anonymous.post("/api/session", json={"name": "评价员丙", "password": "Changed-2024!"}).status_code == 200
    logged = [(actor, act) for actor, act, d in actions_since(root, since) if act in ("密码修改失败", "密码重设")]
    assert logged == [("评价员丙", "密码修改失败"), ("评价员丙", "密码重设")]
    page = mine.get("/password", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "/api/session/password" in page.text


def test_changing_ones_password_needs_a_session_and_the_csrf_token(web_app, web_county):
    anonymous = client_for(web_app)
    assert anonymous.post("/api/session/password", json={"old": PASSWORD, "new": "Changed-2024!"}).status_code == 401
    client = client_for(web_app, web_county, ACCOUNTS["finance"])
    del client.headers["X-CSRF-Token"]
    assert client.post("/api/session/password", json={"old": PASSWORD, "new": "Changed-2024!"}).status_code == 403
