"""Signing in to the web application and the browser sessions that follow; re-exported by
``services.accounts``, the one API the web calls.

A failed sign-in says only "账户名或密码错误", whatever was wrong (unknown account, wrong or
missing password, disabled account, wrong code), except one case: the password was right and
no code was given — then "需要动态验证码" (:class:`OtpRequired`), so that the form can ask for it
in a second step. That answer counts toward the lock like any failure, so it is no cheaper a way
to guess a password, and the code is still needed. Five failures in a row lock the account for
15 minutes (:class:`AccountLocked`); while locked, the password is not even checked.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import MedaidError
from medaid.roles import TOTP_ROLES, role_label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from medaid.store.accounts import Account
    from medaid.store.crypto import KeyRing

LOCK_AFTER = 5  # wrong attempts in a row
LOCK_MINUTES = 15
IDLE_MINUTES = 30  # a browser session unused this long ends
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen is written at most this often
MAX_SESSION = dt.timedelta(hours=12)  # a session in use all day still ends: a working day, then sign in again
GENERIC = "账户名或密码错误"
GENERIC_FIX = (
    f"请检查后重试；已启用二次验证的账户还须填写正确的动态验证码。连续输错 {LOCK_AFTER} 次将锁定 {LOCK_MINUTES} 分钟"
)


class SignInFailed(MedaidError):
    """A sign-in was refused; the message does not say which part was wrong."""


class OtpRequired(SignInFailed):
    """The password was right; the account's dynamic code is missing."""


class AccountLocked(SignInFailed):
    """Too many wrong attempts in a row: the account waits, or an administrator unlocks it."""


@dataclass(frozen=True)
class AccountView:
    """An account as pages and the CLI show it: never its password hash or TOTP secret."""

    name: str
    role: str
    department: str | None = None
    area: str | None = None
    has_password: bool = False
    totp_required: bool = False
    totp_confirmed: bool = False
    locked_until: dt.datetime | None = None  # None: not locked (now)
    disabled: bool = False

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    @property
    def must_enrol_totp(self) -> bool:
        return self.totp_required and not self.totp_confirmed

    @staticmethod
    def of(account: Account, at: dt.datetime) -> AccountView:
        locked = account.locked_until if account.locked_until is not None and account.locked_until > at else None
        return AccountView(account.name, account.role, account.department, account.area,
                           account.password_hash is not None, account.role in TOTP_ROLES,
                           bool(account.totp_confirmed), locked, bool(account.disabled))  # fmt: skip

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "role_label": self.role_label, "department": self.department,
                "area": self.area, "has_password": self.has_password, "totp_required": self.totp_required,
                "totp_confirmed": self.totp_confirmed, "disabled": self.disabled,
                "locked_until": self.locked_until.isoformat() if self.locked_until else None}  # fmt: skip


@dataclass(frozen=True)
class SignIn:
    """A successful sign-in: the cookie's token (kept only hashed) and the session's CSRF token."""

    account: AccountView
    token: str = field(repr=False)
    csrf: str = field(repr=False)
    must_enrol_totp: bool  # only the enrolment page until a second factor is confirmed


@dataclass(frozen=True)
class SessionView:
    account: AccountView
    csrf: str = field(repr=False)
    must_enrol_totp: bool


@contextmanager
def app_session(root: Path, *, check: bool = True) -> Iterator[Session]:
    """A session on the app database; ``check``: refuse a folder that is not a workspace first."""
    from medaid.store.app import session_for
    from medaid.workspace import Workspace

    with session_for(Workspace.open(root).root if check else root) as session:
        yield session


def key_ring(root: Path) -> KeyRing:
    """The workspace key, which seals the TOTP secrets."""
    from medaid.workspace import Workspace

    return Workspace.open(root).key()


def sign_in(root: Path, name: str, password: str, otp: str | None = None, *, client: str | None = None) -> SignIn:
    """A new browser session, or :class:`SignInFailed` (:class:`AccountLocked`, :class:`OtpRequired`)."""
    from medaid.store import accounts as store

    with app_session(root) as session:
        outcome = _attempt(session, root, name.strip(), password, (otp or "").strip(), client, store.now())
    if isinstance(outcome, SignInFailed):
        raise outcome  # raised once the failure count and its audit entry are committed
    return outcome


def _attempt(session: Session, root: Path, name: str, password: str, otp: str, client: str | None,
             at: dt.datetime) -> SignIn | SignInFailed:  # fmt: skip
    from medaid.store.accounts import find_account, log_event, open_web_session
    from medaid.store.passwords import check_password, totp_step, unseal

    account = find_account(session, name)
    if account is not None and account.locked_until is not None:
        if account.locked_until > at:
            return _refuse(session, name, "locked", client, AccountLocked(
                f"账户已锁定，请于 {account.locked_until:%H:%M} 后再试或请管理员解锁",
                fix="管理员可运行 medaid accounts unlock 工作区 账户名"))  # fmt: skip
        account.locked_until, account.failed_logins = None, 0  # the lock has run out: a fresh count
    if account is None or account.disabled:
        check_password(None, password)  # as long as a real check: the answer's timing says nothing
        return _refuse(session, name, "unknown" if account is None else "disabled", client)
    ok, rehashed = check_password(account.password_hash, password)
    reason = "no_password" if account.password_hash is None else "" if ok else "password"
    if not reason and account.totp_confirmed and account.totp_secret is not None:
        if not otp:
            reason = "otp_missing"
        else:
            step = totp_step(unseal(key_ring(root), account.totp_secret), otp, after=account.totp_step)
            if step is None:
                reason = "otp"  # wrong, out of time, or a code already used (the log does not say which)
            else:
                account.totp_step = step
    if reason:
        account.failed_logins = (account.failed_logins or 0) + 1
        if account.failed_logins >= LOCK_AFTER:
            account.locked_until = at + dt.timedelta(minutes=LOCK_MINUTES)
        if reason == "otp_missing":
            return _refuse(session, name, reason, client, OtpRequired(
                "需要动态验证码", fix="请打开手机上的验证器应用，填写其当前显示的 6 位动态验证码"))  # fmt: skip
        return _refuse(session, name, reason, client)
    account.failed_logins, account.locked_until = 0, None
    if rehashed is not None:
        account.password_hash = rehashed
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    open_web_session(session, token, account.name, csrf, at)
    log_event(session, account.name, "登录", {"client": client})
    view = AccountView.of(account, at)
    return SignIn(view, token, csrf, view.must_enrol_totp)


def _refuse(session: Session, name: str, reason: str, client: str | None,
            error: SignInFailed | None = None) -> SignInFailed:  # fmt: skip
    from medaid.store.accounts import log_event

    log_event(session, name, "登录失败", {"reason": reason, "client": client})
    return error or SignInFailed(GENERIC, fix=GENERIC_FIX)


def session_of(root: Path, token: str | None, *, idle_minutes: int = IDLE_MINUTES) -> SessionView | None:
    """The signed-in account of a cookie's token, or None (unknown, idle too long, older than
    ``MAX_SESSION`` however busy, account disabled or gone).
    Called on every request: it does not reopen the workspace, which the web application opened at start."""
    from medaid.store import accounts as store

    if not token:
        return None
    at = store.now()
    with app_session(root, check=False) as session:
        web = store.find_web_session(session, token)
        if web is None:
            return None
        account = store.find_account(session, web.account)
        idle = at - web.last_seen > dt.timedelta(minutes=idle_minutes)
        if account is None or account.disabled or idle or at - web.created_at > MAX_SESSION:
            session.delete(web)
            return None
        if at - web.last_seen >= TOUCH_EVERY:
            web.last_seen = at
        view = AccountView.of(account, at)
        return SessionView(view, web.csrf, view.must_enrol_totp)


def sign_out(root: Path, token: str | None) -> None:
    from medaid.store.accounts import find_web_session, log_event

    if not token:
        return
    with app_session(root, check=False) as session:
        web = find_web_session(session, token)
        if web is not None:
            session.delete(web)
            log_event(session, web.account, "退出登录", {})


def log_refusal(root: Path, name: str, action: str, target: str) -> None:
    """A refused request (the web's 403): who asked, for what, on what."""
    from medaid.store.accounts import log_event

    with app_session(root, check=False) as session:
        log_event(session, name, "拒绝访问", {"action": action, "target": target})
