"""Commands on evaluation files: score, audit, frameworks, rule."""

from __future__ import annotations

import json
import sys

import click

from medaid.cli.options import help_option
from medaid.cli.text import audit_text, score_text
from medaid.evaluation import audit, audit_dict, load_framework, score_framework, scored_dict
from medaid.evaluation.catalog import GROUPS, entries, resolve
from medaid.evaluation.checks import check_structure
from medaid.evaluation.numbers import fmt as show
from medaid.evaluation.numbers import round2, to_decimal
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules import Inputs
from medaid.evaluation.ruletext import parse_rule_text

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式",
)


def emit_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command("score")
@help_option
@click.argument("file")
@FORMAT
@click.option("--no-reasons", is_flag=True, help="文本输出时不列出各项得分依据")
def score_command(file: str, fmt: str, no_reasons: bool) -> None:
    """按评分规则为评价文件（YAML、CSV 或 XLSX 评分表）计分，输出得分树及每项得分依据。

    没有得分的末级指标由其评分标准和实际完成值计分。
    """
    framework = load_framework(resolve(file))
    scored = score_framework(framework)
    structure = check_structure(scored)
    if fmt == "json":
        data = scored_dict(scored)
        data["findings"] = [f.to_dict() for f in structure]
        emit_json(data)
        return
    click.echo(score_text(scored, reasons=not no_reasons))
    for finding in structure:
        click.echo(f"注意：{finding.message}")


@click.command("audit")
@help_option
@click.argument("file")
@FORMAT
def audit_command(file: str, fmt: str) -> None:
    """审核评分表的一致性：逐项复核分值、得分、得分率、评分标准、等级和报告中的数据。

    无错误时退出码为 0，有任一错误时为 1。
    """
    report = audit(load_framework(resolve(file)))
    if fmt == "json":
        emit_json(audit_dict(report))
    else:
        click.echo(audit_text(report))
    sys.exit(report.exit_code)


@click.command("frameworks")
@help_option
@FORMAT
def frameworks_command(fmt: str) -> None:
    """列出内置的评价框架：模板、五份评价报告的转录和示例。"""
    items = entries()
    if fmt == "json":
        emit_json(
            [
                {
                    "id": e.id,
                    "group": e.group,
                    "title": e.title,
                    "kind": e.kind,
                    "claimed": {"total": e.claimed_total, "grade": e.claimed_grade},
                }
                for e in items
            ]
        )
        return
    for group, label in GROUPS.items():
        click.echo(f"【{label}】")
        for e in items:
            if e.group == group:
                claimed = (
                    f"（声明 {e.claimed_total} 分 {e.claimed_grade or ''}）" if e.claimed_total is not None else ""
                )
                click.echo(f"  {e.id:<52} {e.title}{claimed}")
    click.echo("用法：medaid score <名称或文件>，medaid audit <名称或文件>")


@click.command("rule")
@help_option
@click.argument("text")
@click.option("--weight", type=str, required=True, help="分值")
@click.option("--target", type=str, default=None, help="指标值，如 ≥13500人")
@click.option("--actual", type=str, default=None, help="实际完成值，如 96.2%")
@FORMAT
def rule_command(text: str, weight: str, target: str | None, actual: str | None, fmt: str) -> None:
    """试算一条中文评分标准：显示它被理解成的规则和给出的得分。"""
    weight_value = to_decimal(weight)
    if weight_value is None or weight_value < 0:
        raise click.BadParameter("分值应为不小于 0 的数字", param_hint="--weight")
    rule = parse_rule_text(text)
    if rule is None:
        message = "未能识别该评分标准的句式（不会猜测）。支持的句式见 docs/rules.md。"
        if fmt == "json":
            emit_json({"understood": False, "text": text, "message": message})
        else:
            click.echo(message)
        sys.exit(1)
    outcome = rule.apply(Inputs(weight=weight_value, target=parse_quantity(target), actual=parse_quantity(actual)))
    if fmt == "json":
        emit_json(
            {
                "understood": True,
                "rule": rule.to_dict(),
                "score": None if outcome.score is None else float(round2(outcome.score)),
                "reason": outcome.reason,
            }
        )
        return
    click.echo(f"识别为：{rule.label}（{rule.kind}）")
    full = rule.full_marks()
    if full is not None:
        click.echo(f"评分标准满分：{full} 分" + ("（与分值不一致）" if full != weight_value else ""))
    click.echo(f"得分：{'需人工判断' if outcome.score is None else show(round2(outcome.score))}")
    click.echo(f"依据：{outcome.reason}")
