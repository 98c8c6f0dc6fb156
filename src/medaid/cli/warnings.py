"""核查: high-cost warnings (高额费用预警) pushed to departments and followed up."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import emit_json, format_option, group, progress, workspace_argument, year_option
from medaid.money import yuan_text
from medaid.vocab import WARNING_STATES

ACTOR = click.option("--as", "--actor", "actor", default=None, help="经办人账户（默认当前系统用户）")


@group("warnings", section="核查", example="medaid warnings push 工作区 --as-of 2023-12-31")
def warnings_group() -> None:
    """高额费用预警：年内政策范围内个人自付超过预警线的人员，推送相关部门并跟踪认定结果。

    预警线默认 1 万元，可在 medaid.yaml 的 warnings.threshold 与 warnings.groups（按人群）设置；
    政策文件有 warning 键时，预警线、回溯期、推送周期和不预警的人群以政策文件为准。
    """


@warnings_group.command("push", example="medaid warnings push 工作区 --as-of 2023-07-31")
@workspace_argument()
@click.option("--as-of", "as_of", required=True, help="预警截止日期，如 2023-07-31（统计当年1月1日至该日）")
@click.option("--off-cycle", "off_cycle", is_flag=True, default=False,
              help="政策文件规定了推送周期时，在非推送日临时推送（记入审计记录）")  # fmt: skip
@ACTOR
@format_option("text", "json")
def push_command(directory: Path, as_of: str, off_cycle: bool, actor: str | None, fmt: str) -> None:
    """计算预警并推送：新预警登记为“已推送”，每个部门生成一份推送名单（xlsx 与 csv，身份脱敏）。

    同一人同一年只推送一次，再次运行只更新其累计金额。政策文件规定了推送周期（每旬、每月、每季度）时，
    截止日期须为推送日（每旬为10日、20日和月末，每月为月末，每季度为季末）；其他日期将拒绝并提示上一个和下一个推送日。
    """
    from medaid.services.warnings import push_warnings

    with progress() as bars, bars.task("计算高额费用预警", total=None):
        result = push_warnings(directory, as_of, actor=actor, off_cycle=off_cycle)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    click.echo(
        f"截至 {result.as_of}：{len(result.warnings)} 人超过预警线；新推送 {len(result.new)} 人，"
        f"此前已推送、金额更新 {result.updated} 人，无变化 {result.unchanged} 人"
    )
    for department, count in result.by_department().items():
        click.echo(f"  推送{department}：{count} 人")
    for path in result.files:
        click.echo(f"  推送名单已写入 {path}")


@warnings_group.command("follow", example="medaid warnings follow 工作区 12 --state confirmed --note 已认定为低保边缘")
@workspace_argument()
@click.argument("warning_id", metavar="预警编号")
@click.option("--state", required=True, type=click.Choice(["confirmed", "rejected"]),
              help="认定结果：confirmed 已认定，rejected 未认定")  # fmt: skip
@click.option("--note", default=None, help="说明，如认定的救助类别或未认定的原因")
@ACTOR
@format_option("text", "json")
def follow_command(directory: Path, warning_id: str, state: str, note: str | None, actor: str | None, fmt: str) -> None:
    """登记部门对一条预警的认定结果。预警编号也可写脱敏身份证号（如 4599**********1234）。"""
    from medaid.services.warnings import follow_warning

    record = follow_warning(directory, warning_id, state, note=note, actor=actor)
    if fmt == "json":
        emit_json(record.to_dict())
        return
    click.echo(f"预警 {record.id}（{record.id_masked} {record.name_masked or ''}）已登记为“{WARNING_STATES[state]}”")


@warnings_group.command("list", example="medaid warnings list 工作区 --state pushed")
@workspace_argument()
@click.option("--state", type=click.Choice(list(WARNING_STATES)), default=None,
              help="只列出某一状态：pushed 已推送，confirmed 已认定，rejected 未认定")  # fmt: skip
@year_option("年度（默认工作区年度）")
@format_option("text", "json")
def list_command(directory: Path, state: str | None, year: int | None, fmt: str) -> None:
    """列出已推送的预警及其处理状态（身份脱敏）。"""
    from medaid.services.warnings import list_warnings

    found = list_warnings(directory, state=state, year=year)
    if fmt == "json":
        emit_json(found.to_dict())
        return
    click.echo(f"共 {len(found.warnings)} 条预警")
    if found.note:
        click.echo(found.note)
    for r in found.warnings:
        click.echo(
            f"  {r.id:>6}. {r.id_masked} {r.name_masked or ''} {r.group} 自付{yuan_text(r.amount_fen)} "
            f"（预警线{yuan_text(r.threshold_fen)}） 推送{'、'.join(r.departments)} {r.as_of} {WARNING_STATES[r.state]}"
        )


@warnings_group.command("rate", example="medaid warnings rate 工作区 --year 2023")
@workspace_argument()
@year_option("年度（默认工作区年度）")
@format_option("text", "json")
def rate_command(directory: Path, year: int | None, fmt: str) -> None:
    """预警转化率：推送后认定人次 ÷ 推送人次。"""
    from medaid.services.warnings import warning_rate

    rate = warning_rate(directory, year=year)
    if fmt == "json":
        emit_json(rate.to_dict())
        return
    c = rate.conversion
    click.echo(f"{rate.year} 年个人费用预警推送共 {c.pushed} 人次，推送后认定 {c.confirmed} 人次，转化率 {c.percent}")
