"""Accounts and roles, and the log of every unmasked look at identities."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medaid.store.accounts import AccessRecord


@dataclass(frozen=True)
class AccountView:
    name: str
    role: str

    @property
    def role_label(self) -> str:
        from medaid.store.accounts import ROLES

        return ROLES[self.role]

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role}


def add_account(root: Path, name: str, role: str) -> AccountView:
    from medaid.store.accounts import add_account as add
    from medaid.store.app import session_for
    from medaid.workspace import Workspace

    with session_for(Workspace.open(root).root) as session:
        account = add(session, name, role)
        return AccountView(account.name, account.role)


def list_accounts(root: Path) -> list[AccountView]:
    from medaid.store.accounts import accounts
    from medaid.store.app import session_for
    from medaid.workspace import Workspace

    with session_for(Workspace.open(root).root) as session:
        return [AccountView(n, r) for n, r in accounts(session)]


@dataclass
class AccessLog:
    entries: list[AccessRecord] = field(default_factory=list)

    def to_dict(self) -> list[dict[str, object]]:
        return [e.to_dict() for e in self.entries]


def access_log(root: Path) -> AccessLog:
    from medaid.store.accounts import access_log as log
    from medaid.store.app import session_for
    from medaid.workspace import Workspace

    with session_for(Workspace.open(root).root) as session:
        return AccessLog(log(session))
