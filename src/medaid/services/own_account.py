"""What any signed-in user may do to their own account: change their password, giving the old one.

A wrong old password counts toward the lock as a wrong sign-in does (services/accounts.py), so that a
session left open is no cheaper a way to guess it; the change ends every other browser session of the
account. Both are entries of the audit trail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from medaid.errors import Location, MedaidError
from medaid.services.accounts import LOCK_AFTER, LOCK_MINUTES, set_password

FAILED_ACTION = "密码修改失败"


def change_own_password(root: Path, name: str, old: str, new: str, *, keep_token: str | None) -> None:
    """``name``'s password becomes ``new`` if ``old`` is the current one (the policy checked); the session
    whose token is ``keep_token`` stays signed in."""
    from medaid.store.accounts import find_account, log_event, now
    from medaid.store.app import session_for
    from medaid.store.passwords import check_password, check_policy
    from medaid.workspace import Workspace

    check_policy(new)
    if new == old:
        raise MedaidError("新密码与原密码相同", where=Location(key="new"), fix="请换一个新密码")
    at = now()
    with session_for(Workspace.open(root).root) as session:
        account = find_account(session, name)
        if account is None:
            raise MedaidError(f"没有名为“{name}”的账户", fix="请重新登录")
        if account.locked_until is not None and account.locked_until > at:
            raise MedaidError(f"账户已锁定，请于 {account.locked_until:%H:%M} 后再试或请管理员解锁",
                              where=Location(key="old"), fix="管理员可在“账户管理”页解锁")  # fmt: skip
        ok, _ = check_password(account.password_hash, old)
        if not ok:
            account.failed_logins = (account.failed_logins or 0) + 1
            if account.failed_logins >= LOCK_AFTER:
                account.locked_until = at + dt.timedelta(minutes=LOCK_MINUTES)
            log_event(session, name, FAILED_ACTION, {"account": name})
    if not ok:  # raised once the count and its audit entry are committed
        raise MedaidError("原密码不正确", where=Location(key="old"),
                          fix=f"请输入当前使用的密码；连续输错 {LOCK_AFTER} 次将锁定 {LOCK_MINUTES} 分钟")  # fmt: skip
    set_password(root, name, new, actor=name, keep_token=keep_token)
