"""评价: satisfaction and awareness from a questionnaire export."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import command, emit_json, format_option


def _percent(x: float) -> str:
    return f"{x * 100:.1f}%"


@command("survey", section="评价", example="medaid survey 问卷星导出.xlsx --sent 317 --population 4000")
@click.argument("responses", metavar="答卷文件", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--questionnaire", default="liucheng_2023", show_default=True, help="问卷定义：内置模板名或 YAML 文件路径"
)
@click.option("--sent", type=click.IntRange(min=1), default=None, help="发放份数（用于回收率）")
@click.option("--population", type=click.IntRange(min=1), default=None, help="调查总体人数（用于有限总体校正）")
@click.option("--margin", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.05,
              show_default=True, help="要求的误差界（0.05 即 ±5 个百分点）")  # fmt: skip
@click.option("--confidence", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.95,
              show_default=True, help="置信水平")  # fmt: skip
@click.option("--into", "into", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="把答卷存入该工作区：此后该年度的评价与报告由它填入满意度、知晓率指标")  # fmt: skip
@click.option(
    "--year", type=click.IntRange(1990, 2100), default=None, help="存入工作区时的评价年度（默认：工作区的年度）"
)
@format_option("text", "json")
def survey_command(responses: Path, questionnaire: str, sent: int | None, population: int | None, margin: float,
                   confidence: float, into: Path | None, year: int | None, fmt: str) -> None:  # fmt: skip
    """统计问卷星、腾讯问卷导出的答卷（CSV/XLSX，按文本或按序号）：回收率、各题分布、
    综合满意度、满意率、政策知晓率及其置信区间，并判断样本量能否支撑所报比率。
    加 --into 工作区 时把答卷存入工作区，供 evaluate 与 report 计分。"""
    from medaid.services.survey import analyse_survey, store_survey

    analysis = analyse_survey(responses, questionnaire=questionnaire, sent=sent, population=population,
                              margin=margin, confidence=confidence)  # fmt: skip
    kept = None
    if into is not None:
        kept = store_survey(into, responses, year=year, questionnaire=questionnaire, sent=sent,
                            population=population, analysed=analysis)  # fmt: skip
    if fmt == "json":
        emit_json(analysis.to_dict() | ({"stored": kept.to_dict()} if kept else {}))
        return
    result, read = analysis.result, analysis.read
    lines = [f"{result.title}：有效答卷 {result.valid} 份"
             + (f"，发放 {sent} 份，回收率 {_percent(result.response_rate or 0)}" if sent else "")]  # fmt: skip
    level = f"{confidence * 100:g}%"
    for label, estimate in (("综合满意度", result.satisfaction), ("政策知晓率", result.awareness)):
        if estimate is not None:
            lines.append(f"{label}：{_percent(estimate.value)}（{level} 置信区间 {_percent(estimate.low)}–"
                         f"{_percent(estimate.high)}，{estimate.n} 人）")  # fmt: skip
    lines.append(f"误差 ±{margin * 100:g} 个百分点所需有效答卷：{result.needed} 份")
    for d in result.questions:
        if d.counts:
            counts = "，".join(f"{o} {n}" for o, n in d.counts.items())
            lines.append(f"  第{d.question.number}题（{d.answered} 人作答）：{counts}")
    lines += [f"提示：{w}" for w in result.warnings]
    lines += [f"未计入：{p.describe(read.file)}" for p in read.problems]
    if read.unmatched_columns:
        lines.append(f"问卷定义中没有的题目列（未统计）：{'、'.join(read.unmatched_columns)}")
    if kept is not None:
        lines.append(f"答卷已存入工作区：{kept.responses}（此后该年度的评价与报告由它计分）")
    click.echo("\n".join(lines))
