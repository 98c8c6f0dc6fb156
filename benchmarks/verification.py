"""Benchmark: import + metrics + monthly verification on generated settlements.

    .venv/bin/python benchmarks/verification.py --scale city        # ≈ 1 000 000 settlements
    .venv/bin/python benchmarks/verification.py --scale province    # ≈ 10 000 000

Each stage runs in its own process so that its peak memory (max RSS) is its own. Speed is
reported as ratios measured in the same run, not as absolute goals:
- against a plain pandas implementation of the same verification (the naive baseline);
- against one sort-and-scan of the settlements with DuckDB (a window sum per person in
  date order: the floor any verification must pay).
Figures go to docs/performance.md by hand, with the machine they came from.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def stage(name: str, data: Path, work: Path, month: str) -> dict[str, float]:
    start = time.perf_counter()
    extra: dict[str, float] = {}
    if name == "generate":
        from medaid.demo.generate import generate

        manifest = generate(
            data,
            os.environ["BENCH_SCALE"] if not os.environ["BENCH_SCALE"].isdigit() else int(os.environ["BENCH_SCALE"]),
        )
        extra["settlements"] = manifest.files.get("settlements.csv", 0)
    elif name == "import":
        from medaid.services.demo import IMPORT_ORDER
        from medaid.services.imports import import_file
        from medaid.workspace import Workspace

        workspace = Workspace.init(work, year=2023)
        rows = 0
        for kind, file in IMPORT_ORDER:
            if (data / file).exists():
                rows += import_file(workspace.root, kind, data / file).rows_read
        extra["rows"] = rows
    elif name == "metrics":
        from medaid.services.metrics import compute_metrics

        extra["metrics"] = len(compute_metrics(work, year=2023).values)
    elif name == "verify":
        from medaid.services.verification import verify_month

        extra["findings"] = len(verify_month(work, month).run.rows)
    elif name == "floor":
        from medaid.store import engine

        with engine.connect(work / "store.duckdb", read_only=True) as con:
            con.execute(
                "SELECT count(*), sum(c) FROM (SELECT sum(assistance_paid) OVER (PARTITION BY person_key "
                "ORDER BY settle_date, settlement_id ROWS UNBOUNDED PRECEDING) AS c FROM settlements)"
            ).fetchall()
    elif name == "pandas":
        extra["findings"] = pandas_verification(work, month)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 3), "peak_mib": round(peak_mib, 1), **extra}


def pandas_verification(work: Path, month: str) -> int:
    """The same verification written plainly with pandas: the naive baseline."""
    import pandas as pd

    from medaid.analytics.verification import Month
    from medaid.policy.params import default_policy
    from medaid.store import engine

    period = Month.parse(month)
    policy = default_policy(period.last)
    with engine.connect(work / "store.duckdb", read_only=True) as con:
        s = con.sql(
            f"SELECT * FROM settlements WHERE settle_date BETWEEN '{period.year}-01-01' AND '{period.last}'"
        ).df()
        reg = con.sql(
            "SELECT * FROM registry_snapshots WHERE import_id = (SELECT max(import_id) FROM registry_snapshots)"
        ).df()
        deaths = con.sql("SELECT * FROM deaths").df()
    far = pd.Timestamp("2262-01-01")
    deaths["death_date"] = pd.to_datetime(deaths["death_date"])
    reg["valid_to"] = pd.to_datetime(reg["valid_to"]).fillna(far)
    reg["valid_from"] = pd.to_datetime(reg["valid_from"])
    s["settle_date"] = pd.to_datetime(s["settle_date"])
    m = s.merge(reg[["person_key", "category", "valid_from", "valid_to"]], on="person_key", how="left")
    inside = (m.settle_date >= m.valid_from) & (m.settle_date <= m.valid_to)
    m.loc[~inside, "category"] = None
    m = m.sort_values(["settlement_id", "category"], na_position="last").drop_duplicates("settlement_id")
    m = m.merge(deaths, on="person_key", how="left").sort_values(["person_key", "settle_date", "settlement_id"])
    m["self_pay"] = m.in_scope - m.basic_paid - m.critical_paid - m.large_paid.fillna(0)
    dup_key = ["person_key", "settle_date", "institution_code", "total", "in_scope", "basic_paid", "critical_paid",
               "assistance_paid"]  # fmt: skip
    m["repeat"] = m.sort_values("settlement_id").groupby(dup_key, dropna=False).cumcount()
    m.loc[m.category.isna(), "self_pay"] = 0  # only claims made while a recipient count
    m["cum_self"] = m.groupby("person_key").self_pay.cumsum()
    m["cum_paid"] = m.groupby("person_key").assistance_paid.cumsum()
    params = {c: (int(a.threshold * 100), int(a.ratio * 10000), int((a.annual_limit or 10**13) * 100))
              for c, a in policy.assistance.items()}  # fmt: skip
    found = 0
    for row in m.itertuples():  # the naive part: a Python loop over rows
        if not (period.first <= row.settle_date.date() <= period.last):
            continue
        paid = row.assistance_paid + row.tilted_paid > 0
        ineligible = pd.isna(row.category) or (pd.notna(row.death_date) and row.settle_date > row.death_date)
        if row.repeat > 0 or (paid and ineligible):
            found += 1
        elif isinstance(row.category, str) and row.category in params:
            threshold, ratio, limit = params[row.category]
            due_now = min(limit, (max(row.cum_self - threshold, 0) * ratio + 5000) // 10000)
            due_before = min(limit, (max(row.cum_self - row.self_pay - threshold, 0) * ratio + 5000) // 10000)
            if (not paid and due_now > due_before) or (paid and row.cum_paid > limit):
                found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="city", help="county | city | province | a number of settlements")
    parser.add_argument("--month", default="2023-12")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated data and workspace here")
    parser.add_argument("--stages", default="generate,import,metrics,verify,floor,pandas",
                        help="which stages to run (reuse --keep for the others)")  # fmt: skip
    parser.add_argument("--stage", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, args.data, args.work, args.month)))
        return
    root = args.keep or Path(tempfile.mkdtemp(prefix="medaid-bench-"))
    data, work = root / "data", root / "workspace"
    env = {**os.environ, "BENCH_SCALE": str(args.scale), "MEDAID_DUCKDB_THREADS": "2", "MEDAID_DUCKDB_MEMORY": "3GB"}
    results: dict[str, dict[str, float]] = {}
    saved = root / "results.json"
    if saved.exists():
        results = json.loads(saved.read_text())
    for name in args.stages.split(","):
        done = subprocess.run(
            [sys.executable, __file__, "--stage", name, "--data", str(data), "--work", str(work),
             "--month", args.month],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            raise SystemExit(f"stage {name} failed")
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
        saved.write_text(json.dumps(results))
        print(name, results[name], flush=True)
    settlements = results["import"].get("rows", 0)
    verify, floor, naive = results["verify"]["seconds"], results["floor"]["seconds"], results["pandas"]["seconds"]
    summary = {
        "scale": args.scale,
        "rows_imported": settlements,
        "import_rows_per_second": round(settlements / results["import"]["seconds"]),
        "verify_seconds": verify,
        "verify_vs_pandas": round(naive / verify, 1),
        "verify_vs_floor": round(verify / floor, 1),
        "peak_mib": max(r["peak_mib"] for r in results.values()),
        "stages": results,
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
