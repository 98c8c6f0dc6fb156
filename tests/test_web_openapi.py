"""Property-based tests of the JSON API from its own description (/api/openapi.json), with schemathesis.

Every operation the app describes gets generated requests — as a finance account (broad read
rights) and as a clerk (imports, verification, follow-ups, reveal) — through the ASGI app in
process, each with a session of its own and its CSRF token. The one check: no answer is a server
error (5xx). Operations that would change the shared county (import, a new verification run, a
push, a follow-up) get invalid requests only (schemathesis' negative mode): a 4xx, never a change.
Signing out is left to tests/test_web_security.py (it would end the session the other cases use).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.web_cases import KNOWN_DEFECTS, account, endpoints
from tests.web_support import County, client_for

SEED = 20231231
# a handful of examples each (seeded: the same requests every run), fewer where one request recomputes a
# year (seconds at county scale)
EXAMPLES = 8
SLOW = ("/api/dashboard", "/api/metrics", "/api/drafts", "/api/evaluation", "/api/policy/simulate")
# (method, path) that change the county when given a valid request: fuzzed with invalid requests only
CHANGING = (
    ("POST", "/api/imports"),
    ("POST", "/api/verification/runs"),
    ("POST", "/api/verification/follow-ups"),
    ("POST", "/api/warnings/push"),
    ("POST", "/api/warnings/{warning_id}/follow-up"),
    ("POST", "/api/evaluation/recompute"),
    ("POST", "/api/reports"),
    ("PUT", "/api/drafts/{section}/{item}"),
    ("POST", "/api/judgments"),
    ("POST", "/api/session/password"),
)
LEFT_OUT = {("DELETE", "/api/session"): "退出登录会结束其他用例所用的会话；见 test_web_security.py"}


def signed_in(app: Any, county: County, role: str) -> dict[str, str]:
    """The headers of a session of schemathesis' own (sent by hand: the cookie is Secure, the calls plain
    ASGI): the session cookie and its CSRF token."""
    client = client_for(app, county, account(role))
    return {
        "Cookie": f"medaid_session={client.cookies['medaid_session']}",
        "X-CSRF-Token": client.headers["X-CSRF-Token"],
    }


@pytest.fixture(scope="module")
def operations(web_app, web_county) -> list[Any]:
    from schemathesis.core.result import Ok

    # the description is for signed-in users only (contract 6: /api/health is the one open route)
    loaded = schemathesis.openapi.from_asgi(
        "/api/openapi.json", web_app, headers=signed_in(web_app, web_county, "finance")
    )
    found = [r.ok() for r in loaded.get_all_operations() if isinstance(r, Ok)]
    assert len(found) == len(list(loaded.get_all_operations())), "/api/openapi.json 中有无法读取的接口"
    return [op for op in found if (op.method.upper(), op.path) not in LEFT_OUT]


def has_inputs(operation: Any) -> bool:
    return bool(list(operation.iter_parameters())) or bool(operation.body)


def server_errors(operation: Any, headers: dict[str, str], *, may: bool) -> list[str]:
    """Seeded generated requests to one operation (the same ones every run); what answered 5xx. An operation
    that would change the county, for a role that may call it, gets invalid requests only."""
    changing = may and (operation.method.upper(), operation.path) in CHANGING and has_inputs(operation)
    mode = GenerationMode.NEGATIVE if changing else GenerationMode.POSITIVE
    examples = 2 if operation.path in SLOW else EXAMPLES

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate, Phase.target])  # fmt: skip
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    try:
        check()
    except Exception as err:  # a failure names the request (as curl) and the answer
        if operation.label in KNOWN_DEFECTS:  # listed with its cause; the strict check is test_web_security's
            return []
        return [f"{operation.label}: {str(err)[:600]}"]
    return []


def test_no_operation_answers_a_finance_account_with_a_server_error(web_app, web_county, operations):
    headers = signed_in(web_app, web_county, "finance")
    rules = {e.label: e for e in endpoints(web_app)}
    assert [e for op in operations for e in server_errors(op, headers, may=rules[op.label].allowed("finance"))] == []


def test_no_operation_answers_a_clerk_with_a_server_error(web_app, web_county, operations):
    """The operations where a clerk is not simply another reader: what finance may read answers a clerk alike
    (neither has a department or area scope), and was fuzzed above."""
    headers = signed_in(web_app, web_county, "clerk")
    rules = {e.label: e for e in endpoints(web_app)}
    own = [op for op in operations if not (op.method.upper() == "GET" and rules[op.label].allowed("finance"))]
    assert len(own) >= 5
    assert [e for op in own for e in server_errors(op, headers, may=rules[op.label].allowed("clerk"))] == []


def test_the_api_description_names_every_json_route(web_app):
    described = web_app.openapi()["paths"]
    listed = {f"{m.upper()} {p}" for p, ops in described.items() for m in ops}
    routes = {e.label for e in endpoints(web_app) if not e.page and e.path != "/api/openapi.json"}
    assert routes <= listed, f"这些接口没有写进 /api/openapi.json：{routes - listed}"
    summaries = [(p, m, op.get("summary", "")) for p, ops in described.items() for m, op in ops.items()]
    assert [s for s in summaries if not any("\u4e00" <= ch <= "\u9fff" for ch in s[2])] == [], (
        "每个接口须有中文 summary"
    )
