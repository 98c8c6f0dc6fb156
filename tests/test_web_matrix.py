"""Who may call what: every route of the web application against every role, read from the routes themselves.

The right a route needs is the one its ``require(right)`` dependency carries; whether a role has it
is ``medaid.roles.may``. So a route added tomorrow is in this matrix without being named, and a
route with no rule at all fails the first test. A GET answers exactly 200 to a role with the right
and 403 to one without (logged as 拒绝访问); anonymous calls get 401 (a page: a redirect to the
login page). A state-changing route refuses a role without the right before it reads the body, and
never answers 401, 403 or 500 to a role with it. A department account sees only its own rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from medaid.roles import ROLES, Right
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from tests.web_cases import (
    BODIES,
    INLINE,
    OPEN,
    REDIRECTS,
    SKIPPED,
    Endpoint,
    account,
    endpoints,
    get_answers,
    lenient,
)
from tests.web_support import DEPARTMENT, client_for

REFUSED = "拒绝访问"


def refusals(root: Any) -> set[tuple[str, str]]:
    """(account, "METHOD /path") of every 拒绝访问 entry in the audit trail."""
    with session_for(root) as session:
        rows = session.execute(select(AuditEntry.actor, AuditEntry.detail).where(AuditEntry.action == REFUSED))
        return {(actor, json.loads(detail)["target"]) for actor, detail in rows}


def expected(endpoint: Endpoint, role: str | None) -> tuple[int, str | None]:
    """The status (and redirect target) ``role`` must get from the GET route ``endpoint``."""
    if endpoint.open:
        return (200, None) if role is None else (0, None)  # 0: anything but 401, 403 and 500
    if role is None:
        return (303, "/login") if endpoint.page else (401, None)
    if (endpoint.label, role) in REDIRECTS:
        return 303, REDIRECTS[(endpoint.label, role)]
    return (200, None) if endpoint.allowed(role) else (403, None)


def mismatches(answers: Any, roles: tuple[str | None, ...]) -> Iterator[str]:
    for endpoint in answers.endpoints:
        for role in roles:
            got = answers.by[(role, endpoint.label)]
            status, target = expected(endpoint, role)
            where = got.headers.get("location", "")
            if status == 0:
                ok = got.status not in (401, 403) and got.status < 500
            else:
                ok = got.status == status and (target is None or where.startswith(target))
            if not ok:
                yield f"{endpoint.label} 对 {role or '未登录'}：应为 {status or '非 401/403/5xx'}，实为 {got.status} {where} {got.text[:200]}"


def test_every_route_has_a_rule(web_app):
    """A route is open (a short, named list), or checks a right through ``require``, or needs a session."""
    found = endpoints(web_app)
    assert {e.label for e in found} >= OPEN, "开放路由表中有不存在的路由"
    assert {e.label for e in found} >= set(INLINE), "自行检查会话的路由表中有不存在的路由"
    unruled = [e.label for e in found if not e.open and not e.signed_in and e.label not in INLINE]
    assert unruled == [], f"这些路由既不检查权限也不要求登录：{unruled}"
    assert all(e.right is None or isinstance(e.right, Right) for e in found)
    assert {e.label for e in found if e.right is not None} - set(INLINE), "没有找到任何 require(权限) 依赖"
    assert set(SKIPPED) <= {e.label for e in found}, "跳过表中有不存在的路由"


def test_every_route_with_a_path_parameter_has_a_value(web_app, web_county):
    missing = [e.label for e in endpoints(web_app) if e.label not in SKIPPED and e.url(web_county) is None]
    assert missing == [], f"请在 tests/web_cases.py 的 PATH_VALUES 中为这些路由的路径参数给出示例值：{missing}"


def test_anonymous_calls_are_refused_or_sent_to_the_login_page(web_app, browsers, web_county):
    answers = get_answers(web_app, browsers, web_county)
    assert list(mismatches(answers, (None,))) == []


@pytest.mark.parametrize("role", list(ROLES))
def test_each_get_route_answers_200_with_the_right_and_403_without(web_app, browsers, web_county, role):
    answers = get_answers(web_app, browsers, web_county)
    assert list(mismatches(answers, (role,))) == []


def test_every_refused_get_is_in_the_audit_trail(web_app, browsers, web_county):
    answers = get_answers(web_app, browsers, web_county)
    logged = refusals(web_county.root)
    refused = [(account(role), f"GET {e.url(web_county)}") for e in answers.endpoints for role in ROLES
               if answers.by[(role, e.label)].status == 403]  # fmt: skip
    assert refused, "矩阵中没有任何被拒绝的请求：权限检查没有被测到"
    assert [r for r in refused if r not in logged] == []


def test_a_refused_page_is_a_chinese_error_page_and_a_refused_api_call_the_error_shape(web_app, browsers, web_county):
    answers = get_answers(web_app, browsers, web_county)
    for endpoint in answers.endpoints:
        for role in ROLES:
            got = answers.by[(role, endpoint.label)]
            if got.status != 403:
                continue
            if endpoint.page:
                assert got.headers["content-type"].startswith("text/html"), endpoint.label
                assert "无权" in got.text, endpoint.label
            else:
                error = json.loads(got.content)["error"]
                assert set(error) == {"message", "location", "hint"} and "无权" in error["message"], endpoint.label


# --- state-changing routes --------------------------------------------------------------------


def changing(app: Any, county: Any) -> list[Endpoint]:
    return [e for e in endpoints(app) if not e.safe and not e.open and e.label not in SKIPPED and e.url(county)]


@pytest.mark.parametrize("role", list(ROLES))
def test_a_role_without_the_right_is_refused_before_the_body_is_read(web_app, browsers, web_county, role):
    """An empty body with a valid CSRF token: 403 (not 400) for a role without the right, and logged."""
    client = lenient(web_app, browsers[role])
    wrong = []
    for endpoint in changing(web_app, web_county):
        if endpoint.allowed(role):
            continue
        url = endpoint.url(web_county)
        got = client.request(endpoint.method, url, headers={"Accept": "application/json"})
        if got.status_code != 403:
            wrong.append(f"{endpoint.label}: {got.status_code} {got.text[:200]}")
        elif (account(role), f"{endpoint.method} {url}") not in refusals(web_county.root):
            wrong.append(f"{endpoint.label}: 拒绝未写入审计日志")
    assert wrong == []


def test_anonymous_state_changes_get_401(web_app, browsers, web_county):
    wrong = []
    for endpoint in changing(web_app, web_county):
        got = lenient(web_app, browsers[None]).request(
            endpoint.method, endpoint.url(web_county), headers={"Accept": "application/json"}
        )
        if got.status_code != 401:
            wrong.append(f"{endpoint.label}: {got.status_code}")
    assert wrong == []


@pytest.mark.parametrize("role", list(ROLES))
def test_a_role_with_the_right_is_never_refused_nor_served_an_error(web_app, browsers, web_county, role):
    """With the right, an example body (or an empty one): anything but 401, 403 and 500. Signing out is
    tried on a session of its own, so the shared browser stays signed in."""
    wrong = []
    for endpoint in changing(web_app, web_county):
        if not endpoint.allowed(role):
            continue
        client = (
            client_for(web_app, web_county, account(role))
            if endpoint.label == "DELETE /api/session"
            else lenient(web_app, browsers[role])
        )
        body = BODIES.get(endpoint.label)
        got = client.request(
            endpoint.method, endpoint.url(web_county), json=body, headers={"Accept": "application/json"}
        )
        if got.status_code in (401, 403) or got.status_code >= 500 or (body is not None and got.status_code != 200):
            wrong.append(f"{endpoint.label}: {got.status_code} {got.text[:200]}")
        elif body is None and got.status_code >= 400:
            assert set(got.json()["error"]) == {"message", "location", "hint"}, endpoint.label
    assert wrong == []
    assert browsers[role].get("/api/session").status_code == 200


# --- a department sees its own rows ---------------------------------------------------------


def rows(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON answer that names its 认定部门 (``departments``: a list of names)."""
    if isinstance(data, dict):
        named = data.get("departments")
        if isinstance(named, list) and all(isinstance(d, str) for d in named):
            yield data
        for value in data.values():
            yield from rows(value)
    elif isinstance(data, list):
        for value in data:
            yield from rows(value)


def test_a_department_account_sees_only_its_own_rows(web_app, browsers, web_county):
    answers = get_answers(web_app, browsers, web_county)
    scoped = 0
    others = []
    for endpoint in answers.endpoints:
        mine = answers.by[("department", endpoint.label)]
        if (
            endpoint.page
            or mine.status != 200
            or not mine.headers.get("content-type", "").startswith("application/json")
        ):
            continue
        listed = list(rows(json.loads(mine.content)))
        assert all(DEPARTMENT in r["departments"] for r in listed), f"{endpoint.label} 向民政账户显示了其他部门的行"
        everyone = list(rows(json.loads(answers.by[("finance", endpoint.label)].content)))
        if listed and any(DEPARTMENT not in r["departments"] for r in everyone):
            scoped += 1
        others += [endpoint.label for r in listed if DEPARTMENT not in r["departments"]]
    lists = [e.label for e in answers.endpoints if e.path in ("/api/warnings", "/api/verification")]
    if lists:  # the follow-up lists exist: the scope must have been seen at work on them
        assert scoped >= 1, f"{lists} 中没有看到民政账户的范围限制（财政账户的行里应有其他部门的行）"
    assert others == []
