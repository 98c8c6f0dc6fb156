"""Benchmark: `medaid verify` and `medaid settle` on a standalone Spark cluster on this machine.

    .venv/bin/python benchmarks/verification.py --scale city --keep /tmp/bench_city --stages generate,import
    .venv/bin/python benchmarks/spark.py --workspace /tmp/bench_city/workspace

Starts a master and a worker from the pyspark package's own `spark-class` (as tests/spark_cluster.py does),
then runs each command twice as users type it, with `MEDAID_ENGINE=spark` and the cluster's master, and once
on DuckDB, each in its own process. Reports wall seconds, and checks that Spark's verification finds what
DuckDB's finds (the same run) and that the settled year gives the same 救助标准执行率 figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.spark_cluster import standalone  # noqa: E402

MEDAID = str(Path(sys.executable).with_name("medaid"))


def run(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, object]]:
    start = time.perf_counter()
    done = subprocess.run([MEDAID, *args, "--format", "json"], capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: findings
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return round(seconds, 2), json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--month", default="2023-12")
    parser.add_argument("--executor-memory", default="6g")
    parser.add_argument("--worker-memory", default="8g")
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if not k.startswith("MEDAID_")}
    base |= {"MEDAID_DUCKDB_THREADS": "2", "MEDAID_DUCKDB_MEMORY": "3GB"}
    verify = ["verify", str(args.workspace), "--month", args.month]
    settle = ["settle", str(args.workspace)]
    results: dict[str, object] = {"workspace": str(args.workspace)}
    results["duckdb_verify_seconds"], on_duckdb = run(verify, base)
    results["duckdb_settle_seconds"], settled_duckdb = run(settle, base)
    with (
        tempfile.TemporaryDirectory(prefix="medaid-spark-bench-") as folder,
        standalone(Path(folder), cores=2, memory=args.worker_memory) as cluster,
    ):
        (cluster.conf_dir / "spark-defaults.conf").write_text(  # sized for the data, JIT at full speed
            f"spark.executor.memory {args.executor_memory}\nspark.executor.cores 2\nspark.cores.max 2\n"
            "spark.sql.shuffle.partitions 8\nspark.driver.memory 4g\n",
            encoding="utf-8",
        )
        env = base | cluster.driver_environment()
        for attempt in (1, 2):
            seconds, on_spark = run(verify, env)
            results[f"spark_verify_seconds_{attempt}"] = seconds
        results["verify_same_findings"] = on_spark.get("findings") == on_duckdb.get("findings")
        found = on_duckdb.get("findings")
        results["findings"] = len(found) if isinstance(found, list) else None
        for attempt in (1, 2):
            seconds, settled_spark = run(settle, env)
            results[f"spark_settle_seconds_{attempt}"] = seconds
        results["settle_same_result"] = settled_spark == settled_duckdb
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
