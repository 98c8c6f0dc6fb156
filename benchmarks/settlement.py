"""Benchmark: a year of claims settled in batch (Ibis on DuckDB) against a naive per-claim
Python loop and against a numpy pass over pre-sorted arrays (the floor).

    .venv/bin/python benchmarks/settlement.py --claims 1000000
    .venv/bin/python benchmarks/settlement.py --claims 10000000

The naive loop runs medaid's own one-claim path (``policy.claim.settle``) claim by claim on
a sample and is extrapolated per claim; the floor computes the same layers with numpy
cumulative sums over arrays already sorted by person and date — no joins, no rounding
subtleties beyond the same half-up on cumulative amounts. Ratios are measured in one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import time
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

if TYPE_CHECKING:
    from medaid.policy.model import Policy
    from medaid.policy.steps import Linear

BP = 10_000


def claims(n: int, seed: int = 2023) -> pa.Table:
    rng = np.random.default_rng(seed)
    people = max(1, n // 3)
    person = np.sort(rng.integers(0, people, n))
    day = rng.integers(0, 365, n)
    order = np.lexsort((np.arange(n), day, person))
    person, day = person[order], day[order]
    visit = rng.choice(np.array(["门诊", "住院", "门诊慢特病"]), n, p=[0.6, 0.35, 0.05])
    level = rng.choice(np.array(["一级", "二级", "三级"]), n, p=[0.4, 0.4, 0.2])
    in_scope = np.where(visit == "住院", rng.lognormal(np.log(800_000), 0.9, n), rng.lognormal(np.log(15_000), 0.8, n))
    in_scope = in_scope.astype(np.int64)
    categories = np.array(["特困人员", "低保对象", "低保边缘家庭成员", "因病致贫重病患者", "防止返贫监测对象"])
    category = categories[person % len(categories)]
    return pa.table({
        "settlement_id": pa.array([f"S{i:09d}" for i in range(n)]),
        "person_key": pa.array(person.astype(str)),
        "settle_date": pa.array((np.datetime64("2023-01-01") + day.astype("timedelta64[D]")).astype("datetime64[D]")),
        "visit_type": pa.array(visit), "hospital_level": pa.array(level), "category": pa.array(category),
        "total": pa.array(in_scope + in_scope // 10), "in_scope": pa.array(in_scope),
        "referred": pa.array(np.ones(n, bool)),
    })  # fmt: skip


def _granted(fn: Linear, cumulative: np.ndarray) -> np.ndarray:
    """Assistance granted on a cumulative amount: half-up ratio over the threshold, capped."""
    raw = (2 * np.maximum(cumulative - fn.threshold, 0) * fn.ratio + BP) // (2 * BP)
    return np.minimum(raw, fn.limit or 10**15)


def codes(table: pa.Table, name: str) -> tuple[np.ndarray, dict[str, int]]:
    """A text column as integer codes and its dictionary (prepared before timing, as the sort is)."""
    values, index = np.unique(table.column(name).to_numpy(zero_copy_only=False), return_inverse=True)
    return index.astype(np.int64), {str(v): i for i, v in enumerate(values)}


def floor(table: pa.Table, policy: Policy) -> tuple[float, int]:
    """The same basic → critical → assistance layers with numpy over pre-sorted arrays whose
    text columns are already integer codes: no joins, no strings, no trace."""
    from medaid.money import to_fen
    from medaid.policy.steps import Linear, Segmented, bp

    person, _ = codes(table, "person_key")
    visit, visits = codes(table, "visit_type")
    level, levels = codes(table, "hospital_level")
    category, categories = codes(table, "category")
    in_scope = table.column("in_scope").to_numpy()
    start = time.perf_counter()
    first = np.r_[True, person[1:] != person[:-1]]
    group = np.cumsum(first) - 1

    def cumsum(values: np.ndarray) -> np.ndarray:
        total = np.cumsum(values)
        offset = (total - values)[first]
        return total - offset[group]

    deductible = np.zeros(len(in_scope), np.int64)
    ratio = np.zeros(len(in_scope), np.int64)
    for (v, lv), rule in policy.basic.rules.items():
        mask = (visit == visits.get(v, -1)) & (level == levels.get(lv, -1))
        deductible[mask], ratio[mask] = to_fen(rule.deductible), bp(rule.ratio)
    raw = np.maximum(in_scope - deductible, 0) * ratio
    cum = cumsum(raw)
    cap = to_fen(policy.basic.annual_cap)
    basic = np.minimum((2 * cum + BP) // (2 * BP), cap) - np.minimum((2 * (cum - raw) + BP) // (2 * BP), cap)
    after = in_scope - basic
    cum = cumsum(after)
    seg = Segmented.of(policy.critical, policy.critical.recipients)

    def segmented(c: np.ndarray) -> np.ndarray:
        amount = np.maximum(c - seg.threshold, 0) if seg.basis == "excess" else np.maximum(c, 0)
        lower = 0 if seg.basis == "excess" else seg.threshold
        raw = np.zeros(len(c), np.int64)
        for upto, r in seg.segments:
            top = amount if upto is None else np.minimum(amount, upto)
            raw += np.maximum(top - lower, 0) * r
            lower = max(lower, upto) if upto is not None else lower
        value = (2 * raw + BP) // (2 * BP)
        return value if seg.cap is None else np.minimum(value, seg.cap)

    critical = segmented(cum) - segmented(cum - after)
    own = after - critical
    cum = cumsum(own)
    assistance = np.zeros(len(in_scope), np.int64)
    for name, layer in policy.assistance.items():
        fn = Linear.of(layer)
        mask = category == categories.get(name, -1)
        assistance[mask] = (_granted(fn, cum) - _granted(fn, cum - own))[mask]
    return time.perf_counter() - start, int(assistance.sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--naive-sample", type=int, default=20_000)
    args = parser.parse_args()
    from medaid.policy.batch import settle_batch
    from medaid.policy.claim import Claim, YearToDate, settle
    from medaid.policy.params import default_policy

    policy = default_policy(dt.date(2023, 12, 31))
    table = claims(args.claims)
    from medaid.store import engine

    con = engine.connect(threads=2, memory="3GB")
    con.register("claims_arrow", table)
    con.execute("CREATE TABLE claims AS SELECT * FROM claims_arrow")
    con.unregister("claims_arrow")
    backend = engine.backend(con)
    start = time.perf_counter()
    backend.create_table("settled", settle_batch(backend.table("claims"), policy))
    batch = time.perf_counter() - start
    checked = con.execute("SELECT count(*), sum(assistance) FROM settled").fetchall()[0]
    floor_seconds, floor_assistance = floor(table, policy)
    sample = table.slice(0, args.naive_sample).to_pylist()
    start = time.perf_counter()
    ytd: dict[str, YearToDate] = {}
    for r in sample:
        _, ytd[r["person_key"]] = settle(policy, Claim(r["visit_type"], r["settle_date"], r["total"], r["in_scope"],
                                                       category=r["category"], hospital_level=r["hospital_level"]),
                                         ytd.get(r["person_key"], YearToDate()))  # fmt: skip
    naive = (time.perf_counter() - start) / len(sample) * args.claims
    print(json.dumps({
        "claims": args.claims,
        "batch_seconds": round(batch, 2),
        "claims_per_second": round(args.claims / batch),
        "naive_seconds_extrapolated": round(naive, 1),
        "floor_seconds": round(floor_seconds, 2),
        "batch_vs_naive": round(naive / batch, 1),
        "batch_vs_floor": round(batch / floor_seconds, 1),
        "settled_rows": checked[0],
        "assistance_batch_equals_floor": int(checked[1]) == floor_assistance,
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, ensure_ascii=False, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
