"""核查: the follow-up of verification findings (核查发现的整改)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from medaid.cli.base import emit_json, format_option, group, workspace_argument
from medaid.money import yuan_text
from medaid.vocab import FINDING_STATES, REASONS

if TYPE_CHECKING:
    from medaid.services.follow_ups import FindingView

REASON_HELP = "核查结果：" + "，".join(f"{code} {label}" for code, label in REASONS.items())
STATE_HELP = "整改状态：" + "、".join(FINDING_STATES.values())


def _filters(command: Any) -> Any:
    """The filters ``list`` and ``export`` share."""
    for option in reversed((
        click.option("--month", default=None, help="只看某月最近一次核查的发现，如 2023-07（默认各月）"),
        click.option("--reason", type=click.Choice(list(REASONS)), default=None, help=REASON_HELP),
        click.option("--state", metavar="状态", default=None, help="只看某一" + STATE_HELP),
        click.option("--department", default=None, help="只看某认定部门的救助对象，如 民政、乡村振兴、残联"),
        click.option("--query", default=None, help="按结算编号或脱敏身份证号的一部分查找"),
    )):  # fmt: skip
        command = option(command)
    return command


@group("findings", section="核查", example="medaid findings list 工作区 --month 2023-07 --state 待整改")
def findings_group() -> None:
    """核查发现的整改：各月最近一次核查发现的问题，逐笔登记整改状态（待整改、整改中、已整改、核实无误）和说明。

    每次登记都写入审计日志（核查整改），可用 medaid audit-log verify 核对。
    """


def _line(v: FindingView) -> str:
    r, last = v.found.row, v.follow_up
    departments = "、".join(r.departments) or "不在名单"
    said = f"；{last.actor}：{last.note}" if last else ""
    return (f"  {v.found.month} {r.settlement_id} {r.id_masked or ''} {r.name_masked or ''} {r.settle_date} "
            f"{REASONS[r.reason]} {yuan_text(r.amount)} {departments} [{FINDING_STATES[v.state]}]{said}")  # fmt: skip


@findings_group.command("list", example="medaid findings list 工作区 --month 2023-07 --state 待整改")
@workspace_argument()
@_filters
@click.option("--limit", type=click.IntRange(min=1), default=500, show_default=True, help="最多列出的笔数")
@format_option("text", "json")
def list_command(directory: Path, month: str | None, reason: str | None, state: str | None, department: str | None,
                 query: str | None, limit: int, fmt: str) -> None:  # fmt: skip
    """列出核查发现及其整改状态（身份脱敏），最近的月份在前。"""
    from medaid.services.follow_ups import list_findings

    found = list_findings(directory, month=month, reason=reason, state=state, department=department, query=query,
                          limit=limit)  # fmt: skip
    if fmt == "json":
        emit_json(found.to_dict())
        return
    counts = "，".join(f"{FINDING_STATES[s]} {n}" for s, n in found.states.items())
    click.echo(f"共 {found.count} 笔核查发现（{counts}）")
    for view in found.findings:
        click.echo(_line(view))
    if found.count > len(found.findings):
        rest = found.count - len(found.findings)
        click.echo(f"  ……其余 {rest} 笔未列出：可加 --limit，或用 medaid findings export 导出")


@findings_group.command(
    "follow", example="medaid findings follow 工作区 2023-07 S0001 --reason after_death --state 整改中 "
                      "--note 已发追回通知"
)  # fmt: skip
@workspace_argument()
@click.argument("month", metavar="月份")
@click.argument("settlement_id", metavar="结算编号")
@click.option("--reason", required=True, type=click.Choice(list(REASONS)), help=REASON_HELP)
@click.option("--state", metavar="状态", required=True, help=STATE_HELP)
@click.option("--note", required=True, help="整改说明（必填）：做了什么、依据是什么，如 已追回多付金额")
@click.option("--as", "actor", default=None, help="登记人账户（默认当前系统用户）")
@format_option("text", "json")
def follow_command(directory: Path, month: str, settlement_id: str, reason: str, state: str, note: str,
                   actor: str | None, fmt: str) -> None:  # fmt: skip
    """登记一笔核查发现的整改状态和说明（该月最近一次核查中的发现），并写入审计日志。"""
    from medaid.services.follow_ups import follow_finding

    view = follow_finding(directory, month, settlement_id, reason, state, note, actor=actor)
    if fmt == "json":
        emit_json(view.to_dict())
        return
    r = view.found.row
    click.echo(f"{view.found.month} 结算 {r.settlement_id}（{r.id_masked or ''} {REASONS[r.reason]}）"
               f"已登记为“{FINDING_STATES[view.state]}”")  # fmt: skip


@findings_group.command("history", example="medaid findings history 工作区 S0001 --reason after_death")
@workspace_argument()
@click.argument("settlement_id", metavar="结算编号")
@click.option("--reason", required=True, type=click.Choice(list(REASONS)), help=REASON_HELP)
@format_option("text", "json")
def history_command(directory: Path, settlement_id: str, reason: str, fmt: str) -> None:
    """一笔核查发现的整改记录：每次登记的状态、说明、登记人和时间，最早的在前。"""
    from medaid.services.follow_ups import finding_history

    records = finding_history(directory, settlement_id, reason)
    if fmt == "json":
        emit_json([r.to_dict() for r in records])
        return
    if not records:
        click.echo(f"结算 {settlement_id} 的“{REASONS[reason]}”发现尚无整改登记（待整改）")
    for r in records:
        click.echo(f"  {r.at:%Y-%m-%d %H:%M} {r.actor} {FINDING_STATES[r.state]}：{r.note}")


@findings_group.command("export", example="medaid findings export 工作区 --out 整改情况.xlsx --state 待整改")
@workspace_argument()
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="xlsx 输出文件")
@_filters
def export_command(directory: Path, out: Path, month: str | None, reason: str | None, state: str | None,
                   department: str | None, query: str | None) -> None:  # fmt: skip
    """导出核查发现及其整改状态、说明为 xlsx（身份脱敏）。"""
    from medaid.services.follow_ups import export_findings

    path = export_findings(directory, out, month=month, reason=reason, state=state, department=department,
                           query=query)  # fmt: skip
    click.echo(f"核查发现整改情况已写入 {path}")
