"""Commands on a workspace's programme data: init, import, registry."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from medaid.cli.options import help_option
from medaid.workspace import Workspace

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式"
)


@click.command("init")
@help_option
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--region", default="", help="地区名称，如 柳城县")
@click.option("--year", type=int, default=None, help="年度，如 2023")
@click.option("--framework", default=None, help="评价框架文件或内置名称（见 medaid frameworks）")
def init_command(directory: Path, region: str, year: int | None, framework: str | None) -> None:
    """创建工作区：设置文件、内嵌 DuckDB 数据库和个人信息密钥（仅所有者可读）。"""
    workspace = Workspace.init(directory, region=region, year=year, framework=framework)
    click.echo(f"已创建工作区 {workspace.root}")
    click.echo(f"密钥文件：{workspace.key_path}（请妥善备份：丢失后无法再解密姓名和身份证号，但统计分析不受影响）")


@click.command("import")
@help_option
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.argument("kind")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@FORMAT
def import_command(directory: Path, kind: str, files: tuple[Path, ...], fmt: str) -> None:
    """导入数据文件（CSV 或 XLSX，UTF-8 或 GBK）。KIND 为 recipients（救助对象）、deaths（死亡名单）、
    settlements（结算明细）、subsidies（资助参保）、fund（基金收支）或 institutions（定点医疗机构）。

    合格的行写入数据库，不合格的行写入 rejects/ 下的文件（行号、列、值、原因）；重复导入同一文件不会重复入库。
    """
    from medaid.ingest.load import import_file

    workspace = Workspace.open(directory)
    summaries = [import_file(workspace, kind, Path(f)) for f in files]
    if fmt == "json":
        click.echo(json.dumps([s.to_dict() for s in summaries], ensure_ascii=False, indent=2))
        return
    for s in summaries:
        click.echo(
            f"{s.file}（{s.label}）：读取 {s.rows_read} 行，新增 {s.new}，更新 {s.changed}，"
            f"未变 {s.unchanged}，不合格 {s.rejected}"
        )
        if s.rejects_file:
            click.echo(f"  不合格的行见 {s.rejects_file}")
        for note in s.notes:
            click.echo(f"  注意：{note}")


@click.command("registry")
@help_option
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--changes", "show_changes", is_flag=True, help="列出最近两次导入之间的变化（新增、类别变更、退出）")
@FORMAT
def registry_command(directory: Path, show_changes: bool, fmt: str) -> None:
    """救助对象名册（跨部门合并，就高不重复）：按类别统计人数，或列出两次导入之间的变化。"""
    from medaid.analytics.registry import changes

    workspace = Workspace.open(directory)
    with workspace.connect(read_only=True) as con:
        snapshots = [
            r[0] for r in con.execute("SELECT DISTINCT import_id FROM registry_snapshots ORDER BY 1").fetchall()
        ]
        if not snapshots:
            click.echo("尚未导入救助对象名单。")
            sys.exit(0)
        latest = snapshots[-1]
        if show_changes:
            if len(snapshots) < 2:
                click.echo("只有一次名单导入，尚无变化可比较。")
                return
            found = changes(con, snapshots[-2], latest)
            if fmt == "json":
                click.echo(json.dumps([c.__dict__ for c in found], ensure_ascii=False, indent=2))
                return
            click.echo(f"第 {snapshots[-2]} 次与第 {latest} 次导入之间的名册变化：{len(found)} 人")
            for c in found:
                click.echo(f"  {c.change}  {c.person} {c.name or ''}  {c.before or '—'} → {c.after or '—'}")
            return
        rows = con.execute(
            "SELECT category, count(DISTINCT person_key) FROM registry_snapshots WHERE import_id = ? "
            "GROUP BY category ORDER BY 2 DESC",
            [latest],
        ).fetchall()
    if fmt == "json":
        click.echo(json.dumps({"import_id": latest, "by_category": dict(rows)}, ensure_ascii=False, indent=2))
        return
    click.echo(f"救助对象名册（截至第 {latest} 次导入）：")
    for category, people in rows:
        click.echo(f"  {category}：{people} 人")


@click.command("demo-data")
@help_option
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--scale", default="county", show_default=True,
              help="county（约4万条结算）、city（约100万）、province（约1000万）或结算条数")  # fmt: skip
@click.option("--seed", type=int, default=2023, show_default=True, help="随机种子：相同种子生成相同文件")
@click.option("--year", type=int, default=2023, show_default=True, help="年度")
@click.option("--policy", "policy_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="按此政策参数文件（契约4）计算各层待遇；默认为全国默认模板")  # fmt: skip
def demo_data_command(directory: Path, scale: str, seed: int, year: int, policy_file: Path | None) -> None:
    """生成虚构的演示数据（救助对象、死亡、机构、结算、资助参保、基金收支）。

    各层待遇由政策引擎按政策文件计算；其中含已知数量的核查异常与坏行，清单见 manifest.json。
    """
    from medaid.demo.generate import generate

    size: str | int = int(scale) if scale.isdigit() else scale
    try:
        manifest = generate(directory, size, seed=seed, year=year, policy=policy_file)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--scale") from err
    click.echo(f"已在 {directory} 生成演示数据（规模 {manifest.scale}，种子 {manifest.seed}）：")
    for name, rows in manifest.files.items():
        click.echo(f"  {name}：{rows} 行（{manifest.encodings.get(name, 'utf-8-sig')}）")
    click.echo(f"  注入的核查异常：{manifest.anomalies}；坏行 {len(manifest.bad_rows)} 行")
