"""评价 of a table: score, audit, frameworks, rule."""

from __future__ import annotations

import click

from medaid.cli.base import FINDINGS, command, done, emit_json, format_option


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
@click.argument("text", metavar="评分标准")
@click.option("--weight", required=True, help="分值")
@click.option("--target", default=None, help="指标值，如 ≥13500人")
@click.option("--actual", default=None, help="实际完成值，如 96.2%")
@format_option("text", "json")
def rule_command(text: str, weight: str, target: str | None, actual: str | None, fmt: str) -> None:
    """试算一条中文评分标准：显示它被理解成的规则和给出的得分（不识别的句式不猜测，退出码为 1）。"""
    from medaid.evaluation.numbers import fmt as show
    from medaid.evaluation.numbers import round2
    from medaid.services.evaluation import try_rule

    trial = try_rule(text, weight=weight, target=target, actual=actual)
    if fmt == "json":
        emit_json(trial.to_dict())
    elif trial.rule is None or trial.outcome is None:
        click.echo(str(trial.to_dict()["message"]))
    else:
        click.echo(f"识别为：{trial.rule.label}")
        if trial.full_marks is not None:
            click.echo(
                f"评分标准满分：{show(trial.full_marks)} 分" + ("（与分值不一致）" if trial.full_marks_differ else "")
            )
        score = trial.outcome.score
        click.echo(f"得分：{'需人工判断' if score is None else show(round2(score))}")
        click.echo(f"依据：{trial.outcome.reason}")
    done(0 if trial.understood else FINDINGS)
