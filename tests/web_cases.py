"""The routes of the web application as the generic tests see them, and the few values they cannot invent.

tests/test_web_matrix.py, tests/test_web_security.py and tests/test_web_openapi.py walk
``web_app.routes``: a route added later is covered without being named here. This module says
which right each route checks (read from its ``require(right)`` dependency), answers every GET
route once per role (shared by the matrix and the security tests, so that the county's slow
pages are computed once), and keeps the short tables of what a generic test cannot guess: a value
for each path parameter, an example body per state-changing route, the routes open without login.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, get_args

from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import Route

from medaid.roles import ROLES, Right, may
from tests.web_support import ACCOUNTS, DEPARTMENT, PASSWORD, YEAR, County

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ROLE_ORDER: tuple[str | None, ...] = (None, *ROLES)

# Routes anyone may call: the health check, signing in, the login page and the API's description.
OPEN: frozenset[str] = frozenset({"GET /api/health", "POST /api/session", "GET /login"})
# Routes that check the session in their body rather than through ``require``: label → the right they
# check, and where a role without it is sent instead of a 403.
INLINE: dict[str, Right] = {"GET /": Right.READ}
REDIRECTS: dict[tuple[str, str], str] = {("GET /", "department"): "/warnings"}
SPARE = "web-spare"  # the account the account routes act on


def _spare_account(county: County) -> str:
    """An account the account routes may change, lock, reset and unlock: never a shared browser's."""
    from medaid.services.accounts import add_account, list_accounts

    if SPARE not in {a.name for a in list_accounts(county.root)}:
        add_account(county.root, SPARE, "evaluator", password=PASSWORD, actor="测试")
    return SPARE


def _import_with_rejects(county: County) -> str:
    from medaid.services.uploads import imports_overview

    return str(next(i.import_id for i in imports_overview(county.root).imports if i.has_rejects))


def _report_file(county: County) -> str:
    """A generated report (the 评分表 workbook: quick to make), made once."""
    from medaid.services.report_files import generate_reports, list_reports

    kept = list_reports(county.root)
    if not kept:
        kept = generate_reports(county.root, ["xlsx"], actor="测试").files
    return kept[0].name


def _warning_of_the_department(county: County) -> str:
    from medaid.services.follow_ups import Scope
    from medaid.services.warnings import list_warnings

    return str(list_warnings(county.root, scope=Scope(department=DEPARTMENT)).warnings[0].id)


_CASES: dict[int, int] = {}  # id(county) → its 民政 case


def _case_of_the_department(county: County) -> str:
    """A 依申请救助 case of 民政's (so that the department account may read it too), with one document; made once."""
    from medaid.cases.model import Application, Declaration, Person
    from medaid.ingest.idnumber import check_char
    from medaid.services.cases import add_document, open_case
    from medaid.services.follow_ups import Scope

    if id(county) not in _CASES:
        number = "45990119800101123" + check_char("45990119800101123")
        application = Application(Person(number, "路人甲"), "因病致贫", dt.date(YEAR, 6, 1), Declaration(1_200_000))
        case = open_case(county.root, application, actor="测试", role="department", scope=Scope(department=DEPARTMENT))
        add_document(county.root, case.id, "申请书", "申请书.txt", "申请书".encode(), actor="测试")
        _CASES[id(county)] = case.id
    return str(_CASES[id(county)])


def _document_of_the_department(county: County) -> str:
    from medaid.services.cases import get_case

    return str(get_case(county.root, int(_case_of_the_department(county))).documents[0].id)


_PLANS: dict[int, tuple[int, int]] = {}  # id(county) → its 回访 plan of 民政's recipients and one of its people


def _visit_plan_and_target(county: County) -> tuple[int, int]:
    """A small 回访 sample of 民政's recipients (so that the department account sees its people too); made once."""
    from medaid.services.visit_forms import PlanForm, plan
    from medaid.services.visits import plan_progress

    if id(county) not in _PLANS:
        form = PlanForm("路由测试回访", f"{YEAR}-07-01", f"{YEAR}-09-30", as_of=f"{YEAR}-06-30",
                        department=DEPARTMENT, method="sample", margin="0.2", seed="routes")  # fmt: skip
        made = plan(county.root, form, actor="测试")
        _PLANS[id(county)] = (made.id, plan_progress(county.root, made.id).targets[0].id)
    return _PLANS[id(county)]


def _visit_plan(county: County) -> str:
    return str(_visit_plan_and_target(county)[0])


def _visit_target(county: County) -> str:
    return str(_visit_plan_and_target(county)[1])


# A value for each path parameter: (the start of the route's path, the parameter) → value, or a function
# of the county giving it (called once per county).
PATH_VALUES: dict[tuple[str, str], str | Callable[[County], str]] = {
    ("/api/accounts/", "name"): _spare_account,
    ("/api/drafts/", "section"): "problems",
    ("/api/drafts/", "item"): "1",
    ("/api/imports/", "import_id"): _import_with_rejects,
    ("/api/reports/files/", "name"): _report_file,
    ("/api/warnings/", "warning_id"): _warning_of_the_department,
    ("/api/cases/", "case_id"): _case_of_the_department,
    ("/api/cases/", "document_id"): _document_of_the_department,
    ("/cases/", "case_id"): _case_of_the_department,
    ("/api/visits/", "plan_id"): _visit_plan,
    ("/api/visits/", "target_id"): _visit_target,
    ("/visits/", "plan_id"): _visit_plan,
}
_VALUES: dict[tuple[int, str, str], Any] = {}


def _finding_of_the_department(county: County) -> dict[str, str]:
    """A verification finding of 民政's (so that the department account may read it too)."""
    from medaid.services.follow_ups import list_findings

    found = list_findings(county.root, department=DEPARTMENT, limit=1).findings[0].found.row
    return {"settlement_id": found.settlement_id, "reason": found.reason}


# Query parameters a GET route needs to answer 200: label → parameters, or a function of the county.
QUERIES: dict[str, dict[str, str] | Callable[[County], dict[str, str]]] = {
    "GET /api/verification/history": _finding_of_the_department,
}
# Example JSON bodies for a role that has the route's right (it must answer 200); other state-changing routes
# get an empty body (they must answer an error in the one shape, or 200 when they need no body).
BODIES: dict[str, dict[str, Any]] = {
    "POST /api/policy/calc": {"category": "低保对象", "visit_type": "住院", "hospital_level": "二级",
                              "date": "2023-06-01", "total": "50000", "in_scope": "45000"},
    "POST /api/rules/try": {"text": "每发现1例扣1分，扣完为止", "weight": "5", "actual": "2例"},
}  # fmt: skip
# Routes the generic tests cannot call, with the reason (keep this short).
SKIPPED: dict[str, str] = {}
# Defects these tests found in routes, expected to fail until mended. Strict: once one is mended the test
# that lists it fails, so that it is taken off this list.
KNOWN_DEFECTS: dict[str, str] = {}
# Routes whose service refuses some roles that hold the route's right (the right is necessary, not sufficient):
# label → those roles. The generic tests expect them refused (403, logged) like a role without the right.
REFINED: dict[str, frozenset[str]] = {
    "POST /api/cases/{case_id}/retroactive/settle": frozenset({"department"}),  # 追溯救助: the county's clerks only
}


@dataclass(frozen=True)
class Endpoint:
    """One method of one route."""

    method: str
    path: str  # as declared: /api/warnings/{warning_id}
    right: Right | None  # what its ``require(right)`` dependency checks (or INLINE)
    signed_in: bool  # needs a session (through ``require`` or ``signed_in``)
    query: tuple[str, ...] = ()
    path_params: tuple[str, ...] = ()
    text_query: tuple[str, ...] = ()  # the query parameters that take any text (not a number, date or flag)
    numbers: tuple[str, ...] = ()  # the query and path parameters that take a whole number

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def page(self) -> bool:
        return not self.path.startswith("/api/")

    @property
    def safe(self) -> bool:
        return self.method in SAFE_METHODS

    @property
    def open(self) -> bool:
        return self.label in OPEN

    def url(self, county: County, **given: str) -> str | None:
        """The address with its path parameters filled in (``given``, else PATH_VALUES), or None when one
        has no value."""
        url = self.path
        for name in self.path_params:
            value = given.get(name) or self._value(county, name)
            if value is None:
                return None
            url = url.replace(f"{{{name}}}", value)
        return url

    def _value(self, county: County, name: str) -> str | None:
        key = next(((p, n) for p, n in PATH_VALUES if n == name and self.path.startswith(p)), None)
        if key is None:
            return None
        value = PATH_VALUES[key]
        if not callable(value):
            return value
        kept = (id(county), *key)
        if kept not in _VALUES:
            _VALUES[kept] = value(county)
        found: str = _VALUES[kept]
        return found

    def allowed(self, role: str | None) -> bool:
        """Whether ``role`` (None: anonymous) may call this route."""
        if self.open:
            return True
        if role is None:
            return False
        return (self.right is None or may(role, self.right)) and role not in REFINED.get(self.label, ())

    def query_values(self, county: County) -> dict[str, str] | None:
        """The query parameters this route needs (QUERIES), computed once per county."""
        given = QUERIES.get(self.label)
        if not callable(given):
            return given
        kept = (id(county), self.label, "?")
        if kept not in _VALUES:
            _VALUES[kept] = given(county)
        found: dict[str, str] = _VALUES[kept]
        return found

    def headers(self) -> dict[str, str]:
        return {"Accept": "text/html"} if self.page else {"Accept": "application/json"}


def _walk(dependant: Any) -> Iterator[Any]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _walk(sub)


def _describe(method: str, path: str, dependant: Any) -> Endpoint:
    from medaid.web.auth import signed_in

    parts = list(_walk(dependant))
    rights = {getattr(d.call, "right", None) for d in parts} - {None}
    assert len(rights) <= 1, f"{method} {path} 依赖多个权限：{rights}"
    right = next(iter(rights), None) or INLINE.get(f"{method} {path}")
    needs = any(d.call is signed_in for d in parts) or bool(rights)
    query = tuple(dict.fromkeys(q.alias for d in parts for q in d.query_params))
    params = tuple(dict.fromkeys(p.alias for d in parts for p in d.path_params))
    text = tuple(dict.fromkeys(q.alias for d in parts for q in d.query_params if _takes(str, q.field_info.annotation)))
    numbers = tuple(dict.fromkeys(q.alias for d in parts for q in (*d.query_params, *d.path_params)
                                  if _takes(int, q.field_info.annotation)))  # fmt: skip
    return Endpoint(method, path, right, needs, query, params, text, numbers)


def _takes(kind: type, annotation: Any) -> bool:
    return annotation is kind or kind in get_args(annotation)


def endpoints(app: Any) -> list[Endpoint]:
    """Every method of every route of the app, static files aside."""
    found: list[Endpoint] = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute | Route):
            continue  # the /static mount: tested through its answers' headers
        dependant = getattr(context, "dependant", None)
        for method in sorted(context.methods or ()):
            if method == "HEAD":
                continue
            if dependant is None:
                found.append(Endpoint(method, context.path, None, False))
            else:
                found.append(_describe(method, context.path, dependant))
    return found


# --- every GET route answered once per role ------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


@dataclass
class Answers:
    """The answer of every GET route (with a usable address) to every role. Refusals are asked first: each
    writes an entry to the audit trail, and any new entry makes the dashboard compute its figures again
    (seconds for the county); asked after them, the dashboard is computed once for every role."""

    by: dict[tuple[str | None, str], Answer] = field(default_factory=dict)  # (role, label) → answer
    endpoints: list[Endpoint] = field(default_factory=list)


_ANSWERS: dict[int, Answers] = {}


def get_answers(app: Any, browsers: dict[str | None, Any], county: County) -> Answers:
    kept = _ANSWERS.get(id(app))
    if kept is not None:
        return kept
    gets = [e for e in endpoints(app) if e.method == "GET" and e.label not in SKIPPED and e.url(county) is not None]
    answers = Answers(endpoints=gets)
    asks = [(role, e) for e in gets for role in ROLE_ORDER]
    asks.sort(key=lambda ask: ask[1].allowed(ask[0]))  # refusals first (a stable sort keeps the order otherwise)
    clients = {role: lenient(app, browser) for role, browser in browsers.items()}
    for role, endpoint in asks:
        url = endpoint.url(county)
        assert url is not None
        got = clients[role].get(url, params=endpoint.query_values(county), headers=endpoint.headers(),
                                 follow_redirects=False)  # fmt: skip
        answers.by[(role, endpoint.label)] = Answer(got.status_code, dict(got.headers), got.content)
    _ANSWERS[id(app)] = answers
    return answers


def lenient(app: Any, browser: Any) -> Any:
    """The same browser (cookies, CSRF header), but a server error comes back as a 500 answer to be counted
    rather than raised in the test."""
    from fastapi.testclient import TestClient

    from tests.web_support import BASE_URL

    return TestClient(app, base_url=BASE_URL, cookies=browser.cookies, headers=dict(browser.headers),
                      raise_server_exceptions=False)  # fmt: skip


def account(role: str) -> str:
    return ACCOUNTS[role]
