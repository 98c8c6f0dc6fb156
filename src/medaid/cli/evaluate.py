"""评价 from data: metrics, evaluate, judge, judgments."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import click

from medaid.cli.base import command, done, emit_json, format_option, progress, workspace_argument, year_option


@command("metrics", section="评价", example="medaid metrics 工作区 --year 2023")
@workspace_argument()
@year_option()
@format_option("text", "json")
def metrics_command(directory: Path, year: int | None, fmt: str) -> None:
    """从工作区数据和依申请救助案件计算各项指标（救助人次、资助参保完成率、滚存结余率、申请至发放天数、回访率等），附公式与来源。"""
    from medaid.services.metrics import compute_metrics

    with progress() as bars:
        found = compute_metrics(directory, year=year, progress=bars)
    if fmt == "json":
        emit_json(found.to_dict())
        return
    for v in found.values:
        shown = v.text() or f"—（{v.note}）"
        click.echo(f"{v.metric.label}：{shown}    [{v.metric.name}] {v.metric.formula}")


@command("evaluate", section="评价", example="medaid evaluate 工作区")
@workspace_argument()
@click.option("--framework", default=None, help="评价框架文件或内置名称（默认取工作区设置）")
@year_option()
@format_option("text", "json")
def evaluate_command(directory: Path, framework: str | None, year: int | None, fmt: str) -> None:
    """用工作区数据计算指标、填入评价框架的实际完成值，采用评价人员的评分（medaid judge），计分并审核。

    有错误时退出码为 1；待评价人员评分的指标单独列出，并说明如何录入。
    """
    from medaid.cli.text import audit_text
    from medaid.services.evaluation import evaluate_workspace

    with progress() as bars:
        result = evaluate_workspace(directory, framework=framework, year=year, progress=bars)
    if fmt == "json":
        emit_json(result.to_dict())
        done(result.exit_code)
        return
    binding = result.binding
    click.echo(f"由数据填入 {len(binding.bound)} 项指标的实际完成值：")
    for path, metric, actual in binding.bound:
        click.echo(f"  {' › '.join(path)} ← {actual}（{metric}）")
    for path, metric, why in binding.unavailable:
        click.echo(f"  {' › '.join(path)}：{why}（{metric}）")
    if result.judgments:
        click.echo(f"采用评价人员评分 {len(result.judgments)} 项（medaid judgments 查看）")
    for stale in result.stale:
        click.echo(f"注意：评分记录“{'/'.join(stale.path)}”在评价框架中已找不到对应指标，未采用")
    click.echo("")
    click.echo(audit_text(result.report))
    done(result.exit_code)


JUDGE_EXAMPLE = 'medaid judge 工作区 "产出/产出质量/救助对象精准度" --score 3.5 --reason 抽查20户有1户身份信息不符'


@command("judge", section="评价", example=JUDGE_EXAMPLE)
@workspace_argument()
@click.argument("path", metavar="指标路径")
@click.option("--score", required=True, help="得分（不超过该指标的分值）")
@click.option("--reason", required=True, help="评分理由（必填；调整自动得分时写明酌情扣分的依据）")
@click.option("--evidence", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="佐证材料文件，可多次给出；文件连同 SHA-256 保存在工作区 evidence/ 下")  # fmt: skip
@click.option("--as", "actor", default=None, help="评价人员（默认当前系统用户）")
@click.option("--framework", default=None, help="评价框架（默认取工作区设置）")
@year_option()
@format_option("text", "json")
def judge_command(directory: Path, path: str, score: str, reason: str, evidence: tuple[Path, ...], actor: str | None,
                  framework: str | None, year: int | None, fmt: str) -> None:  # fmt: skip
    """录入评价人员对一项末级指标的评分，或调整自动得分（须写理由）。

    指标路径按层级用“/”分隔，如“产出/质量/救助对象识别精准度”。同一指标再次录入以最新一次为准，历次记录保留。
    """
    from medaid.services.judgments import judge

    result = judge(directory, path, score=score, reason=reason, evidence=evidence, actor=actor, framework=framework,
                   year=year)  # fmt: skip
    if fmt == "json":
        emit_json(result.to_dict())
        return
    r = result.record
    weight = "" if result.weight is None else f"（分值 {_num(result.weight)} 分）"
    click.echo(
        f"已记录：{' / '.join(r.path)}{weight} 得 {_num(r.score)} 分 — {r.reason}（{r.actor}，{r.at:%Y-%m-%d %H:%M}）"
    )
    for e in r.evidence:
        click.echo(f"  佐证材料：{e.name}（SHA-256 {e.sha256}）已保存为 {e.stored}")
    if result.replaced is not None:
        before = result.replaced
        click.echo(f"  取代此前的评分 {_num(before.score)} 分（{before.actor}，{before.at:%Y-%m-%d}）")
    click.echo("下次运行 medaid evaluate 或 medaid report 时采用。")


@command("judgments", section="评价", example="medaid judgments 工作区 --history")
@workspace_argument()
@click.option("--history", is_flag=True, help="列出历次评分记录（默认只列当前采用的）")
@year_option()
@format_option("text", "json")
def judgments_command(directory: Path, history: bool, year: int | None, fmt: str) -> None:
    """列出评价人员的评分及理由、评分人、时间和佐证材料。"""
    from medaid.services.judgments import list_judgments

    found = list_judgments(directory, year=year, history=history)
    if fmt == "json":
        emit_json(found.to_dict())
        return
    if not found.judgments:
        click.echo(
            f"{found.year} 年尚无评价人员评分。用 medaid judge 工作区 指标路径 --score 分数 --reason 理由 录入。"
        )
        return
    for r in found.judgments:
        files = f"；佐证 {'、'.join(e.name for e in r.evidence)}" if r.evidence else ""
        who = f"（{r.actor}，{r.at:%Y-%m-%d %H:%M}）"
        click.echo(f"  {r.id:>4}. {' / '.join(r.path)}：{_num(r.score)} 分 — {r.reason}{who}{files}")


def _num(value: Decimal) -> str:
    from medaid.evaluation.numbers import fmt

    return fmt(value)
