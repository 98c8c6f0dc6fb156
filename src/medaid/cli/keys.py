"""管理: the key of a workspace's personal data."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import emit_json, format_option, group, progress, workspace_argument


@group("key", section="管理", example="medaid key rotate 工作区")
def key_group() -> None:
    """个人信息密钥：更换密钥（身份证号、姓名重新加密，人员关联键重新计算）。

    密钥的备份与丢失后果见 docs/security.md。
    """


@key_group.command("rotate", example="medaid key rotate 工作区")
@workspace_argument()
@format_option("text", "json")
def rotate_command(directory: Path, fmt: str) -> None:
    """更换密钥：生成新密钥，所有人员的身份证号和姓名用新密钥重新加密、关联键重新计算，在一个事务中完成；
    中途中断时再次运行即可完成。旧密钥从此不能打开本工作区，换钥前的备份仍需旧密钥。"""
    from medaid.services.keys import rotate_key

    with progress() as bars, bars.task("更换密钥", total=None):
        result = rotate_key(directory)
    if fmt == "json":
        emit_json(result.to_dict())
        return
    click.echo(result.message)
