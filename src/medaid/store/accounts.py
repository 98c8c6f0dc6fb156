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


class AccessEvent(Base):
    """One unmasked look at identities."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(Text)
    people: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime)


@dataclass(frozen=True)
class AccessRecord:
    account: str
    action: str
    target: str
    people: int
    at: dt.datetime

    def to_dict(self) -> dict[str, object]:
        return {"account": self.account, "action": self.action, "target": self.target, "people": self.people,
                "at": self.at.isoformat()}  # fmt: skip


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


def authorize_reveal(session: Session, name: str, action: str, target: str, people: int) -> None:
    """Allow an unmasked export by ``name`` and log it, or refuse with the reason."""
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise AccessDenied(f"没有名为“{name}”的账户", fix="请由管理员用 medaid accounts add 创建账户")
    if account.role not in REVEAL_ROLES:
        allowed = "、".join(ROLES[r] for r in REVEAL_ROLES)
        raise AccessDenied(f"账户“{name}”的角色为{ROLES[account.role]}，无权查看未脱敏的身份证号和姓名",
                           fix=f"仅{allowed}可导出未脱敏名单")  # fmt: skip
    session.add(AccessEvent(account=name, action=action, target=target, people=people, at=_now()))


def access_log(session: Session) -> list[AccessRecord]:
    rows = session.scalars(select(AccessEvent).order_by(AccessEvent.id))
    return [AccessRecord(e.account, e.action, e.target, e.people, e.at) for e in rows]
