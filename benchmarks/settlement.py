"""Benchmark: a year of claims settled in batch (``policy.batch``: DuckDB sorts, the numpy kernel
settles) against a naive per-claim Python loop and against a numpy pass over pre-sorted arrays
(the floor).

    .venv/bin/python benchmarks/settlement.py --claims 1000000
    .venv/bin/python benchmarks/settlement.py --claims 10000000 --repeat 1

The batch is timed three ways, from the claims table in DuckDB:
- ``batch``: to a settled table stored in (settle_date, settlement_id) order (the definition since
  issue 4: ``settle_batch`` and ``create_table`` of its result);
- ``batch_stored``: to a settled table stored in the kernel's order (``settle_batch(...,
  ordered=False)`` and ``create_table``), what a caller that joins or aggregates the result pays;
- ``batch_unordered``: ``settle_batch(..., ordered=False)`` itself, its result a table DuckDB can
  query (below 2^21 claims the Arrow table the kernel filled, registered with the connection;
  above, a temporary table filled bucket by bucket). Below 2^21 claims ``batch`` reads the claims
  in date order and stores the Arrow table as it is; above, it sorts the settled rows.
The naive loop runs medaid's own one-claim path (``policy.claim.settle``, the kernel as a
batch of one with the person's year-to-date totals) claim by claim on a sample and is
extrapolated per claim; the floor computes the basic, 大病 and 医疗救助 layers with numpy
cumulative sums over arrays already sorted by person and date whose text columns are already
integer codes. The claims table is stored as generated, by person and day (the kernel's own order);
``--stored-order date`` stores it by date and settlement id, as exports come. Batch and floor
run ``--repeat`` times, alternately, and the best time of each counts (the machine may be
shared). Ratios are measured in one run; the floor's three layer totals must equal the batch's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

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
    encoded = pc.dictionary_encode(table.column(name).combine_chunks())
    return encoded.indices.to_numpy().astype(np.int64), {
        str(v): i for i, v in enumerate(encoded.dictionary.to_pylist())
    }


def floor_inputs(table: pa.Table) -> dict[str, tuple[np.ndarray, dict[str, int]]]:
    """The floor's arrays, prepared once before any timing: text columns as integer codes."""
    inputs = {name: codes(table, name) for name in ("person_key", "visit_type", "hospital_level", "category")}
    inputs["in_scope"] = (table.column("in_scope").to_numpy(), {})
    return inputs


def floor(inputs: dict[str, tuple[np.ndarray, dict[str, int]]], policy: Policy) -> tuple[float, dict[str, int], float]:
    """The same basic → critical → assistance layers with numpy over pre-sorted arrays whose
    text columns are already integer codes: no joins, no strings, no trace."""
    from medaid.money import to_fen
    from medaid.policy.steps import Linear, Segmented, bp

    person, _ = inputs["person_key"]
    visit, visits = inputs["visit_type"]
    level, levels = inputs["hospital_level"]
    category, categories = inputs["category"]
    in_scope = inputs["in_scope"][0]
    start, cpu = time.perf_counter(), time.process_time()
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
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    totals = {"basic": int(basic.sum()), "critical": int(critical.sum()), "assistance": int(assistance.sum())}
    return seconds, totals, cpu_seconds


class PeakRss:
    """The process's largest resident set while the block runs (sampled every 20 ms), in MiB."""

    def __enter__(self) -> PeakRss:
        self.peak, self.done = self.now(), threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.thread.join()

    @staticmethod
    def now() -> int:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") // 2**20

    def sample(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, self.now())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--naive-sample", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of batch and floor, alternately; the best counts")
    parser.add_argument(
        "--stored-order",
        choices=("person", "date"),
        default="person",
        help="the claims table's order: as generated (person, day) or as exports come (date)",
    )
    args = parser.parse_args()
    from medaid.policy.batch import settle_batch
    from medaid.policy.claim import Claim, YearToDate, settle
    from medaid.policy.params import default_policy
    from medaid.store import engine

    policy = default_policy(dt.date(2023, 12, 31))
    table = claims(args.claims)
    con = engine.connect(threads=2, memory="3GB")
    con.register("claims_arrow", table)
    order = " ORDER BY settle_date, settlement_id" if args.stored_order == "date" else ""
    con.execute(f"CREATE TABLE claims AS SELECT * FROM claims_arrow{order}")
    con.unregister("claims_arrow")
    backend = engine.backend(con)
    inputs = floor_inputs(table)
    sample = table.slice(0, args.naive_sample).to_pylist()
    del table  # the claims now live in DuckDB; the floor has its own arrays
    before_mib = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # claims built and stored
    batch_runs, floor_runs, batch_cpu, floor_cpu, arrow_runs, settle_runs = [], [], [], [], [], []
    stored_runs, stored_cpu, settle_cpu = [], [], []
    rss_before = PeakRss.now()
    with PeakRss() as during_batch:
        for _ in range(args.repeat):
            start, cpu = time.perf_counter(), time.process_time()
            settled = settle_batch(backend.table("claims"), policy)
            backend.create_table("settled", settled, overwrite=True)  # stored in (settle_date, settlement_id) order
            batch_runs.append(time.perf_counter() - start)
            batch_cpu.append(time.process_time() - cpu)
            del settled
            floor_seconds, floor_totals, cpu_seconds = floor(inputs, policy)
            floor_runs.append(floor_seconds)
            floor_cpu.append(cpu_seconds)
            start, cpu = time.perf_counter(), time.process_time()
            settled = settle_batch(backend.table("claims"), policy, ordered=False)
            settle_runs.append(time.perf_counter() - start)
            settle_cpu.append(time.process_time() - cpu)
            backend.create_table("settled_unordered", settled, overwrite=True)  # stored in the kernel's order
            stored_runs.append(time.perf_counter() - start)
            stored_cpu.append(time.process_time() - cpu)
            del settled
    for _ in range(args.repeat):
        start = time.perf_counter()
        settle_batch(backend.table("claims"), policy).to_pyarrow()
        arrow_runs.append(time.perf_counter() - start)
        floor_seconds, floor_totals, cpu_seconds = floor(inputs, policy)
        floor_runs.append(floor_seconds)
        floor_cpu.append(cpu_seconds)
    batch, floor_best = min(batch_runs), min(floor_runs)
    row = con.execute("SELECT count(*), sum(basic), sum(critical), sum(assistance) FROM settled").fetchall()[0]
    missing = "SELECT count(*) FROM (SELECT * FROM settled EXCEPT ALL SELECT * FROM settled_unordered)"
    unordered_rows = con.execute("SELECT count(*) FROM settled_unordered").fetchall()[0][0]
    same = con.execute(missing).fetchall()[0][0] == 0 and unordered_rows == row[0]  # the same rows, every column
    in_order = con.execute(  # the stored rows keep the result's order: (settle_date, settlement_id)
        "SELECT bool_and(k >= lag_k) FROM (SELECT (settle_date, settlement_id) AS k, "
        "lag((settle_date, settlement_id)) OVER (ORDER BY rowid) AS lag_k FROM settled)"
    ).fetchall()[0][0]
    batch_totals = {"basic": int(row[1]), "critical": int(row[2]), "assistance": int(row[3])}
    start = time.perf_counter()
    ytd: dict[str, YearToDate] = {}
    for r in sample:
        _, ytd[r["person_key"]] = settle(policy, Claim(r["visit_type"], r["settle_date"], r["total"], r["in_scope"],
                                                       category=r["category"], hospital_level=r["hospital_level"]),
                                         ytd.get(r["person_key"], YearToDate()))  # fmt: skip
    per_claim = (time.perf_counter() - start) / len(sample)
    naive = per_claim * args.claims
    print(json.dumps({
        "claims": args.claims,
        "claims_stored_in_order_of": args.stored_order,
        "batch_seconds": round(batch, 2),
        "batch_runs": [round(s, 2) for s in batch_runs],
        "batch_stored_seconds": round(min(stored_runs), 2),  # settle_batch(ordered=False) + create_table
        "batch_stored_vs_floor": round(min(stored_runs) / floor_best, 2),
        "batch_stored_cpu_seconds": round(min(stored_cpu), 2),
        "batch_stored_vs_floor_cpu": round(min(stored_cpu) / min(floor_cpu), 2),
        "batch_stored_vs_naive": round(naive / min(stored_runs), 1),
        "batch_unordered_seconds": round(min(settle_runs), 2),  # settle_batch(ordered=False) itself
        "batch_unordered_vs_floor": round(min(settle_runs) / floor_best, 2),
        "batch_unordered_cpu_seconds": round(min(settle_cpu), 2),
        "batch_unordered_vs_naive": round(naive / min(settle_runs), 1),
        "batch_to_arrow_seconds": round(min(arrow_runs), 2),  # the settled claims as an Arrow table, not stored
        "batch_to_arrow_vs_floor": round(min(arrow_runs) / floor_best, 2),
        "claims_per_second": round(args.claims / batch),
        "naive_microseconds_per_claim": round(per_claim * 1e6, 1),
        "naive_seconds_extrapolated": round(naive, 1),
        "floor_seconds": round(floor_best, 3),
        "floor_runs": [round(s, 3) for s in floor_runs],
        "batch_vs_naive": round(naive / batch, 1),
        "batch_vs_floor": round(batch / floor_best, 2),
        "batch_cpu_seconds": round(min(batch_cpu), 2),  # both DuckDB threads and the kernel's
        "floor_cpu_seconds": round(min(floor_cpu), 3),
        "batch_vs_floor_cpu": round(min(batch_cpu) / min(floor_cpu), 2),
        "settled_rows": row[0],
        "settled_in_date_order": bool(in_order),
        "unordered_holds_the_same_rows": bool(same),
        "floor_totals_equal_batch": floor_totals == batch_totals,
        "totals": batch_totals,
        "peak_mib_before_batch": before_mib,  # building the claims and the floor's arrays
        "rss_mib_before_batch": rss_before,
        "rss_mib_peak_during_batch": during_batch.peak,  # settle_batch + storing its result (+ the floor's run)
        "rss_mib_batch_added": during_batch.peak - rss_before,
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average_1min": round(__import__("os").getloadavg()[0], 1),
    }, ensure_ascii=False, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
