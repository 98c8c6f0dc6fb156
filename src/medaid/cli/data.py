"""准备 and 导入: init, import, registry, demo-data."""

from __future__ import annotations

from pathlib import Path

import click

from medaid.cli.base import command, done, emit_json, format_option, progress, workspace_argument


@command("init", section="准备", example="medaid init 工作区 --region 示例县 --year 2023")
@click.argument("directory", metavar="工作区", type=click.Path(file_okay=False, path_type=Path))
@click.option("--region", default="", help="地区名称，如 柳城县")
@click.option("--year", type=click.IntRange(1990, 2100), default=None, help="年度，如 2023")
@click.option("--framework", default=None,
              help="评价框架文件或内置名称（见 medaid frameworks）；默认 templates/financial_common")  # fmt: skip
@click.option("--project", default=None, help="项目名称（报告封面），默认“城乡医疗救助项目”")
@click.option("--project-type", default=None, help="项目类型（报告封面），如 社保基金")
@click.option("--unit", default=None, help="项目单位（报告封面），如 某县医疗保障局")
@click.option("--department", default=None, help="主管部门（报告封面）")
@click.option("--organiser", default=None, help="评价组织机构（报告封面），如受托的第三方机构")
@format_option("text", "json")
def init_command(directory: Path, region: str, year: int | None, framework: str | None, project: str | None,
                 project_type: str | None, unit: str | None, department: str | None, organiser: str | None,
                 fmt: str) -> None:  # fmt: skip
    """创建工作区：设置文件、内嵌 DuckDB 数据库和个人信息密钥（仅所有者可读）。"""
    from medaid.services.workspaces import init_workspace

    cover = {"project": project, "project_type": project_type, "unit": unit, "department": department,
             "organiser": organiser}  # fmt: skip
    made = init_workspace(directory, region=region, year=year, framework=framework,
                          report={k: v for k, v in cover.items() if v})  # fmt: skip
    if fmt == "json":
        emit_json(made.to_dict())
        return
    click.echo(f"已创建工作区 {made.root}（评价框架 {made.framework}）")
    if made.key_from_environment:
        click.echo(
            "密钥：环境变量 MEDAID_KEY 中的密钥（未生成密钥文件；请妥善保管该密钥：丢失后无法再解密姓名和身份证号）"
        )
    else:
        click.echo(f"密钥文件：{made.key_file}（请妥善备份：丢失后无法再解密姓名和身份证号，但统计分析不受影响）")


@command("import", section="导入", example="medaid import 工作区 recipients 民政名单.csv 乡村振兴名单.xlsx")
@workspace_argument()
@click.argument("kind", metavar="类型")
@click.argument("files", metavar="文件...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--sheet", metavar="工作表", help="读取 Excel 文件的这个工作表（默认：第一个表头相符的工作表）")
@click.option("--replace", is_flag=True, help="已导入的结算人员或金额不同时用新版本替换（原版本留档，须写 --reason）")
@click.option("--reason", metavar="原因", help="替换的原因，与被替换的版本一同留档")
@format_option("text", "json")
def import_command(
    directory: Path,
    kind: str,
    files: tuple[Path, ...],
    sheet: str | None,
    replace: bool,
    reason: str | None,
    fmt: str,
) -> None:
    """导入数据文件（CSV、XLSX 或 ODS；UTF-8、GBK 或 UTF-16）。

    类型为 recipients（救助对象）、deaths（死亡名单）、settlements（结算明细）、subsidies（资助参保）、
    fund（基金收支）或 institutions（定点医疗机构），也可写中文名。合格的行写入数据库，不合格的行写入
    rejects/ 下的文件（行号、列、值、原因）；重复导入同一文件不会重复入库。每个文件要么全部导入，要么都不
    导入；一个文件读不了，其余文件照常导入。已导入的结算编号再次出现而人员或金额不同时，该行作为冲突
    拒收并列出两个版本，除非加 --replace --reason。
    """
    from medaid.services.imports import FailedFile, import_files

    with progress() as bars:
        result = import_files(directory, kind, files, sheet=sheet, replace=replace, reason=reason, progress=bars)
    if fmt == "json":
        emit_json(result.to_dict())
        done(result.exit_code)
        return
    for outcome in result.outcomes:
        if isinstance(outcome, FailedFile):
            place = outcome.error.where.describe()
            click.echo(f"{outcome.file}：未导入 — {place + '：' if place else ''}{outcome.error.what}", err=True)
            if outcome.error.fix:
                click.echo(f"  提示：{outcome.error.fix}", err=True)
            continue
        s = outcome
        click.echo(
            f"{s.file}（{s.label}）：读取 {s.rows_read} 行，新增 {s.new}，更新 {s.changed}，"
            f"未变 {s.unchanged}，不合格 {s.rejected}"
        )
        if s.rejects_file:
            click.echo(f"  不合格的行见 {s.rejects_file}")
        if s.conflicts:
            click.echo(f"  其中 {s.conflicts} 条结算与已导入的版本冲突（人员或金额不同），两个版本见该文件")
        if s.replaced:
            click.echo(f"  替换了 {s.replaced} 条已导入的结算（原因：{reason}；原版本留档）")
        for note in s.notes:
            click.echo(f"  注意：{note}")
    if len(result.outcomes) > 1:
        counts = f"共 {len(result.outcomes)} 个文件：{len(result.files)} 个已导入，{len(result.failed)} 个未导入；"
        click.echo(counts + f"新增 {result.new} 行，不合格 {result.rejected} 行（每个文件要么全部导入，要么都不导入）")
    done(result.exit_code)


@command("registry", section="导入", example="medaid registry 工作区 --changes")
@workspace_argument()
@click.option("--changes", "show_changes", is_flag=True, help="列出最近两次导入之间的变化（新增、类别变更、退出）")
@format_option("text", "json")
def registry_command(directory: Path, show_changes: bool, fmt: str) -> None:
    """救助对象名册（跨部门合并，就高不重复）：按类别统计人数，或列出两次导入之间的变化。"""
    from medaid.services.registry import registry_changes, registry_summary

    if show_changes:
        changed = registry_changes(directory)
        if fmt == "json":
            emit_json(changed.to_dict())
        elif changed.before is None:
            click.echo("只有一次名单导入，尚无变化可比较。" if changed.after else "尚未导入救助对象名单。")
        else:
            click.echo(f"第 {changed.before} 次与第 {changed.after} 次导入之间的名册变化：{len(changed.changes)} 人")
            for c in changed.changes:
                click.echo(f"  {c.change}  {c.person} {c.name or ''}  {c.before or '—'} → {c.after or '—'}")
        return
    summary = registry_summary(directory)
    if fmt == "json":
        emit_json(summary.to_dict())
    elif summary.import_id is None:
        click.echo("尚未导入救助对象名单。")
    else:
        click.echo(f"救助对象名册（截至第 {summary.import_id} 次导入）：")
        for category, people in summary.by_category.items():
            click.echo(f"  {category}：{people} 人")


@command("demo-data", section="准备", example="medaid demo-data 演示数据 --scale county")
@click.argument("directory", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path))
@click.option("--scale", default="county", show_default=True,
              help="county（约4万条结算）、city（约100万）、province（约1000万）或结算条数")  # fmt: skip
@click.option("--seed", type=int, default=2023, show_default=True, help="随机种子：相同种子生成相同文件")
@click.option("--year", type=click.IntRange(1990, 2100), default=2023, show_default=True, help="年度")
@click.option("--policy", "policy_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="按此政策参数文件（契约4）计算各层待遇；默认为全国默认模板")  # fmt: skip
@format_option("text", "json")
def demo_data_command(directory: Path, scale: str, seed: int, year: int, policy_file: Path | None, fmt: str) -> None:
    """生成虚构的演示数据（救助对象、死亡、机构、结算、资助参保、基金收支、预算批复）。

    各层待遇由政策引擎按政策文件计算；其中含已知数量的核查异常与坏行，清单见 manifest.json。
    """
    from medaid.services.demo import generate_data

    size: str | int = int(scale) if scale.isdigit() else scale
    with progress() as bars:
        manifest = generate_data(directory, size, seed=seed, year=year, policy=policy_file, progress=bars)
    if fmt == "json":
        click.echo(manifest.to_json(), nl=False)  # the manifest.json written beside the files
        return
    click.echo(f"已在 {directory} 生成演示数据（规模 {manifest.scale}，种子 {manifest.seed}）：")
    for name, rows in manifest.files.items():
        click.echo(f"  {name}：{rows} 行（{manifest.encodings.get(name, 'utf-8-sig')}）")
    injected = "，".join(f"{label} {n} 笔" for label, n in manifest.anomaly_labels().items())
    click.echo(f"  注入的核查异常：{injected}；坏行 {len(manifest.bad_rows)} 行")
