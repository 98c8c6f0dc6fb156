"""管理: accounts and roles, and the log of every unmasked look at identities."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import emit_json, format_option, group, workspace_argument

ROLE_HELP = "admin 管理员、verifier 核查员、viewer 查看员"


@group("accounts", section="管理", example="medaid accounts add 工作区 张三 --role verifier")
def accounts_group() -> None:
    """账户与角色：管理员、核查员可导出未脱敏名单（每次记入访问日志），查看员只见脱敏信息。"""


@accounts_group.command("add", example="medaid accounts add 工作区 张三 --role verifier")
@workspace_argument()
@click.argument("name", metavar="账户名")
@click.option("--role", type=click.Choice(["admin", "verifier", "viewer"]), required=True, help=ROLE_HELP)
@format_option("text", "json")
def add_command(directory: Path, name: str, role: str, fmt: str) -> None:
    """创建账户。"""
    from medaid.services.accounts import add_account

    account = add_account(directory, name, role)
    if fmt == "json":
        emit_json(account.to_dict())
        return
    click.echo(f"已创建账户“{account.name}”（{account.role_label}）")


@accounts_group.command("list", example="medaid accounts list 工作区")
@workspace_argument()
@format_option("text", "json")
def list_command(directory: Path, fmt: str) -> None:
    """列出账户及其角色。"""
    from medaid.services.accounts import list_accounts

    found = list_accounts(directory)
    if fmt == "json":
        emit_json([a.to_dict() for a in found])
        return
    for a in found:
        click.echo(f"{a.name}\t{a.role_label}")


@accounts_group.command("log", example="medaid accounts log 工作区")
@workspace_argument()
@format_option("text", "json")
def log_command(directory: Path, fmt: str) -> None:
    """访问日志：每次申请未脱敏导出的结果（已导出或已拒绝）、账户、系统用户、内容、文件、人数和时间。"""
    from medaid.services.accounts import access_log

    log = access_log(directory)
    if fmt == "json":
        emit_json(log.to_dict())
        return
    for r in log.entries:
        outcome = r.to_dict()["outcome_label"]
        who = f"{r.account}（系统用户 {r.os_user}）" if r.os_user else r.account
        click.echo(f"{r.at:%Y-%m-%d %H:%M:%S}  {outcome}  {who}  {r.action}  {r.people} 人  {r.target}")
