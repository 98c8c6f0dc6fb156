"""medaid accounts: who may see identities unmasked, and the log of every time they did."""

from __future__ import annotations

import json
from pathlib import Path

import click

from medaid.cli.options import format_option, help_option
from medaid.workspace import Workspace

DIRECTORY = click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))


@click.group("accounts")
@help_option
def accounts_group() -> None:
    """账户与角色：管理员、核查员可导出未脱敏名单（每次记入访问日志），查看员只见脱敏信息。"""


@accounts_group.command("add")
@help_option
@DIRECTORY
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "verifier", "viewer"]), required=True,
              help="admin 管理员、verifier 核查员、viewer 查看员")  # fmt: skip
def add_command(directory: Path, name: str, role: str) -> None:
    """创建账户。"""
    from medaid.store.accounts import ROLES, add_account
    from medaid.store.app import session_for

    with session_for(Workspace.open(directory).root) as session:
        add_account(session, name, role)
    click.echo(f"已创建账户“{name}”（{ROLES[role]}）")


@accounts_group.command("list")
@help_option
@DIRECTORY
@format_option("text", "json")
def list_command(directory: Path, fmt: str) -> None:
    """列出账户及其角色。"""
    from medaid.store.accounts import ROLES, accounts
    from medaid.store.app import session_for

    with session_for(Workspace.open(directory).root) as session:
        rows = accounts(session)
    if fmt == "json":
        click.echo(json.dumps([{"name": n, "role": r} for n, r in rows], ensure_ascii=False, indent=2))
        return
    for name, role in rows:
        click.echo(f"{name}\t{ROLES[role]}")


@accounts_group.command("log")
@help_option
@DIRECTORY
@format_option("text", "json")
def log_command(directory: Path, fmt: str) -> None:
    """访问日志：每次未脱敏导出的账户、内容、文件、人数和时间。"""
    from medaid.store.accounts import access_log
    from medaid.store.app import session_for

    with session_for(Workspace.open(directory).root) as session:
        rows = access_log(session)
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r.at:%Y-%m-%d %H:%M:%S}  {r.account}  {r.action}  {r.people} 人  {r.target}")
