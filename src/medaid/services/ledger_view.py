"""The verification ledger (核查台账) as the web shows and changes it: one function per request.

The findings, their follow-up and history come from ``services.follow_ups`` and the runs from
``services.verification``; what this adds for the web:

- a page of findings with the months verified so far (for the filter) and the counts by state;
- running a verification is an entry of the audit trail (核查运行: month, run, counts, who);
- a request outside the account's scope (a department following another department's finding) is
  refused as :class:`~medaid.errors.Forbidden` — 403 on the web — and the refusal is logged;
- the export is the xlsx :func:`~medaid.services.follow_ups.export_findings` writes (masked),
  written in the workspace's private scratch space and handed back as bytes.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, Unpack

from medaid.errors import Forbidden
from medaid.services.follow_ups import EVERYTHING, FindingFilters, FindingList, FindingView, Scope
from medaid.vocab import FINDING_STATES, REASONS

if TYPE_CHECKING:
    from medaid.store.follow_ups import FollowUpRecord

RUN_ACTION = "核查运行"  # the audit trail's action for a verification run from the web
T = TypeVar("T")


@dataclass
class LedgerPage:
    """A page of findings (``listed``), the months that have a verification run, and the filters used."""

    listed: FindingList
    months: list[str] = field(default_factory=list)  # verified so far, latest first
    run_months: list[str] = field(default_factory=list)  # the months of the workspace's year, to verify
    filters: dict[str, object] = field(default_factory=dict)
    limit: int = 50
    offset: int = 0

    def to_dict(self) -> dict[str, object]:
        return self.listed.to_dict() | {"months": self.months, "run_months": self.run_months,
                                        "next_month": self.next_month, "filters": self.filters, "limit": self.limit,
                                        "offset": self.offset, "reasons": REASONS,
                                        "state_labels": FINDING_STATES}  # fmt: skip

    @property
    def next_month(self) -> str | None:
        """The month to verify next: the one after the latest verified (or the latest, at the year's end)."""
        if not self.run_months:
            return None
        later = [m for m in self.run_months if not self.months or m > self.months[0]]
        return later[0] if later else (self.months[0] if self.months[0] in self.run_months else self.run_months[-1])


def _months(root: Path) -> tuple[list[str], list[str]]:
    """(the months verified so far, latest first; the months of the workspace's year)."""
    import datetime as dt

    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    year = workspace.settings.year or dt.date.today().year
    with workspace.connect(read_only=True) as con:
        done = [
            str(r[0]) for r in con.execute("SELECT DISTINCT month FROM verification_runs ORDER BY 1 DESC").fetchall()
        ]
    return done, [f"{year}-{m:02d}" for m in range(1, 13)]


def ledger_page(
    root: Path, *, scope: Scope = EVERYTHING, limit: int = 50, offset: int = 0, **filters: Unpack[FindingFilters]
) -> LedgerPage:
    """The findings matching the filters within ``scope`` (see ``follow_ups.list_findings``)."""
    from medaid.services.follow_ups import list_findings
    from medaid.services.state import cached

    listed = list_findings(root, scope=scope, limit=limit, offset=offset, **filters)
    done, year = cached(root, "verified_months", None, lambda: _months(root))
    return LedgerPage(listed, done, year, {k: v for k, v in filters.items() if v}, limit, offset)


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    month: str
    settlements: int
    counts: dict[str, int]
    same_as: int | None

    def to_dict(self) -> dict[str, object]:
        return {"run_id": self.run_id, "month": self.month, "settlements": self.settlements,
                "findings": sum(self.counts.values()), "counts": self.counts, "same_as": self.same_as}  # fmt: skip


def run_verification(root: Path, month: str, *, actor: str) -> RunSummary:
    """Verify ``month`` (a new run, as ``medaid verify``), then write the audit-trail entry 核查运行."""
    from medaid.services.common import workspace_key
    from medaid.services.verification import verify_month
    from medaid.store.app import session_for
    from medaid.store.audit_trail import append
    from medaid.workspace import Workspace

    run = verify_month(root, month).run
    summary = RunSummary(run.run_id, run.month, run.settlements, run.counts, run.same_as)
    with session_for(root) as session:
        append(session, actor=actor, action=RUN_ACTION, workspace=workspace_key(Workspace.open(root)),
               detail=summary.to_dict())  # fmt: skip
    return summary


def _scoped(root: Path, actor: str, what: str, target: str, call: Callable[[], T]) -> T:
    """``call()``, with a scope refusal turned into :class:`Forbidden` (403) and logged as a refused request."""
    from medaid.services.accounts import log_refusal
    from medaid.store.accounts import AccessDenied

    try:
        return call()
    except AccessDenied as err:
        log_refusal(root, actor, what, target)
        raise Forbidden(err.what, where=err.where, fix=err.fix) from None


def follow_up_finding(
    root: Path, month: str, settlement_id: str, reason: str, state: str, note: str, *, actor: str,
    scope: Scope = EVERYTHING,
) -> FindingView:  # fmt: skip
    """Record a finding's follow-up (``follow_ups.follow_finding``: audit entry 核查整改); outside ``scope``: 403."""
    from medaid.services.follow_ups import follow_finding

    def call() -> FindingView:
        return follow_finding(root, month, settlement_id, reason, state, note, actor=actor, scope=scope)

    return _scoped(root, actor, "follow_up", f"核查发现 {settlement_id}（{reason}）", call)


def history_of_finding(root: Path, settlement_id: str, reason: str, *, actor: str,
                       scope: Scope = EVERYTHING) -> list[FollowUpRecord]:  # fmt: skip
    """Every follow-up of one finding, oldest first; a finding outside ``scope``: 403."""
    from medaid.services.follow_ups import finding_history

    return _scoped(root, actor, "read_follow_ups", f"核查发现 {settlement_id}（{reason}）的整改记录",
                   lambda: finding_history(root, settlement_id, reason, scope=scope))  # fmt: skip


@contextmanager
def _private_file(root: Path, name: str) -> Iterator[Path]:
    from medaid.store.scratch import private_dir
    from medaid.workspace import Workspace

    folder = private_dir(Workspace.open(root).scratch() / f"export-{secrets.token_hex(8)}")
    try:
        yield folder / name
    finally:
        shutil.rmtree(folder, ignore_errors=True)


EXPORT_NAME = "核查发现整改情况.xlsx"


def findings_workbook(root: Path, *, scope: Scope = EVERYTHING, **filters: Unpack[FindingFilters]) -> bytes:
    """Every finding matching the filters within ``scope``, as the xlsx ``medaid findings export`` writes
    (identities masked), written in the private scratch space and handed back whole."""
    from medaid.services.follow_ups import export_findings

    with _private_file(root, EXPORT_NAME) as path:
        export_findings(root, path, scope=scope, **filters)
        return path.read_bytes()
