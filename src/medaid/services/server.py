"""Getting a workspace ready to be served on the web (``medaid serve``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServedWorkspace:
    root: Path
    year: int | None
    region: str | None
    accounts: int  # accounts that can sign in (with a password)
    idle_minutes: int  # MEDAID_WEB_IDLE_MINUTES
    max_upload_mb: int  # MEDAID_WEB_MAX_UPLOAD_MB


def prepare_server(root: Path, *, workers: int = 1) -> ServedWorkspace:
    """Open the workspace (key checked), bring the app database up to date, and let this process read
    and write the store at once (a page is read while an upload imports). ``workers``: the server's worker
    processes; one alone keeps the store open while it is busy (``store.engine.share_connections``)."""
    from medaid.environment import environment
    from medaid.services.accounts import list_accounts
    from medaid.store.app import keep_current
    from medaid.workspace import Workspace

    workspace = Workspace.serve(root, keep_open=workers == 1)
    keep_current(workspace.root)
    usable = sum(1 for a in list_accounts(workspace.root) if a.has_password and not a.disabled)
    env = environment(only=("MEDAID_WEB_IDLE_MINUTES", "MEDAID_WEB_MAX_UPLOAD_MB"))
    return ServedWorkspace(workspace.root, workspace.settings.year, workspace.settings.region, usable,
                           env.web_idle_minutes, env.web_max_upload_mb)  # fmt: skip
