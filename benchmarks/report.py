"""Benchmark: the evaluation of a county or city workspace rendered in every format.

    .venv/bin/python benchmarks/report.py --scale city       # generates and imports first
    .venv/bin/python benchmarks/report.py --workspace WS      # an existing workspace

Times scoring from data (the framework's metrics, binding, audit, and the 26 figures of
项目基本情况) and each renderer on the same result. ``steps`` splits scoring by the steps the
services report as progress (``medaid.progress``), each timed from its start to its end (a step
inside another counts in both). ``cpu``: the process's CPU seconds of scoring and of each renderer (all
threads: DuckDB's too) — the figure to compare on a shared machine, where wall time depends on the load.
The renderers' work does not grow with the data — the report has as many rows as the
framework has indicators — so the figure to watch is scoring from data against rendering.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from medaid.progress import Progress, Task


class Timed(Task):
    def __init__(self, label: str, total: float | None, steps: dict[str, float]) -> None:
        super().__init__(label, total)
        self.steps, self.start = steps, time.perf_counter()

    def close(self) -> None:
        self.steps[self.label] = round(self.steps.get(self.label, 0) + time.perf_counter() - self.start, 2)


class Timings(Progress):
    """Progress that records how long each step took, by its label."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}

    def task(self, label: str, total: float | None = None) -> Task:
        return Timed(label, total, self.steps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="county", help="county, city, province or a number of settlements")
    parser.add_argument("--workspace", type=Path, default=None)
    args = parser.parse_args()
    from medaid.reports.render import render
    from medaid.services.demo import COUNTY_FRAMEWORK, generate_data, run_pipeline
    from medaid.services.reports import FORMATS, build
    from medaid.workspace import Workspace

    out = Path(tempfile.mkdtemp(prefix="medaid-report-"))
    pipeline = None
    if args.workspace is None:
        scale = int(args.scale) if args.scale.isdigit() else args.scale
        generate_data(out / "data", scale, seed=2023, year=2023)
        start = time.perf_counter()  # import, verify the twelve months, push warnings, keep the survey, judge
        root = run_pipeline(out / "data", out / "ws", year=2023, month="2023-12", framework=COUNTY_FRAMEWORK).root
        pipeline = round(time.perf_counter() - start, 2)
    else:
        root = args.workspace
    with Workspace.open(root).connect(read_only=True) as con:
        settlements = con.execute("SELECT count(*) FROM settlements").fetchone()
    start, cpu, progress = time.perf_counter(), time.process_time(), Timings()
    report, _, _ = build(
        str(root), framework=COUNTY_FRAMEWORK, year=2023, drafts=out / "文字稿.yaml", progress=progress
    )
    timings: dict[str, float | None] = {"pipeline": pipeline, "score_from_data": round(time.perf_counter() - start, 2)}
    used = {"score_from_data": round(time.process_time() - cpu, 2)}
    for fmt in FORMATS:
        start, cpu = time.perf_counter(), time.process_time()
        render(report, fmt, out / f"report.{fmt}")
        timings[fmt], used[fmt] = round(time.perf_counter() - start, 2), round(time.process_time() - cpu, 2)
    timings["report_total"] = round(sum(v for k, v in timings.items() if k != "pipeline" and v), 2)
    print(json.dumps({"settlements": settlements[0] if settlements else None, "seconds": timings, "cpu": used,
                      "steps": progress.steps, "total": str(report.total), "grade": report.grade},
                     ensure_ascii=False, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
