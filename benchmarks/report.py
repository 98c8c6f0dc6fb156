"""Benchmark: the evaluation of a county or city workspace rendered in every format.

    .venv/bin/python benchmarks/report.py --scale city       # generates and imports first
    .venv/bin/python benchmarks/report.py --workspace WS      # an existing workspace

Times scoring from data (the framework's metrics, binding, audit, and the 26 figures of
项目基本情况) and each renderer on the same result.
The renderers' work does not grow with the data — the report has as many rows as the
framework has indicators — so the figure to watch is scoring from data against rendering.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="county", help="county, city, province or a number of settlements")
    parser.add_argument("--workspace", type=Path, default=None)
    args = parser.parse_args()
    from medaid.cli.pipeline import IMPORT_ORDER
    from medaid.demo.generate import generate
    from medaid.evaluation.catalog import find
    from medaid.ingest.load import import_file
    from medaid.reports.build import evaluation_report
    from medaid.reports.render import FORMATS, render
    from medaid.workspace import Workspace

    framework = find("examples/county_2023_financial")
    assert framework is not None
    out = Path(tempfile.mkdtemp(prefix="medaid-report-"))
    if args.workspace is None:
        scale = int(args.scale) if args.scale.isdigit() else args.scale
        generate(out / "data", scale, seed=2023, year=2023)
        workspace = Workspace.init(out / "ws", region="示例县", year=2023, framework=str(framework))
        for kind, name in IMPORT_ORDER:
            if (out / "data" / name).exists():  # the platform export is only written at county scale
                import_file(workspace, kind, out / "data" / name)
    else:
        workspace = Workspace.open(args.workspace)
    with workspace.connect() as con:
        settlements = con.execute("SELECT count(*) FROM settlements").fetchone()
    start = time.perf_counter()
    report, _, _ = evaluation_report(str(workspace.root), framework=str(framework), year=2023,
                                     survey=(None, "liucheng_2023", None, None), drafts_file=out / "文字稿.yaml",
                                     out=None)  # fmt: skip
    timings = {"score_from_data": round(time.perf_counter() - start, 2)}
    for fmt in FORMATS:
        start = time.perf_counter()
        render(report, fmt, out / f"report.{fmt}")
        timings[fmt] = round(time.perf_counter() - start, 2)
    print(json.dumps({"settlements": settlements[0] if settlements else None, "seconds": timings,
                      "total": str(report.total), "grade": report.grade}, ensure_ascii=False, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
