"""Small things every service needs: who is acting, a workspace's identity, dates people type."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from typing import TYPE_CHECKING

from medaid.dates import WRITTEN, read_date
from medaid.errors import Location, MedaidError

if TYPE_CHECKING:
    from medaid.workspace import Workspace


def actor_name(actor: str | None) -> str:
    """The person acting: as given (an account name), else the operating-system user."""
    if actor and actor.strip():
        return actor.strip()
    return os_user()


def os_user() -> str:
    """The operating-system account this process runs as, for the logs: from the process's user id,
    never from $USER or $LOGNAME, which anyone can set (``LOGNAME=局长 medaid …``)."""
    if os.name == "posix":
        import pwd

        try:
            return pwd.getpwuid(os.geteuid()).pw_name
        except KeyError:  # a user id with no entry (a container): the number says who it was
            return str(os.geteuid())
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "未知"


def parse_date(text: str, *, option: str) -> dt.date:
    """A date an option gives, in any spelling of ``medaid.dates``; an error naming the option otherwise."""
    day = read_date(text)
    if day is None:
        raise MedaidError(f"日期“{text}”无效", where=Location(key=option), fix=f"请写成 {WRITTEN}")
    return day


def workspace_key(workspace: Workspace) -> str:
    """A workspace's identity in the app database (several workspaces may share one server)."""
    from medaid.store.schema import workspace_id

    with workspace.connect(read_only=True) as con:
        return workspace_id(con)
