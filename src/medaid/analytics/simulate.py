"""What-if: rerun a year of settlements with changed parameters and compare.

The override is a partial policy file (contract 4) merged key by key over the base, e.g.
``assistance: {低保对象: {ratio: 0.8}}``. Reported: spending by layer and by category
before and after, the people whose assistance changes, and the months of fund coverage
with the changed assistance spending.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import ibis
import yaml

from medaid.analytics.registry import latest_snapshot
from medaid.analytics.standards import claims_of
from medaid.policy.batch import settle_batch
from medaid.policy.load import load_policy
from medaid.policy.model import Policy

LAYERS = ("basic", "critical", "assistance", "tilted", "supplementary")


def merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base.get(key), value) if key in base else value
        return out
    return override


def overridden(policy: Policy, override_file: Path) -> Policy:
    base = yaml.safe_load(Path(policy.file).read_text(encoding="utf-8"))
    change = yaml.safe_load(override_file.read_text(encoding="utf-8")) or {}
    merged = merge(base, change)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "override.yaml"
        path.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = load_policy(path)
    return Policy(**{**result.__dict__, "file": f"{policy.file} + {override_file}"})


@dataclass
class Simulation:
    year: int
    before: dict[str, int] = field(default_factory=dict)  # layer → fen
    after: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, tuple[int, int]] = field(default_factory=dict)  # assistance + tilted, before/after
    people_affected: int = 0
    months_before: float | None = None
    months_after: float | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "by_layer": {k: {"before": self.before[k] / 100, "after": self.after[k] / 100,
                             "change": (self.after[k] - self.before[k]) / 100} for k in LAYERS},
            "by_category": {c: {"before": b / 100, "after": a / 100, "change": (a - b) / 100}
                            for c, (b, a) in self.by_category.items()},
            "people_affected": self.people_affected,
            "months_of_coverage": {"before": self.months_before, "after": self.months_after},
        }  # fmt: skip


def simulate(con: duckdb.DuckDBPyConnection, base: Policy, changed: Policy, year: int) -> Simulation:
    backend = ibis.duckdb.from_connection(con)
    registry = backend.table("registry_snapshots")
    snapshot = latest_snapshot(con)
    registry = registry.filter(registry.import_id == (snapshot if snapshot is not None else -1))
    claims = claims_of(backend.table("settlements"), registry, year)
    one = settle_batch(claims, base).select("settlement_id", "person_key", "category", *LAYERS)
    two = settle_batch(claims, changed).select("settlement_id", *[two_name(k) for k in LAYERS])
    joined = one.join(two, "settlement_id").to_pyarrow().to_pylist()
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
