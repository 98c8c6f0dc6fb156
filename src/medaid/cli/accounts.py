"""管理: accounts and roles, and the log of every unmasked look at identities.

Run by whoever administers the machine: each change is an entry of the audit trail with the
operating-system user as its actor. Passwords come from standard input only (never an
argument, which ``ps`` and the shell's history would show).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from medaid.cli.base import emit_json, format_option, group, workspace_argument
from medaid.roles import ROLES

if TYPE_CHECKING:
    from medaid.services.accounts import AccountView

ROLE_HELP = "角色：" + "、".join(f"{k} {v}" for k, v in ROLES.items())
DEPARTMENT_HELP = "认定部门（部门角色必填）：民政、乡村振兴、残联、医保、退役军人事务、其他"
AREA_HELP = "区划范围：2 至 12 位行政区划代码前缀，如 450102；不写则为全部区划"


@group("accounts", section="管理", example="medaid accounts add 工作区 张三 --role clerk --password-stdin")
def accounts_group() -> None:
    """账户与角色：管理员、医保经办、评价人员、财政（只读）、部门（本部门的预警与核查结果）。
    医保经办可导出未脱敏名单（每次记入访问日志）；管理员和医保经办登录网页须用二次验证。"""


def _password_from_stdin() -> str:
    """The password on standard input; one trailing line break (what echo and a here-string add) is dropped."""
    text = sys.stdin.read()
    for ending in ("\r\n", "\n"):
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def _describe(a: AccountView) -> str:
    """One line of ``accounts list`` for an ``AccountView``."""
    parts = [a.name, a.role_label]
    parts.append(f"部门 {a.department}" if a.department else "")
    parts.append(f"区划 {a.area}" if a.area else "全部区划")
    parts.append("有密码" if a.has_password else "无网页密码")
    if a.totp_confirmed:
        parts.append("二次验证已启用")
    elif a.totp_required:
        parts.append("二次验证待绑定")
    if a.locked_until is not None:
        parts.append(f"锁定至 {a.locked_until:%H:%M}")
    if a.disabled:
        parts.append("已停用")
    return "\t".join(p for p in parts if p)


def _show(account: AccountView, fmt: str, done: str) -> None:
    if fmt == "json":
        emit_json(account.to_dict())
        return
    click.echo(f"{done}：{_describe(account)}")


@accounts_group.command("add", example="medaid accounts add 工作区 张三 --role clerk --password-stdin < 密码.txt")
@workspace_argument()
@click.argument("name", metavar="账户名")
@click.option("--role", type=click.Choice(list(ROLES)), required=True, help=ROLE_HELP)
@click.option("--department", metavar="部门", default=None, help=DEPARTMENT_HELP)
@click.option("--area", metavar="区划", default=None, help=AREA_HELP)
@click.option("--password-stdin", is_flag=True, help="从标准输入读取网页登录密码（不写则账户暂不能登录网页）")
@format_option("text", "json")
def add_command(directory: Path, name: str, role: str, department: str | None, area: str | None,
                password_stdin: bool, fmt: str) -> None:  # fmt: skip
    """创建账户。"""
    from medaid.services.accounts import add_account

    password = _password_from_stdin() if password_stdin else None
    account = add_account(directory, name, role, password=password, department=department, area=area)
    _show(account, fmt, "已创建账户")


@accounts_group.command("passwd", example="medaid accounts passwd 工作区 张三 --password-stdin < 密码.txt")
@workspace_argument()
@click.argument("name", metavar="账户名")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取新密码（必填：密码不经命令行参数传递）")
def passwd_command(directory: Path, name: str, password_stdin: bool) -> None:
    """重设网页登录密码（该账户已登录的网页会话随之失效）。"""
    from medaid.services.accounts import set_password
    from medaid.services.common import os_user

    if not password_stdin:
        raise click.UsageError("请加 --password-stdin，并从标准输入提供新密码（如 < 密码.txt）")
    set_password(directory, name, _password_from_stdin(), actor=os_user())
    click.echo(f"已重设账户“{name}”的密码")


@accounts_group.command("unlock", example="medaid accounts unlock 工作区 张三")
@workspace_argument()
@click.argument("name", metavar="账户名")
@format_option("text", "json")
def unlock_command(directory: Path, name: str, fmt: str) -> None:
    """解锁因连续输错密码而锁定的账户。"""
    from medaid.services.accounts import unlock_account
    from medaid.services.common import os_user

    _show(unlock_account(directory, name, actor=os_user()), fmt, "已解锁")


@accounts_group.command("set", example="medaid accounts set 工作区 张三 --role department --department 民政")
@workspace_argument()
@click.argument("name", metavar="账户名")
@click.option("--role", type=click.Choice(list(ROLES)), default=None, help=ROLE_HELP)
@click.option("--department", metavar="部门", default=None, help=DEPARTMENT_HELP)
@click.option("--area", metavar="区划", default=None,
              help="区划范围：2 至 12 位行政区划代码前缀；写 \"\"（空字符串）取消区划限制")  # fmt: skip
@click.option("--disable/--enable", "disabled", default=None, help="停用（已登录的网页会话随之失效）或重新启用账户")
@click.option("--reset-totp", is_flag=True, help="重置二次验证（手机丢失或更换时），下次登录时重新绑定")
@format_option("text", "json")
def set_command(directory: Path, name: str, role: str | None, department: str | None, area: str | None,
                disabled: bool | None, reset_totp: bool, fmt: str) -> None:  # fmt: skip
    """更改账户的角色、部门、区划范围，停用或启用账户，或重置二次验证。"""
    from medaid.services.accounts import reset_totp as reset
    from medaid.services.accounts import update_account
    from medaid.services.common import os_user

    account = update_account(directory, name, role=role, department=department, area=area, disabled=disabled,
                             actor=os_user())  # fmt: skip
    if reset_totp:
        account = reset(directory, name, actor=os_user())
    _show(account, fmt, "已更新账户")


@accounts_group.command("list", example="medaid accounts list 工作区")
@workspace_argument()
@format_option("text", "json")
def list_command(directory: Path, fmt: str) -> None:
    """列出账户：角色、部门、区划范围、二次验证、锁定和停用状态。"""
    from medaid.services.accounts import list_accounts

    found = list_accounts(directory)
    if fmt == "json":
        emit_json([a.to_dict() for a in found])
        return
    for a in found:
        click.echo(_describe(a))


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
