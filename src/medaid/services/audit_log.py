"""``medaid audit-log verify DIR``: check the hash chain of the audit trail (store/audit_trail.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AuditLogCheck:
    checked: int  # entries that follow the chain
    broken: int | None  # the first entry that does not
    why: str = ""

    @property
    def exit_code(self) -> int:
        return 0 if self.broken is None else 1

    def to_dict(self) -> dict[str, object]:
        return {"checked": self.checked, "broken": self.broken, "why": self.why, "ok": self.broken is None}


def verify_audit_log(root: Path) -> AuditLogCheck:
    """Walk the chain from the first entry; name the first entry changed, removed or out of order."""
    from medaid.store.app import session_for
    from medaid.store.audit_trail import verify
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)  # a clear error when DIR is not a workspace
    with session_for(workspace.root) as session:
        checked, broken = verify(session)
    if broken is None:
        return AuditLogCheck(checked, None)
    return AuditLogCheck(checked, broken.entry, broken.why)
