"""Who is asking, and may they: the session cookie, the CSRF token and the role's rights.

- The session cookie (``medaid_session``) is secure, HTTP-only and SameSite=Strict; the server keeps
  only its SHA-256 (services.accounts). Thirty idle minutes end it.
- Every state-changing request (POST, PUT, PATCH, DELETE) carries the session's CSRF token in the
  ``X-CSRF-Token`` header; only signing in (``POST /api/session``, JSON only) is exempt.
- A refused right answers 403 and is written to the audit trail; no session answers 401 (a page
  request is sent to the login page instead).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Depends, Request

from medaid.roles import Right, may, role_label
from medaid.web.errors import MustEnrol, NotSignedIn, Refused

if TYPE_CHECKING:
    from medaid.services.follow_ups import Scope

COOKIE = "medaid_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SIGN_IN = "/api/session"
# what a signed-in account whose role needs a second factor may reach before enrolling one
ENROLMENT_PATHS = ("/totp", "/api/totp", "/api/session", "/logout")


@dataclass(frozen=True)
class Principal:
    """The signed-in account, as the routes see it."""

    name: str
    role: str
    department: str | None
    area: str | None
    csrf: str
    must_enrol_totp: bool

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    def may(self, right: Right) -> bool:
        return may(self.role, right)

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "role_label": self.role_label, "department": self.department,
                "area": self.area, "must_enrol_totp": self.must_enrol_totp}  # fmt: skip


def root_of(request: Request) -> Path:
    root: Path = request.app.state.root
    return root


def current_principal(request: Request) -> Principal | None:
    from medaid.services.accounts import session_of

    cached: Principal | None = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    found = session_of(root_of(request), token, idle_minutes=request.app.state.idle_minutes)
    if found is None:
        return None
    a = found.account
    principal = Principal(a.name, a.role, a.department, a.area, found.csrf, found.must_enrol_totp)
    request.state.principal = principal
    return principal


def _check_csrf(request: Request, principal: Principal) -> None:
    if request.method in SAFE_METHODS:
        return
    given = request.headers.get(CSRF_HEADER, "")
    if not given or not hmac.compare_digest(given, principal.csrf):
        _refuse(request, principal, "CSRF", "请求缺少或带有错误的 CSRF 令牌（X-CSRF-Token）", "请刷新页面后重试")


def _refuse(request: Request, principal: Principal, what: str, message: str, hint: str = "") -> None:
    from medaid.services.accounts import log_refusal

    log_refusal(root_of(request), principal.name, what, f"{request.method} {request.url.path}")
    raise Refused(message, hint)


def signed_in(request: Request) -> Principal:
    """Any signed-in account (401 otherwise); CSRF checked on every state-changing request."""
    principal = current_principal(request)
    if principal is None:
        raise NotSignedIn()
    _check_csrf(request, principal)
    if principal.must_enrol_totp and not request.url.path.startswith(ENROLMENT_PATHS):
        raise MustEnrol()
    return principal


def require(right: Right) -> Callable[[Request, Principal], Principal]:
    """A dependency: the signed-in account, if its role has ``right`` (403, logged, otherwise)."""

    def dependency(request: Request, principal: Principal = Depends(signed_in)) -> Principal:  # noqa: B008
        if not principal.may(right):
            _refuse(request, principal, right.value, f"您的角色（{principal.role_label}）无权进行此操作")
        return principal

    dependency.right = right  # type: ignore[attr-defined]  # read by the role × route matrix test
    return dependency


def scope_of(principal: Principal) -> Scope:
    """The rows an account may see: its own 认定部门 (the department role) and its 区划 (any role)."""
    from medaid.roles import DEPARTMENT_ROLES
    from medaid.services.follow_ups import Scope

    department = principal.department if principal.role in DEPARTMENT_ROLES else None
    return Scope(department=department, area=principal.area)
