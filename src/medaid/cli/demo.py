"""准备: ``medaid demo``, the main job on the embedded default (DuckDB + SQLite files, no server).

Audits the shipped transcriptions of the five real reports, scores the example table, then
generates a fictional county and runs the whole pipeline on it — import, registry, monthly
verification, high-cost warnings, metrics, the framework scored from data — and writes the
county's reports, all into a folder it names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from medaid.cli.base import command, progress

if TYPE_CHECKING:
    from medaid.services.demo import PipelineResult


@command("demo", section="准备", example="medaid demo --out demo-output")
@click.option("--out", "out_dir", default="demo-output", show_default=True, help="输出文件夹")
def demo(out_dir: str) -> None:
    """演示：审核内置的五份评价报告转录，为示例表计分，并对虚构示例县跑通全流程，结果写入输出文件夹。"""
    from medaid.cli.text import audit_text, score_text
    from medaid.services.demo import run_demo

    click.echo("正在运行演示（审核五份评价报告转录，生成并处理虚构示例县约4万条结算）……")
    with progress() as bars:
        result = run_demo(Path(out_dir), progress=bars)
    click.echo("== 一、审核五份真实评价报告的评分表转录 ==")
    for seed in result.seeds:
        click.echo("")
        click.echo(audit_text(seed.report))
    click.echo("")
    click.echo("== 二、为示例县（虚构数据）按评分表计分 ==")
    click.echo(score_text(result.example))
    click.echo("")
    click.echo("== 三、虚构示例县的全流程：生成数据 → 导入 → 核查台账 → 高额费用预警 → 指标 → 评价 ==")
    county = result.county
    for line in county_lines(county):
        click.echo(line)
    click.echo("")
    click.echo("== 汇总 ==")
    for seed in result.seeds:
        computed = seed.report.scored.total
        click.echo(f"  {seed.id:<48} 声明 {seed.claimed_total or '—'} {seed.claimed_grade or ''}；"
                   f"复核 {computed if computed is not None else '—'} {seed.report.scored.grade or ''}；"
                   f"错误 {len(seed.report.errors)} 处")  # fmt: skip
    click.echo(f"示例县（评分表示例）：总分 {result.example.total} 分，等级 {result.example.grade}")
    click.echo(f"示例县（由生成数据计分）：总分 {county.total} 分，等级 {county.grade}；核查台账 {county.ledger}；"
               f"高额费用预警 {county.warnings} 人；导入不合格 {county.rejected} 行")  # fmt: skip
    click.echo(f"示例县评价报告（Word、PDF、评分表）已写入 {result.reports.resolve()}："
               f"总分 {county.total} 分，等级 {county.grade}")  # fmt: skip
    click.echo(f"结果已写入 {result.out.resolve()}")
    click.echo("")
    click.echo("== 网页版 ==")
    click.echo(f"启动：medaid serve {county.root}  （在 .venv/bin 下；然后用浏览器打开 http://127.0.0.1:8000/）")
    click.echo("演示账户（密码只显示这一次，请记下；管理员与医保经办首次登录须用手机验证器启用二次验证）：")
    from medaid.roles import role_label

    for account in result.accounts:
        extra = f"·{account.department}" if account.department else ""
        click.echo(f"  {account.name}（{role_label(account.role)}{extra}）  密码 {account.password}")


def county_lines(county: PipelineResult) -> list[str]:
    """What the pipeline did to the county, findings named in Chinese."""
    from medaid.vocab import REASONS

    lines = [f"  导入 {line.file}：新增 {line.new}，不合格 {line.rejected}" for line in county.imports]
    found = "，".join(f"{REASONS[k]} {v} 笔" for k, v in county.findings.items()) or "无"
    lines.append(f"  {county.month} 核查：当月结算 {county.settlements_verified} 笔，"
                 f"发现 {sum(county.findings.values())} 笔（{found}）")  # fmt: skip
    lines.append(f"  高额费用预警：按推送日推送 {county.pushes} 次，新推送 {county.warnings} 人，"
                 f"部门已登记核查结果 {county.warnings_followed} 人")  # fmt: skip
    lines.append(f"  依申请救助历史案件 {county.cases_imported} 件（其中由高额费用预警转化 "
                 f"{county.cases_from_warnings} 件；台账不合格 {county.cases_rejected} 行），"
                 f"计划回访 {county.visits_planned} 人，已回访 {county.visits_done} 人")  # fmt: skip
    if county.evaluation is not None:
        lines.append(f"  由数据填入 {len(county.evaluation.binding.bound)} 项指标；"
                     f"评价总分 {county.total} 分，等级 {county.grade}")  # fmt: skip
    return lines
