"""The web application's defences, tried on every route that has them.

CSRF on every state-changing route; the lock after five wrong passwords; idle sessions ending;
the session cookie's attributes; signing out; the security headers on every kind of answer (pages,
API, static files, errors); the body-size limit; SQL-injection strings in every query parameter of
every GET route; no clear 身份证号 in any GET answer; login errors that do not tell whether an
account exists. Routes are read from ``web_app.routes`` (tests/web_cases.py), so a route added later
is covered without being named. Zip bombs are tested with the upload (test_web_upload.py).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import uuid
import zipfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import inspect, select

from medaid.ingest.idnumber import is_valid
from medaid.roles import ROLES
from medaid.services.accounts import add_account
from medaid.store import accounts as account_store
from medaid.store.app import session_for
from medaid.store.audit_trail import AuditEntry
from medaid.web.app import ServerOptions, create_app
from tests.web_cases import KNOWN_DEFECTS, Endpoint, account, endpoints, get_answers, lenient
from tests.web_support import BASE_URL, PASSWORD, client_for

CSRF = "X-CSRF-Token"
JSON = {"Accept": "application/json"}


def state_changing(app: Any, county: Any) -> list[tuple[Endpoint, str]]:
    """Every state-changing route but signing in (exempt: there is no session yet), with its address."""
    found = []
    for endpoint in endpoints(app):
        url = endpoint.url(county)
        if not endpoint.safe and endpoint.label != "POST /api/session" and url is not None:
            found.append((endpoint, url))
    return found


def holder(endpoint: Endpoint) -> str:
    """A role that has the route's right: a CSRF refusal is then the token's doing, not the role's."""
    return next(role for role in ROLES if endpoint.allowed(role))


# --- CSRF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def second_sessions(web_app, web_county) -> dict[str, TestClient]:
    """Another session of each shared account: its CSRF token is valid, but not for the shared browser."""
    return {role: client_for(web_app, web_county, account(role)) for role in ROLES}


@pytest.mark.parametrize("token", ["missing", "wrong", "another session's"])
def test_every_state_changing_route_refuses_a_request_without_its_sessions_csrf_token(
    web_app, web_county, browsers, second_sessions, token
):
    wrong = []
    for endpoint, url in state_changing(web_app, web_county):
        role = holder(endpoint)
        client = TestClient(web_app, base_url=BASE_URL, cookies=browsers[role].cookies)
        if token == "wrong":
            client.headers[CSRF] = "x" * 43
        elif token == "another session's":
            client.headers[CSRF] = second_sessions[role].headers[CSRF]
        got = client.request(endpoint.method, url, headers=JSON)
        if got.status_code != 403 or "CSRF" not in got.json()["error"]["message"]:
            wrong.append(f"{endpoint.label}（{role}）: {got.status_code} {got.text[:160]}")
    assert wrong == []
    for role in ROLES:  # the refused requests changed nothing: the shared browsers are still signed in
        assert browsers[role].get("/api/session").status_code == 200


def test_a_csrf_refusal_is_in_the_audit_trail(web_app, web_county, browsers):
    client = TestClient(web_app, base_url=BASE_URL, cookies=browsers["evaluator"].cookies)
    assert client.post("/api/judgments", json={}, headers=JSON).status_code == 403
    with session_for(web_county.root) as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (last.actor, last.action) == (account("evaluator"), "拒绝访问")
    assert json.loads(last.detail) == {"action": "CSRF", "target": "POST /api/judgments"}


def test_signing_in_takes_json_only_so_a_cross_site_form_cannot_sign_anyone_in(web_app):
    anonymous = TestClient(web_app, base_url=BASE_URL)
    got = anonymous.post("/api/session", data={"name": account("finance"), "password": PASSWORD})
    assert got.status_code == 400 and "medaid_session" not in got.cookies


# --- signing in, staying signed in, signing out ---------------------------------------------


def test_five_wrong_passwords_lock_the_account_and_the_right_one_then_gets_the_locked_message(web_app, web_county):
    name = f"lock-{uuid.uuid4().hex[:8]}"
    add_account(web_county.root, name, "evaluator", password=PASSWORD, actor="测试")
    client = TestClient(web_app, base_url=BASE_URL)
    for _ in range(5):
        got = client.post("/api/session", json={"name": name, "password": "Wrong-2023!"})
        assert got.status_code == 401 and got.json()["error"]["message"] == "账户名或密码错误"
    got = client.post("/api/session", json={"name": name, "password": PASSWORD})
    assert got.status_code == 401 and "medaid_session" not in got.cookies
    assert got.json()["error"]["message"].startswith("账户已锁定")
    assert "管理员" in got.json()["error"]["hint"]


def test_a_failed_sign_in_does_not_say_whether_the_account_exists(web_app):
    client = TestClient(web_app, base_url=BASE_URL)
    unknown = client.post("/api/session", json={"name": f"nobody-{uuid.uuid4().hex[:8]}", "password": "Wrong-2023!"})
    wrong = client.post("/api/session", json={"name": account("evaluator"), "password": "Wrong-2023!"})
    with_otp = client.post("/api/session", json={"name": account("clerk"), "password": "Wrong-2023!", "otp": "123456"})
    assert unknown.status_code == wrong.status_code == with_otp.status_code == 401
    assert unknown.json() == wrong.json() == with_otp.json()


def test_an_idle_session_ends(web_app, web_county, monkeypatch):
    short = create_app(web_county.root, ServerOptions(idle_minutes=5))
    client = client_for(web_app, web_county, account("finance"))
    cookies = client.cookies
    later = dt.datetime.now().replace(microsecond=0) + dt.timedelta(minutes=6)
    monkeypatch.setattr(account_store, "now", lambda: later)
    assert client.get("/api/session").status_code == 200  # six idle minutes are nothing to the default 30
    monkeypatch.setattr(account_store, "now", lambda: later + dt.timedelta(minutes=6))
    assert TestClient(short, base_url=BASE_URL, cookies=cookies).get("/api/session").status_code == 401
    monkeypatch.undo()
    assert client.get("/api/session").status_code == 401  # ended for good, not only for that app
    other = client_for(web_app, web_county, account("finance"))
    monkeypatch.setattr(account_store, "now", lambda: dt.datetime.now() + dt.timedelta(minutes=31))
    got = other.get("/api/session")
    assert got.status_code == 401 and got.json()["error"]["message"] == "请先登录"


def test_the_session_cookie_is_secure_http_only_and_same_site_strict(web_app):
    client = TestClient(web_app, base_url=BASE_URL)
    got = client.post("/api/session", json={"name": account("finance"), "password": PASSWORD})
    cookie = got.headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
    assert cookie.startswith("medaid_session=")
    assert "secure" in attributes and "httponly" in attributes
    assert attributes["samesite"].lower() == "samesite=strict"
    assert attributes["path"] == "Path=/"
    assert "csrf" not in cookie.lower()  # the CSRF token travels in the answer's body, never in a cookie


def test_signing_out_ends_the_session_on_the_server(web_app, web_county):
    client = client_for(web_app, web_county, account("evaluator"))
    token = client.cookies["medaid_session"]
    got = client.delete("/api/session")
    assert got.status_code == 200 and 'medaid_session=""' in got.headers["set-cookie"]
    replay = TestClient(web_app, base_url=BASE_URL, cookies={"medaid_session": token})
    assert replay.get("/api/session").status_code == 401
    page = replay.get("/evaluation", headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_the_login_page_sends_nobody_to_another_site(web_app, browsers):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        got = browsers["finance"].get("/login", params={"next": target}, follow_redirects=False)
        assert got.status_code == 303 and got.headers["location"] == "/", target


# --- headers on every kind of answer --------------------------------------------------------


def assert_security_headers(got: Any, what: str) -> None:
    csp = got.headers.get("content-security-policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    script = directives.get("script-src", directives.get("default-src"))
    assert script is not None and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, what
    assert "'unsafe-inline'" not in directives.get("style-src", []), what
    assert directives.get("frame-ancestors") == ["'none'"], what
    assert got.headers.get("x-frame-options") == "DENY", what
    assert got.headers.get("referrer-policy") in ("no-referrer", "same-origin", "strict-origin-when-cross-origin"), what
    assert got.headers.get("x-content-type-options") == "nosniff", what


def answers_of_every_kind(client: TestClient, signed_in: bool) -> Iterator[tuple[str, Any]]:
    page = {"Accept": "text/html"}
    yield "登录页", client.get("/login", headers=page, follow_redirects=False)
    yield "接口", client.get("/api/health")
    yield "静态文件", client.get("/static/medaid.css")
    yield "ECharts", client.get("/static/vendor/echarts.min.js")
    yield "接口 404", client.get("/api/no-such-thing")
    yield "页面 404", client.get("/no-such-page", headers=page)
    yield "接口 405", client.put("/api/health")
    if signed_in:
        yield "页面", client.get("/password", headers=page)
        yield "接口 403", client.get("/api/accounts")
        yield "页面 403", client.get("/accounts", headers=page)
        yield "接口 400", client.get("/api/registry", params={"limit": "x"})
    else:
        yield "接口 401", client.get("/api/session")


def test_every_kind_of_answer_carries_the_security_headers_and_hsts_only_over_https(web_app, browsers):
    for name, got in answers_of_every_kind(browsers["finance"], signed_in=True):
        assert_security_headers(got, name)
        assert got.headers.get("strict-transport-security", "").startswith("max-age="), name
    plain = TestClient(web_app, base_url="http://testserver")  # the Secure cookie is not sent over HTTP
    for name, got in answers_of_every_kind(plain, signed_in=False):
        assert_security_headers(got, name)
        assert "strict-transport-security" not in got.headers, name


@pytest.fixture(scope="module")
def small_app(web_county) -> Any:
    return create_app(web_county.root, ServerOptions(max_upload_mb=1))


OVER = b"x" * (1024 * 1024 + 1)


def assert_too_large(got: Any) -> None:
    assert got.status_code == 413, got.text[:200]
    assert set(got.json()["error"]) == {"message", "location", "hint"}
    assert "1 MB" in got.json()["error"]["message"]
    assert_security_headers(got, "413")


def test_a_body_declared_over_the_limit_is_refused_with_413_in_the_error_shape(small_app, browsers):
    clerk = TestClient(small_app, base_url=BASE_URL, cookies=browsers["clerk"].cookies,
                       headers={CSRF: browsers["clerk"].headers[CSRF]})  # fmt: skip
    assert_too_large(
        clerk.post("/api/imports", files={"file": ("结算.csv", OVER, "text/csv")}, data={"kind": "settlements"})
    )
    assert_too_large(TestClient(small_app, base_url=BASE_URL).post("/api/session", content=OVER))


def test_an_upload_streamed_over_the_limit_is_refused_with_413(small_app, browsers):
    clerk = TestClient(small_app, base_url=BASE_URL, cookies=browsers["clerk"].cookies,
                       headers={CSRF: browsers["clerk"].headers[CSRF]})  # fmt: skip
    boundary = "medaid-test"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nsettlements\r\n--{boundary}\r\n' \
           f'Content-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n'  # fmt: skip
    chunks = iter([head.encode(), OVER[:600_000], OVER[600_000:], f"\r\n--{boundary}--\r\n".encode()])
    got = clerk.post(
        "/api/imports", content=chunks, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    assert "content-length" not in got.request.headers  # chunked: the limit is counted as the body arrives
    assert_too_large(got)


def test_a_json_body_streamed_over_the_limit_is_refused_with_413(small_app):
    got = TestClient(small_app, base_url=BASE_URL).post(
        "/api/session", content=iter([OVER[:600_000], OVER[600_000:]]), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in got.request.headers
    assert_too_large(got)


# --- SQL injection in every query parameter ---------------------------------------------------

INJECTIONS = ("' OR '1'='1", "1; DROP TABLE accounts; --", "%' --", "＇ OR ‘1’=’1’ --")
MASKED_ID = re.compile(r"\d{4}\*{10}[\dX]{4}")


def without(text: str, value: str) -> str:
    """The answer with every rendering of ``value`` taken out (echoed in a filter box, a link, a message)."""
    for form in sorted({value, str(escape(value)), json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1],
                        quote(value), quote_plus(value), quote(value, safe="")}, key=len, reverse=True):  # fmt: skip
        text = text.replace(form, "")
    return text


def tries(endpoint: Endpoint, role: str) -> Iterator[tuple[str, str]]:
    """(parameter, payload) to try. Every payload in every text parameter of a JSON route as finance; one
    payload in every other parameter: a number or a date (refused by validation), a page's filter (the
    page renders the same service answer as its JSON twin), a department's (its scope must hold)."""
    every = role == "finance" and not endpoint.page
    for name in endpoint.query:
        for payload in INJECTIONS if every and name in endpoint.text_query else INJECTIONS[:1]:
            yield name, payload


def test_sql_injection_in_every_query_parameter_reveals_nothing_and_breaks_nothing(web_app, browsers, web_county):
    """Each answer is compared with the answer to a harmless value of the same parameter: no larger (the
    echoed value aside) and with no more masked 身份证号 in it."""
    answers = get_answers(web_app, browsers, web_county)
    wrong = []
    tried = 0
    for endpoint in answers.endpoints:
        for role in ("finance", "department"):
            if not endpoint.query or not endpoint.allowed(role):
                continue
            client, url, needed = (
                lenient(web_app, browsers[role]),
                endpoint.url(web_county),
                endpoint.query_values(web_county) or {},
            )

            def ask(name: str, value: str, client: TestClient = client, url: Any = url, needed: dict[str, str] = needed,
                    endpoint: Endpoint = endpoint) -> Any:  # fmt: skip
                return client.get(
                    url, params={**needed, name: value}, headers=endpoint.headers(), follow_redirects=False
                )

            baselines: dict[str, Any] = {}
            for name, payload in tries(endpoint, role):
                tried += 1
                got = ask(name, payload)
                where = f"{endpoint.label} {name}={payload!r}（{role}）"
                if got.status_code >= 500:
                    wrong.append(f"{where}: {got.status_code}")
                if got.status_code != 200:
                    continue
                if name not in baselines:
                    baselines[name] = ask(name, "zzzz")
                harmless = baselines[name]
                bigger = len(without(got.text, payload)) - len(without(harmless.text, "zzzz"))
                more_ids = len(MASKED_ID.findall(got.text)) - len(MASKED_ID.findall(harmless.text))
                if bigger > 64 or more_ids > 0:
                    wrong.append(f"{where}: 比无害值的回答多 {bigger} 字节、{more_ids} 个身份证号")
    assert tried > 50, "几乎没有可注入的查询参数：路由表读取有误？"
    assert wrong == []
    with session_for(web_county.root) as session:
        tables = set(inspect(session.get_bind()).get_table_names())
    assert {"accounts", "web_sessions", "audit_log", "warnings", "finding_follow_ups"} <= tables
    from medaid.workspace import Workspace

    with Workspace.open(web_county.root).connect(read_only=True) as con:
        kept = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"settlements", "recipients", "imports"} <= kept
    for role in ROLES:
        assert browsers[role].get("/api/session").status_code == 200


# --- numbers beyond any bound ------------------------------------------------------------------


def test_a_number_too_large_for_any_database_is_refused_not_a_server_error(web_app, browsers, web_county):
    """10**20 in every whole-number parameter (query or path) of every GET route: a 4xx, never a 500."""
    wrong, tried = {}, 0
    for endpoint in get_answers(web_app, browsers, web_county).endpoints:
        for name in endpoint.numbers:
            role = holder(endpoint)
            params = dict(endpoint.query_values(web_county) or {})
            if name in endpoint.path_params:
                url = endpoint.url(web_county, **{name: str(10**20)})
            else:
                url, params[name] = endpoint.url(web_county), str(10**20)
            tried += 1
            got = lenient(web_app, browsers[role]).get(
                url, params=params, headers=endpoint.headers(), follow_redirects=False
            )
            if got.status_code >= 500:
                wrong[endpoint.label] = f"{name}: {got.status_code}"
    assert tried > 5
    assert set(wrong) - set(KNOWN_DEFECTS) == set(), wrong
    mended = {label for label in KNOWN_DEFECTS if label not in wrong and label in {e.label for e in endpoints(web_app)}}
    assert mended == set(), f"已修好：请从 tests/web_cases.py 的 KNOWN_DEFECTS 中删去 {mended}"


# --- no clear 身份证号 in any answer ------------------------------------------------------------

ID_TOKEN = re.compile(r"(?<![0-9Xx])[0-9]{17}[0-9Xx](?![0-9Xx])")


def texts(content: bytes) -> Iterator[str]:
    """The text of an answer, or of every part of a zipped one (xlsx, docx)."""
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as zipped:
            for member in zipped.namelist():
                yield zipped.read(member).decode("utf-8", errors="replace")
    else:
        yield content.decode("utf-8", errors="replace")


def clear_ids(content: bytes) -> list[str]:
    return [t for text in texts(content) for t in ID_TOKEN.findall(text) if is_valid(t.upper())]


def test_the_id_detector_finds_a_clear_id_in_text_and_in_a_workbook(web_county):
    listed = next(web_county.data.glob("recipients_*.csv")).read_bytes()
    found = clear_ids(listed)
    assert found, "生成的名单中应有有效身份证号"
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as zipped:
        zipped.writestr("xl/sharedStrings.xml", f"<si><t>{found[0]}</t></si>")
    assert clear_ids(workbook.getvalue()) == [found[0]]


@pytest.mark.parametrize("role", list(ROLES))
def test_no_get_answer_holds_a_clear_id_number(web_app, browsers, web_county, role):
    """Masked roles (evaluator, finance, department) above all; but no GET shows a clear ID to anyone:
    clear values come only from an explicit reveal (a POST with a reason, logged)."""
    answers = get_answers(web_app, browsers, web_county)
    leaks = {e.label: ids[:3] for e in answers.endpoints if (ids := clear_ids(answers.by[(role, e.label)].content))}
    assert leaks == {}
    if role != "admin":  # the pages hold people (masked): the scan looked at personal rows
        assert any(MASKED_ID.search(a.text) for (r, _), a in answers.by.items() if r == role)
