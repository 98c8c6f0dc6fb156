"""``medaid evaluate`` and ``medaid metrics``: indicators from data, and the framework scored."""

from __future__ import annotations

import json
from pathlib import Path

import click

from medaid.cli.options import help_option
from medaid.workspace import Workspace


def _year(workspace: Workspace, year: int | None) -> int:
    chosen = year or workspace.settings.year
    if chosen is None:
        raise click.UsageError("请用 --year 指定年度，或在工作区设置中填写 year")
    return chosen


@click.command("metrics")
@help_option
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--year", type=int, default=None, help="年度（默认取工作区设置）")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式"
)
def metrics_command(directory: Path, year: int | None, fmt: str) -> None:
    """从工作区数据计算各项指标（救助人次、资助参保完成率、滚存结余率、可支撑月数等），附公式与来源。"""
    from medaid.analytics.binding import compute_all

    workspace = Workspace.open(directory)
    values = compute_all(workspace, _year(workspace, year))
    if fmt == "json":
        click.echo(json.dumps([v.to_dict() for v in values], ensure_ascii=False, indent=2))
        return
    for v in values:
        shown = v.text() or f"—（{v.note}）"
        click.echo(f"{v.metric.label}：{shown}    [{v.metric.name}] {v.metric.formula}")


@click.command("evaluate")
@help_option
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--framework", default=None, help="评价框架文件或内置名称（默认取工作区设置）")
@click.option("--year", type=int, default=None, help="年度（默认取工作区设置）")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式"
)
def evaluate_command(directory: Path, framework: str | None, year: int | None, fmt: str) -> None:
    """用工作区数据计算指标、填入评价框架的实际完成值并计分，输出总分、等级和发现的问题。"""
    from medaid.analytics.binding import bind
    from medaid.cli.text import audit_text
    from medaid.evaluation import audit, audit_dict, load_framework, scored_dict
    from medaid.evaluation.catalog import resolve

    workspace = Workspace.open(directory)
    name = framework or workspace.settings.framework
    if not name:
        raise click.UsageError("请用 --framework 指定评价框架，或在工作区设置中填写 framework（见 medaid frameworks）")
    binding = bind(load_framework(resolve(name)), workspace, _year(workspace, year))
    report = audit(binding.framework)
    if fmt == "json":
        data = scored_dict(report.scored)
        data["audit"] = audit_dict(report)
        data["metrics"] = [v.to_dict() for v in binding.values.values()]
        data["bound"] = [{"path": list(p), "metric": m, "actual": a} for p, m, a in binding.bound]
        data["unavailable"] = [{"path": list(p), "metric": m, "why": w} for p, m, w in binding.unavailable]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"由数据填入 {len(binding.bound)} 项指标的实际完成值：")
    for path, metric, actual in binding.bound:
        click.echo(f"  {' › '.join(path)} ← {actual}（{metric}）")
    for path, metric, why in binding.unavailable:
        click.echo(f"  {' › '.join(path)}：{why}（{metric}）")
    click.echo("")
    click.echo(audit_text(report))
