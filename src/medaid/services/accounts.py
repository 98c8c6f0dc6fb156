"""Accounts and roles, sign-in and browser sessions, and the log of every unmasked look at identities:
the API the CLI and the web application call (signing in lives in ``services.sign_in``, re-exported).

Passwords are argon2id hashes; the second factor (TOTP) is required of the roles in
``roles.TOTP_ROLES`` (admin, clerk: they can reveal identities or give themselves that right).
Every change is an entry of the audit trail. Who may call what (the ``accounts`` right) is
decided by the face: the web's one table of routes and roles, or the operating-system user at
the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import MedaidError
from medaid.roles import DEPARTMENT_ROLES
from medaid.services.common import actor_name
from medaid.services.sign_in import IDLE_MINUTES as IDLE_MINUTES
from medaid.services.sign_in import LOCK_AFTER as LOCK_AFTER
from medaid.services.sign_in import LOCK_MINUTES as LOCK_MINUTES
from medaid.services.sign_in import AccountLocked as AccountLocked
from medaid.services.sign_in import AccountView as AccountView
from medaid.services.sign_in import OtpRequired as OtpRequired
from medaid.services.sign_in import SessionView as SessionView
from medaid.services.sign_in import SignIn as SignIn
from medaid.services.sign_in import SignInFailed as SignInFailed
from medaid.services.sign_in import app_session, key_ring
from medaid.services.sign_in import log_refusal as log_refusal
from medaid.services.sign_in import session_of as session_of
from medaid.services.sign_in import sign_in as sign_in
from medaid.services.sign_in import sign_out as sign_out
from medaid.store.passwords import TotpEnrolment as TotpEnrolment  # what enrol_totp returns

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from medaid.store.accounts import AccessRecord, Account


def _get(session: Session, name: str) -> Account:
    from medaid.store.accounts import find_account

    account = find_account(session, name)
    if account is None:
        raise MedaidError(f"没有名为“{name}”的账户", fix="请用 medaid accounts list 查看已有账户")
    return account


def _settings(account: Account) -> dict[str, object]:
    return {"role": account.role, "department": account.department, "area": account.area,
            "disabled": bool(account.disabled)}  # fmt: skip


def add_account(root: Path, name: str, role: str, *, password: str | None = None, department: str | None = None,
                area: str | None = None, actor: str | None = None) -> AccountView:  # fmt: skip
    """A new account; without ``password`` it cannot sign in to the web until one is set."""
    from medaid.store import accounts as store
    from medaid.store.passwords import hash_password

    store.check_role(role)
    hashed = hash_password(password) if password is not None else None
    with app_session(root) as session:
        account = store.add_account(session, name, role, password_hash=hashed, department=department, area=area)
        store.log_event(session, actor_name(actor), "账户创建", {"account": account.name, **_settings(account),
                                                             "password": hashed is not None})  # fmt: skip
        return AccountView.of(account, store.now())


def update_account(root: Path, name: str, *, role: str | None = None, department: str | None = None,
                   area: str | None = None, disabled: bool | None = None, actor: str) -> AccountView:  # fmt: skip
    """Change role, department, area scope (``""``: every area) or disable/enable (which ends the account's
    sessions). A department account moved to another role loses its department; the last enabled
    administrator stays."""
    from medaid.store import accounts as store

    with app_session(root) as session:
        account = _get(session, name)
        before = _settings(account)
        new_role = store.check_role(role) if role is not None else account.role
        if department is None and new_role in DEPARTMENT_ROLES:
            department = account.department
        account.department = store.check_department(new_role, department)
        if area is not None:
            account.area = store.check_area(area)
        if disabled is not None:
            account.disabled = disabled
        account.role = new_role
        if before["role"] == "admin" and not any(a.role == "admin" and not a.disabled
                                                 for a in store.all_accounts(session)):  # fmt: skip
            raise MedaidError(f"不能停用或改变“{name}”：这是最后一个可用的管理员账户",
                              fix="请先创建或启用另一个管理员账户")  # fmt: skip
        after = _settings(account)
        if after != before:
            account.updated_at = store.now()
            if account.disabled:
                store.end_web_sessions(session, name)
            store.log_event(session, actor, "账户变更", {"account": name, "before": before, "after": after})
        return AccountView.of(account, store.now())


def set_password(root: Path, name: str, password: str, *, actor: str, keep_token: str | None = None) -> None:
    """A new password (the policy checked); every browser session of the account ends, but ``keep_token``
    (the user's own, when they change their password themselves)."""
    from medaid.store import accounts as store
    from medaid.store.passwords import hash_password

    hashed = hash_password(password)
    with app_session(root) as session:
        account = _get(session, name)
        account.password_hash, account.updated_at = hashed, store.now()
        store.end_web_sessions(session, name, keep=keep_token)
        store.log_event(session, actor, "密码重设", {"account": name, "own": actor == name})


def unlock_account(root: Path, name: str, *, actor: str) -> AccountView:
    """End a lock at once (and the count of failures)."""
    from medaid.store import accounts as store

    with app_session(root) as session:
        account = _get(session, name)
        account.failed_logins, account.locked_until, account.updated_at = 0, None, store.now()
        store.log_event(session, actor, "账户解锁", {"account": name})
        return AccountView.of(account, store.now())


def list_accounts(root: Path) -> list[AccountView]:
    from medaid.store import accounts as store

    with app_session(root) as session:
        at = store.now()
        return [AccountView.of(a, at) for a in store.all_accounts(session)]


# --- the second factor ---------------------------------------------------------------------


def enrol_totp(root: Path, name: str) -> TotpEnrolment:
    """A new TOTP secret for ``name``, kept encrypted and not yet in force: shown once as a QR code.
    Refused once a second factor is confirmed: a stolen session must not move it to another phone."""
    from medaid.store import accounts as store
    from medaid.store.passwords import new_totp, seal

    ring = key_ring(root)
    with app_session(root) as session:
        account = _get(session, name)
        if account.totp_confirmed:
            raise MedaidError(f"账户“{name}”已启用二次验证", fix="如需更换手机，请管理员先重置二次验证")
        enrolment = new_totp(name)
        account.totp_secret, account.updated_at = seal(ring, enrolment.secret), store.now()
        return enrolment


def confirm_totp(root: Path, name: str, code: str) -> AccountView:
    """The first code from the authenticator app puts the second factor in force."""
    from medaid.store import accounts as store
    from medaid.store.passwords import totp_step, unseal

    ring = key_ring(root)
    with app_session(root) as session:
        account = _get(session, name)
        if account.totp_secret is None:
            raise MedaidError("尚未生成二次验证密钥", fix="请先在“二次验证”页面生成二维码并用验证器应用扫描")
        step = totp_step(unseal(ring, account.totp_secret), code, after=account.totp_step)
        if step is None:
            raise MedaidError(
                "动态验证码不正确",
                fix="请输入验证器应用当前显示的 6 位数字（每个验证码只能用一次，刚用过的请等下一个）；"
                "若总是不对，请核对手机时间是否准确",
            )
        account.totp_step = step
        if not account.totp_confirmed:
            account.totp_confirmed, account.updated_at = True, store.now()
            store.log_event(session, name, "二次验证启用", {"account": name})
        return AccountView.of(account, store.now())


def reset_totp(root: Path, name: str, *, actor: str) -> AccountView:
    """Forget the second factor (a lost phone): the account enrols again at its next sign-in; its sessions end."""
    from medaid.store import accounts as store

    with app_session(root) as session:
        account = _get(session, name)
        account.totp_secret, account.totp_confirmed, account.updated_at = None, False, store.now()
        account.totp_step = None
        store.end_web_sessions(session, name)
        store.log_event(session, actor, "二次验证重置", {"account": name})
        return AccountView.of(account, store.now())


# --- the log of unmasked looks at identities -------------------------------------------------


@dataclass
class AccessLog:
    entries: list[AccessRecord] = field(default_factory=list)

    def to_dict(self) -> list[dict[str, object]]:
        return [e.to_dict() for e in self.entries]


def access_log(root: Path) -> AccessLog:
    from medaid.store.accounts import access_log as log

    with app_session(root) as session:
        return AccessLog(log(session))
