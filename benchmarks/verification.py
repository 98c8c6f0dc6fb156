"""Benchmark: import + metrics + monthly verification on generated settlements.

    .venv/bin/python benchmarks/verification.py --scale city        # ≈ 1 000 000 settlements
    .venv/bin/python benchmarks/verification.py --scale province    # ≈ 10 000 000

Each stage runs in its own process so that its peak memory (max RSS) is its own; the peak of
the stage's whole process tree (the import's pseudonymising workers included, sampled every
0.1 s, shared pages counted in each process) is given beside it, and its CPU seconds (threads
and finished worker processes: steadier than the wall clock on a shared machine). Speed is
reported as ratios measured in the same run, not as absolute goals:
- the import against DuckDB's own ``read_csv`` of the same files into a table of a new DuckDB
  file (``read_csv`` stage; a file that is not UTF-8 is read from a UTF-8 copy made before
  the clock starts: DuckDB's wheel has no GBK);
- verification against a plain pandas implementation of the same verification (the naive baseline);
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
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE = os.sysconf("SC_PAGE_SIZE")


class TreeMemory(threading.Thread):
    """The peak resident memory of this process and its descendants, sampled (Linux /proc)."""

    def __init__(self, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.every, self.peak, self.done = every, 0, threading.Event()

    @staticmethod
    def now() -> int:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree, grew = {os.getpid()}, True
        while grew:
            more = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= more
            grew = bool(more)
        total = 0
        for pid in tree:
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            except (OSError, IndexError, ValueError):
                continue
        return total

    def run(self) -> None:
        while not self.done.wait(self.every):
            self.peak = max(self.peak, self.now())

    def stop(self) -> float:
        self.done.set()
        self.join()
        return round(max(self.peak, self.now()) / 2**20, 1)


def read_csv_baseline(data: Path, root: Path) -> dict[str, float]:
    """DuckDB's own ``read_csv`` of the files the import reads, each into a table of a new DuckDB file."""
    from medaid.services.demo import IMPORT_ORDER
    from medaid.store import engine

    files = [data / name for _, name in IMPORT_ORDER if (data / name).exists()]
    copies: list[Path] = []
    readable: list[Path] = []
    for path in files:  # a UTF-8 copy of a file in another encoding, before the clock starts
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
            readable.append(path)
        except UnicodeDecodeError:
            copy = root / f"utf8-{path.name}"
            copy.write_text(raw.decode("gb18030"), encoding="utf-8")
            copies.append(copy)
            readable.append(copy)
    target = root / "read_csv.duckdb"
    target.unlink(missing_ok=True)
    rows = 0
    start, cpu = time.perf_counter(), time.process_time()
    with engine.connect(target) as con:
        for i, path in enumerate(readable):
            con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv(?)", [str(path)])
            rows += int(con.execute(f"SELECT count(*) FROM t{i}").fetchall()[0][0])
        con.execute("CHECKPOINT")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    target.unlink(missing_ok=True)
    for copy in copies:
        copy.unlink()
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 1), "rows": rows, "transcoded_files": len(copies)}


def stage(name: str, data: Path, work: Path, month: str) -> dict[str, float]:
    tree = TreeMemory()
    tree.start()
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
    elif name == "read_csv":
        extra.update(read_csv_baseline(data, work.parent))  # its own clocks: the UTF-8 copies are not timed
    elif name == "metrics":
        from medaid.services.metrics import compute_metrics

        extra["metrics"] = len(compute_metrics(work, year=2023).values)
    elif name == "verify":
        from medaid.services.verification import verify_month

        extra["findings"] = len(verify_month(work, month).run.rows)
    elif name == "floor":
        from medaid.workspace import Workspace

        with Workspace.open(work).connect(read_only=True) as con:  # settlements: the view over its Parquet files
            con.execute(
                "SELECT count(*), sum(c) FROM (SELECT sum(assistance_paid) OVER (PARTITION BY person_key "
                "ORDER BY settle_date, settlement_id ROWS UNBOUNDED PRECEDING) AS c FROM settlements)"
            ).fetchall()
    elif name == "pandas":
        extra["findings"] = pandas_verification(work, month)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(u.ru_utime + u.ru_stime for u in used)  # the stage's threads and its finished workers
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 1), "peak_mib": round(peak_mib, 1),
            "tree_peak_mib": tree.stop(), **extra}  # fmt: skip


def pandas_verification(work: Path, month: str) -> int:
    """The same verification written plainly with pandas: the naive baseline."""
    import pandas as pd

    from medaid.analytics.verification import Month
    from medaid.policy.params import default_policy
    from medaid.workspace import Workspace

    period = Month.parse(month)
    policy = default_policy(period.last)
    with Workspace.open(work).connect(read_only=True) as con:  # settlements: the view over its Parquet files
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
    parser.add_argument("--stages", default="generate,import,read_csv,metrics,verify,floor,pandas",
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
    summary: dict[str, object] = {"scale": args.scale}
    if "import" in results:
        imported = results["import"]
        summary |= {
            "rows_imported": imported.get("rows", 0),
            "import_seconds": imported["seconds"],
            "import_rows_per_second": round(imported.get("rows", 0) / imported["seconds"]),
            "import_peak_mib": max(imported["peak_mib"], imported.get("tree_peak_mib", 0)),
        }
        if "read_csv" in results:
            baseline = results["read_csv"]
            summary |= {
                "read_csv_seconds": baseline["seconds"],
                "read_csv_rows_per_second": round(baseline.get("rows", 0) / baseline["seconds"]),
                "import_vs_read_csv": round(imported["seconds"] / baseline["seconds"], 1),
            }
            if "cpu_seconds" in imported and "cpu_seconds" in baseline:
                cpu_ratio = imported["cpu_seconds"] / max(baseline["cpu_seconds"], 0.1)
                summary["import_vs_read_csv_cpu"] = round(cpu_ratio, 1)
    if all(name in results for name in ("verify", "floor", "pandas")):
        verify, floor, naive = results["verify"]["seconds"], results["floor"]["seconds"], results["pandas"]["seconds"]
        summary |= {
            "verify_seconds": verify,
            "verify_vs_pandas": round(naive / verify, 1),
            "verify_vs_floor": round(verify / floor, 1),
        }
    summary["peak_mib"] = max(max(r["peak_mib"], r.get("tree_peak_mib", 0)) for r in results.values())
    summary["stages"] = results
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
