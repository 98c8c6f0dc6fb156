"""medaid report: the evaluation report of a workspace or of a framework file."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.options import help_option
from medaid.reports.render import FORMATS


@click.command("report")
@help_option
@click.argument("target")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="docx", show_default=True,
              help="输出格式")  # fmt: skip
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出文件（默认：工作区 reports/ 下，或当前目录）")  # fmt: skip
@click.option("--framework", default=None, help="工作区使用的评价框架（默认取工作区设置）")
@click.option("--year", type=int, default=None, help="年度（工作区，默认取设置）")
@click.option("--survey", "survey_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="满意度调查答卷（问卷星、腾讯问卷导出的 CSV/XLSX），写入附件2")  # fmt: skip
@click.option("--questionnaire", default="liucheng_2023", show_default=True, help="问卷定义：内置模板名或 YAML 文件")
@click.option("--sent", type=click.IntRange(min=1), default=None, help="问卷发放份数")
@click.option("--population", type=click.IntRange(min=1), default=None, help="调查总体人数")
@click.option("--layout", type=click.Choice(["auto", "report", "self"]), default="auto", show_default=True,
              help="Word 版式：report 评价报告；self 项目支出绩效自评表；auto 按框架类型")  # fmt: skip
@click.option("--drafts", "drafts_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="“存在的问题”“改进建议”文字稿（YAML）；首次生成时写出草稿，修改后再次生成即采用")  # fmt: skip
def report_command(target: str, fmt: str, out: Path | None, framework: str | None, year: int | None,
                   survey_file: Path | None, questionnaire: str, sent: int | None, population: int | None,
                   layout: str, drafts_file: Path | None) -> None:  # fmt: skip
    """生成评价报告：TARGET 为工作区目录（由数据计分）或评价框架文件/内置名称（按表计分）。

    各格式的数字都取自同一计分结果：docx（正文与附件1评分表，或项目支出绩效自评表）、pdf（内嵌中文字体）、html、
    xlsx（评分表）、json。
    """
    from medaid.evaluation.model import Kind
    from medaid.reports.build import evaluation_report
    from medaid.reports.render import render

    report, default_dir, stem = evaluation_report(
        target, framework=framework, year=year, survey=(survey_file, questionnaire, sent, population),
        drafts_file=drafts_file, out=out,
    )  # fmt: skip
    if layout == "auto":
        layout = "self" if report.audit.scored.framework.kind is Kind.SELF else "report"
    path = render(report, fmt, out or default_dir / f"{stem}.{fmt}", layout=layout)
    total = "—" if report.total is None else f"{report.total}"
    click.echo(f"已生成 {path}：总分 {total} 分，等级 {report.grade or '—'}")
