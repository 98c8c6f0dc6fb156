"""评价 of a table: score, audit, frameworks, rule."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from medaid.cli.base import FINDINGS, command, done, emit_json, format_option

if TYPE_CHECKING:
    from medaid.services.evaluation import RuleTrial


@command("score", section="评价", example="medaid score seeds/liucheng_2023")
@click.argument("file", metavar="评价文件")
@format_option("text", "json")
@click.option("--no-reasons", is_flag=True, help="文本输出时不列出各项得分依据")
def score_command(file: str, fmt: str, no_reasons: bool) -> None:
    """按评分规则为评价文件（YAML、CSV 或 XLSX 评分表，或内置框架名称）计分，输出得分树及每项得分依据。

    没有得分的末级指标由其评分标准和实际完成值计分。
    """
    from medaid.cli.text import score_text
    from medaid.services.evaluation import score_file

    result = score_file(file)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    click.echo(score_text(result.scored, reasons=not no_reasons))
    for finding in result.structure:
        click.echo(f"注意：{finding.message}")


@command("audit", section="评价", example="medaid audit 评分表.xlsx --format json")
@click.argument("file", metavar="评价文件")
@format_option("text", "json")
def audit_command(file: str, fmt: str) -> None:
    """审核评分表的一致性：逐项复核分值、得分、得分率、评分标准、等级和报告中的数据。

    评价文件可以是 YAML、CSV 或 XLSX 评分表，也可以是已发布的评价报告（Word .docx 或 PDF）：
    读取报告中的评分表，以及正文中“（分值 N 分，得分 M 分）”、“得分率 X%”、“综合得分为 T 分”、
    “评价等级为 G”等表述，逐一与评分表核对，并注明所在段落或页码；未能读取的表格和表述列为“未读取”，不作猜测。

    无错误时退出码为 0，有任一错误时为 1。
    """
    from medaid.cli.text import audit_text
    from medaid.services.evaluation import audit_file

    result = audit_file(file)
    if fmt == "json":
        emit_json(result.to_dict())
    else:
        click.echo(audit_text(result.report))
    done(result.exit_code)


@command("frameworks", section="准备", example="medaid frameworks")
@format_option("text", "json")
def frameworks_command(fmt: str) -> None:
    """列出内置的评价框架：模板、五份评价报告的转录和示例。"""
    from medaid.evaluation.catalog import GROUPS
    from medaid.services.evaluation import list_frameworks

    items = list_frameworks()
    if fmt == "json":
        emit_json([e.to_dict() for e in items])
        return
    for group_id, label in GROUPS.items():
        click.echo(f"【{label}】")
        for e in items:
            if e.group == group_id:
                claimed = (
                    f"（声明 {e.claimed_total} 分 {e.claimed_grade or ''}）" if e.claimed_total is not None else ""
                )
                click.echo(f"  {e.id:<52} {e.title}{claimed}")
    click.echo("用法：medaid score <名称或文件>，medaid audit <名称或文件>")


@command("rule", section="评价", example='medaid rule "每低于1个百分点扣1分，扣完为止" --weight 6 --actual 96.2%')
@click.argument("text", metavar="评分标准", required=False)
@click.option("--weight", default=None, help="分值")
@click.option("--target", default=None, help="指标值，如 ≥13500人")
@click.option("--actual", default=None, help="实际完成值，如 96.2%")
@click.option("--note", default=None, help="扣分说明或偏差原因（没有实际完成值时从中读取）")
@click.option("--holds", default=None, help="分项评分中符合的各项序号，如 1,3（1 为第一项）")
@click.option("--bonus-allowed", is_flag=True, default=False, help="评价框架允许得分超过分值（加分项）")
@click.option("--file", "table", default=None, type=click.Path(path_type=Path),
              help="一次试算多条：CSV（评分标准,分值,指标值,实际完成值,扣分说明…）或 YAML（rules: 列表）")  # fmt: skip
@format_option("text", "json")
def rule_command(
    text: str | None, weight: str | None, target: str | None, actual: str | None, note: str | None,
    holds: str | None, bonus_allowed: bool, table: Path | None, fmt: str,
) -> None:  # fmt: skip
    """试算中文评分标准：显示它被理解成的规则和给出的得分（不识别的句式不猜测，退出码为 1）。

    给出评分标准与 --weight 试算一条；或用 --file 试算一个表格中的每一行。
    """
    from medaid.errors import Location

    if table is not None:
        if text is not None or weight is not None:
            raise click.UsageError(
                "--file 与单条的评分标准、--weight 不能同时使用：去掉评分标准和 --weight，或去掉 --file"
            )
        _rule_file(table, fmt)
        return
    if text is None or weight is None:
        raise click.UsageError(
            '缺少评分标准或 --weight：如 medaid rule "每低于1个百分点扣1分" --weight 6；或用 --file 表格'
        )
    from medaid.services.evaluation import try_rule
    from medaid.services.rule_trials import parse_holds

    trial = try_rule(text, weight=weight, target=target, actual=actual, note=note, bonus_allowed=bonus_allowed,
                     holds=parse_holds(holds or "", Location(key="--holds")))  # fmt: skip
    if fmt == "json":
        emit_json(trial.to_dict())
    else:
        click.echo(_trial_text(trial))
    done(0 if trial.understood else FINDINGS)


def _trial_text(trial: RuleTrial) -> str:
    from medaid.evaluation.numbers import fmt as show
    from medaid.evaluation.numbers import round2

    if trial.rule is None or trial.outcome is None:
        return str(trial.to_dict()["message"])
    lines = [f"识别为：{trial.rule.label}"]
    if trial.full_marks is not None:
        lines.append(
            f"评分标准满分：{show(trial.full_marks)} 分" + ("（与分值不一致）" if trial.full_marks_differ else "")
        )
    score = trial.outcome.score
    lines.append(f"得分：{'需人工判断' if score is None else show(round2(score))}")
    lines.append(f"依据：{trial.outcome.reason}")
    return "\n".join(lines)


def _rule_file(table: Path, fmt: str) -> None:
    from medaid.services.rule_trials import try_rule_file

    trials = try_rule_file(table)
    if fmt == "json":
        emit_json([t.to_dict() for t in trials])
    else:
        for t in trials:
            click.echo(f"第 {t.row} 行：{t.trial.text}")
            click.echo("  " + _trial_text(t.trial).replace("\n", "\n  "))
        understood = sum(1 for t in trials if t.trial.understood)
        click.echo(f"共 {len(trials)} 条，识别 {understood} 条，未识别 {len(trials) - understood} 条")
    done(0 if all(t.trial.understood for t in trials) else FINDINGS)
