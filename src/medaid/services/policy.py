"""Policy operations (contract 4): the one-claim calculator, premium subsidies, shipped
policies, a year recomputed against what was paid (救助标准执行率, 应补/应退), a batch of
settlements from a file, and what-if simulation."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medaid.money import yuan_float
from medaid.progress import SILENT, Progress
from medaid.services.common import parse_date

if TYPE_CHECKING:
    from medaid.analytics.simulate import Simulation
    from medaid.analytics.standards import Standards
    from medaid.policy.claim import Settled
    from medaid.policy.model import Policy
    from medaid.policy.subsidy import SubsidyTotal

# The layers of a settlement in the order they pay, with the words reports use.
LAYER_LABELS: dict[str, str] = {
    "basic": "基本医保", "critical": "大病保险", "assistance": "医疗救助", "tilted": "倾斜救助",
    "supplementary": "补充保险", "out_of_pocket_total": "个人负担",
}  # fmt: skip


def policy_basis(policy: Policy) -> dict[str, object]:
    return {"region": policy.region, "valid_from": policy.valid_from.isoformat(), "source": policy.source}


@dataclass
class Calculation:
    policy: Policy
    result: Settled

    def to_dict(self) -> dict[str, object]:
        return self.result.to_dict() | {"policy": policy_basis(self.policy)}


def calc(policy: str, claim_file: Path) -> Calculation:
    """One claim through 基本医保 → 大病保险 → 医疗救助 → 倾斜救助, each step with its formula."""
    from medaid.policy.claim import settle
    from medaid.policy.claim_file import load_claim
    from medaid.policy.params import resolve

    claim, ytd = load_claim(claim_file)
    chosen = resolve(policy, claim.date)
    return Calculation(chosen, settle(chosen, claim, ytd)[0])


@dataclass
class SubsidyEstimate:
    year: int
    policy: Policy
    total: SubsidyTotal
    rejected_rows: int

    def to_dict(self) -> dict[str, object]:
        return self.total.to_dict() | {"rejected_rows": self.rejected_rows}


def subsidy(policy: str, recipients: Path, year: int) -> SubsidyEstimate:
    """资助参保测算: each person on the list in the year once, at their highest category."""
    from medaid.ingest.adhoc import checked_file, recipients_in_year
    from medaid.policy.params import resolve
    from medaid.policy.subsidy import subsidies

    chosen = resolve(policy, dt.date(year, 1, 1))
    with checked_file(recipients, "recipients") as checked:
        people = recipients_in_year(checked.con, year)
    return SubsidyEstimate(year, chosen, subsidies(chosen, people), checked.rejected)


@dataclass
class PolicyEntry:
    region_dir: str
    policy: Policy

    def to_dict(self) -> dict[str, object]:
        return {"name": self.region_dir, "file": self.policy.file} | policy_basis(self.policy)


def list_policies() -> list[PolicyEntry]:
    from medaid.policy.params import load_policy, regions

    return [PolicyEntry(region, load_policy(path)) for region, files in regions().items() for path in files]


@dataclass
class PolicyText:
    policy: Policy
    text: str

    def to_dict(self) -> dict[str, object]:
        return policy_basis(self.policy) | {"file": self.policy.file, "text": self.text}


def show_policy(name: str, on: str | None = None) -> PolicyText:
    """The parameter file of a region (in force on a date, default today) as written."""
    from medaid.policy.params import resolve

    day = parse_date(on, option="--date") if on else dt.date.today()
    chosen = resolve(name, day)
    return PolicyText(chosen, Path(chosen.file).read_text(encoding="utf-8"))


@dataclass
class StandardsCheck:
    standards: Standards
    policies: list[Policy]
    out: Path | None = None

    def to_dict(self) -> dict[str, object]:
        return self.standards.to_dict() | {"policy": self.policies[-1].region,
                                           "valid_from": [p.valid_from.isoformat() for p in self.policies]}  # fmt: skip


def settle_workspace(
    root: Path, *, policy: str | None = None, year: int | None = None, out: Path | None = None,
    progress: Progress = SILENT,
) -> StandardsCheck:  # fmt: skip
    """The year recomputed with the policy and compared with what was paid; ``out``: the 应补/应退 ledger (xlsx)."""
    from medaid.analytics.standards import standards
    from medaid.policy.params import resolve_year
    from medaid.reports.standards_xlsx import write_standards
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    policies = resolve_year(policy or workspace.settings.policy or "default", chosen)
    with workspace.connect(read_only=True) as con, progress.task(f"按政策重算 {chosen} 年结算", total=None):
        summary, differences = standards(con, policies, chosen, settings=workspace.settings,
                                         scratch=workspace.scratch())  # fmt: skip
        masked = dict(con.execute("SELECT person_key, id_masked FROM persons").fetchall()) if out else {}
    if out is not None:
        basis = "；".join(f"{p.region} {p.valid_from} 起（{p.source}）" for p in policies)
        title = f"{workspace.settings.region}{chosen}年医疗救助应补应退明细"
        write_standards(differences.to_pylist(), masked, out, title=title, basis=basis)
    return StandardsCheck(summary, policies, out)


@dataclass
class BatchSettlement:
    policies: list[Policy]  # in force over the claims' dates, oldest first: each claim uses its own
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejected_rows: int = 0
    out: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def policy(self) -> Policy:
        return self.policies[-1]

    @property
    def totals(self) -> dict[str, int]:
        return {k: sum(int(r[k]) for r in self.rows) for k in LAYER_LABELS}

    def to_dict(self) -> dict[str, object]:
        return {"policy": self.policy.region, "valid_from": [p.valid_from.isoformat() for p in self.policies],
                "claims": len(self.rows), "rejected_rows": self.rejected_rows, "notes": self.notes,
                "totals": {k: yuan_float(v) for k, v in self.totals.items()}}  # fmt: skip


def settle_file(
    path: Path, *, policy: str | None = None, year: int | None = None, out: Path | None = None,
    progress: Progress = SILENT,
) -> BatchSettlement:  # fmt: skip
    """Each settlement of a file (of ``year`` when given) through the layers, each with the policy in
    force on its date; a 救助类别 column gives the category. ``out``: per row, CSV."""
    from medaid.ingest.adhoc import checked_file, claims_table
    from medaid.policy.batch import settle_batch
    from medaid.policy.params import resolve_span
    from medaid.reports.settlement_csv import write_settlements
    from medaid.store import engine

    with checked_file(path, "settlements") as checked, progress.task(f"结算 {path.name}", total=None):
        span = claims_table(checked.con, year)
        today = dt.date.today()
        first, last = span or ((dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else (today, today))
        chosen = resolve_span(policy or "default", first, last)
        salt = secrets.token_hex(16)  # on Spark, a 身份证号 is replaced by a hash only this run can undo
        claims = {"claims": f"SELECT * REPLACE (sha256('{salt}' || person_key) AS person_key) FROM claims"}
        with engine.analytics(checked.con, tables=claims) as backend:
            rows = settle_batch(backend.table("claims"), chosen).to_pyarrow().to_pylist()
        if engine.choice() is not None:
            ids = dict(checked.con.execute(f"SELECT DISTINCT sha256('{salt}' || person_key), person_key FROM claims"
                                           ).fetchall())  # fmt: skip
            rows = [r | {"person_key": ids.get(r["person_key"], r["person_key"])} for r in rows]
    result = BatchSettlement(chosen, rows, checked.rejected, out)
    if "category" not in checked.columns:
        result.notes.append("文件没有“救助类别”列：各笔按非救助对象结算，医疗救助与倾斜救助为 0")
    if out is not None:
        write_settlements(rows, out, LAYER_LABELS)
    return result


@dataclass
class WhatIf:
    override: Path
    simulation: Simulation

    def to_dict(self) -> dict[str, object]:
        return self.simulation.to_dict()


def simulate(
    root: Path, override: Path, *, policy: str | None = None, year: int | None = None, progress: Progress = SILENT
) -> WhatIf:
    """The year settled twice — with the policy and with the changed parameters — and compared."""
    from medaid.analytics.simulate import simulate as run_simulation
    from medaid.policy.load import load_policy_with_override
    from medaid.policy.params import resolve_year
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    chosen = year_of(workspace, year)
    base = resolve_year(policy or workspace.settings.policy or "default", chosen)[-1]
    changed = load_policy_with_override(base, override)
    with workspace.connect(read_only=True) as con, progress.task(f"政策测算 {chosen} 年", total=None):
        simulation = run_simulation(con, base, changed, chosen, settings=workspace.settings,
                                    scratch=workspace.scratch())  # fmt: skip
        return WhatIf(override, simulation)
