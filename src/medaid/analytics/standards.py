"""Recompute a year of settlements with the policy and compare with what was paid.

Per settlement: what the policy gives as 医疗救助 + 倾斜救助 against what was paid; the
difference is 应补 (paid less) or 应退 (paid more). The share of assisted settlements paid
within one fen of the standard is the 救助标准执行率 that evaluations score (每发现1例超标准执行
扣0.5分); the cases paid above it are counted too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import ibis
import ibis.expr.types as ir

from medaid.analytics.registry import latest_snapshot
from medaid.money import yuan_float
from medaid.policy.batch import settle_batch
from medaid.policy.model import Policy
from medaid.store import engine

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

    from medaid.settings import Settings

TOLERANCE = 1  # fen


def claims_of(settlements: ir.Table, registry: ir.Table, year: int) -> ir.Table:
    """Settlements of a year with the registry category on their date (null: not a recipient)."""
    s = settlements.filter(settlements.settle_date.year() == year)
    reg = registry.select(r_person=registry.person_key, category=registry.category, r_from=registry.valid_from,
                          r_to=registry.valid_to.fill_null(ibis.date(9999, 12, 31)))  # fmt: skip
    j = s.left_join(reg, [s.person_key == reg.r_person, s.settle_date >= reg.r_from, s.settle_date <= reg.r_to])
    return j.select(
        "settlement_id", "person_key", "settle_date", "visit_type", "hospital_level", "category", "total", "in_scope",
        referred=j.referred.fill_null(True), paid_assistance=j.assistance_paid + j.tilted_paid,
        paid_basic=j.basic_paid, paid_critical=j.critical_paid,
    )  # fmt: skip


def compared(
    settlements: ir.Table, registry: ir.Table, policy: Policy | Sequence[Policy], year: int, *, ordered: bool = True
) -> ir.Table:
    """The year's claims settled under ``policy`` beside what was paid; ``ordered=False`` when only aggregated."""
    settled = settle_batch(claims_of(settlements, registry, year), policy, ordered=ordered)
    due = settled.assistance + settled.tilted
    return settled.mutate(due=due, gap=due - settled.paid_assistance)


@dataclass
class Standards:
    year: int
    checked: int  # settlements of recipients or with assistance paid
    compliant: int
    over_standard: int  # paid more than the standard (应退)
    under_standard: int  # paid less (应补)
    refund_due: int  # fen, 应退
    top_up_due: int  # fen, 应补

    @property
    def rate(self) -> float | None:
        return None if not self.checked else self.compliant / self.checked * 100

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "checked": self.checked,
            "compliant": self.compliant,
            "standard_compliance_rate": None if self.rate is None else round(self.rate, 2),
            "over_standard": self.over_standard,
            "under_standard": self.under_standard,
            "refund_due": yuan_float(self.refund_due),
            "top_up_due": yuan_float(self.top_up_due),
        }


def year_tables(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, str]:
    """What settling a year reads (``engine.analytics``): its settlements and the latest registry snapshot."""
    snapshot = latest_snapshot(con)
    return {
        "settlements": f"SELECT * FROM settlements WHERE year(settle_date) = {int(year)}",
        "registry_snapshots": f"SELECT * FROM registry_snapshots WHERE import_id = {snapshot or -1}",
    }


def standards(
    con: duckdb.DuckDBPyConnection,
    policy: Policy | Sequence[Policy],
    year: int,
    *,
    settings: Settings | None = None,
    scratch: Path | None = None,
) -> tuple[Standards, Any]:
    """The summary, and the per-settlement comparison as an Arrow table (for ledgers), computed on the
    engine the settings choose (``engine.analytics``)."""
    with engine.analytics(con, settings, scratch=scratch, tables=year_tables(con, year)) as backend:
        return _standards(backend, latest_snapshot(con), policy, year)


def _standards(
    backend: BaseBackend, snapshot: int | None, policy: Policy | Sequence[Policy], year: int
) -> tuple[Standards, Any]:
    registry = backend.table("registry_snapshots")
    registry = registry.filter(registry.import_id == (snapshot if snapshot is not None else -1))
    table = compared(backend.table("settlements"), registry, policy, year)
    relevant = table.filter(table.category.notnull() | (table.paid_assistance != 0))
    result = (
        relevant.aggregate(
            checked=relevant.count(),
            compliant=(relevant.gap.abs() <= TOLERANCE).sum(),
            over=(relevant.gap < -TOLERANCE).sum(),
            under=(relevant.gap > TOLERANCE).sum(),
            # totals of the cases beyond the tolerance, so that they equal the ledger's 合计
            refund=ibis.ifelse(relevant.gap < -TOLERANCE, -relevant.gap, 0).sum(),
            top_up=ibis.ifelse(relevant.gap > TOLERANCE, relevant.gap, 0).sum(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    summary = Standards(
        year=year,
        checked=int(result["checked"] or 0),
        compliant=int(result["compliant"] or 0),
        over_standard=int(result["over"] or 0),
        under_standard=int(result["under"] or 0),
        refund_due=int(result["refund"] or 0),
        top_up_due=int(result["top_up"] or 0),
    )
    return summary, relevant.filter(relevant.gap.abs() > TOLERANCE).to_pyarrow()
