"""``medaid warnings``: high-cost warnings (高额费用预警) pushed to departments and followed up."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from medaid.cli.options import help_option
from medaid.workspace import Workspace

STATE_CHOICES = {"pushed": "已推送", "confirmed": "已认定", "rejected": "未认定"}
_DIRECTORY = click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
_FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                       help="输出格式")  # fmt: skip


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as err:
        raise click.BadParameter(f"日期“{text}”无效，应写成 2023-07-31", param_hint="--as-of") from err


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group("warnings")
@help_option
def warnings_group() -> None:
    """高额费用预警：年内政策范围内个人自付超过预警线的人员，推送相关部门并跟踪认定结果。

    预警线默认 1 万元，可在 medaid.yaml 的 warnings.threshold 与 warnings.groups（按人群）设置。
    """


@warnings_group.command("push")
@help_option
@_DIRECTORY
@click.option("--as-of", "as_of", required=True, help="预警截止日期，如 2023-07-31（统计当年1月1日至该日）")
@_FORMAT
def push_command(directory: Path, as_of: str, fmt: str) -> None:
    """计算预警并推送：新预警登记为“已推送”，每个部门生成一份推送名单（xlsx 与 csv，身份脱敏）。

    同一人同一年只推送一次，再次运行只更新其累计金额。
    """
    from medaid.analytics.warning_push import push

    workspace = Workspace.open(directory)
    result = push(workspace, _date(as_of))
    if fmt == "json":
        _echo_json(result.to_dict())
        return
    click.echo(
        f"截至 {result.as_of}：{len(result.warnings)} 人超过预警线；新推送 {len(result.new)} 人，"
        f"此前已推送、金额更新 {result.updated} 人，无变化 {result.unchanged} 人"
    )
    for department, count in result.by_department().items():
        click.echo(f"  推送{department}：{count} 人")
    for path in result.files:
        click.echo(f"  推送名单已写入 {path}")


@warnings_group.command("follow")
@help_option
@_DIRECTORY
@click.argument("warning_id")
@click.option("--state", required=True, type=click.Choice(["confirmed", "rejected"]),
              help="认定结果：confirmed 已认定，rejected 未认定")  # fmt: skip
@click.option("--note", default=None, help="说明，如认定的救助类别或未认定的原因")
@click.option("--actor", default=None, help="经办人（默认当前系统用户）")
def follow_command(directory: Path, warning_id: str, state: str, note: str | None, actor: str | None) -> None:
    """登记部门对一条预警的认定结果。WARNING_ID 为预警编号，或脱敏身份证号（如 4599**********1234）。"""
    from medaid.analytics.warning_push import follow_up

    workspace = Workspace.open(directory)
    record = follow_up(workspace, warning_id, state, note, actor=actor)
    click.echo(f"预警 {record.id}（{record.id_masked} {record.name_masked or ''}）已登记为“{STATE_CHOICES[state]}”")


@warnings_group.command("list")
@help_option
@_DIRECTORY
@click.option("--state", type=click.Choice(list(STATE_CHOICES)), default=None,
              help="只列出某一状态：pushed 已推送，confirmed 已认定，rejected 未认定")  # fmt: skip
@click.option("--year", type=int, default=None, help="年度（默认工作区年度）")
@_FORMAT
def list_command(directory: Path, state: str | None, year: int | None, fmt: str) -> None:
    """列出已推送的预警及其处理状态（身份脱敏）。"""
    from medaid.analytics.warning_push import list_warnings

    workspace = Workspace.open(directory)
    records = list_warnings(workspace, state=state, year=year)
    if fmt == "json":
        _echo_json({"count": len(records), "warnings": [r.to_dict() for r in records]})
        return
    click.echo(f"共 {len(records)} 条预警")
    for r in records:
        click.echo(
            f"  {r.id:>6}. {r.id_masked} {r.name_masked or ''} {r.group} 自付{_yuan(r.amount_fen)}元 "
            f"（预警线{_yuan(r.threshold_fen)}元） 推送{'、'.join(r.departments)} {r.as_of} {STATE_CHOICES[r.state]}"
        )


@warnings_group.command("rate")
@help_option
@_DIRECTORY
@click.option("--year", type=int, default=None, help="年度（默认工作区年度）")
@_FORMAT
def rate_command(directory: Path, year: int | None, fmt: str) -> None:
    """预警转化率：推送后认定人次 ÷ 推送人次。"""
    from medaid.analytics.warning_push import conversion

    workspace = Workspace.open(directory)
    year = year if year is not None else workspace.settings.year
    if year is None:
        raise click.UsageError("工作区未设年度，请用 --year 指定，如 --year 2023")
    result = conversion(workspace, year)
    if fmt == "json":
        _echo_json({"year": year, "pushed": result.pushed, "confirmed": result.confirmed, "rate": result.rate})
        return
    click.echo(
        f"{year} 年个人费用预警推送共 {result.pushed} 人次，推送后认定 {result.confirmed} 人次，转化率 {result.percent}"
    )
