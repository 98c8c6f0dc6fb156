"""Accounts, roles and the log of every look at identities, in the app database.

身份证号 and names are shown masked everywhere (DESIGN, conventions). An unmasked export —
a verification ledger a 核查员 needs to recover a wrong payment — needs an account whose
role has the right, and is logged: who, what, which file, how many people, when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import CheckConstraint, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from medaid.errors import MedaidError
from medaid.store.app import Base
from medaid.store.audit_trail import append

ROLES: dict[str, str] = {"admin": "管理员", "verifier": "核查员", "viewer": "查看员"}
# who may see identities unmasked: the people who act on a finding (recover, top up, notify)
REVEAL_ROLES: tuple[str, ...] = ("admin", "verifier")


class AccessDenied(MedaidError):
    """An account may not do what it asked."""


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (CheckConstraint("role IN ('admin', 'verifier', 'viewer')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


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


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def add_account(session: Session, name: str, role: str) -> Account:
    if role not in ROLES:
        raise MedaidError(f"未知的角色“{role}”", fix=f"可用：{'、'.join(f'{k}（{v}）' for k, v in ROLES.items())}")
    if not name.strip():
        raise MedaidError("账户名不能为空", fix="请写使用者的姓名或工号")
    if session.scalar(select(Account).where(Account.name == name)) is not None:
        raise MedaidError(f"账户“{name}”已存在", fix="请换一个账户名")
    account = Account(name=name, role=role, created_at=_now())
    session.add(account)
    session.flush()
    return account


def accounts(session: Session) -> list[tuple[str, str]]:
    return [(a.name, a.role) for a in session.scalars(select(Account).order_by(Account.name))]


def may_reveal(session: Session, name: str) -> AccessDenied | None:
    """None when ``name`` may see identities unmasked; otherwise the refusal, with its reason."""
    account = session.scalar(select(Account).where(Account.name == name))
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
    session.add(AccessEvent(account=name, action=action, target=target, people=people, at=_now(), outcome=outcome,
                            os_user=os_user))  # fmt: skip
    append(session, actor=name, action=action, workspace="",
           detail={"target": target, "people": people, "outcome": outcome, "os_user": os_user})  # fmt: skip


def access_log(session: Session) -> list[AccessRecord]:
    rows = session.scalars(select(AccessEvent).order_by(AccessEvent.id))
    return [AccessRecord(e.account, e.action, e.target, e.people, e.at, e.outcome, e.os_user) for e in rows]
