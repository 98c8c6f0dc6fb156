"""Monthly verification (核查台账): each month's settlements against the merged registry,
kept as runs with their inputs' fingerprint; the ledger as Excel, masked — or unmasked for a
role with the right, after the access is logged."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.progress import SILENT, Progress

if TYPE_CHECKING:
    from medaid.analytics.runs import Run
    from medaid.analytics.verification import Month
    from medaid.store.crypto import KeyRing
    from medaid.workspace import Workspace


@dataclass
class Verification:
    run: Run

    @property
    def exit_code(self) -> int:
        return 1 if self.run.rows else 0

    def to_dict(self) -> dict[str, object]:
        run = self.run
        return {"run_id": run.run_id, "month": run.month, "fingerprint": run.fingerprint, "inputs": run.inputs,
                "settlements": run.settlements, "counts": run.counts, "same_as": run.same_as,
                "findings": [r.to_dict() for r in run.rows]}  # fmt: skip


@dataclass
class LedgerExport:
    path: Path
    run: Run
    unmasked: bool

    @property
    def exit_code(self) -> int:
        return 1 if self.run.rows else 0

    def to_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "run_id": self.run.run_id, "month": self.run.month,
                "findings": len(self.run.rows), "unmasked": self.unmasked}  # fmt: skip


def _month(text: str) -> Month:
    from medaid.analytics.verification import Month

    try:
        return Month.parse(text.strip())
    except ValueError as err:
        raise MedaidError(f"月份“{text}”无效", where=Location(key="--month"), fix="请写成 2023-07") from err


def verify_month(
    root: Path, month: str, *, policy: str | None = None, run_id: int | None = None, progress: Progress = SILENT
) -> Verification:
    """Verify a month (a new run), or give back stored run ``run_id`` as it was (not recomputed)."""
    from medaid.analytics.runs import load_run, verify
    from medaid.policy.params import resolve
    from medaid.workspace import Workspace

    period = _month(month)
    workspace = Workspace.open(root)
    with workspace.connect(read_only=run_id is not None) as con, progress.task(f"核查 {period}", total=None):
        if run_id is not None:
            return Verification(load_run(con, run_id))
        chosen = resolve(policy or workspace.settings.policy or "default", period.last)
        return Verification(verify(con, period, chosen, settings=workspace.settings, scratch=workspace.scratch()))


REVEAL_ACTION = "核查台账未脱敏导出"


def _authorised(workspace: Workspace, account: str, month: str, target: Path | None) -> None:
    """Refuse an account without the right before anything is computed or stored; the refusal is logged."""
    from medaid.store.accounts import may_reveal
    from medaid.store.app import session_for

    with session_for(workspace.root) as session:
        refusal = may_reveal(session, account)
    if refusal is not None:
        _log_refusal(workspace, account, month, target)
        raise refusal


NO_ACCOUNT = "（未指明账户）"  # the access log's account for a request made without --as


def _log_refusal(workspace: Workspace, account: str, month: str, target: Path | None) -> None:
    from medaid.services.common import os_user
    from medaid.store.accounts import log_access
    from medaid.store.app import session_for

    with session_for(workspace.root) as session:
        log_access(session, account, f"{REVEAL_ACTION}（{month}）", str(target or ""), 0, outcome="refused",
                   os_user=os_user())  # fmt: skip


def _write_unmasked(workspace: Workspace, ring: KeyRing, run: Run, target: Path, account: str) -> None:
    """Decrypt the ledger's people, write the workbook completely, log the access, then put it in place."""
    from medaid.reports.files import atomic_private
    from medaid.reports.ledger_xlsx import write_ledger
    from medaid.services.common import os_user
    from medaid.store.accounts import log_access
    from medaid.store.app import session_for
    from medaid.store.identities import reveal

    keys = {r.person_key for r in run.rows if r.person_key}
    with workspace.connect(read_only=True) as con:
        identities = reveal(con, ring, keys)
    with atomic_private(target, workspace.scratch()) as temp:
        write_ledger(run, temp, region=workspace.settings.region, identities=identities)
        with session_for(workspace.root) as session:  # the entry only once the file is complete
            log_access(session, account, f"{REVEAL_ACTION}（{run.month} 第 {run.run_id} 次）", str(target),
                       len(keys), outcome="allowed", os_user=os_user())  # fmt: skip


def export_ledger(
    root: Path,
    month: str,
    *,
    out: Path | None = None,
    run_id: int | None = None,
    policy: str | None = None,
    unmasked: bool = False,
    account: str | None = None,
    progress: Progress = SILENT,
) -> LedgerExport:
    """The month's ledger as xlsx (verifying first unless ``run_id`` is given). Unmasked only for an
    admin or verifier account named by ``account``: a refusal is logged and nothing is computed or
    stored; an allowed export is logged once the file is complete, before it is put in place."""
    from medaid.reports.files import atomic
    from medaid.reports.ledger_xlsx import write_ledger
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    if unmasked and not account:
        _log_refusal(workspace, NO_ACCOUNT, month, out)
        raise MedaidError("未脱敏导出须指明账户", where=Location(key="--as"),
                          fix="请用 --as 指明有权限的账户（管理员或核查员），每次导出记入访问日志")  # fmt: skip
    ring = workspace.key() if unmasked and account else None  # a wrong key is refused before anything is written
    if unmasked and account:
        _authorised(workspace, account, month, out)
    run = verify_month(root, month, policy=policy, run_id=run_id, progress=progress).run
    target = out or workspace.ledgers_dir / f"核查台账-{run.month}-第{run.run_id}次.xlsx"
    if ring is not None and account:
        _write_unmasked(workspace, ring, run, target, account)
    else:
        with atomic(target) as temp:
            write_ledger(run, temp, region=workspace.settings.region)
    return LedgerExport(target, run, unmasked)
