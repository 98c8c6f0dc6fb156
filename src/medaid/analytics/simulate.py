"""What-if: rerun a year of settlements with changed parameters and compare.

The override is a partial policy file (contract 4) merged key by key over the base, e.g.
``assistance: {低保对象: {ratio: 0.8}}`` (``medaid.policy.load.load_policy_with_override``).
Reported: spending by layer and by category before and after, the people whose assistance
changes, and the months of fund coverage with the changed assistance spending.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import ibis

from medaid.analytics.registry import latest_registry
from medaid.analytics.standards import claims_of, year_tables
from medaid.money import yuan_float
from medaid.policy.batch import settle_batch
from medaid.policy.model import Policy
from medaid.store import engine

if TYPE_CHECKING:
    from medaid.settings import Settings

LAYERS = ("basic", "critical", "assistance", "tilted", "supplementary")


@dataclass
class Simulation:
    year: int
    before: dict[str, int] = field(default_factory=dict)  # layer → fen
    after: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, tuple[int, int]] = field(default_factory=dict)  # assistance + tilted, before/after
    people_affected: int = 0
    months_before: float | None = None
    months_after: float | None = None

    def layer_rows(self) -> list[tuple[str, int, int, int]]:
        """(layer, before, after, change) in fen, in the order the layers pay."""
        return [(k, self.before[k], self.after[k], self.after[k] - self.before[k]) for k in LAYERS]

    def category_rows(self) -> list[tuple[str, int, int, int]]:
        """(category, before, after, change) of 医疗救助 + 倾斜救助, in fen."""
        return [(c, b, a, a - b) for c, (b, a) in self.by_category.items()]

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "by_layer": {k: {"before": yuan_float(self.before[k]), "after": yuan_float(self.after[k]),
                             "change": yuan_float(self.after[k] - self.before[k])} for k in LAYERS},
            "by_category": {c: {"before": yuan_float(b), "after": yuan_float(a), "change": yuan_float(a - b)}
                            for c, (b, a) in self.by_category.items()},
            "people_affected": self.people_affected,
            "months_of_coverage": {"before": self.months_before, "after": self.months_after},
        }  # fmt: skip


def simulate(
    con: duckdb.DuckDBPyConnection,
    base: Policy,
    changed: Policy,
    year: int,
    *,
    settings: Settings | None = None,
    scratch: Path | None = None,
) -> Simulation:
    """The year settled with ``base`` and with ``changed`` on the engine the settings choose, compared."""
    with engine.analytics(con, settings, scratch=scratch, tables=year_tables(con, year)) as backend:
        registry = latest_registry(backend, con)
        claims = claims_of(backend.table("settlements"), registry, year)
        one = settle_batch(claims, base, ordered=False).select("settlement_id", "person_key", "category", *LAYERS)
        two = settle_batch(claims, changed, ordered=False).select("settlement_id", *[two_name(k) for k in LAYERS])
        joined = (
            one.join(two, "settlement_id").order_by("settlement_id").to_pyarrow().to_pylist()
        )  # one order, any engine
    result = Simulation(year=year)
    result.before = {k: sum(r[k] for r in joined) for k in LAYERS}
    result.after = {k: sum(r[f"{k}_new"] for r in joined) for k in LAYERS}
    people: set[str] = set()
    for r in joined:
        old, new = r["assistance"] + r["tilted"], r["assistance_new"] + r["tilted_new"]
        category = r["category"] or "一般人群"
        b, a = result.by_category.get(category, (0, 0))
        result.by_category[category] = (b + old, a + new)
        if old != new:
            people.add(r["person_key"])
    result.people_affected = len(people)
    fund = con.execute(
        "SELECT sum(CASE WHEN direction = '收入' THEN amount ELSE -amount END), "
        "sum(CASE WHEN direction = '支出' AND subject NOT LIKE '%上年%' THEN amount ELSE 0 END) "
        "FROM fund WHERE year(entry_date) = ?",
        [year],
    ).fetchall()[0]
    balance, spending = fund
    if spending:
        change = (result.after["assistance"] + result.after["tilted"]) - (
            result.before["assistance"] + result.before["tilted"]
        )
        result.months_before = round(balance * 12 / spending, 2)
        result.months_after = round((balance - change) * 12 / (spending + change), 2) if spending + change else None
    return result


def two_name(layer: str) -> Any:
    return ibis._[layer].name(f"{layer}_new")
