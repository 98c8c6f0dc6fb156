"""Accounts, roles, browser sessions and the log of every look at identities, in the app database.

身份证号 and names are shown masked everywhere (DESIGN, conventions). An unmasked export —
a verification ledger a 医保经办 needs to recover a wrong payment — needs an account whose
role has the right, and is logged: who, what, which file, how many people, when.
A browser session is kept only as the SHA-256 of its cookie's token (:func:`hash_token`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import BigInteger, Boolean, CheckConstraint, DateTime, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from medaid.errors import Forbidden, Location, MedaidError
from medaid.roles import DEPARTMENT_ROLES, ROLES, Right, roles_with
from medaid.store.app import Base
from medaid.store.audit_trail import append
from medaid.vocab import DEPARTMENT_ALIASES, DEPARTMENTS, canonical

# who may see identities unmasked: the people who act on a finding (recover, top up, notify)
REVEAL_ROLES: tuple[str, ...] = tuple(roles_with(Right.REVEAL))
ROLE_CHOICES = "、".join(f"{k}（{v}）" for k, v in ROLES.items())
NAME_LENGTH = 100  # the width of the name columns
AREA_PATTERN = re.compile(r"\d{2,12}")  # a 区划 code prefix: 45 (a province) … 450102001001 (a village)
ROLE_CHECK = "role IN ({})".format(", ".join(f"'{r}'" for r in ROLES))


class AccessDenied(Forbidden):
    """An account may not do what it asked."""


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint(ROLE_CHECK, name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # since 0006 (the web application): sign-in, second factor, scope, lockout
    password_hash: Mapped[str | None] = mapped_column(String(200))  # argon2id; None: no web sign-in yet
    totp_secret: Mapped[str | None] = mapped_column(Text)  # SM4-GCM ciphertext under the workspace key
    totp_confirmed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    totp_step: Mapped[int | None] = mapped_column(BigInteger)  # since 0007: the last step whose code was used
    department: Mapped[str | None] = mapped_column(String(32))  # 认定部门, for the department role
    area: Mapped[str | None] = mapped_column(String(12))  # 区划 scope (a code prefix), None: all
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class WebSession(Base):
    """One signed-in browser: only the SHA-256 of its cookie is kept, with its CSRF token."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[str] = mapped_column(String(100), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime)


OUTCOMES = {"allowed": "已导出", "refused": "已拒绝"}


class AccessEvent(Base):
    """One asked-for look at identities: allowed (written once the file is complete) or refused."""

    __tablename__ = "access_log"
    __table_args__ = (CheckConstraint("outcome IN ('allowed', 'refused')", name="outcome"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(Text)
    people: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(16), default="allowed", server_default="allowed")
    os_user: Mapped[str | None] = mapped_column(String(100))  # who ran the command on the machine


@dataclass(frozen=True)
class AccessRecord:
    account: str
    action: str
    target: str
    people: int
    at: dt.datetime
    outcome: str = "allowed"
    os_user: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"account": self.account, "action": self.action, "target": self.target, "people": self.people,
                "at": self.at.isoformat(), "outcome": self.outcome, "outcome_label": OUTCOMES[self.outcome],
                "os_user": self.os_user}  # fmt: skip


def now() -> dt.datetime:
    """The clock of accounts: creation, lockouts, idle sessions (the tests move it)."""
    return dt.datetime.now().replace(microsecond=0)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise MedaidError(f"未知的角色“{role}”", where=Location(key="--role"), fix=f"可用：{ROLE_CHOICES}")
    return role


def check_department(role: str, department: str | None) -> str | None:
    """The canonical 认定部门 of a department account (aliases accepted); refused for other roles."""
    given = (department or "").strip()
    if role not in DEPARTMENT_ROLES:
        if given:
            raise MedaidError(
                f"角色{ROLES[role]}不属于某个认定部门，不能指定部门“{given}”",
                where=Location(key="--department"),
                fix="只有部门角色（department）需要指定部门",
            )
        return None
    if not given:
        raise MedaidError("部门角色须指定认定部门", where=Location(key="--department"),
                          fix=f"请加上 --department，可用：{'、'.join(DEPARTMENTS)}")  # fmt: skip
    found = canonical(given, DEPARTMENTS, DEPARTMENT_ALIASES)
    if found is None:
        raise MedaidError(f"未知的认定部门“{given}”", where=Location(key="--department"),
                          fix=f"可用：{'、'.join(DEPARTMENTS)}（也认“民政局”“医保局”等写法）")  # fmt: skip
    return found


def check_area(area: str | None) -> str | None:
    """A 区划 scope: a code prefix of 2 to 12 digits; empty means every area."""
    given = (area or "").strip()
    if not given:
        return None
    if not AREA_PATTERN.fullmatch(given):
        raise MedaidError(
            f"区划“{given}”无效",
            where=Location(key="--area"),
            fix="请写 2 至 12 位数字的行政区划代码（前缀），如 45 表示全省、450102 表示一个县区",
        )
    return given


def add_account(session: Session, name: str, role: str, *, password_hash: str | None = None,
                department: str | None = None, area: str | None = None) -> Account:  # fmt: skip
    """A new account, its role, department and area checked (the caller hashes the password)."""
    check_role(role)
    name = name.strip()
    if not name:
        raise MedaidError("账户名不能为空", fix="请写使用者的姓名或工号")
    if len(name) > NAME_LENGTH:
        raise MedaidError(f"账户名过长（{len(name)} 个字符）", fix=f"请不超过 {NAME_LENGTH} 个字符")
    if find_account(session, name) is not None:
        raise MedaidError(f"账户“{name}”已存在", fix="请换一个账户名")
    account = Account(name=name, role=role, created_at=now(), password_hash=password_hash,
                      department=check_department(role, department), area=check_area(area),
                      totp_confirmed=False, failed_logins=0, disabled=False)  # fmt: skip
    session.add(account)
    session.flush()
    return account


def find_account(session: Session, name: str) -> Account | None:
    return session.scalar(select(Account).where(Account.name == name))


def all_accounts(session: Session) -> list[Account]:
    return list(session.scalars(select(Account).order_by(Account.name)))


def accounts(session: Session) -> list[tuple[str, str]]:
    return [(a.name, a.role) for a in session.scalars(select(Account).order_by(Account.name))]


def may_reveal(session: Session, name: str) -> AccessDenied | None:
    """None when ``name`` may see identities unmasked; otherwise the refusal, with its reason."""
    account = find_account(session, name)
    if account is None:
        return AccessDenied(f"没有名为“{name}”的账户", fix="请由管理员用 medaid accounts add 创建账户")
    if account.role not in REVEAL_ROLES:
        allowed = "、".join(ROLES[r] for r in REVEAL_ROLES)
        return AccessDenied(f"账户“{name}”的角色为{ROLES[account.role]}，无权查看未脱敏的身份证号和姓名",
                            fix=f"仅{allowed}可导出未脱敏名单")  # fmt: skip
    return None


def log_access(
    session: Session, name: str, action: str, target: str, people: int, *, outcome: str, os_user: str | None
) -> None:
    """One line of the access log (allowed: once the file is complete; refused: when refused)."""
    session.add(AccessEvent(account=name, action=action, target=target, people=people, at=now(), outcome=outcome,
                            os_user=os_user))  # fmt: skip
    append(session, actor=name, action=action, workspace="",
           detail={"target": target, "people": people, "outcome": outcome, "os_user": os_user})  # fmt: skip


def access_log(session: Session) -> list[AccessRecord]:
    rows = session.scalars(select(AccessEvent).order_by(AccessEvent.id))
    return [AccessRecord(e.account, e.action, e.target, e.people, e.at, e.outcome, e.os_user) for e in rows]


# --- browser sessions (the web application) -------------------------------------------------


def log_event(session: Session, actor: str, action: str, detail: dict[str, object]) -> None:
    """An entry of the audit trail about accounts (app-wide: no workspace); ``actor`` as typed, cut to fit."""
    append(session, actor=actor[:NAME_LENGTH] or "（空）", action=action, workspace="", detail=detail)


def hash_token(token: str) -> str:
    """What is kept of a session's cookie: its SHA-256 (hex). A stolen table opens no session."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_web_session(session: Session, token: str, account: str, csrf: str, at: dt.datetime) -> None:
    session.add(WebSession(token_hash=hash_token(token), account=account, csrf=csrf, created_at=at, last_seen=at))
    session.flush()


def find_web_session(session: Session, token: str) -> WebSession | None:
    return session.get(WebSession, hash_token(token))


def end_web_sessions(session: Session, account: str, *, keep: str | None = None) -> None:
    """End every browser session of ``account``, but the one of the token ``keep``."""
    query = delete(WebSession).where(WebSession.account == account)
    if keep is not None:
        query = query.where(WebSession.token_hash != hash_token(keep))
    session.execute(query)
