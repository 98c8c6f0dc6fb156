"""管理: the audit trail's hash chain."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import done, emit_json, format_option, group, workspace_argument


@group("audit-log", section="管理", example="medaid audit-log verify 工作区")
def audit_log_group() -> None:
    """审计日志：未脱敏查看身份信息、评价人员评分等操作的留痕记录，逐条以 SM3 哈希相连，改动可查。"""


@audit_log_group.command("verify", example="medaid audit-log verify 工作区")
@workspace_argument()
@format_option("text", "json")
def verify_command(directory: Path, fmt: str) -> None:
    """逐条核对审计日志的哈希链；有记录被改动、删除或调换时退出码为 1，并指出第一条出问题的记录。"""
    from medaid.services.audit_log import verify_audit_log

    checked = verify_audit_log(directory)
    if fmt == "json":
        emit_json(checked.to_dict())
    elif checked.broken is None:
        click.echo(f"审计日志完整：共 {checked.checked} 条记录，哈希链无断点。")
    else:
        click.echo(f"审计日志在第 {checked.broken} 条处断开：{checked.why}。此前 {checked.checked} 条记录完整。")
    done(checked.exit_code)
