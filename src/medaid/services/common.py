"""Small things every service needs: who is acting, a workspace's identity, dates people type."""

from __future__ import annotations

import datetime as dt
import getpass
import re

from medaid.errors import Location, MedaidError

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def actor_name(actor: str | None) -> str:
    """The person acting: as given (an account name), else the operating-system user."""
    if actor and actor.strip():
        return actor.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "未知"


def parse_date(text: str, *, option: str) -> dt.date:
    """A date as people type it: 2023-07-31, 2023/7/31, 2023.07.31, 2023年7月31日 or 20230731."""
    raw = text.strip()
    match = _DATE.match(raw)
    parts = match.groups() if match else ((raw[:4], raw[4:6], raw[6:]) if raw.isdigit() and len(raw) == 8 else None)
    try:
        if parts is None:
            raise ValueError(raw)
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError as err:
        raise MedaidError(
            f"日期“{text}”无效", where=Location(key=option), fix="请写成 2023-07-31（也可写 2023/7/31、2023年7月31日）"
        ) from err


def workspace_key(root: object) -> str:
    """A workspace's identity in the app database (several workspaces may share one server)."""
    from medaid.store.schema import workspace_id
    from medaid.workspace import Workspace

    assert isinstance(root, Workspace)
    with root.connect(read_only=True) as con:
        return workspace_id(con)
