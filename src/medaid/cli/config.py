"""准备: the settings of a workspace — shown with where each came from, or checked."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import FINDINGS, done, emit_json, format_option, group

SEVERITY_LABELS = {"error": "错误", "warning": "提示"}
WORKSPACE = click.argument("directory", metavar="工作区", type=click.Path(file_okay=False, path_type=Path))


@group("config", section="准备", example="medaid config check 工作区")
def config_group() -> None:
    """工作区设置：medaid.yaml 的各项与 MEDAID_* 环境变量（说明见 docs/settings.md）。"""


@config_group.command("show", example="medaid config show 工作区")
@WORKSPACE
@format_option("text", "json")
def show_command(directory: Path, fmt: str) -> None:
    """列出生效的设置、取值来源（medaid.yaml、环境变量或默认值）；密钥只显示是否已设置。"""
    from medaid.services.config import SOURCES, show_config

    view = show_config(directory)
    if fmt == "json":
        emit_json(view.to_dict())
        return
    width = max(len(e.key) for e in view.entries) + 2
    for e in view.entries:
        shown = "—" if e.value in (None, "", {}) else e.value
        click.echo(f"{e.key:<{width}}{shown}    （{SOURCES[e.source]}）")


@config_group.command("check", example="medaid config check 工作区 --format json")
@WORKSPACE
@format_option("text", "json")
def check_command(directory: Path, fmt: str) -> None:
    """检查设置文件、环境变量、评价框架与政策参数能否找到、密钥文件是否仅所有者可读；有问题时退出码为 1。"""
    from medaid.services.config import check_config

    checked = check_config(directory)
    if fmt == "json":
        emit_json(checked.to_dict())
        done(0 if checked.ok else FINDINGS)
        return
    if not checked.problems:
        click.echo(f"工作区 {checked.root} 的设置没有问题。")
    for p in checked.problems:
        place = p.location.describe()
        click.echo(f"{SEVERITY_LABELS[p.severity]}：{place + '：' if place else ''}{p.message}")
        if p.hint:
            click.echo(f"  提示：{p.hint}")
    done(0 if checked.ok else FINDINGS)


@config_group.command("set", example="medaid config set 工作区 report.unit 示例县医疗保障局")
@WORKSPACE
@click.argument("key", metavar="设置项")
@click.argument("value", metavar="值")
@format_option("text", "json")
def set_command(directory: Path, key: str, value: str, fmt: str) -> None:
    """修改 medaid.yaml 的一项设置（如报告封面 report.unit），修改前整体校验；文件中的注释和次序保留。"""
    from medaid.services.config_set import set_config

    change = set_config(directory, key, value)
    if fmt == "json":
        emit_json(change.to_dict())
        return
    click.echo(f"已设置 {change.key}：{'—' if change.before in (None, '') else change.before} → {change.after}")
