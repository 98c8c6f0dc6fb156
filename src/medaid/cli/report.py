"""报告: the evaluation report of a workspace or of a framework file."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import command, done, emit_json, format_option, progress, year_option
from medaid.services.reports import FORMATS, LAYOUTS


@command("report", section="报告", example="medaid report 工作区 --format docx")
@click.argument("target", metavar="工作区或评价文件")
@format_option(*FORMATS)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出文件（默认：工作区 reports/ 下，或当前目录）")  # fmt: skip
@click.option("--framework", default=None, help="工作区使用的评价框架（默认取工作区设置）")
@year_option("年度（工作区，默认取设置）")
@click.option("--survey", "survey_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="满意度调查答卷（问卷星、腾讯问卷导出的 CSV/XLSX），写入附件2")  # fmt: skip
@click.option("--questionnaire", default="liucheng_2023", show_default=True, help="问卷定义：内置模板名或 YAML 文件")
@click.option("--sent", type=click.IntRange(min=1), default=None, help="问卷发放份数")
@click.option("--population", type=click.IntRange(min=1), default=None, help="调查总体人数")
@click.option("--layout", type=click.Choice(list(LAYOUTS)), default="auto", show_default=True,
              help="Word 版式：report 评价报告；self 项目支出绩效自评表；auto 按框架类型")  # fmt: skip
@click.option("--drafts", "drafts_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="“存在的问题”“改进建议”文字稿（YAML）；首次生成时写出草稿，修改后再次生成即采用")  # fmt: skip
@click.option("--summary", "summary_fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="生成后在终端输出的摘要格式")  # fmt: skip
def report_command(target: str, fmt: str, out: Path | None, framework: str | None, year: int | None,
                   survey_file: Path | None, questionnaire: str, sent: int | None, population: int | None,
                   layout: str, drafts_file: Path | None, summary_fmt: str) -> None:  # fmt: skip
    """生成评价报告：目标为工作区目录（由数据计分）或评价框架文件/内置名称（按表计分）。

    各格式的数字都取自同一计分结果：docx（正文与附件1评分表，或项目支出绩效自评表）、pdf（内嵌中文字体）、html、
    xlsx（评分表）、json。
    """
    from medaid.services.reports import SurveyInput, generate_report

    survey = None if survey_file is None else SurveyInput(survey_file, questionnaire, sent, population)
    with progress() as bars:
        made = generate_report(target, fmt=fmt, out=out, framework=framework, year=year, survey=survey, layout=layout,
                               drafts=drafts_file, progress=bars)  # fmt: skip
    if summary_fmt == "json":
        emit_json(made.to_dict())
    elif made.total is not None and made.grade is not None:
        click.echo(f"已生成 {made.path}：总分 {made.total} 分，等级 {made.grade}")
    else:
        click.echo(f"已生成 {made.path}：{made.reason}")
    if made.errors:
        click.echo(f"评分表有 {made.errors} 处数字不一致，已列入报告（medaid audit 可查看）")
    done(made.exit_code)
