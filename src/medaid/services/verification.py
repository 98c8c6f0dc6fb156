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
    with workspace.connect() as con, progress.task(f"核查 {period}", total=None):
        if run_id is not None:
            return Verification(load_run(con, run_id))
        chosen = resolve(policy or workspace.settings.policy or "default", period.last)
        return Verification(verify(con, period, chosen))


def _revealed(workspace: Workspace, run: Run, account: str, target: Path) -> dict[str, tuple[str, str | None]]:
    """Authorise and log the unmasked export first; then decrypt the ledger's people."""
    from medaid.store.accounts import authorize_reveal
    from medaid.store.app import session_for
    from medaid.store.identities import reveal

    keys = {r.person_key for r in run.rows if r.person_key}
    with session_for(workspace.root) as session:
        authorize_reveal(
            session, account, f"核查台账未脱敏导出（{run.month} 第 {run.run_id} 次）", str(target), len(keys)
        )
    with workspace.connect(read_only=True) as con:
        return reveal(con, workspace.key(), keys)


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
    admin or verifier account named by ``account``; the access is logged before anything is written."""
    from medaid.reports.ledger_xlsx import write_ledger
    from medaid.workspace import Workspace

    if unmasked and not account:
        raise MedaidError("未脱敏导出须指明账户", where=Location(key="--as"),
                          fix="请用 --as 指明有权限的账户（管理员或核查员），每次导出记入访问日志")  # fmt: skip
    run = verify_month(root, month, policy=policy, run_id=run_id, progress=progress).run
    workspace = Workspace.open(root)
    target = out or workspace.ledgers_dir / f"核查台账-{run.month}-第{run.run_id}次.xlsx"
    identities = _revealed(workspace, run, account, target) if unmasked and account else None
    write_ledger(run, target, region=workspace.settings.region, identities=identities)
    return LedgerExport(target, run, identities is not None)
