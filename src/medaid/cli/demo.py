"""``medaid demo``: the main job on the embedded default (DuckDB + SQLite files, no server).

Generates a fictional county, runs the whole pipeline on it (import, registry, monthly
verification, high-cost warnings, metrics, the framework scored from data), audits every
shipped seed transcription, and writes everything into a folder it names.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from medaid.cli.options import help_option
from medaid.cli.pipeline import PipelineResult, run_pipeline
from medaid.cli.text import audit_text, score_text
from medaid.evaluation import audit, audit_dict, load_framework, score_framework, scored_dict
from medaid.evaluation.catalog import entries


@click.command("demo")
@help_option
@click.option("--out", "out_dir", default="demo-output", show_default=True, help="输出文件夹")
def demo(out_dir: str) -> None:
    """演示：审核内置的五份评价报告转录，并为示例县计分，结果写入输出文件夹。"""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    click.echo("== 一、审核五份真实评价报告的评分表转录 ==")
    summary: list[str] = []
    for entry in entries():
        if entry.group != "seeds":
            continue
        report = audit(load_framework(entry.path))
        (out / f"audit-{entry.path.stem}.json").write_text(
            json.dumps(audit_dict(report), ensure_ascii=False, indent=2), encoding="utf-8"
        )
        click.echo("")
        click.echo(audit_text(report))
        computed = report.scored.total
        summary.append(
            f"  {entry.path.stem:<48} 声明 {entry.claimed_total or '—'} {entry.claimed_grade or ''}；"
            f"复核 {computed if computed is not None else '—'} {report.scored.grade or ''}；"
            f"错误 {len(report.errors)} 处"
        )
    click.echo("")
    click.echo("== 二、为示例县（虚构数据）按评分标准计分 ==")
    example = next(e for e in entries() if e.id == "examples/county_2023_financial")
    scored = score_framework(load_framework(example.path))
    (out / "score-county_2023_financial.json").write_text(
        json.dumps(scored_dict(scored), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    click.echo(score_text(scored))
    click.echo("")
    click.echo("== 三、虚构示例县的全流程：生成数据 → 导入 → 核查台账 → 高额费用预警 → 指标 → 评价 ==")
    county = _county(out)
    click.echo("")
    click.echo("== 汇总 ==")
    for line in summary:
        click.echo(line)
    click.echo(f"示例县（评分表示例）：总分 {scored.total} 分，等级 {scored.grade}")
    click.echo(
        f"示例县（由生成数据计分）：总分 {county.total} 分，等级 {county.grade}；核查台账 {county.ledger}；"
        f"高额费用预警 {county.warnings} 人；导入不合格 {county.rejected} 行"
    )
    reports = county_reports(out / "county" / "reports", county)
    click.echo(
        f"示例县评价报告（Word、PDF、评分表）已写入 {reports.resolve()}：总分 {county.total} 分，等级 {county.grade}"
    )
    click.echo(f"结果已写入 {out.resolve()}")


def county_reports(folder: Path, county: PipelineResult) -> Path:
    """The county's evaluation report in Word and PDF and its 评分表 workbook, with the ledgers beside them."""
    from medaid.analytics.chart_data import chart_data
    from medaid.analytics.runs import year_findings
    from medaid.reports.document import build_report
    from medaid.reports.render import render

    assert county.audit is not None
    year = county.workspace.settings.year or 2023
    with county.workspace.connect(read_only=True) as con:
        found = year_findings(con, year)
    report = build_report(county.audit, narrative_file=folder / "评价报告-文字稿.yaml", metrics=county.metrics,
                          charts=chart_data(county.workspace, year), findings=found)  # fmt: skip
    for fmt, name in (("docx", "评价报告.docx"), ("pdf", "评价报告.pdf"), ("xlsx", "评分表.xlsx")):
        render(report, fmt, folder / name)
    for ledger in [county.ledger, *county.push_lists]:  # 核查台账 and the 预警推送名单 of each department
        if ledger is not None and ledger.suffix == ".xlsx":
            shutil.copy2(ledger, folder / ledger.name)
    return folder


def _county(out: Path) -> PipelineResult:
    from medaid.demo.generate import generate

    root = out / "county"
    if root.exists():
        shutil.rmtree(root)  # the demo's own output from an earlier run
    click.echo("  生成虚构示例县数据（约4万条结算）……")
    generate(root / "data", "county", seed=2023, year=2023)
    framework = next(e.path for e in entries() if e.id == "examples/county_2023_financial")
    return run_pipeline(root / "data", root / "workspace", year=2023, month="2023-12", framework=framework)
